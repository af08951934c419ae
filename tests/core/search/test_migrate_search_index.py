"""Migrations 003, 007 and 009 rebuild the article index (003 and 007 with the outlet in it,
009 without): a library made at version 2, with articles in it, must come out searching
exactly as before, filters included."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.core import Library, Metadata
from briefing.core.migrate import available_migrations, latest_version, migrate
from tests.conftest import SAMPLE, wikinews_files

COLUMNS = (
    "id, title, title_proposed, outlet, agency, author, dateline, date, date_start, date_end, "
    "url, language, source_format, source_path, content_hash, imported_at, updated_at, text, "
    "original"
)
QUERIES = ("SenseTime", "said", '"prime minister"', "sanction*", "Hong Kong", "police NOT london")
OUTLETS = (None, "Wikinews", "wikinews", "Reuters", "The Star", "Nowhere")


def _articles(tmp_path: Path) -> list[tuple]:
    """Real imported articles (the sample and the 40 Wikinews texts, in three groups by
    outlet: Wikinews, Reuters and none), as rows."""
    with Library.open(tmp_path / "source.sqlite") as lib:
        lib.imports.files([SAMPLE])
        texts = wikinews_files()
        for outlet, group in (
            ("Wikinews", texts[0::3]),
            ("Reuters", texts[1::3]),
            (None, texts[2::3]),
        ):
            lib.imports.files(group, metadata=Metadata(outlet=outlet))
        lib.imports.texts(
            [("x", "Police in Paris\n\nThe police said nothing about London.")],
            metadata=Metadata(outlet="Reuters"),
        )
        lib.articles.edit(1, outlet="The Star", date="2021-12-14")
        return lib.connection().execute(f"SELECT {COLUMNS} FROM articles ORDER BY id").fetchall()


def _version_2_library(path: Path, rows: list[tuple]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, available_migrations()[:2]) == [1, 2]
    conn.execute("BEGIN")
    marks = ", ".join("?" * len(rows[0]))
    conn.executemany(f"INSERT INTO articles ({COLUMNS}) VALUES ({marks})", rows)
    conn.execute("COMMIT")
    conn.close()


def _ranked_at_version_2(path: Path, query: str, outlet: str | None) -> list[int]:
    """What version 2's search ranked: bm25 over (title, text), outlets compared in SQL."""
    conn = sqlite3.connect(path)
    where, params = "", [query]
    if outlet:
        where, params = " AND a.outlet = ? COLLATE NOCASE", [query, outlet]
    rows = conn.execute(
        f"""SELECT articles_fts.rowid FROM articles_fts
            CROSS JOIN articles a ON a.id = articles_fts.rowid
            WHERE articles_fts MATCH ?{where}
            ORDER BY bm25(articles_fts, 10.0, 1.0), articles_fts.rowid DESC""",
        params,
    ).fetchall()
    conn.close()
    return [row[0] for row in rows]


def _index_is_sound(lib: Library) -> None:
    # rank 1: FTS5 checks the index against the content (articles), not only against itself.
    lib.connection().execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_a_version_2_library_searches_the_same_after_the_migration(tmp_path: Path) -> None:
    rows = _articles(tmp_path)
    path = tmp_path / "library.sqlite"
    _version_2_library(path, rows)
    before = {(q, o): _ranked_at_version_2(path, q, o) for q in QUERIES for o in OUTLETS}
    assert before["SenseTime", None] == [1]
    assert before["said", "wikinews"] and before["police NOT london", "Reuters"]
    assert len(rows) not in before["police NOT london", "Reuters"]  # Police in Paris, London
    assert before["sanction*", None] and before["Hong Kong", "Nowhere"] == []

    with Library.open(path) as lib:
        conn = lib.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert lib.articles.count() == len(rows)
        _index_is_sound(lib)
        for (query, outlet), expected in before.items():
            hits = lib.search.run(query, outlet=outlet, limit=1000, kinds=("article",))
            # The same matches in the same order: the index holds title and text, as at
            # version 2 (from db/007 to db/009 the outlet's key was one more token of each
            # article's length, and far down a long list two nearly equal articles swapped).
            assert [hit.id for hit in hits] == expected, (query, outlet)
        # The index keeps following every write after the migration.
        lib.articles.edit(2, outlet="The Star", title="Zanzibar headline")
        lib.articles.delete([3])
        _index_is_sound(lib)
        assert [h.id for h in lib.search.run("zanzibar", outlet="the star")] == [2]
    (backup,) = Library.list_backups(tmp_path / "library.sqlite")
    assert (backup.kind, backup.schema) == ("pre-migration", 2)


class Recorder:
    """A Progress that keeps what it heard."""

    def __init__(self) -> None:
        self.updates: list[tuple[int, int, str]] = []

    def update(self, done: int, total: int, label: str = "") -> None:
        self.updates.append((done, total, label))

    def check(self) -> None:
        pass


def test_the_upgrade_to_007_reports_how_far_the_index_is(tmp_path: Path) -> None:
    rows = _articles(tmp_path)
    path = tmp_path / "library.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, available_migrations()[:4]) == [1, 2, 3, 4]
    conn.execute("BEGIN")
    marks = ", ".join("?" * len(rows[0]))
    conn.executemany(f"INSERT INTO articles ({COLUMNS}) VALUES ({marks})", rows)
    conn.execute(
        "INSERT INTO actors (name, kind, created_at) VALUES ('China', 'state', '2026-01-01')"
    )
    conn.execute("INSERT INTO actor_aliases (actor_id, alias) VALUES (1, 'Beijing')")
    conn.execute("INSERT INTO actor_aliases (actor_id, alias) VALUES (1, 'PRC')")
    conn.execute("COMMIT")
    (version,) = conn.execute("SELECT version FROM journal_head").fetchone()
    conn.close()

    recorder, announced = Recorder(), []
    with Library.open(
        path, on_upgrade=lambda old, new: announced.append((old, new)), progress=recorder
    ) as lib:
        assert announced == [(4, latest_version())]
        indexing = [u for u in recorder.updates if u[2] == "Indexing the articles for search"]
        # Filled by 007, then again by 009 (without the outlet): each fill counts from one.
        every = list(range(1, len(rows) + 1))
        assert [done for done, _, _ in indexing] == every + every
        assert {total for _, total, _ in indexing} == {len(rows)}
        _index_is_sound(lib)
        assert [hit.id for hit in lib.search.run("SenseTime", kinds=("article",))] == [1]
        # The actors' aliases are a column now, filled without journaling a change.
        assert lib.db["actors"].get(1)["aliases"] == "Beijing | PRC"
        assert [(h.kind, h.id) for h in lib.search.run("Beijing", kinds=("actor",))] == [
            ("actor", 1)
        ]
        assert lib.version == version
