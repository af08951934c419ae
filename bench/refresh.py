"""How long the main window takes to catch up with a change: a claim edited elsewhere, a claim
edited in the open article, a claim added elsewhere, a briefing made.

    .venv/bin/python bench/refresh.py [N] [--claims 2000] [--runs 30]

The library is the cached N-article bench library (build_library.py; default 5,000) copied
to bench/out/refresh-N.sqlite, with `--claims` claims spread over its newest articles. The
main window is shown offscreen as `briefing` opens it, with a claimed article open in the
reader and the list painted. Each run writes through a second `Library` on the file (another
program), then times the window catching up: `runner.catch_up()` (the journal read and every
handler of `library_changed`) and the repaint that follows, as the poll would run them. The
poll timer is stopped so that it does not catch the change first.

Run it on another checkout to compare (e.g. `git archive main | tar -x -C /tmp/main` and
PYTHONPATH=/tmp/main): the script only uses what both have.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _app_window import show_main_window  # noqa: E402
from _common import OUT, ensure_library, ms, p50, percentile  # noqa: E402
from PySide6.QtCore import QEventLoop  # noqa: E402

from briefing.core import Library, Span  # noqa: E402


def prepare(n: int, claims: int) -> str:
    path = OUT / f"refresh-{n}-{claims}.sqlite"
    if not path.exists():
        source = ensure_library(n)
        scratch = path.with_suffix(".building")
        shutil.copyfile(source, scratch)
        with Library.open(scratch) as library:
            speaker = library.actors.add("Bench Speaker", kind="person").id
            newest = library.articles.ids(sort="date", descending=True)[: max(1, claims // 2)]
            with library.transaction():
                for k in range(claims):
                    article_id = newest[k % len(newest)]
                    start = 10 * (k // len(newest))
                    library.claims.add(article_id, Span(start, start + 8), speaker=speaker)
        for suffix in ("-wal", "-shm"):
            stale = scratch.with_name(scratch.name + suffix)
            if stale.exists():
                stale.unlink()
        scratch.rename(path)
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=5000)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    path = prepare(args.n, args.claims)
    app, library, window, _rows = show_main_window(path, str(OUT / "refresh-settings.ini"))
    window.runner._poll.stop()
    claims = library.claims.rows()
    by_article: dict[int, list[int]] = {}
    for row in claims:
        by_article.setdefault(row.article_id, []).append(row.id)
    open_id, elsewhere = list(by_article)[:2]
    assert window.open_article(open_id, select=True)
    app.processEvents()
    other = Library.open(path)

    def catch_up() -> float:
        started = time.perf_counter()
        window.runner.catch_up()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        return time.perf_counter() - started

    statuses = ("disputed", "asserted")
    cases = {
        "claim edited in another article": lambda k: other.claims.edit(
            by_article[elsewhere][0], status=statuses[k % 2]
        ),
        "claim edited in the open article": lambda k: other.claims.edit(
            by_article[open_id][0], status=statuses[k % 2]
        ),
        "claim added in another article": lambda k: other.claims.add(
            elsewhere, Span(200 + k, 204 + k)
        ),
        "briefing made": lambda k: other.briefings.new(f"Bench {k}"),
    }
    print(f"{library.articles.count():,} articles, {len(claims):,} claims; {args.runs} runs")
    for label, change in cases.items():
        times = []
        for k in range(args.runs):
            change(k)
            times.append(catch_up())
        print(f"{label:36} p50 {ms(p50(times)):>6} ms   p90 {ms(percentile(times, 90)):>6} ms")
    other.close()
    window.close()
    library.close()


if __name__ == "__main__":
    main()
