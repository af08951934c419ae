"""The progress bar: drawn on a terminal, silent in pipes and logs."""

from __future__ import annotations

import io

from briefing.commands.terminal import TerminalProgress, announce_upgrade


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_that_is_cleared_at_the_end() -> None:
    stream = FakeTerminal()
    progress = TerminalProgress(stream)
    for done in range(1, 11):
        progress.update(done, 10, f"file-{done}.txt")
    drawn = stream.getvalue()
    assert "10/10" in drawn and "file-10.txt" in drawn and "[" in drawn
    progress.finish()
    assert stream.getvalue().endswith("\r")  # the line is wiped for what follows


def test_a_pipe_gets_nothing() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    for done in range(1, 11):
        progress.update(done, 10, "x")
    progress.finish()
    assert stream.getvalue() == ""


def test_a_single_file_gets_no_bar() -> None:
    stream = FakeTerminal()
    TerminalProgress(stream).update(1, 1, "only.txt")
    assert stream.getvalue() == ""


def test_an_upgrade_is_announced_on_a_terminal_and_not_in_a_pipe() -> None:
    terminal, pipe = FakeTerminal(), io.StringIO()
    announce_upgrade(2, 3, terminal)
    announce_upgrade(2, 3, pipe)
    assert "upgrading the library" in terminal.getvalue() and "2 to 3" in terminal.getvalue()
    assert pipe.getvalue() == ""
