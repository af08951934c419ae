"""The briefing workspace's live preview, docked: from the last keystroke to the new preview.

    .venv/bin/python bench/workspace.py [--claims 500] [--runs 5]

Builds (once; kept in bench/out/workspace/) the scratch library of bench/export.py: a
briefing of 500 claims in 10 sections; each run works on a fresh copy of it. Opens the main
window on it as `briefing` does (offscreen unless QT_QPA_PLATFORM says otherwise), the
workspace docked in it on that briefing, and waits for the first preview. Then types a few
words into the bottom line, key by key with the events of each key processed, as a typist
would. The clock runs from the last keystroke to the moment the preview shows HTML holding
the whole typed text (an event loop runs meanwhile, so the debounce timer, the render on the
reader thread and the document's change on the GUI thread all count). Median and worst of
--runs, and how many renders replaced the BLUF in the shown document rather than parsing the
page anew. Target: within 150 ms (issue 13).

Beside it, in the same run: a bare QTextBrowser given the same page with setHtml(), to its
paint (what showing the page costs Qt when it is parsed whole, on the GUI thread), and the
machine's load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from bench._common import OUT, ms, remove_database, verdict  # noqa: E402
from bench.export import build  # noqa: E402
from briefing.core import Library  # noqa: E402
from briefing.ui.app import make_application, open_window  # noqa: E402
from briefing.ui.workspace import open_workspace  # noqa: E402
from briefing.ui.workspace.preview import DEBOUNCE_MS, TYPING_DEBOUNCE_MS  # noqa: E402

TARGET_MS = 150
WORDS = ["Sanctions", "bite", "hard"]


def scratch_library(claims: int) -> tuple[Path, int]:
    """The library and briefing of bench/export.py, built on first use."""
    folder = OUT / "workspace"
    path = folder / f"library-{claims}.sqlite"
    if path.exists():
        with Library.open(path) as library:
            found = [b.id for b in library.briefings.list() if b.title == "Bench briefing"]
        if found:
            return path, found[0]
        path.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    briefing_id = build(path, claims)
    print(f"built a scratch library in {time.perf_counter() - start:.1f} s (kept for next time)")
    return path, briefing_id


def wait_until(app: QApplication, signal, condition, timeout_s: float = 10.0) -> float:
    """Run the event loop until `condition()` holds after `signal`; the time it did.

    An event loop that sleeps between events, as the app's does, not a polling loop: polling
    would compete for the GIL with the reader thread that renders.
    """
    loop = QEventLoop()
    stamps: list[float] = []

    def check() -> None:
        if condition():
            stamps.append(time.perf_counter())
            loop.quit()

    signal.connect(check)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    if condition():
        stamps.append(time.perf_counter())
    else:
        loop.exec()
    signal.disconnect(check)
    if not stamps:
        raise TimeoutError("the preview did not update")
    return stamps[0]


class _Painted(QObject):
    def __init__(self, widget: QTextBrowser) -> None:
        super().__init__(widget)
        self.count = 0
        widget.viewport().installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def bare_browser(app: QApplication, html: str, runs: int) -> list[float]:
    """setHtml() of the whole page on a bare QTextBrowser, to its paint: the baseline."""
    browser = QTextBrowser()
    browser.resize(500, 800)
    browser.show()
    painted = _Painted(browser)
    times = []
    for n in range(runs):
        before = painted.count
        started = time.perf_counter()
        browser.setHtml(html.replace("</h1>", " " * (n % 2) + "</h1>", 1))
        while painted.count == before:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        times.append(time.perf_counter() - started)
    browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    source, briefing_id = scratch_library(args.claims)
    path = source.with_name("typed-in.sqlite")  # the typing is committed: work on a copy
    remove_database(path)
    shutil.copy(source, path)
    settings_path = OUT / "workspace" / "settings.ini"
    settings_path.unlink(missing_ok=True)
    load = os.getloadavg()
    app = make_application()
    library = Library.open(path)
    window = open_window(library, QSettings(str(settings_path), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    try:
        workspace = open_workspace(window)
        docked = workspace.window() is window
        workspace.select_briefing(briefing_id)
        claims = sum(1 for item in workspace.briefing.items if item.kind == "claim")
        preview = workspace.preview
        wait_until(app, preview.updated, lambda: "Five hundred claims." in preview.html)
        bluf = workspace.fields.bluf
        bluf.setFocus()
        renders: list[int] = []
        preview.render_started.connect(lambda: renders.append(1))
        in_place_before = preview.edits_in_place
        latencies = []
        for run in range(args.runs):
            typed = f" {' '.join(WORDS)} {run}."
            for char in typed:
                QTest.keyClicks(bluf, char)
                app.processEvents()
            last_key = time.perf_counter()
            words = typed.strip()
            shown = wait_until(app, preview.updated, lambda w=words: w in preview.html)
            latencies.append(shown - last_key)
            while preview.busy:  # a render overtaken by the last keys may still be running
                wait_until(app, preview.updated, lambda: True)
        html = preview.html
        in_place = preview.edits_in_place - in_place_before
        baseline = bare_browser(app, html, args.runs)
    finally:
        window.close()
        window.runner.shutdown()
        library.close()
    load_after = os.getloadavg()
    median, worst = statistics.median(latencies), max(latencies)
    print(
        f"briefing: {claims} claims, preview HTML {len(html):,} chars; workspace "
        f"{'docked in the main window' if docked else 'floating'}; debounce "
        f"{TYPING_DEBOUNCE_MS} ms while only the bottom line changes ({DEBOUNCE_MS} ms else); "
        f"load average {load[0]:.2f} before, {load_after[0]:.2f} after, on {os.cpu_count()} CPUs"
    )
    print(f"last keystroke to preview updated, {args.runs} runs, ms:")
    print(
        f"  median {ms(median):>6}   worst {ms(worst):>6}   target {TARGET_MS}  "
        f"{verdict(worst * 1000 <= TARGET_MS)}   ({in_place} of the {len(renders)} renders "
        "replaced the bottom line in the shown page, the others parsed the page whole)"
    )
    print(
        f"  baseline: a bare QTextBrowser's setHtml() of the same page to its paint: median "
        f"{ms(statistics.median(baseline))}, worst {ms(max(baseline))}"
    )


if __name__ == "__main__":
    main()
