"""Batches, duplicates, bad files: each reported, none stopping the others; a large batch
commits in short transactions, and cancelling keeps what was committed."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefing.core import (
    Cancelled,
    Changes,
    ImportCancelled,
    ImportResult,
    InvalidInput,
    Library,
    Metadata,
    PartialDate,
    journal,
)
from briefing.core.importing import service
from tests.conftest import CORPUS_TEXT, SAMPLE, wikinews_files


def _statuses(results) -> list[str]:
    return [r.status for r in results]


def test_a_batch_reports_each_bad_file_and_goes_on(tmp_path: Path, library: Library) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_text("   \n\n  ")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    results = library.imports.files(
        [
            SAMPLE,
            empty,
            blank,
            binary,
            huge,
            tmp_path / "missing.txt",
            wikinews_files(1)[0],
        ]
    )
    assert _statuses(results) == [
        "imported",
        "failed",
        "failed",
        "failed",
        "failed",
        "failed",
        "imported",
    ]
    reasons = [r.reason for r in results]
    assert reasons[1] == "the file is empty"
    assert "no text" in reasons[2]
    assert "binary" in reasons[3]
    assert "too large" in reasons[4] and "60 MB" in reasons[4]
    assert reasons[5] == "no such file or folder"
    assert library.articles.count() == 2


def test_duplicates_are_reported_and_not_stored_twice(tmp_path: Path, library: Library) -> None:
    rewrapped = tmp_path / "same-story.txt"
    rewrapped.write_text(SAMPLE.read_text("utf-8").replace("\n", "\r\n") + "\n\n\n")
    results = library.imports.files([SAMPLE, rewrapped, SAMPLE])
    assert _statuses(results) == ["imported", "duplicate", "duplicate"]
    assert results[1].id == results[2].id == results[0].id
    assert results[1].reason == f"same text as article {results[0].id}"
    assert library.articles.count() == 1


def test_a_copy_under_another_name_is_caught(tmp_path: Path, library: Library) -> None:
    original = wikinews_files(1)[0]
    copy = tmp_path / "forwarded.txt"
    copy.write_bytes(original.read_bytes())
    results = library.imports.files([original, copy])
    assert _statuses(results) == ["imported", "duplicate"]
    assert results[1].id == results[0].id


@pytest.mark.corpus
def test_the_corpus_duplicate_pairs_are_caught(library: Library) -> None:
    results = library.imports.files(
        [CORPUS_TEXT / "bbc-business-007.txt", CORPUS_TEXT / "bbc-business-253.txt"]
    )
    assert _statuses(results) == ["imported", "duplicate"]


def test_folders_are_walked_recursively(tmp_path: Path, library: Library) -> None:
    nested = tmp_path / "inbox" / "2021" / "dec"
    nested.mkdir(parents=True)
    (tmp_path / "inbox" / "a.txt").write_text("First story\n\nBody one.")
    (nested / "b.md").write_text("# Second story\n\nBody *two*.")
    (nested / "c.html").write_text(
        "<html><body><article><p>"
        + "Third story body words. " * 20
        + "</p></article></body></html>"
    )
    (nested / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "inbox" / ".hidden.txt").write_text("Hidden\n\nNot me.")
    results = library.imports.files([tmp_path / "inbox"])
    assert _statuses(results) == ["imported"] * 3
    titles = {library.articles.get(r.id).title for r in results}
    assert {"First story", "Second story"} <= titles


def test_a_folder_with_no_readable_files_is_one_clear_failure(
    tmp_path: Path, library: Library
) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.jpg").write_bytes(b"\xff\xd8\xff")
    (result,) = library.imports.files([tmp_path / "photos"])
    assert result.status == "failed"
    assert result.reason == "no .txt, .md or .html files in this folder"


def test_given_metadata_wins_over_what_was_found(library: Library) -> None:
    metadata = Metadata.from_strings(
        title="SenseTime postpones IPO",
        outlet="The Star",
        date="2021-12-14",
        url="https://t.test/a",
    )
    (result,) = library.imports.files([SAMPLE], metadata=metadata)
    article = library.articles.get(result.id)
    assert (article.title, article.outlet, article.url) == (
        "SenseTime postpones IPO",
        "The Star",
        "https://t.test/a",
    )
    assert article.date == PartialDate(2021, 12, 14)
    assert not article.title_proposed
    assert article.agency == "AFP"


def test_bad_metadata_is_refused_before_anything_is_read() -> None:
    with pytest.raises(InvalidInput):
        Metadata.from_strings(date="14/12/2021")
    with pytest.raises(InvalidInput):
        Metadata.from_strings(title="  ")


def test_pasted_text_and_html_from_standard_input(library: Library) -> None:
    pasted = library.imports.text(SAMPLE.read_bytes())
    assert pasted.status == "imported" and pasted.path == "-"
    page = (
        b"<!DOCTYPE html><html><body><article><p>" + b"A page piped in. " * 30 + b"</p></article>"
    )
    piped = library.imports.text(page)
    article = library.articles.get(piped.id)
    assert article.source_format == "html"
    assert "<p>" not in article.text


class _CancelAfter:
    def __init__(self, count: int) -> None:
        self.count = count
        self.seen: list[tuple[int, int]] = []

    def update(self, done: int, total: int, label: str = "") -> None:
        self.seen.append((done, total))

    def check(self) -> None:
        if len(self.seen) >= self.count:
            raise Cancelled("cancelled")


def test_cancel_keeps_what_was_imported_and_says_how_much(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "BATCH_ARTICLES", 3)  # a commit before the cancel, and one at it
    files = wikinews_files(10)
    progress = _CancelAfter(5)
    said: list[Changes] = []
    library.add_listener(said.append)
    with pytest.raises(ImportCancelled) as caught:
        library.imports.files(files, progress=progress)
    assert progress.seen == [(i, 10) for i in range(1, 6)]
    stopped = caught.value
    assert isinstance(stopped, Cancelled)
    assert [r.status for r in stopped.results] == ["imported"] * 5
    assert [r.path for r in stopped.results] == [str(f) for f in files[:5]]
    assert (stopped.imported, stopped.total) == (5, 10)
    assert stopped.kept == "the 5 articles imported before it stopped are kept"
    assert str(stopped) == f"import cancelled after 5 of 10 inputs; {stopped.kept}"

    # What was kept is whole: rows, journal, search index.
    kept = {r.id for r in stopped.results}
    assert {a.id for a in library.articles.list()} == kept
    assert [len(c.added_ids("article")) for c in said] == [3, 2]
    assert set().union(*(c.added_ids("article") for c in said)) == kept
    conn = library.connection()
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert journal.is_consistent(conn)
    for result in stopped.results:
        word = max(result.title.split(), key=len)
        assert result.id in {h.article_id for h in library.search.run(word, limit=100)}

    # Importing the same files again brings in the rest and knows the first five.
    again = library.imports.files(files)
    assert [r.status for r in again] == ["duplicate"] * 5 + ["imported"] * 5
    assert library.articles.count() == 10


def test_cancel_before_anything_is_read_says_nothing_was_imported(library: Library) -> None:
    with pytest.raises(ImportCancelled) as caught:
        library.imports.files(wikinews_files(3), progress=_CancelAfter(0))
    assert caught.value.results == [] and caught.value.kept == "nothing was imported"
    assert library.articles.count() == 0


def test_a_large_import_commits_in_short_transactions_each_announced(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches by count here: on a loaded machine a quarter second of reading can end one first.
    monkeypatch.setattr(service, "BATCH_SECONDS", 60.0)
    items = _texts(1_200)
    said: list[Changes] = []
    library.add_listener(said.append)
    heard: list[int] = []
    results = library.imports.texts(items, on_result=lambda r: heard.append(r.id))
    assert [r.status for r in results] == ["imported"] * 1_200
    assert heard == [r.id for r in results]  # in order, each once stored
    assert [len(c.added_ids("article")) for c in said] == [500, 500, 200]
    assert all(
        later.since == earlier.version for earlier, later in zip(said, said[1:], strict=False)
    )
    assert set().union(*(c.added_ids("article") for c in said)) == {r.id for r in results}
    assert library.last_changes == said[-1]


def test_the_journal_after_a_large_import_lists_every_article(library: Library) -> None:
    """The articles are read ahead on a helper thread and stored in batches: every one of
    them is in the journal (what changes_since and the team's sync read), once."""
    before = library.changes_since(0).version
    results = library.imports.texts(_texts(1_200))
    changes = library.changes_since(before)
    assert changes.added_ids("article") == {r.id for r in results}
    entries = journal.entries_since(library.connection(), before)
    assert sorted(e.uid for e in entries) == sorted(r.uid for r in results)
    assert journal.is_consistent(library.connection())


def test_cancelling_a_large_import_mid_way_keeps_whole_batches_only(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelled while its reader is ahead of the storing: what was read ahead and not yet
    stored is dropped, never half stored; each kept article is whole (row, journal, index)."""
    monkeypatch.setattr(service, "BATCH_SECONDS", 60.0)  # batches by count, whatever the load

    class CancelAt:
        def __init__(self) -> None:
            self.done = 0

        def update(self, done: int, total: int, label: str = "") -> None:
            self.done = done

        def check(self) -> None:
            if self.done >= 700:
                raise Cancelled("cancelled")

    said: list[Changes] = []
    library.add_listener(said.append)
    with pytest.raises(ImportCancelled) as caught:
        library.imports.texts(_texts(1_500), progress=CancelAt())
    stopped = caught.value
    assert [r.status for r in stopped.results] == ["imported"] * 700
    assert [r.path for r in stopped.results] == [f"text-{i:05d}" for i in range(700)]
    kept = {r.id for r in stopped.results}
    assert {a.id for a in library.articles.list()} == kept
    assert [len(c.added_ids("article")) for c in said] == [500, 200]
    conn = library.connection()
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert journal.is_consistent(conn)
    assert {h.article_id for h in library.search.run("Zebra00699")} == {stopped.results[-1].id}
    assert not library.search.run("Zebra00700")
    assert not [t for t in threading.enumerate() if t.name == "briefing-import-reader"]


def test_a_search_finds_each_batch_as_soon_as_it_is_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "BATCH_ARTICLES", 4)
    path = tmp_path / "library.sqlite"
    found: list[bool] = []
    with Library.open(path) as importer, Library.open(path) as reader:

        def search_for(result: ImportResult) -> None:  # the batch is committed by now
            word = result.title.split()[0]
            found.append(result.id in {h.article_id for h in reader.search.run(word)})

        importer.imports.texts(_texts(10), on_result=search_for)
    assert found == [True] * 10


def test_another_writer_gets_through_while_a_large_import_runs(tmp_path: Path) -> None:
    """A second connection (its own thread, as another program would be) edits while the
    import runs: its edit commits between two of the import's transactions, well before the
    import ends, instead of waiting for all of it (or failing as busy)."""
    path = tmp_path / "library.sqlite"
    with Library.open(path) as setup:
        (sample,) = setup.imports.files([SAMPLE])
    begin = threading.Event()
    outcome: dict[str, object] = {}

    def edit() -> None:
        begin.wait(60)
        try:
            with Library.open(path) as other:
                other.articles.edit(sample.id, outlet="The Star")
                outcome["version"] = other.last_changes.version
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            outcome["error"] = exc

    class StartTheEditEarly:
        def update(self, done: int, total: int, label: str = "") -> None:
            if done == 600:
                begin.set()

        def check(self) -> None:
            pass

    writer = threading.Thread(target=edit)
    writer.start()
    commits: list[Changes] = []
    try:
        with Library.open(path) as library:
            library.add_listener(commits.append)
            library.imports.texts(_texts(3_000), progress=StartTheEditEarly())
    finally:
        begin.set()
        writer.join(60)
    assert "error" not in outcome, outcome.get("error")
    edited = outcome["version"]
    after = [c for c in commits if c.version > edited]
    assert after, "the edit waited for the whole import"
    assert sum(len(c.added_ids("article")) for c in after) >= 500  # the import went on after it
    with Library.open(path) as library:
        assert library.articles.get(sample.id).outlet == "The Star"
        assert library.articles.count() == 3_001


def _texts(count: int) -> list[tuple[str, str]]:
    """`count` distinct news texts: the Wikinews articles, each copy with its own headline
    (a word found in no other) and dateline (the year tells copies of one article apart)."""
    bodies = [f.read_text("utf-8").partition("\n\n")[2].strip() for f in wikinews_files()]
    return [
        (
            f"text-{i:05d}",
            f"Zebra{i:05d} report\n\n"
            f"LONDON, Mar {1 + i % 28}, {1900 + i // len(bodies)} - {bodies[i % len(bodies)]}",
        )
        for i in range(count)
    ]
