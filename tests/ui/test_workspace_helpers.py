"""Shared by the test_workspace*.py modules: a workspace on a real library, and the steps a
reader takes in it. (No tests here: a module of its own so that each test file stays short.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QUndoStack

from briefing.core import Library
from briefing.core.sample import SampleLoaded
from briefing.ui.ops import OpRunner
from briefing.ui.workspace.tree_model import Role
from briefing.ui.workspace.window import WorkspaceWindow

DESIGNATION = "The designation"
RESPONSE = "SenseTime's response"
REACTION = "Beijing's reaction"
BLUF = (
    "The US Treasury's designation of SenseTime, on the grounds that its facial recognition "
    "was built in part to target Uighurs, forced the company to postpone its US$767 million "
    "Hong Kong listing a week before it was due; SenseTime denies the accusation and Beijing "
    "threatens countermeasures."
)
NOTE = (  # the export puts "Analyst note:" before it
    'The company says it "remains committed" to listing in Hong Kong and will refund investors '
    "(S1, para. 5; S3)."
)


def workspace_on(qtbot, library: Library, tmp_path: Path) -> Iterator[WorkspaceWindow]:
    """A shown workspace with its own runner and undo stack; stopped before the library."""
    runner = OpRunner(library)
    stack = QUndoStack()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = WorkspaceWindow(library, runner, stack, settings)
    stack.setParent(window)  # goes with the window, as the app's stacks go with theirs
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    runner.shutdown()
    qtbot.wait(1)  # deliver what the workers sent while the window still exists
    del stack


def layout(window: WorkspaceWindow) -> list[tuple[str, list[str]]]:
    """The tree as the reader sees it: section headings and item kinds with claim ids."""
    model = window.tree_model
    out = []
    for s in range(model.rowCount()):
        section = model.index(s, 0)
        items = []
        for r in range(model.rowCount(section)):
            index = model.index(r, 0, section)
            kind = index.data(Role.Kind)
            items.append(f"c{index.data(Role.ClaimId)}" if kind == "claim" else kind)
        out.append((section.data(Qt.ItemDataRole.EditRole), items))
    return out


def section_index(window: WorkspaceWindow, heading: str) -> QModelIndex:
    model = window.tree_model
    for s in range(model.rowCount()):
        index = model.index(s, 0)
        if index.data(Qt.ItemDataRole.EditRole) == heading:
            return index
    raise AssertionError(f"no section {heading!r}")


def claim_ids(sample: SampleLoaded, *keys: str) -> list[int]:
    return [sample.claims[key] for key in keys]


def shortcut(
    qtbot,
    window: WorkspaceWindow,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press a key in the tree once the window is active (again: a dialog may just have
    closed). Shortcuts only reach the active window, and under Xvfb, with no window manager,
    nothing activates a window unless asked."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, key, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
