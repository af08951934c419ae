"""The search index an import builds a batch at a time (one INSERT ... SELECT after the batch's
rows, the insert trigger held back by journal_head.bulk: db/010) matches the articles exactly,
whatever happens to the batch: a full import, a cancel, a row refused, a lost journal head,
a library left with the flag set."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.core import Cancelled, ImportCancelled, Library, journal
from briefing.core.importing import service
from briefing.core.migrate import available_migrations, latest_version, migrate
from tests.conftest import wikinews_files


def _index_matches_articles(conn: sqlite3.Connection) -> None:
    """FTS5 checks its index against the articles (rank 1: against the content table too), and
    fails on an article missing from the index or indexed twice."""
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    assert indexed == articles


def _found(library: Library, word: str) -> set[int]:
    return {h.article_id for h in library.search.run(word, limit=100)}


def _texts(count: int, start: int = 0) -> list[tuple[str, str]]:
    """Distinct texts, each with a word of its own in its headline and in its body."""
    bodies = [f.read_text("utf-8").partition("\n\n")[2].strip() for f in wikinews_files()]
    return [
        (
            f"text-{i:05d}",
            f"Okapi{i:05d} report\n\nLONDON, Mar {1 + i % 28}, {1900 + i // len(bodies)} - "
            f"Quagga{i:05d} {bodies[i % len(bodies)]}",
        )
        for i in range(start, start + count)
    ]


def test_a_large_import_leaves_every_article_indexed_once(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "BATCH_SECONDS", 60.0)  # batches by count, whatever the load
    items = _texts(1_100)
    items.insert(700, ("again", items[3][1]))  # a duplicate within a later batch
    results = library.imports.texts(items)
    assert [r.status for r in results].count("imported") == 1_100
    conn = library.connection()
    _index_matches_articles(conn)
    assert journal.is_consistent(conn)  # the flag was cleared with each commit
    assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)
    for i in (0, 499, 500, 1_099):  # first and last of the batches
        (result,) = [r for r in results if r.path == f"text-{i:05d}"]
        assert _found(library, f"okapi{i:05d}") == {result.id}  # the title
        assert _found(library, f"quagga{i:05d}") == {result.id}  # the text
    # An edit and a delete afterwards still go through the triggers.
    first = results[0].id
    library.articles.edit(first, title="Renamed Platypus")
    assert _found(library, "platypus") == {first}
    assert not _found(library, "okapi00000")
    _index_matches_articles(conn)


def test_a_cancelled_import_leaves_the_index_matching_what_was_kept(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "BATCH_SECONDS", 60.0)

    class CancelAt:
        done = 0

        def update(self, done: int, total: int, label: str = "") -> None:
            self.done = done

        def check(self) -> None:
            if self.done >= 650:
                raise Cancelled("cancelled")

    with pytest.raises(ImportCancelled) as caught:
        library.imports.texts(_texts(1_500), progress=CancelAt())
    kept = caught.value.results
    assert len(kept) == 650
    conn = library.connection()
    _index_matches_articles(conn)
    assert library.articles.count() == 650
    assert _found(library, "quagga00649") == {kept[-1].id}
    assert not _found(library, "quagga00650")
    assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)
    # The rest imports as before, and the index still matches.
    again = library.imports.texts(_texts(1_500))
    assert [r.status for r in again] == ["duplicate"] * 650 + ["imported"] * 850
    _index_matches_articles(conn)


def test_a_row_the_library_refuses_is_reported_and_the_rest_of_its_batch_indexed(
    library: Library,
) -> None:
    # A rule of the reader's own, added in the sqlite3 shell: the batch's one INSERT fails,
    # and its rows go in one at a time.
    library.connection().execute(
        "CREATE TRIGGER no_walrus BEFORE INSERT ON articles WHEN new.title LIKE '%walrus%' "
        "BEGIN SELECT RAISE(ABORT, 'no walruses'); END"
    )
    items = _texts(3)
    items[1] = ("walrus", "Walrus report\n\nQuagga99999 " + items[1][1].partition("\n\n")[2])
    results = library.imports.texts(items)
    assert [r.status for r in results] == ["imported", "failed", "imported"]
    assert "no walruses" in (results[1].reason or "")
    conn = library.connection()
    _index_matches_articles(conn)
    assert _found(library, "quagga00002") == {results[2].id}
    assert not _found(library, "quagga99999")
    assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)


def test_a_lost_journal_head_refuses_the_rows_and_leaves_no_index_entry(tmp_path: Path) -> None:
    """A head deleted behind the library's back (another program): the flag cannot be set, so
    nothing holds the trigger back; the journal's trigger refuses each row (as before db/010),
    each input is reported, and the index holds no entry for a row that is not there. Opened
    again, the library mends its journal and the same texts import and are found."""
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        other = sqlite3.connect(path)
        other.execute("DELETE FROM journal_head")
        other.commit()
        other.close()
        results = library.imports.texts(_texts(3))
        assert [r.status for r in results] == ["failed"] * 3
        assert "journal" in (results[0].reason or "")
        _index_matches_articles(library.connection())
    with Library.open(path) as library:
        results = library.imports.texts(_texts(3))
        assert [r.status for r in results] == ["imported"] * 3
        _index_matches_articles(library.connection())
        assert _found(library, "quagga00002") == {results[2].id}


def test_a_library_found_with_the_flag_set_has_its_articles_indexed_on_opening(
    tmp_path: Path,
) -> None:
    """Only a bug could commit the flag (it is set and cleared in one transaction); should one,
    the rows inserted under it are unindexed, and opening the library indexes them."""
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        (kept,) = library.imports.texts(_texts(1))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE journal_head SET bulk = 1")
    conn.execute(
        "INSERT INTO articles (uid, title, text, content_hash, imported_at) "
        "VALUES ('0190f3a4-0000-7000-8000-000000000001', 'Capybara notes', "
        "'Tapir sightings', 'x', '2026-01-01T00:00:00Z')"
    )
    conn.commit()
    (unindexed,) = conn.execute("SELECT id FROM articles WHERE title = 'Capybara notes'").fetchone()
    assert conn.execute(
        "SELECT count(*) FROM articles_fts_docsize WHERE id = ?", (unindexed,)
    ).fetchone() == (0,)
    conn.close()
    with Library.open(path) as library:
        conn = library.connection()
        _index_matches_articles(conn)
        assert _found(library, "tapir") == {unindexed}
        assert _found(library, "quagga00000") == {kept.id}
        assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)
        assert journal.is_consistent(conn)


def test_a_library_at_schema_9_keeps_its_index_and_other_programs_rows_are_indexed(
    tmp_path: Path,
) -> None:
    """db/010 replaces the insert trigger only: articles indexed before stay found, and a row
    another program inserts (the sqlite3 shell, a script: no flag set) is indexed by the
    trigger as before."""
    path = tmp_path / "library.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, available_migrations()[:9]) == list(range(1, 10))
    conn.execute(
        "INSERT INTO articles (uid, title, text, content_hash, imported_at) VALUES "
        "('0190f3a4-0000-7000-8000-000000000002', 'Ibex count', 'Markhor herds', 'h1', "
        "'2026-01-01T00:00:00Z')"
    )
    conn.close()
    with Library.open(path) as library:
        conn = library.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert len(_found(library, "markhor")) == 1
        results = library.imports.texts(_texts(3))
        assert [r.status for r in results] == ["imported"] * 3
    other = sqlite3.connect(path)
    other.execute(
        "INSERT INTO articles (uid, title, text, content_hash, imported_at) VALUES "
        "('0190f3a4-0000-7000-8000-000000000003', 'Saiga note', 'Chamois tracks', 'h2', "
        "'2026-01-01T00:00:00Z')"
    )
    other.commit()
    other.close()
    with Library.open(path) as library:
        _index_matches_articles(library.connection())
        assert len(_found(library, "chamois")) == 1
        assert _found(library, "quagga00001") == {results[1].id}
