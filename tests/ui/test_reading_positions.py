"""Each article opens where the reader left it: across articles and across runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from briefing.core import Library
from briefing.ui.reading_positions import READ_KEEP, ReadingPositions
from tests.conftest import SAMPLE, wikinews_files


def _long_library(library: Library) -> tuple[int, int]:
    library.imports.files([SAMPLE, *wikinews_files(2)])
    ids = [a.id for a in library.articles.list(sort="title")]
    return ids[0], ids[1]


def test_an_article_opens_again_where_it_was_left(qtbot, make_window, library: Library) -> None:
    first, second = _long_library(library)
    window = make_window(library)
    window.resize(1400, 500)  # short, so the articles scroll
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(first)
    text = library.articles.get(first).text
    middle = text.index(" ", len(text) // 2) + 1
    window.reader.scroll_to_offset(middle)
    left_at = window.reader.top_offset()
    assert left_at is not None and left_at > 0
    assert window.open_article(second)
    assert window.reader.page.verticalScrollBar().value() == 0  # never read: the top
    assert window.open_article(first)
    qtbot.waitUntil(lambda: window.reader.top_offset() == left_at)
    window.close()

    again = make_window(library)  # the next run, on the same settings
    again.resize(1400, 500)
    again.show()
    qtbot.waitExposed(again)
    assert again.reader.article_id == first  # the last article…
    qtbot.waitUntil(lambda: again.reader.top_offset() == left_at)  # …where it was left


def test_positions_are_kept_per_library_and_the_oldest_go(tmp_path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    one = ReadingPositions(settings, tmp_path / "one.sqlite")
    two = ReadingPositions(settings, tmp_path / "two.sqlite")
    one.remember(1, 500)
    assert two.recall(1) is None and one.recall(1) == 500
    for article in range(2, READ_KEEP + 3):
        one.remember(article, article)
    again = ReadingPositions(settings, tmp_path / "one.sqlite")
    assert again.recall(1) is None and again.recall(READ_KEEP + 2) == READ_KEEP + 2
    one.remember(READ_KEEP + 2, 0)  # back at the top: nothing to keep
    assert ReadingPositions(settings, tmp_path / "one.sqlite").recall(READ_KEEP + 2) is None
    settings.setValue(f"{again._key}/places", "not json")  # a damaged setting is no position
    assert ReadingPositions(settings, tmp_path / "one.sqlite").recall(2) is None
