"""Issue 14, done when: two copies of the app on one library, one editing while the command
line imports into it, the other editing too; all three real programs. Every edit of both
copies is in the library and shown in both windows, with every imported article.

This window (in the test's process) and a second copy (tests/ui/copy_of_the_app.py, its own
process) each highlight words of the sample article through the Highlight action while
`briefing import` writes a few hundred articles: edits that meet its lock wait off the GUI
thread and go in when it lets go (briefing/ui/undo/writes.py); each copy hears the other's
commits and the import's through PRAGMA data_version and the change journal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from briefing.core import Library, LibraryBusy
from tests.ui.copy_of_the_app import word_spans
from tests.ui.helpers import sample_window

EDITS = int(os.environ.get("BRIEFING_TWO_COPY_EDITS", "12"))  # per copy
ARTICLES = int(os.environ.get("BRIEFING_TWO_COPY_ARTICLES", "300"))


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"article-{i:04d}.txt").write_text(
            f"Report number {i} from the harbour.\n\n"
            + " ".join(
                f"Paragraph {i}.{j} says the cranes moved {i * j} containers." for j in range(30)
            )
            + "\n",
            "utf-8",
        )
    return folder


def test_two_copies_and_an_import_lose_no_edit(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    library = Library.open(path, program="app")
    window, article_id = sample_window(qtbot, make_window, library)
    text = library.articles.get(article_id).text
    spans = word_spans(text)
    assert len(spans) >= 4 * EDITS
    before = len(window.panel.items("Highlights"))
    folder = _articles(tmp_path / "incoming", ARTICLES)
    expected_highlights = before + 2 * EDITS
    expected_articles = 1 + ARTICLES

    importer = subprocess.Popen(
        [sys.executable, "-m", "briefing", "--library", str(path), "import", str(folder), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    second = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.ui.copy_of_the_app",
            str(path),
            str(tmp_path / "second.ini"),
            "1",
            str(EDITS),
            str(expected_highlights),
            str(expected_articles),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    longest = 0.0
    waited = 0
    try:
        qtbot.waitUntil(lambda: _locked(library), timeout=30_000)  # the import is writing
        for start, end in spans[0::2][:EDITS]:  # the second copy takes the odd words
            window.reader.select_span(start, end)
            began = time.perf_counter()
            window.highlight_action.trigger()
            longest = max(longest, time.perf_counter() - began)
            waited += window.runner.edits.pending > 0
            qtbot.wait(30)
        out, err = importer.communicate(timeout=120)
        assert importer.returncode == 0, err
        assert f"{ARTICLES} imported" in out
        qtbot.waitUntil(lambda: window.runner.edits.pending == 0, timeout=30_000)
        qtbot.waitUntil(
            lambda: len(window.panel.items("Highlights")) == expected_highlights,
            timeout=30_000,
        )
        qtbot.waitUntil(
            lambda: window.library_pane.model.rowCount() == expected_articles, timeout=30_000
        )
        seen_out, seen_err = second.communicate(timeout=120)
    finally:
        for process in (importer, second):
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert second.returncode == 0, (seen_out, seen_err)
    seen = json.loads(seen_out)
    assert seen["highlights"] == expected_highlights and seen["articles"] == expected_articles
    # Every edit of both copies is in the library, once, on its words.
    highlighted = {
        (a.start, a.end)
        for a in library.annotations.for_article(article_id)
        if a.kind == "highlight"
    }
    mine = set(spans[0::2][:EDITS])
    theirs = set(spans[1::2][:EDITS])
    assert mine <= highlighted and theirs <= highlighted
    assert library.articles.count() == expected_articles
    # Edits did meet the import's lock, and no window ever waited on it (the busy timeout
    # was 5 s, the edit then dropped).
    assert waited >= 1, waited
    print(f"edits that waited: {waited} of {EDITS}; second copy: {seen}")
    assert longest < 1.0 and seen["longest_trigger_s"] < 1.0
    window.close()
    library.close()


def _locked(library: Library) -> bool:
    """Whether another program holds the write lock now (an empty write that cannot wait)."""
    try:
        with library.lock_wait(0), library.transaction():
            return False
    except LibraryBusy:
        return True
