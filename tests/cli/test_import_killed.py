"""`briefing import` of a folder killed with SIGKILL at random moments, round after round:
the import commits in short transactions, so a kill may cost the batch being stored but
never leaves half of one, and running the import again stores the rest, once.

BRIEFING_KILL_ROUNDS sets the rounds (4 by default, for CI; 50 and more by hand)."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.core import Kind, Library, journal
from tests.conftest import WIKINEWS

FILES = 3_000
AFTER = 1_500  # articles left to import past a kill that waits for reports: three batches
KOSZALIN = (
    WIKINEWS / "wikinews-2019-01-05-escape-room-fire-kills-five-teen-girls-in-koszalin-poland.txt"
)


def _marker(index: int) -> str:
    """A word found in one file only (digits: no stemmer trims them)."""
    return f"marker{index:05d}"


def _inbox(folder: Path) -> list[Path]:
    folder.mkdir()
    body = KOSZALIN.read_text("utf-8").partition("\n\n")[2]
    files = []
    for i in range(FILES):
        path = folder / f"{i:05d}.txt"
        path.write_text(
            f"Story {i}\n\nWARSAW, Jan {1 + i % 28}, {1000 + i} - {_marker(i)} {body}", "utf-8"
        )
        files.append(path)
    return files


def _import(library: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", "--library", str(library), "import", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # a line as soon as it is printed
    )


class _Lines:
    """What the import prints, read as it comes (a line is printed once its article is
    committed)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stdout is not None
        self._stdout = process.stdout
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self._stdout:
            self.lines.append(line)

    def done(self) -> list[str]:
        self._thread.join(10)
        self._stdout.close()
        return self.lines


def _check_whole(path: Path, files: list[Path], reported: set[str]) -> int:
    """The library after a kill: sound, and what it holds is the first articles of the
    folder (whole batches, in order), each in the search index and the journal, each
    reported import among them. How many it holds."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, source_path FROM articles ORDER BY id").fetchall()
    finally:
        conn.close()
    order = {str(file): index for index, file in enumerate(files)}
    held = [order[source] for _id, source in rows]
    assert held == list(range(len(held))), "not the folder's first files, in order"
    assert reported <= {str(files[i]) for i in held}
    ids = [article_id for article_id, _source in rows]
    with Library.open(path, program="command") as library:
        conn = library.connection()
        assert journal.is_consistent(conn)
        assert library.changes_since(0).added_ids(Kind.ARTICLE) == set(ids)
        # The index agrees with every article it indexes (FTS5's own check of an external
        # content table, rank 1: against the table's text), finds articles by their word,
        # the last stored among them, and no word of the files not stored.
        try:
            conn.execute(
                "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as exc:  # FTS5 reports a mismatch as corruption
            pytest.fail(f"the search index does not match the articles: {exc}")
        sample = random.Random(len(held)).sample(range(len(held)), min(len(held), 40))
        for at in sorted({*sample, *range(max(0, len(held) - 3), len(held))}):
            assert [hit.id for hit in library.search.run(_marker(held[at]))] == [ids[at]]
        for index in range(len(held), min(len(held) + 3, len(files))):
            assert not library.search.run(_marker(index))
    return len(held)


def test_an_import_killed_at_random_moments_keeps_whole_batches_and_finishes_on_a_rerun(
    tmp_path: Path,
) -> None:
    rounds = int(os.environ.get("BRIEFING_KILL_ROUNDS", "4"))
    files = _inbox(tmp_path / "inbox")
    chance = random.Random(os.environ.get("BRIEFING_KILL_SEED"))
    generation, held = 0, len(files)
    cut_mid_way = early_rounds = 0
    for _round in range(rounds):
        if len(files) - held < AFTER + 500:
            # Nearly all in: a new library, so that each kill lands in an import of several
            # batches. Made here, not by the import: the kills land in imports.
            generation, held = generation + 1, 0
            library = tmp_path / f"news-{generation}.sqlite"
            Library.open(library).close()
        process = _import(library, tmp_path / "inbox")
        lines = _Lines(process)
        # Now and then at a random moment of its start or its first batch; else just after
        # a random number of new articles were reported, with batches to go.
        early = chance.random() < 0.25
        wanted = 0 if early else chance.randrange(1, len(files) - held - AFTER)
        deadline = time.monotonic() + 30
        while (
            sum(line.startswith("imported") for line in lines.lines) < wanted
            and process.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.002)
        time.sleep(chance.uniform(0, 0.8 if early else 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        printed = lines.done()
        reported = {
            match.group(1)
            for line in printed
            if (match := re.match(r"imported +\d+ +.*\((.*)\)$", line.rstrip("\n")))
        }
        assert len(reported) == sum(line.startswith("imported") for line in printed)
        now = _check_whole(library, files, reported)
        assert now >= held  # what was committed before stays
        early_rounds += early
        cut_mid_way += process.returncode == -signal.SIGKILL and held < now < len(files)
        held = now
    print(
        f"{rounds} kills in {generation} libraries, {early_rounds} at an import's start; "
        f"{cut_mid_way} after some of its batches were committed; each library whole"
    )
    assert cut_mid_way >= (rounds - early_rounds) // 2

    process = _import(library, tmp_path / "inbox")
    lines = _Lines(process)
    assert process.wait(timeout=120) == 0
    printed = lines.done()
    assert printed[-1].strip() == f"{len(files) - held} imported, {held} duplicate, 0 failed"
    assert _check_whole(library, files, set()) == len(files)
