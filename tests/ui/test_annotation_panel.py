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
