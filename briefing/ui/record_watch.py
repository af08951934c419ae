"""An editor open on a record learns when the record is deleted elsewhere.

Another window, another copy of Briefing or a script may delete the claim, note, actor or
briefing an editor is open on. The editor must not find out by losing what was typed on
Save; it is told as soon as the deletion is announced (`runner.library_changed`, within a
second for another program's commit), says so, and keeps the text, offering what can still
be done with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from shiboken6 import isValid

from briefing.core import Changes
from briefing.ui.ops import OpRunner


def watch_record(
    runner: OpRunner,
    owner: QObject,
    is_gone: Callable[[Changes], bool],
    on_gone: Callable[[], None],
) -> None:
    """Call `on_gone()` once, on the GUI thread, when a change makes `is_gone(changes)` true,
    while `owner` lives. `is_gone` looks at the changes first and asks the library only when
    they may concern the record (a deletion of its kind, or a full reload)."""

    connected = [True]

    def let_go() -> None:
        if connected[0] and isValid(runner):
            connected[0] = False
            runner.library_changed.disconnect(heard)

    def heard(changes: Changes) -> None:
        if not isValid(owner):
            let_go()
        elif is_gone(changes):
            let_go()
            on_gone()

    runner.library_changed.connect(heard)
    owner.destroyed.connect(lambda *_: let_go())
