"""The stand-alone build ($BRIEFING_BUNDLE, made by `pyinstaller briefing.spec`) carries
what the program needs and only the Qt it uses, and does what the source install does: the
same commands give the same output, and the app opens.

Run by .ci/run after it builds (`-m packaging`); skipped without a build (tests/programs.py).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.cli import build_parser
from tests.conftest import ROOT, SAMPLE
from tests.programs import SOURCE, require_bundle, run
from tests.ui.window_runs import x_server as own_x_server

pytestmark = pytest.mark.packaging

HTML_PAGE = ROOT / "tests" / "data" / "html" / "harbour-gazette-ferry.html"
MARKDOWN = """# Ministers agree on a ferry subsidy

*By A. Reporter*

The transport ministry said on Tuesday it would pay for a **night ferry** until 2027,
after the council asked for help.
"""


@pytest.fixture(scope="module")
def bundle() -> Path:
    return require_bundle()


@pytest.fixture(scope="module")
def internal(bundle: Path) -> Path:
    return bundle.parent / "_internal"


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_it_carries_only_the_qt_modules_and_plugins_it_uses(internal: Path) -> None:
    pyside = internal / "PySide6"
    modules = {p.name.split(".")[0] for p in pyside.glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}
    plugins = pyside / "Qt" / "plugins"
    kinds = {p.name for p in plugins.iterdir()}
    assert kinds <= {
        "platforms",
        "wayland-shell-integration",
        "wayland-decoration-client",
        "iconengines",
        "imageformats",
        "platforminputcontexts",
        "platformthemes",
        "printsupport",
    }, kinds
    platforms = sorted(p.name for p in (plugins / "platforms").iterdir())
    assert len(platforms) == 3
    for pattern in ("libqxcb.so", "libqwayland*.so", "libqoffscreen.so"):
        assert any(fnmatch.fnmatch(name, pattern) for name in platforms), platforms
    assert sorted(p.name for p in (plugins / "imageformats").iterdir()) == ["libqsvg.so"]
    assert sorted(p.name for p in (plugins / "iconengines").iterdir()) == ["libqsvgicon.so"]
    assert not (pyside / "Qt" / "translations").exists()
    everything = [p.name for p in internal.rglob("*")]
    for unwanted in ("*WebEngine*", "*Qt6Network*", "*Qt6Qml*", "libgtk-3*", "libqgtk3*"):
        assert not fnmatch.filter(everything, unwanted), unwanted
    dangling = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling


def test_it_carries_the_migrations_resources_and_metadata(internal: Path) -> None:
    assert files_under(internal / "briefing" / "migrations") == {
        p.name: p.read_bytes() for p in sorted((ROOT / "db").glob("*.sql"))
    }
    assert files_under(internal / "briefing" / "resources") == files_under(ROOT / "resources")
    (metadata,) = internal.glob("briefing-*.dist-info/METADATA")
    assert f"\nVersion: {version('briefing')}\n" in metadata.read_text("utf-8")


def test_version_agrees_with_the_package_metadata(bundle: Path) -> None:
    shown = run([str(bundle), "--version"])
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == f"briefing {version('briefing')}\n"
    assert version("briefing") != "0+unknown"


def groups(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """The top parser and every command that has commands of its own, with their paths."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield path, parser
            for name, sub in action.choices.items():
                yield from groups(sub, (*path, name))


def test_every_command_is_there(bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each group's help, which names its commands, reads as the source's parser writes it.
    (Every command module is loaded to build the parser, so this also finds them all.)"""
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps to the terminal's width
    found = list(groups(build_parser()))
    assert len(found) > 5 and ("brief",) in dict(found)
    for path, parser in found:
        helped = run([str(bundle), *path, "--help"])
        assert helped.returncode == 0, (path, helped.stderr)
        assert helped.stdout == parser.format_help(), path
    assert "install-desktop" in found[0][1].format_help()


def comparable(text: str) -> str:
    """Output with what differs between any two runs taken out: uids, times, scores."""
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uid>", text)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", "<time>", text)
    return re.sub(r'"score": -?[\d.e+-]+', '"score": <score>', text)


def test_it_imports_searches_and_exports_as_the_source_install_does(
    bundle: Path, tmp_path: Path
) -> None:
    """The same session run by both, each on its own library: every output the same."""
    markdown = tmp_path / "ferry-subsidy.md"
    markdown.write_text(MARKDOWN, "utf-8")
    session = [
        ["sample", "--json"],
        ["import", str(SAMPLE), str(markdown), str(HTML_PAGE), "--json"],
        ["list", "--json"],
        ["show", "3", "--json"],
        ["search", "ferry", "--json"],
        ["search", '"facial recognition" OR subsidy', "--json"],
        ["claims", "--json"],
        ["actor", "list", "--json"],
        ["brief", "new", "Ferries and chips", "--author", "A. Analyst", "--date", "2026-01-02"],
        ["brief", "add", "1", "1", "2", "5", "--section", "Sanctions"],
        ["brief", "note", "1", "Watch *both* ferries.", "--section", "Outlook"],
        ["export", "1", "--format", "md", "-o", "{out}/brief.md"],
        ["export", "1", "--format", "html", "-o", "{out}/brief.html"],
        ["export", "1", "--format", "pdf", "-o", "{out}/brief.pdf"],
        ["annotations", "export", "1", "--format", "w3c", "-o", "{out}/w3c.jsonld"],
    ]
    outputs: dict[str, list[str]] = {}
    for name, program in (("source", SOURCE), ("bundle", [str(bundle)])):
        out = tmp_path / name
        out.mkdir()
        env = {**os.environ, "BRIEFING_LIBRARY": str(out / "library.sqlite")}
        env.pop("QT_QPA_PLATFORM", None)  # the PDF needs no display: pdf.py sees to it
        env.pop("DISPLAY", None)
        outputs[name] = []
        for args in session:
            args = [a.replace("{out}", str(out)) for a in args]
            done = run([*program, *args], env=env)
            assert done.returncode == 0, (name, args, done.stderr)
            outputs[name].append(comparable(done.stdout.replace(str(out), "<out>")))
        for produced in ("brief.md", "brief.html", "w3c.jsonld"):
            outputs[name].append(comparable((out / produced).read_text("utf-8")))
        pdf = PdfReader(out / "brief.pdf")
        outputs[name].append(str(pdf.metadata.title) + str(pdf.metadata.author))
        outputs[name].append(" ".join(" ".join(p.extract_text() for p in pdf.pages).split()))
    imported = json.loads(outputs["bundle"][1])
    assert [i["status"] for i in imported] == ["duplicate", "imported", "imported"]
    assert imported[1]["title"] == "Ministers agree on a ferry subsidy"
    assert imported[2]["title"] == "Night ferry to return in spring, council says"  # trafilatura
    assert "Ferries and chips" in outputs["bundle"][-1] and "Sanctions" in outputs["bundle"][-1]
    for step, (theirs, ours) in enumerate(zip(outputs["source"], outputs["bundle"], strict=True)):
        assert ours == theirs, f"step {step}: {session[step] if step < len(session) else ''}"


def app_environment(tmp_path: Path, **platform: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BRIEFING_LIBRARY", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(platform)
    return env


def assert_opened(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stderr
    assert "could not load the qt platform plugin" not in done.stderr.lower(), done.stderr
    assert done.stdout.startswith("smoke test: the window settled on "), done.stdout


def test_the_app_opens_offscreen(bundle: Path, tmp_path: Path) -> None:
    assert_opened(run([str(bundle), "--smoke-test"], env=app_environment(tmp_path)))


@pytest.fixture
def x_server() -> Iterator[dict[str, str]]:
    """An X server of our own (Xvfb) for the test; its environment. Its own display, taken
    by the server itself: `xvfb-run -a` guesses one from the lock files, and two sessions
    starting at once met on the same :99."""
    with own_x_server(1280, 800) as display:
        yield {"DISPLAY": display}


def test_the_app_opens_on_an_x_server(
    bundle: Path, tmp_path: Path, x_server: dict[str, str]
) -> None:
    env = {**app_environment(tmp_path, QT_QPA_PLATFORM="xcb"), **x_server}
    assert_opened(run([str(bundle), "--smoke-test"], env=env))


@pytest.fixture
def wayland(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A Wayland compositor of our own (Weston, headless) for the test; its environment."""
    weston = shutil.which("weston")
    if weston is None:
        pytest.skip("needs weston (.ci/run installs it) for a Wayland compositor")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    socket = "briefing-test"
    compositor = subprocess.Popen(
        [weston, "--backend=headless-backend.so", f"--socket={socket}", "--idle-time=0"],
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not (runtime / socket).exists():
            assert compositor.poll() is None, "weston ended before it listened"
            assert time.monotonic() < deadline, "weston did not listen within 30 s"
            time.sleep(0.05)
        yield {"XDG_RUNTIME_DIR": str(runtime), "WAYLAND_DISPLAY": socket}
    finally:
        compositor.terminate()
        compositor.wait(30)


def test_the_app_opens_on_a_wayland_compositor(
    bundle: Path, tmp_path: Path, wayland: dict[str, str]
) -> None:
    env = app_environment(tmp_path, QT_QPA_PLATFORM="wayland", **wayland)
    assert_opened(run([str(bundle), "--smoke-test"], env=env))


def test_the_build_syncs_with_a_team_library(bundle: Path, postgres, tmp_path: Path) -> None:
    """psycopg and its bundled libpq inside the build: one analyst on the build joins a team
    library in the session's throwaway PostgreSQL, another on the source install pulls."""
    from tests import postgres as pg

    env = {**os.environ, "PGPASSWORD": pg.PASSWORD}
    url, team = postgres.tcp_url(password=None), postgres.new_team()
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"

    def ok(program: list[str], library: Path, *args: str) -> str:
        done = run([*program, "--library", str(library), *args], env=env)
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    build = [str(bundle)]
    ok(build, a, "sample")
    assert "pushed" in ok(build, a, "team", "join", url, "--team", team)
    assert "pulled" in ok(SOURCE, b, "team", "join", url, "--team", team)
    quotes = [sorted(c["quote"] for c in json.loads(ok(p, lib, "claims", "--json")))
              for p, lib in ((build, a), (SOURCE, b))]  # fmt: skip
    assert len(quotes[0]) == 6 and quotes[0] == quotes[1]
    status = json.loads(ok(build, a, "team", "status", "--json"))
    assert status["joined"] and status["team"] == team and status["online"]
