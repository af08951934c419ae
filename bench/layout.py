"""Reflowing the main window as it is resized, on 100,000 articles, beside a bare Qt window.

    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python bench/layout.py [N] [--before CHECKOUT] [--all]

Works on a copy of the cached N-article library (100,000 unless given), in child processes.
The main window opens on it as `briefing` starts it (fresh settings), with the newest
article in the reader, and is resized through a sweep of widths from 1920 down to 600 and
back, at 1080, 768 and 640 pixels high (a size under the window's minimum is skipped): the
panes fold and come back on the way (ui/main_panes.py), the reader lays its article out at
the new measure, the library list lays out the rows in sight. Each resize is timed to the
window's last paint: events are processed until the window has painted and then until a
pass of the event loop brings no further paint (a resize can take two or three), so the time
is the frame the reader waits for. Before each sweep the window is left alone for half a
second, so that what start-up left to do is not charged to the first resize. The same
sweep runs with the briefing workspace docked (an empty briefing open in it).

Beside it, in the same child: a bare QMainWindow whose central widget is a QTextBrowser
holding the same article's text, resized through the same sweep and timed the same way (what
Qt itself takes to reflow that text and paint a window of that size). With `--before
CHECKOUT` the main window's sweep runs a second time in another child with that checkout's
code first on the path (the same library file, its schema permitting): the figures before
and after a change, in one run, on the same machine under the same load.

Printed: each resize's time beside the bare window's (every third unless --all), p50, p95
and max per sweep against the target of no frame over 50 ms, and the machine's load.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from _common import BENCH, OUT, ensure_library, ms, percentile, remove_database, verdict

FRAME_TARGET_S = 0.050
WIDTHS = [1920, 1700, 1500, 1366, 1280, 1200, 1100, 1024, 960, 900, 840, 780, 720, 660, 600]
HEIGHTS = [1080, 768, 640]


def sweep() -> list[tuple[int, int]]:
    """Down to the narrowest and back up, at each height."""
    sizes = []
    for height in HEIGHTS:
        sizes += [(w, height) for w in WIDTHS]
        sizes += [(w, height) for w in reversed(WIDTHS[:-1])]
    return sizes


def child(path: str, settings: str, docked: bool) -> None:
    """Timed in this (child) process; JSON out."""
    from _app_window import PaintCounter, show_main_window, until
    from PySide6.QtCore import QEventLoop, QSize
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

    app, library, window, _rows = show_main_window(path, settings)

    cpu: dict[str, list[float | None]] = {}  # the GUI thread's CPU time per resize
    paused: dict[str, list[float | None]] = {}  # the garbage collector's pauses in each
    collected: list[float] = []  # the collector's pauses since the resize began

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected.append(-time.perf_counter())
        elif collected:
            collected[-1] += time.perf_counter()

    gc.callbacks.append(on_gc)

    def settled(watch: PaintCounter, act: Callable[[], object], times: list) -> float:
        """Seconds from `act()` to the watched widget's last paint of the frame (and the
        GUI thread's CPU seconds meanwhile, appended to `times`)."""
        before = watch.count
        collected.clear()
        started, cpu_started = time.perf_counter(), time.thread_time()
        act()
        until(app, lambda: watch.count > before)
        last, cpu_last = time.perf_counter(), time.thread_time()
        while True:
            seen = watch.count
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
            QApplication.sendPostedEvents()
            if watch.count == seen:
                times.append(cpu_last - cpu_started)
                return last - started
            last, cpu_last = time.perf_counter(), time.thread_time()

    def run(target: QMainWindow, watch: PaintCounter, name: str) -> list[float | None]:
        """Each resize to its last paint; None where the window cannot take the size."""
        times: list[float | None] = []
        cpu[name], paused[name] = [], []
        for width, height in sweep():
            wanted = QSize(width, height).expandedTo(target.minimumSizeHint())
            if wanted == target.size():
                times.append(None)
                cpu[name].append(None)
                paused[name].append(None)
                continue
            times.append(settled(watch, lambda w=width, h=height: target.resize(w, h), cpu[name]))
            paused[name].append(sum(p for p in collected if p > 0))
        return times

    def quiet(seconds: float = 0.5) -> None:
        """Let what start-up left to do (rows read as painted, deferred timers) be done, so
        that the first resize is charged only with its own work."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    window.library_pane.view.selectRow(0)  # the newest article, opened in the reader
    until(app, lambda: window.reader.article_id is not None)
    article = library.articles.get(window.reader.article_id)
    watch = PaintCounter(window)
    figures: dict[str, object] = {"words": len(article.text.split()), "sizes": sweep()}
    window.resize(1920, 1080)
    quiet()
    figures["main"] = run(window, watch, "main")
    if docked:
        from briefing.ui.workspace import open_workspace

        window.resize(1920, 1080)
        workspace = open_workspace(window, focus=False)
        workspace.new_action.trigger()
        until(app, lambda: workspace.briefing is not None and not workspace.preview.busy)
        quiet()
        figures["docked"] = run(window, watch, "docked")

        bare = QMainWindow()
        text = QTextBrowser(bare)
        text.setPlainText(article.text)
        bare.setCentralWidget(text)
        bare.resize(1920, 1080)
        bare.show()
        until(app, lambda: bare.windowHandle() is not None and bare.windowHandle().isExposed())
        quiet()
        figures["bare"] = run(bare, PaintCounter(bare), "bare")
        bare.close()
    figures["cpu"] = cpu
    figures["gc"] = paused
    print(json.dumps(figures))
    window.close()
    library.close()


def measure(copy: str, settings: str, *, docked: bool, checkout: str | None) -> dict:
    env = dict(os.environ)
    if checkout:  # that checkout's `briefing` package first on the path
        env["PYTHONPATH"] = os.pathsep.join([checkout, env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
    done = subprocess.run(
        [sys.executable, __file__, "--child", copy, settings, "docked" if docked else "-"],
        capture_output=True,
        text=True,
        cwd=BENCH,
        env=env,
    )
    if done.returncode != 0:
        print(f"the app process died (exit status {done.returncode}); its last words:")
        print("\n".join("  " + line for line in done.stderr.strip().splitlines()[-12:]))
        sys.exit(1)
    if os.path.exists(settings):  # fresh settings for the next child
        os.unlink(settings)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="articles (100,000)")
    parser.add_argument("--before", metavar="CHECKOUT", help="also time this checkout's code")
    parser.add_argument("--all", action="store_true", help="print every resize, not a third")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.child:
        child(args.child[0], args.child[1], args.child[2] == "docked")
        return

    source = ensure_library(args.n)
    copy = OUT / f"layout-{args.n}.sqlite"
    settings = OUT / "layout-settings.ini"
    remove_database(copy)
    shutil.copy(source, copy)
    before_copy = copy.with_name(f"before-{copy.name}")
    if args.before:  # a copy of its own: that checkout may upgrade the schema
        shutil.copy(source, before_copy)
    try:
        load = os.getloadavg()
        started = time.perf_counter()
        before = None
        if args.before:
            before = measure(str(before_copy), str(settings), docked=False, checkout=args.before)
        figures = measure(str(copy), str(settings), docked=True, checkout=None)
        if args.before:  # and each once more, so that neither has the machine to itself:
            # the faster of each resize is kept, on both sides alike
            again = measure(str(before_copy), str(settings), docked=False, checkout=args.before)
            ours = measure(str(copy), str(settings), docked=False, checkout=None)
            for kept, other in ((before, again), (figures, ours)):
                for key, values in (("main", kept["main"]), ("cpu", kept["cpu"]["main"])):
                    seconds = other["main"] if key == "main" else other["cpu"]["main"]
                    values[:] = [
                        None if a is None or b is None else min(a, b)
                        for a, b in zip(values, seconds, strict=True)
                    ]
        load_after = os.getloadavg()
        platform = os.environ.get("QT_QPA_PLATFORM") or "default (xcb)"
        print(
            f"{args.n:,} articles (a copy: {copy.name}), Qt platform {platform}; load average "
            f"{load[0]:.2f} before, {load_after[0]:.2f} after, on {os.cpu_count()} CPUs; "
            f"{time.perf_counter() - started:.0f} s in all"
        )
        print(
            f"the reader holds a {figures['words']:,}-word article; each resize to the window's "
            f"last paint, in ms (target: none over {FRAME_TARGET_S * 1000:.0f} ms)"
        )
        columns = [("main", figures["main"]), ("docked", figures["docked"])]
        if before:
            columns.append(("before", before["main"]))
        columns.append(("bare Qt", figures["bare"]))

        def cell(value: float | None) -> str:
            return "—" if value is None else ms(value)

        print("  " + f"{'size':>10}" + "".join(f"  {name:>7}" for name, _ in columns))
        sizes = figures["sizes"]
        for n in range(0, len(sizes), 1 if args.all else 3):
            w, h = sizes[n]
            print(f"  {w:>5}x{h:<4}" + "".join(f"  {cell(v[n]):>7}" for _, v in columns))
        labels = {
            "main": "main window",
            "docked": "workspace docked",
            "before": f"before ({args.before})",
            "bare Qt": "bare Qt window",
        }
        for name, values in columns:
            times = [t for t in values if t is not None]
            worst = max(times)
            judged = name in ("main", "docked")
            print(
                f"{labels[name]:<17} {len(times)} resizes: p50 {ms(statistics.median(times))} "
                f"ms, p95 {ms(percentile(times, 95))} ms, max {ms(worst)} ms  "
                + (verdict(worst < FRAME_TARGET_S) if judged else "(baseline)")
            )
        # What the GUI thread itself spent: a frame far longer than its CPU time waited
        # for the processor (the load) or for the X server, not on our code.
        print("the GUI thread's CPU time per resize (time.thread_time), and the frames over")
        print(
            f"{FRAME_TARGET_S * 1000:.0f} ms: size wall/CPU ms (+ the garbage collector's pause):"
        )
        sides = [("main", "main", figures), ("docked", "docked", figures)]
        if before:
            sides.append(("before", "main", before))
        sides.append(("bare Qt", "bare", figures))
        for name, key, side in sides:
            walls = side["bare" if key == "bare" else key]
            spent = [t for t in side["cpu"][key] if t is not None]
            slow = [
                f"{w}x{h} {ms(wall)}/{ms(cpu)}" + (f" (+gc {ms(pause)})" if pause else "")
                for (w, h), wall, cpu, pause in zip(
                    sizes, walls, side["cpu"][key], side["gc"][key], strict=True
                )
                if wall is not None and wall >= FRAME_TARGET_S
            ]
            print(
                f"  {labels[name]:<17} p50 {ms(statistics.median(spent))}, p95 "
                f"{ms(percentile(spent, 95))}, max {ms(max(spent))}; {', '.join(slow) or 'none'}"
            )
        pauses = [p for key in ("main", "docked") for p in figures["gc"][key] if p]
        print(
            f"resizes of the app's window with a garbage collection in them: {len(pauses)}, "
            f"the longest pause {ms(max(pauses)) if pauses else '—'} ms"
        )
    finally:
        for path in (copy, before_copy):
            remove_database(path)
        settings.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
