"""Shared by the test_actor_*.py modules: the actors window over the worked example, and the
ways a reader reads it. (No tests here: a module of its own so each test file stays short.)
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from briefing.core import Library
from briefing.ui.actors import open_actors
from briefing.ui.actors.fit import FIRST_SIZE
from briefing.ui.actors.list_model import IdRole
from briefing.ui.actors.page_lists import IdRole as RowIdRole
from briefing.ui.actors.window import ActorsWindow
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import sample_window


def actors_on_sample(
    qtbot, make_window, library: Library, actor: str | None = None
) -> tuple[MainWindow, ActorsWindow]:
    """The main window on the worked example (suggestions found), and the actors window
    opened from it, on `actor`'s page when given."""
    main, _article_id = sample_window(qtbot, make_window, library)
    library.mentions.suggest()  # on this (the GUI) thread: announced at once
    actor_id = library.actors.resolve(actor).id if actor else None
    window = open_actors(main, actor_id)
    # It opens within its screen (fit.py), and the offscreen screen is 800x600: as wide as
    # on a desk monitor, as the main window is (conftest.make_window).
    window.resize(FIRST_SIZE)
    qtbot.waitExposed(window)
    return main, window


def listed(window: ActorsWindow) -> list[tuple]:
    """The list as shown: (name, kind, mentions, made, about, suggested) per visible row."""
    proxy, rows = window.proxy, []
    for r in range(proxy.rowCount()):
        actor_id = proxy.index(r, 0).data(IdRole)
        row = window.list_model.rows[window.list_model.row_of(actor_id)]
        shown = [proxy.index(r, c).data(Qt.ItemDataRole.DisplayRole) for c in range(1, 5)]
        rows.append((row.listing.actor.name, row.listing.actor.kind, *shown))
    return rows


def list_index(window: ActorsWindow, name: str) -> QModelIndex:
    proxy = window.proxy
    for r in range(proxy.rowCount()):
        index = proxy.index(r, 0)
        if index.data(Qt.ItemDataRole.DisplayRole) == name:
            return index
    raise AssertionError(f"{name} is not listed")


def rows(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The rows with an id (mentions, claims, suggestions), under their articles or not."""
    out = []
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        if top.data(0, RowIdRole) is not None:
            out.append(top)
        out += [top.child(c) for c in range(top.childCount())]
    return out


def ids(tree: QTreeWidget) -> list[int]:
    return [item.data(0, RowIdRole) for item in rows(tree)]


def row_of(tree: QTreeWidget, row_id: int) -> QTreeWidgetItem:
    return next(item for item in rows(tree) if item.data(0, RowIdRole) == row_id)


def alias_texts(window: ActorsWindow) -> list[tuple[str, str]]:
    tree = window.page_view.aliases
    return [
        (tree.topLevelItem(n).text(0), tree.topLevelItem(n).text(1))
        for n in range(tree.topLevelItemCount())
    ]
