"""A second copy of the app, in its own process, for tests/ui/test_two_copies.py.

    python -m tests.ui.copy_of_the_app LIBRARY SETTINGS FIRST COUNT EXPECTED_HIGHLIGHTS ARTICLES

It opens the main window on LIBRARY (offscreen), opens article 1, and highlights COUNT words
of it through the Highlight action, starting at word FIRST and taking every other word (the
copy in the test takes the others). Then it waits, with its event loop running, until its
own edits are written and until its window shows EXPECTED_HIGHLIGHTS highlights in the open
article's panel and ARTICLES articles in the library list, the other copy's edits and the
import included; and prints what it saw as JSON. Exit 0 when it saw all of it, 3 if not.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from briefing.core import Library  # noqa: E402
from briefing.ui.main_window import MainWindow  # noqa: E402

DEADLINE_S = 90


def word_spans(text: str) -> list[tuple[int, int]]:
    """Words of six letters or more: both copies compute the same list."""
    return [m.span() for m in re.finditer(r"[A-Za-z]{6,}", text)]


def main() -> int:
    path, settings, first, count, expected, articles = sys.argv[1:7]
    app = QApplication([])
    library = Library.open(path, program="app")
    window = MainWindow(library, QSettings(settings, QSettings.Format.IniFormat))
    window.show()
    window.open_article(1)
    spans = word_spans(library.articles.get(1).text)[int(first) :: 2][: int(count)]
    started = time.monotonic()
    longest = 0.0
    for start, end in spans:
        window.reader.select_span(start, end)
        before = time.perf_counter()
        window.highlight_action.trigger()
        longest = max(longest, time.perf_counter() - before)
        app.processEvents()
    seen: dict[str, object] = {}

    def check() -> None:
        highlights = len(window.panel.items("Highlights"))
        listed = window.library_pane.model.rowCount() if hasattr(window, "library_pane") else -1
        seen.update(
            pending=window.runner.edits.pending,
            highlights=highlights,
            articles=listed,
            longest_trigger_s=round(longest, 3),
            waited_s=round(time.monotonic() - started, 1),
        )
        done = (
            window.runner.edits.pending == 0
            and highlights == int(expected)
            and listed == int(articles)
        )
        if done or time.monotonic() - started > DEADLINE_S:
            seen["complete"] = done
            app.quit()
        else:
            QTimer.singleShot(100, check)

    QTimer.singleShot(100, check)
    app.exec()
    print(json.dumps(seen), flush=True)
    window.close()
    library.close()
    return 0 if seen.get("complete") else 3


if __name__ == "__main__":
    sys.exit(main())
