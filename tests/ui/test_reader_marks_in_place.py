"""The reader redraws the marks a change touched in the document it shows
(`Reader.update_marks`), and lays the article out anew only when its text or header changed.

Writes go through the window's runner as the app's actions make them; what is checked is
the document the page shows (the same object, or a new one) and the formats in it, and what
the screen shows of the page: a mark redrawn in place is repainted without a scroll, the
shapes drawn over the text (a suggestion's outline) included.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage, QTextCursor, QTextFormat

from briefing.core import Library, Span
from briefing.ui.actions.suggestions import suggest_mentions
from briefing.ui.main_window import MainWindow
from briefing.ui.widgets.annotation_panel import IdRole
from briefing.ui.widgets.reader_marks import Decoration
from tests.ui.helpers import sample_window, write

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


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


def _on_screen(window: MainWindow) -> QImage:
    """What the screen shows of the reader's viewport: the window's backing store as last
    painted (a widget's grab() paints it anew, and would hide an area never repainted)."""
    viewport = window.reader.page.viewport()
    corner = viewport.mapTo(window, QPoint(0, 0))
    screen = window.windowHandle().screen()
    pixmap = screen.grabWindow(window.winId(), corner.x(), corner.y(), *viewport.size().toTuple())
    return pixmap.toImage()


def _outline_pixels(window: MainWindow, image: QImage, deco: Decoration) -> int:
    """Pixels on the edges of the decoration's outlines (in the viewport's `image`) near
    the suggestion's colour."""
    colour = window.reader.colours.suggestion
    ratio = image.devicePixelRatio()
    found = 0
    for rect in window.reader.page.shapes(deco):
        assert isinstance(rect, QRectF)
        box = rect.adjusted(-1, -1, 1, 1).toAlignedRect()
        for x in range(box.left(), box.right() + 1):
            for y in range(box.top(), box.bottom() + 1):
                if min(x - box.left(), box.right() - x, y - box.top(), box.bottom() - y) > 1:
                    continue  # inside the outline: the text
                pixel = image.pixelColor(round(x * ratio), round(y * ratio))
                distance = sum(
                    abs(a - b) for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3], strict=True)
                )
                found += distance < 90
    return found


def test_suggestions_outlined_and_rejected_are_repainted_without_a_scroll(
    qtbot, make_window, library: Library
) -> None:
    window, _article_id = sample_window(qtbot, make_window, library)
    window.resize(1366, 768)  # the first user's screen
    qtbot.waitUntil(lambda: window.reader.page.viewport().width() < 1000)
    page = window.reader.page
    position = page.verticalScrollBar().value()
    op = suggest_mentions(window)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.panel.items("Suggested") != [])
    in_sight = [
        d
        for d in page.decorations
        if d.style == "outline"
        and all(page.viewport().rect().contains(r.toAlignedRect()) for r in page.shapes(d))
    ]
    assert in_sight  # the worked example has suggestions in its first screen
    qtbot.wait(50)  # the repaints asked for are done
    shown = _on_screen(window)
    assert page.verticalScrollBar().value() == position  # no scroll repainted it
    for deco in in_sight:
        assert _outline_pixels(window, shown, deco) > 10, deco

    rejected = in_sight[0]
    item = next(
        i
        for i in window.panel.items("Suggested")
        if window.reader.document_position(
            next(s for s in window.view.suggestions if s.id == i.data(0, IdRole)).start
        )
        == rejected.start
    )
    window.activateWindow()  # the key's shortcut needs the window active (xcb)
    qtbot.waitUntil(window.isActiveWindow)
    window.panel.tree.setFocus()
    window.panel.tree.setCurrentItem(item)
    qtbot.wait(50)  # what the focus leaving the page repaints is painted
    assert page.verticalScrollBar().value() == position
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_R, CTRL_SHIFT)  # Reject Suggestion
    qtbot.waitUntil(lambda: rejected not in page.decorations)
    qtbot.wait(50)
    shown = _on_screen(window)
    assert _outline_pixels(window, shown, rejected) < 5
    for deco in in_sight[1:]:  # the others stay outlined
        assert _outline_pixels(window, shown, deco) > 10, deco
