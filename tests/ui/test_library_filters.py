"""Narrowing the library list by tag and by actor, through the core's query; Home and End."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing.core import Library
from briefing.core.annotations.service import Span
from briefing.ui.main_window import MainWindow
from briefing.ui.ops import CoreOp
from briefing.ui.widgets.library_pane import ANY_ACTOR, ANY_TAG
from tests.conftest import wikinews_files


@pytest.fixture
def tagged(library: Library) -> dict[str, int]:
    """Six articles: one tagged "energy", one holding a claim tagged "energy", one that
    mentions Reuters, one with a claim about Reuters; the rest plain."""
    ids = [r.id for r in library.imports.files(wikinews_files(6))]
    library.tags.tag_article(ids[0], ["energy"])
    first_word = Span(0, 3)
    library.claims.add(ids[1], first_word, tags=["energy"])
    reuters = library.actors.add("Reuters", kind="organisation").id
    library.mentions.add(ids[2], reuters, first_word)
    library.claims.add(ids[3], first_word, about=[reuters], tags=["markets"])
    return {"reuters": reuters, **{f"article{i}": a for i, a in enumerate(ids)}}


def _shown(window: MainWindow) -> list[int]:
    model = window.library_pane.model
    return [model.article_id(row) for row in range(model.rowCount())]


def _texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_choosers_list_the_libraries_tags_and_actors(
    make_window, library: Library, tagged: dict[str, int]
) -> None:
    pane = make_window(library).library_pane
    assert _texts(pane.tag_filter) == [ANY_TAG, "energy", "markets"]
    assert _texts(pane.actor_filter) == [ANY_ACTOR, "Reuters"]
    assert pane.tag_filter.accessibleName() and pane.tag_filter.toolTip()
    assert pane.actor_filter.accessibleName() and pane.actor_filter.toolTip()


def test_choosing_a_tag_narrows_to_the_cores_answer(
    make_window, library: Library, tagged: dict[str, int]
) -> None:
    window = make_window(library)
    assert window.library_pane.choose_tag("energy")
    assert _shown(window) == library.articles.ids(tag="energy")
    assert set(_shown(window)) == {tagged["article0"], tagged["article1"]}
    assert window.library_pane.choose_tag(None)
    assert len(_shown(window)) == 6


def test_choosing_an_actor_from_the_keyboard_narrows_the_list(
    qtbot, make_window, library: Library, tagged: dict[str, int]
) -> None:
    window = make_window(library)
    combo = window.library_pane.actor_filter
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Any actor -> Reuters, as a reader would
    assert combo.currentData() == tagged["reuters"]
    assert _shown(window) == library.articles.ids(actor_id=tagged["reuters"])
    assert set(_shown(window)) == {tagged["article2"], tagged["article3"]}


def test_tag_actor_and_words_narrow_together(
    make_window, library: Library, tagged: dict[str, int]
) -> None:
    window = make_window(library)
    pane = window.library_pane
    pane.choose_tag("markets")
    pane.choose_actor(tagged["reuters"])
    assert _shown(window) == [tagged["article3"]]
    title = library.articles.get(tagged["article3"]).title
    pane.model.set_filter(title.split()[0] + " zqxv-no-such-word")
    assert _shown(window) == []


def test_library_changes_refill_the_choosers_and_drop_a_vanished_choice(
    qtbot, make_window, library: Library, tagged: dict[str, int]
) -> None:
    window = make_window(library)
    pane = window.library_pane
    pane.choose_tag("markets")
    assert _shown(window) == [tagged["article3"]]

    def rename(lib: Library, _progress: object) -> object:
        lib.tags.rename("markets", "finance")
        lib.tags.tag_article(tagged["article5"], ["finance"])
        return lib.actors.add("Agence France-Presse", kind="organisation")

    op = CoreOp(window.runner, rename, parent=window)
    with qtbot.waitSignal(window.runner.library_changed, timeout=5000):
        op.run()
    assert _texts(pane.tag_filter) == [ANY_TAG, "energy", "finance"]
    assert _texts(pane.actor_filter) == [ANY_ACTOR, "Agence France-Presse", "Reuters"]
    # "markets" is gone: back to any tag, and the list shows everything again.
    assert pane.tag_filter.currentText() == ANY_TAG
    assert len(_shown(window)) == 6


def test_a_choice_that_survives_a_change_is_kept(
    qtbot, make_window, library: Library, tagged: dict[str, int]
) -> None:
    window = make_window(library)
    pane = window.library_pane
    pane.choose_actor(tagged["reuters"])
    op = CoreOp(
        window.runner,
        lambda lib, _p: lib.mentions.add(tagged["article4"], tagged["reuters"], Span(0, 3)),
        parent=window,
    )
    with qtbot.waitSignal(window.runner.library_changed, timeout=5000):
        op.run()
    assert pane.actor_filter.currentData() == tagged["reuters"]
    assert tagged["article4"] in _shown(window)
    assert len(_shown(window)) == 3


def test_end_and_home_move_by_rows(qtbot, make_window, library: Library, tagged) -> None:
    window = make_window(library)
    view = window.library_pane.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)  # no current row yet: still the last, not the first
    last = window.library_pane.model.rowCount() - 1
    assert view.currentIndex().row() == last
    assert window.reader.article_id == window.library_pane.model.article_id(last)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == last
