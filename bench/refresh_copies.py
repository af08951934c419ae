"""A second copy of the app catching up with one claim edit made by another program: end to
end (the other program's commit to the window repainted) and the GUI work it takes.

    .venv/bin/python bench/refresh_copies.py [N] [--claims 2000] [--runs 20]

The library is bench/refresh.py's (the cached N-article library with `--claims` claims;
default 5,000 articles). The main window is shown offscreen with a claimed article open in
the reader, its poll running as in the app (PRAGMA data_version every 500 ms). Another
process edits one claim of the open article `--runs` times, at random moments, and prints the
wall-clock time of each commit. For each, the figures are:

- end to end: from that commit to the window having read the change and repainted (targets:
  under 1 s; the poll's interval bounds the wait, so about 250 ms on average);
- GUI work: the poll that found the change (the journal read and every `library_changed`
  handler) and the repaint after it, all on the GUI thread (target: under 50 ms);

beside the baselines from the same run: a poll that finds nothing (what the GUI thread pays
twice a second) and a raw `PRAGMA data_version`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _app_window import PaintCounter, until  # noqa: E402
from _common import OUT, ms, p50, percentile, verdict  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from refresh import prepare  # noqa: E402

from briefing.core import Library  # noqa: E402
from briefing.ui.app import make_application, open_window  # noqa: E402

EDITOR = """
import random, sys, time
from briefing.core import Library
library = Library.open(sys.argv[1], program="command", detail="claim edit")
claim, runs = int(sys.argv[2]), int(sys.argv[3])
statuses = ("disputed", "asserted")
for k in range(runs):
    time.sleep(random.uniform(0.6, 1.2))
    library.claims.edit(claim, status=statuses[k % 2], note=f"edit {k}")
    print(time.time(), flush=True)
library.close()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=5000)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    path = prepare(args.n, args.claims)
    app = make_application()
    library = Library.open(path, create=False, program="app")
    settings = QSettings(str(OUT / "refresh-copies-settings.ini"), QSettings.Format.IniFormat)
    settings.clear()
    window = open_window(library, settings, daily_backup_after_ms=None)
    rows = library.claims.rows()
    open_id = rows[0].article_id
    claim_id = rows[0].id
    until(app, lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    assert window.open_article(open_id, select=True)
    app.processEvents()
    reader = PaintCounter(window.reader.page.viewport())

    # The poll as the app runs it, timed: the runner's own timer stops, ours calls it.
    runner = window.runner
    runner._poll.stop()
    seen_at: list[float] = []  # wall clock, after the repaint
    work: list[float] = []  # GUI thread seconds: the poll and the repaint
    idle: list[float] = []

    def poll() -> None:
        version = runner._seen
        painted = reader.count
        started = time.perf_counter()
        runner.poll()
        if runner._seen == version:
            idle.append(time.perf_counter() - started)
            return
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        if reader.count == painted:
            until(app, lambda: reader.count > painted, timeout=5)
        work.append(time.perf_counter() - started)
        seen_at.append(time.time())

    timer = QTimer()
    timer.setInterval(runner.POLL_MS)
    timer.timeout.connect(poll)
    timer.start()
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, path, str(claim_id), str(args.runs)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert editor.stdout is not None
    committed: list[float] = []
    reading = threading.Thread(
        target=lambda: committed.extend(float(line) for line in editor.stdout)  # type: ignore[union-attr]
    )
    reading.start()
    until(app, lambda: editor.poll() is not None, timeout=30 + 2 * args.runs)
    reading.join()
    until(app, lambda: len(seen_at) >= len(committed), timeout=10)
    timer.stop()
    conn = library.connection()
    raw = []
    for _ in range(200):
        started = time.perf_counter()
        conn.execute("PRAGMA data_version").fetchone()
        raw.append(time.perf_counter() - started)
    end_to_end = [seen - made for made, seen in zip(committed, seen_at, strict=True)]
    shown = library.claims.get(claim_id).note
    assert window.view is not None and any(c.note == shown for c in window.view.claims)
    print(
        f"{library.articles.count():,} articles, {len(rows):,} claims; {len(committed)} edits "
        f"by another process; load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"end to end (commit to repainted)  p50 {ms(p50(end_to_end)):>6} ms   "
        f"p90 {ms(percentile(end_to_end, 90)):>6} ms   max {ms(max(end_to_end)):>6} ms   "
        f"(target < 1 s: {verdict(max(end_to_end) < 1.0)})"
    )
    print(
        f"GUI work (poll, handlers, repaint) p50 {ms(p50(work)):>6} ms   "
        f"p90 {ms(percentile(work, 90)):>6} ms   max {ms(max(work)):>6} ms   "
        f"(target < 50 ms: {verdict(max(work) < 0.050)})"
    )
    print(
        f"baseline: a poll that finds nothing p50 {ms(p50(idle))} ms (n {len(idle)}); "
        f"raw PRAGMA data_version p50 {ms(p50(raw))} ms"
    )
    window.close()
    library.close()


if __name__ == "__main__":
    main()
