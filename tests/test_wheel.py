"""The sdist and the wheel install with pip into a fresh virtual environment, outside the
checkout, and run: the command line, the app, with the migrations and resources inside.

Built as pypa/build builds a release: the sdist from the source, then the wheel from the
unpacked sdist, so a file the sdist forgets is missing from the wheel too. The source is the
checkout's tracked files only (`git ls-files`): what a clean clone would build, not whatever
else lies in the working folder. About a minute (the dependencies install from the package
index), so marked `packaging`: .ci/run runs it with `-m packaging`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE
from tests.programs import run

pytestmark = pytest.mark.packaging


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True
    )
    if listed.returncode != 0:
        pytest.skip(f"needs the git checkout to build from: {listed.stderr.strip()}")
    return [name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel), built from a copy of the tracked files."""
    source = tmp_path_factory.mktemp("source")
    for name in tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    done = run([sys.executable, "-m", "build", "--outdir", str(dist), str(source)], timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (sdist,) = dist.glob("briefing-*.tar.gz")
    (wheel,) = dist.glob("briefing-*-py3-none-any.whl")
    return sdist, wheel


def package_files(root: Path, *, prefix: str = "briefing") -> set[str]:
    return {
        str(Path(prefix) / p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_sdist_carries_the_source_migrations_and_resources(built: tuple[Path, Path]) -> None:
    sdist, _ = built
    top = sdist.name.removesuffix(".tar.gz")
    with tarfile.open(sdist) as archive:
        names = {n.removeprefix(f"{top}/") for n in archive.getnames()}
    for folder in ("briefing", "db", "resources"):
        assert package_files(ROOT / folder, prefix=folder) <= names, folder
    assert {"pyproject.toml", "README.md", "PKG-INFO"} <= names


def test_the_wheel_carries_every_module_migration_and_resource(built: tuple[Path, Path]) -> None:
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(
            f"briefing-{version('briefing')}.dist-info/entry_points.txt"
        ).decode()
    assert package_files(ROOT / "briefing") <= names
    assert package_files(ROOT / "db", prefix="briefing/migrations") <= names
    assert package_files(ROOT / "resources", prefix="briefing/resources") <= names
    assert "briefing = briefing.cli:main" in entry_points


def fresh_venv(where: Path) -> Path:
    done = run([sys.executable, "-m", "venv", str(where)])
    assert done.returncode == 0, done.stderr
    return where / "bin"


def check_installed(bin_dir: Path, work: Path) -> None:
    """--version, an import, a search, the Python API from site-packages, and the app."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BRIEFING_LIBRARY")}
    env.update(
        BRIEFING_LIBRARY=str(work / "library.sqlite"),
        XDG_DATA_HOME=str(work / "data"),
        XDG_CONFIG_HOME=str(work / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    briefing = str(bin_dir / "briefing")

    def ok(*argv: str) -> str:
        done = run(list(argv), env=env, cwd=work)
        assert done.returncode == 0, (argv, done.stderr)
        return done.stdout

    assert ok(briefing, "--version") == f"briefing {version('briefing')}\n"
    assert "imported" in ok(briefing, "import", str(SAMPLE))
    assert "SenseTime" in ok(briefing, "search", "facial recognition")
    where = ok(
        str(bin_dir / "python"),
        "-c",
        "import briefing.core as c; print(c.__file__); print(c.resources_dir())",
    ).splitlines()
    assert all(str(bin_dir.parent) in line for line in where), where  # not the checkout's
    assert ok(briefing, "--smoke-test").startswith("smoke test: the window settled on")


def test_the_sdist_and_the_wheel_install_into_a_fresh_venv_and_run(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    sdist, wheel = built
    bin_dir = fresh_venv(tmp_path / "venv")
    work = tmp_path / "work"
    work.mkdir()
    for package, extra in ((sdist, []), (wheel, ["--force-reinstall", "--no-deps"])):
        done = run([str(bin_dir / "pip"), "install", "-q", *extra, str(package)], timeout=900)
        assert done.returncode == 0, done.stderr[-3000:]
        check_installed(bin_dir, work)
        (work / "library.sqlite").unlink()
