"""Migration 009 takes the outlet out of the article index: a library built at schema 8 must
come out filtering by outlet exactly as the key in the MATCH did (the same articles, in the
same order, for outlets that differ by case, ASCII or not), its index sound and following
every write, and an outlet edit must move an article between outlets without touching it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.core import Library, Metadata
from briefing.core.migrate import available_migrations, latest_version, migrate

COLUMNS = (
    "id, uid, title, title_proposed, outlet, agency, author, dateline, date, date_start, "
    "date_end, url, language, source_format, source_path, content_hash, imported_at, "
    "updated_at, text, original"
)
# Outlets that differ by ASCII case (one filter finds both), by non-ASCII case (COLLATE
# NOCASE keeps them apart), by punctuation, with a space the import trims; and none.
OUTLETS = (
    "The Times",
    "THE TIMES",
    "Süddeutsche Zeitung",
    "SÜDDEUTSCHE Zeitung",
    "süddeutsche zeitung",
    "东方日报",
    "Le Monde.",
    "AP ",
    None,
)
FILTERS = (
    "the times",
    "The Times",
    "süddeutsche zeitung",
    "SÜDDEUTSCHE ZEITUNG",
    "SÜDDEUTSCHE zeitung",
    "东方日报",
    "le monde.",
    "Le Monde",
    "ap",
    "Nowhere",
)
QUERIES = ("harbour", "officials said", '"harbour reopened"', "harb*", "h*", "storm OR ferry")


def _rows(tmp_path: Path) -> list[tuple]:
    """Articles of every outlet, three each, with texts that rank apart, as rows."""
    with Library.open(tmp_path / "source.sqlite") as lib:
        for i, outlet in enumerate(OUTLETS):
            for k in range(3):
                words = " ".join(["harbour"] * (k + 1))
                lib.imports.texts(
                    [
                        (
                            f"{i}-{k}",
                            f"Harbour report {i} {k}\n\nThe harbour reopened, officials said. "
                            f"{words} storm {'ferry ' * k}({i}, {k}).",
                        )
                    ],
                    metadata=Metadata(outlet=outlet),
                )
        conn = lib.connection()
        return conn.execute(f"SELECT {COLUMNS} FROM articles ORDER BY id").fetchall()


def _version_8_library(path: Path, rows: list[tuple]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, available_migrations()[:8]) == list(range(1, 9))
    conn.execute("BEGIN")
    marks = ", ".join("?" * len(rows[0]))
    conn.executemany(f"INSERT INTO articles ({COLUMNS}) VALUES ({marks})", rows)
    conn.execute("COMMIT")
    conn.close()


def _filtered_at_version_8(path: Path, query: str, outlet: str) -> list[int]:
    """What schema 8's search ranked (core/search/filters.py then): the key of every spelling
    of the outlet the library has, ANDed to the query in the MATCH."""
    conn = sqlite3.connect(path)
    spellings = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT outlet FROM articles INDEXED BY articles_outlet"
            " WHERE outlet = ? COLLATE NOCASE",
            [outlet],
        )
    ]
    if not spellings:
        return []
    keys = " OR ".join(f'"\ue002{s.encode().hex().upper()}\ue002"' for s in spellings)
    rows = conn.execute(
        """SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
           ORDER BY bm25(articles_fts, 10.0, 1.0, 0.0), rowid DESC""",
        [f"({query}) AND outlet_key : ({keys})"],
    ).fetchall()
    conn.close()
    return [row[0] for row in rows]


def _index_is_sound(lib: Library) -> None:
    # rank 1: FTS5 checks the index against the content (articles), not only against itself.
    lib.connection().execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
    )


class Recorder:
    def __init__(self) -> None:
        self.updates: list[tuple[int, int, str]] = []

    def update(self, done: int, total: int, label: str = "") -> None:
        self.updates.append((done, total, label))

    def check(self) -> None:
        pass


def test_a_version_8_library_filters_by_outlet_exactly_as_before(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    path = tmp_path / "library.sqlite"
    _version_8_library(path, rows)
    before = {(q, o): _filtered_at_version_8(path, q, o) for q in QUERIES for o in FILTERS}
    assert len(before["harbour", "the times"]) == 6  # both spellings
    # NOCASE folds S and s, never ü and Ü: two spellings of three, then the third alone.
    assert len(before["harbour", "süddeutsche zeitung"]) == 6
    assert len(before["harbour", "SÜDDEUTSCHE ZEITUNG"]) == 3
    assert len(before["h*", "东方日报"]) == 3 and before["harbour", "Le Monde"] == []
    assert len(before["harbour", "ap"]) == 3 and before["harbour", "Nowhere"] == []
    conn = sqlite3.connect(path)
    (version,) = conn.execute("SELECT version FROM journal_head").fetchone()
    conn.close()

    recorder = Recorder()
    with Library.open(path, progress=recorder) as lib:
        conn = lib.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        indexing = [u for u in recorder.updates if u[2] == "Indexing the articles for search"]
        assert [done for done, _, _ in indexing] == list(range(1, len(rows) + 1))
        assert {total for _, total, _ in indexing} == {len(rows)}
        _index_is_sound(lib)
        assert lib.version == version  # nothing a user made changed: nothing journaled
        columns = {row[1] for row in conn.execute("PRAGMA table_xinfo(articles)")}
        assert "outlet_key" not in columns
        fts_columns = [row[1] for row in conn.execute("PRAGMA table_info(articles_fts)")]
        assert fts_columns == ["title", "text"]
        for (query, outlet), expected in before.items():
            hits = lib.search.run(query, outlet=outlet, limit=100, kinds=("article",))
            assert [hit.id for hit in hits] == expected, (query, outlet)
            counted = lib.search.run(query, outlet=outlet, kinds=("article",), count=True)
            assert counted.counts is not None and counted.counts["article"] == len(expected)
        # An outlet edit after the migration: found under the new outlet, gone from the old.
        moved = before['"harbour reopened"', "东方日报"][0]
        lib.articles.edit(moved, outlet="Le Monde.")
        assert moved not in [h.id for h in lib.search.run("harbour", outlet="东方日报")]
        assert moved in [h.id for h in lib.search.run("harbour", outlet="LE MONDE.")]
        # The index keeps following the writes it holds: titles, texts, deletions.
        lib.articles.edit(moved, title="Zanzibar headline")
        lib.articles.delete([rows[0][0]])
        _index_is_sound(lib)
        assert [h.id for h in lib.search.run("zanzibar", outlet="le monde.")] == [moved]
        assert lib.search.run("zanzibar", outlet="东方日报") == []
    (backup,) = Library.list_backups(path)
    assert (backup.kind, backup.schema) == ("pre-migration", 8)


def test_sorting_and_paging_filtered_by_outlet_after_the_migration(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    path = tmp_path / "library.sqlite"
    _version_8_library(path, rows)
    expected = set(_filtered_at_version_8(path, "harbour", "The Times"))
    with Library.open(path) as lib:
        for sort in ("relevance", "date", "title"):
            first = lib.search.run("harbour", outlet="the times", limit=4, sort=sort)
            rest = lib.search.run("harbour", outlet="the times", limit=4, sort=sort, offset=4)
            ids = [h.id for h in first] + [h.id for h in rest]
            assert len(ids) == len(set(ids)) and set(ids) == expected, sort
