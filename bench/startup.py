"""The stand-alone build beside the source install: start to a usable window, and size.

    .venv/bin/python bench/startup.py [--bundle dist/briefing/briefing] [--runs 5]
    xvfb-run -a -s -noreset env QT_QPA_PLATFORM=xcb .venv/bin/python bench/startup.py

Under Xvfb give -noreset: without it the server resets when a started program disconnects, and
the next one to connect in that moment aborts (status -6, "could not connect to display").

Both start as a user starts them, `briefing LIBRARY --smoke-test`: the source install's
`briefing` script beside this Python, and the build's executable. Each is timed from just
before it is spawned to the line it prints once its window has settled (shown, exposed, no
op running; the smoke test looks every 25 ms and wants three idle looks in a row, so about
75 ms of each figure is that wait, the same for both). The library is a small one made once
in bench/out/startup/ (the worked example and the 40 Wikinews test articles): this measures
the program, not the data.

Cold: the page cache is emptied of the program's own files first (posix_fadvise DONTNEED on
every file of the build, or of the Python installation, the venv's site-packages and the
checkout's package), so they are read from disk as on the first start after a boot; the
system's libraries stay cached for both. Warm: the median of --runs starts after that.
Beside them, from the same run: `python -c pass`, a bare Qt window (QApplication, a QWidget
shown until exposed) and each program's `--version` (start without Qt). The machine's load
before and after; the build's size on disk and what is largest in it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from _common import OUT, ROOT, ms

WORK = OUT / "startup"
SAMPLE = ROOT / "resources" / "sample"
WIKINEWS = ROOT / "tests" / "data" / "wikinews"

BARE_QT_WINDOW = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.resize(1200, 800)
window.show()
while not (window.windowHandle() and window.windowHandle().isExposed()):
    app.processEvents()
print("exposed", flush=True)
"""


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("BRIEFING_LIBRARY", None)
    env["XDG_CONFIG_HOME"] = str(WORK / "config")  # fresh settings, not the user's
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def until_line(argv: list[str], marker: str) -> tuple[float, float]:
    """(seconds to the first output line holding `marker`, seconds to exit)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    ready = None
    for line in child.stdout:
        if ready is None and marker in line:
            ready = time.perf_counter() - started
    status = child.wait()
    ended = time.perf_counter() - started
    if status != 0 or ready is None:
        raise SystemExit(f"{' '.join(argv)} failed (status {status})")
    return ready, ended


def evict(paths: list[Path]) -> int:
    """Drop these files (folders: every file under them) from the page cache; how many."""
    count = 0
    for path in paths:
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            if file.is_symlink():
                continue
            try:
                fd = os.open(file, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def size_on_disk(folder: Path) -> tuple[int, int]:
    """(bytes allocated, apparent bytes) of every file under `folder`, links not followed."""
    allocated = apparent = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            allocated += info.st_blocks * 512
            apparent += info.st_size
    return allocated, apparent


def largest(folder: Path, top: int = 8) -> list[tuple[str, int]]:
    """The biggest entries of the build's _internal/ (a folder counts whole)."""
    internal = folder / "_internal"
    sizes = []
    for entry in internal.iterdir():
        if entry.is_symlink():
            continue
        size = entry.stat().st_size if entry.is_file() else size_on_disk(entry)[1]
        sizes.append((entry.name, size))
    return sorted(sizes, key=lambda pair: -pair[1])[:top]


def make_library(source: list[str]) -> Path:
    library = WORK / "library.sqlite"
    if not library.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        env = {**environment(), "BRIEFING_LIBRARY": str(library)}
        subprocess.run([*source, "sample"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            [*source, "import", str(WIKINEWS), "--quiet"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", default=str(ROOT / "dist" / "briefing" / "briefing"))
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    bundle = Path(options.bundle).resolve()
    if not bundle.is_file():
        raise SystemExit(f"no build at {bundle}: pyinstaller --noconfirm briefing.spec first")
    source = [str(Path(sys.executable).parent / "briefing")]
    library = make_library(source)
    load_before = os.getloadavg()
    platform = environment().get("QT_QPA_PLATFORM") or "xcb/wayland (a display)"
    print(f"platform: {platform}; library: {library.name} (41 articles); runs: {options.runs}")

    python_files = [
        Path(sysconfig.get_paths()["stdlib"]),
        Path(sysconfig.get_paths()["purelib"]),
        Path(sysconfig.get_config_var("LIBDIR") or "/nonexistent"),
        ROOT / "briefing",
        ROOT / "db",
        ROOT / "resources",
    ]
    programs = {
        "source install": (source, python_files),
        "stand-alone build": ([str(bundle)], [bundle.parent]),
    }
    smoke = [str(library), "--smoke-test"]
    marker = "smoke test: the window settled"
    print("\nstart to a usable window (spawn to settled), ms")
    print(f"{'':20} {'cold':>8} {'warm p50':>9} {'min':>7} {'max':>7} {'to exit':>8}")
    for name, (argv, files) in programs.items():
        evicted = evict(files)
        cold, _ = until_line([*argv, *smoke], marker)
        runs = [until_line([*argv, *smoke], marker) for _ in range(options.runs)]
        ready = [r for r, _ in runs]
        print(
            f"{name:20} {ms(cold):>8} {ms(statistics.median(ready)):>9} {ms(min(ready)):>7}"
            f" {ms(max(ready)):>7} {ms(statistics.median([e for _, e in runs])):>8}"
            f"   ({evicted} files evicted before the cold start)"
        )

    print("\nbaselines from the same run (warm, p50), ms")
    python = [sys.executable, "-c", "print('up', flush=True)"]
    bare_qt = [sys.executable, "-c", BARE_QT_WINDOW]
    for name, argv, mark in (
        ("python -c pass", python, "up"),
        ("bare Qt window", bare_qt, "exposed"),
        ("source --version", [*source, "--version"], "briefing"),
        ("build --version", [str(bundle), "--version"], "briefing"),
    ):
        times = [until_line(argv, mark)[0] for _ in range(options.runs)]
        print(f"{name:20} {ms(statistics.median(times)):>8}")

    allocated, apparent = size_on_disk(bundle.parent)
    print(f"\nthe build: {bundle.parent}")
    print(f"on disk {allocated / 2**20:.0f} MiB (files {apparent / 2**20:.0f} MiB)")
    for entry, size in largest(bundle.parent):
        print(f"  {size / 2**20:7.1f} MiB  {entry}")
    load_after = os.getloadavg()
    print(
        f"\nload average before {load_before[0]:.2f} / {load_before[1]:.2f}, after "
        f"{load_after[0]:.2f} / {load_after[1]:.2f} (1 / 5 min) on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
