"""The annotation panel of an article without annotations says how to make one."""

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
