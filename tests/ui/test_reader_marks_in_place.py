"""The reader redraws the marks a change touched in the document it shows
(`Reader.update_marks`), and lays the article out anew only when its text or header changed.

Writes go through the window's runner as the app's actions make them; what is checked is
the document the page shows (the same object, or a new one) and the formats in it.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextFormat

from briefing.core import Library, Span
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import sample_window, write


def _format_at(window: MainWindow, offset: int):  # noqa: ANN202 - a QTextCharFormat
    cursor = QTextCursor(window.reader.page.document())
    cursor.setPosition(window.reader.document_position(offset) + 1)
    return cursor.charFormat()


def test_a_deleted_claim_leaves_the_highlight_inside_it_drawn(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    claim = next(c for c in window.view.claims if c.start is not None and c.end - c.start > 40)
    inner = Span(claim.start + 10, claim.start + 20)
    write(qtbot, window, lambda lib: lib.annotations.add(article_id, "highlight", inner))
    document = window.reader.page.document()
    colours = window.reader.colours
    assert _format_at(window, inner.start).background().color() == colours.highlight
    assert _format_at(window, claim.start).background().color() == colours.claim_of(claim.status)

    write(qtbot, window, lambda lib: lib.claims.delete(claim.id))

    assert window.reader.page.document() is document  # redrawn in place
    assert _format_at(window, inner.start).background().color() == colours.highlight
    for outside in (claim.start, claim.end - 2):  # the claim's words outside the highlight
        assert not _format_at(window, outside).hasProperty(QTextFormat.Property.BackgroundBrush)
    # The layout's own formats stay: the body font everywhere it was.
    assert _format_at(window, claim.start).font().family() == (
        _format_at(window, inner.start).font().family()
    )
    assert not window.reader.page.document().isModified()


def test_a_mention_keeps_its_colour_when_a_claim_over_it_comes_and_goes(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    mention = next(m for m in window.view.mentions if m.start is not None)
    before = _format_at(window, mention.start)
    span = Span(max(0, mention.start - 5), mention.end + 5)
    added = write(qtbot, window, lambda lib: lib.claims.add(article_id, span, status="denied"))
    inside = _format_at(window, mention.start)
    assert inside.foreground().color() == before.foreground().color()  # a mention shows in it
    assert inside.background().color() == window.reader.colours.claim_of("denied")
    write(qtbot, window, lambda lib: lib.claims.delete(added.id))
    after = _format_at(window, mention.start)
    assert after.foreground().color() == before.foreground().color()
    assert after.underlineStyle() == before.underlineStyle()
    assert not after.hasProperty(QTextFormat.Property.BackgroundBrush)


def test_a_new_title_lays_the_article_out_anew(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    document = window.reader.page.document()
    write(qtbot, window, lambda lib: lib.articles.edit(article_id, title="A title of its own"))
    assert window.reader.page.document() is not document
    assert window.reader.page.document().firstBlock().text() == "A title of its own"
