"""The annotation panel: how to start on an unannotated article, and rows that can all be
scrolled to."""

from __future__ import annotations

from briefing.core import Library
from tests.ui.helpers import select


def test_an_unannotated_article_says_how_to_start(qtbot, make_window, library: Library) -> None:
    article_id = library.imports.text("A plain article.\n\nNothing is marked in it yet.\n").id
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(article_id)
    hint = window.panel.hint
    assert hint.isVisible() and not window.panel.tree.isVisible()
    text = hint.text()
    for action in window.annotate_actions:
        name = action.text().replace("&", "").rstrip("…")
        assert name in text and action.shortcut().toString() in text
    assert "Select words" in text
    select(window, "Nothing is marked")
    window.highlight_action.trigger()  # as the reader would, from the Annotate menu
    qtbot.waitUntil(lambda: window.panel.tree.isVisible())
    assert not hint.isVisible() and window.panel.items("Highlights")


def _long_annotated_article(library: Library) -> int:
    """An article whose panel lists tall rows first (claims wrapping to several lines) and
    many short ones after (one-word highlights): a list longer than the panel."""
    from briefing.core import Span

    sentence = (
        "The minister said on Tuesday that the talks over the pipeline would resume "
        "within weeks, according to two officials who asked not to be named number {n}."
    )
    sentences = [sentence.format(n=n) for n in range(24)]
    words = [f"Word{n}" for n in range(40)]
    text = "\n\n".join(sentences) + "\n\n" + " ".join(words) + "\n"
    article_id = library.imports.text(text).id
    library.actors.add("Minister", kind="person")
    for each in sentences:
        library.claims.add(article_id, Span(quote=each), speaker="Minister", grade=2)
    at = text.index(words[0])
    for word in words:
        library.annotations.add(article_id, "highlight", Span(at, at + len(word)))
        at += len(word) + 1
    return article_id


def test_every_row_can_be_scrolled_to_at_any_panel_width(
    qtbot, make_window, library: Library
) -> None:
    """Tall claim rows above many short ones: at every panel width each row scrolled to
    lies inside the viewport, and the last row is reached at the bar's end. Scrolled an
    item at a time, Qt counted the page from the short rows at the bottom, took a row
    below the viewport for visible and left it there (a reader's click on its mark did
    not bring it into view)."""
    article_id = _long_annotated_article(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(article_id)
    tree = window.panel.tree
    rows = window.panel.items("Claims") + window.panel.items("Highlights")
    assert len(rows) == 64
    bar = tree.verticalScrollBar()
    for width in (160, 200, 260, 330, 420):
        tree.setFixedWidth(width)
        qtbot.waitUntil(lambda width=width: tree.width() == width)
        qtbot.waitUntil(bar.isVisible)
        # Qt scrolls a row below the edge in to one pixel short (the bottom of its padding).
        viewport = tree.viewport().rect().adjusted(0, 0, 0, 1)
        for item in rows[::-1][:12] + rows[:: len(rows) // 8]:
            bar.setValue(bar.minimum())
            tree.scrollToItem(item)
            rect = tree.visualItemRect(item)
            assert viewport.contains(rect), (width, item.text(0), rect, viewport)
            assert tree.itemAt(rect.center()) is item
        bar.setValue(bar.maximum())
        last = tree.visualItemRect(rows[-1])
        assert tree.viewport().rect().contains(last), (width, last, viewport)


def test_every_claim_row_shows_all_its_lines_at_any_panel_width(
    qtbot, make_window, library: Library
) -> None:
    """A claim's row wraps its quote and its speaker and status line beside the status
    swatch. At every panel width, the rect its text is painted in (the view's own geometry
    of the row) holds every wrapped line: measured at the cell less a guess, a narrow panel
    at scale 2 cut the speaker and status line off."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QStyleOptionViewItem

    sample = library.load_sample()
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(sample.article_id)
    tree = window.panel.tree
    delegate = tree.itemDelegate()
    claims = window.panel.items("Claims")
    assert len(claims) == 6
    for width in (150, 170, 200, 230, 260, 300, 400):
        tree.setFixedWidth(width)
        qtbot.waitUntil(lambda width=width: tree.width() == width)
        qtbot.wait(20)  # the delayed relayout the resize asked for
        lines = set()
        for item in claims:
            index = tree.indexFromItem(item)
            option = QStyleOptionViewItem()
            option.initFrom(tree)
            rect, opt = delegate.text_rect(option, index, tree.visualRect(index))
            needed = opt.fontMetrics.boundingRect(
                QRect(0, 0, rect.width(), 100_000), Qt.TextFlag.TextWordWrap, item.text(0)
            )
            assert needed.height() <= rect.height(), (width, item.text(0))
            lines.add(needed.height() // opt.fontMetrics.lineSpacing())
        assert max(lines) >= 3  # the quotes do wrap at these widths
