"""Upgrades that cannot lose a row, and a newer library left exactly as it was."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from briefing.core import Library, LibraryUnavailable, MigrationFailed
from briefing.core.migrate import Migration, available_migrations, latest_version, migrate
from briefing.core.sample import load_sample

# What a claim is made of besides its annotation; with foreign keys on, dropping the
# annotations table deleted every one of these rows.
HANGING_OFF_ANNOTATIONS = (
    "claims",
    "mentions",
    "claim_about",
    "claim_links",
    "claim_sources",
    "annotation_tags",
)


def _sample_library(path: Path) -> None:
    with Library.open(path) as library:
        load_sample(library)


def _contents(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table (FTS and its shadow tables included), order aside."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def _rebuild(conn: sqlite3.Connection, table: str, old: str, new: str) -> str:
    """The SQL of a migration that changes `table`'s definition (`old` text replaced by
    `new`) the way https://www.sqlite.org/lang_altertable.html#otheralter describes: create
    the new table, copy, drop the old one, rename, create its indexes, triggers and the
    views that name it again."""
    (definition,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    assert old in definition
    attached = conn.execute(
        "SELECT sql FROM sqlite_master "
        "WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    assert attached, f"{table} has indexes and triggers to recreate"
    views = [
        (name, sql)
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'")
        if re.search(rf"\b{table}\b", sql)
    ]
    # A table made by a rename is stored as CREATE TABLE "name" (migration 004 rebuilt articles).
    create = re.sub(rf'^CREATE TABLE "?{table}"?', f"CREATE TABLE new_{table}", definition)
    # The stored columns: table_info leaves out generated ones (articles had one from db/007
    # to db/009), which the new table computes itself.
    columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({table})"))
    statements = [
        create.replace(old, new),
        f"INSERT INTO new_{table} ({columns}) SELECT {columns} FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE new_{table} RENAME TO {table}",
        *(f"DROP VIEW {name}" for name, _ in views),
        *(sql for _, sql in views),
        *(sql for (sql,) in attached),
    ]
    return ";\n".join(statements) + ";\n"


def test_rebuilding_annotations_keeps_every_claim_mention_and_link(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    _sample_library(path)
    shipped = available_migrations()
    with Library.open(path) as library:
        conn = library.connection()
        before = _contents(conn)
        counts = {t: len(before[t]) for t in HANGING_OFF_ANNOTATIONS}
        assert counts == {
            "claims": 6,
            "mentions": 7,
            "claim_about": 8,
            "claim_links": 1,
            "claim_sources": 9,
            "annotation_tags": 3,
        }
        sql = _rebuild(conn, "annotations", "'note')", "'note', 'question')")
        rebuild = Migration(len(shipped) + 1, "annotation_kinds", sql)

        assert migrate(conn, path, [*shipped, rebuild]) == [rebuild.version]

        assert conn.execute("PRAGMA user_version").fetchone()[0] == rebuild.version
        (definition,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'annotations'"
        ).fetchone()
        assert "'question'" in definition
        assert _contents(conn) == before
        # Back to normal use: foreign keys enforced, renames modern, claims searchable.
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA legacy_alter_table").fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        claim = library.claims.list()[0]
        hits = conn.execute(
            "SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?",
            (f'"{claim.quote.split()[0]}"',),
        ).fetchall()
        assert (claim.id,) in hits
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("DELETE FROM actors WHERE id = ?", (claim.speaker.id,))


def test_rebuilding_articles_keeps_its_triggers_and_search(tmp_path: Path) -> None:
    """articles has the search index's triggers and had a view over it (db/003 and 004),
    which a plain rename refuses to leave behind: this is why migrations run with
    legacy_alter_table on."""
    path = tmp_path / "library.sqlite"
    _sample_library(path)
    shipped = available_migrations()
    with Library.open(path) as library:
        conn = library.connection()
        before = _contents(conn)
        (article,) = library.articles.list()
        sql = _rebuild(conn, "articles", "url             TEXT,", "url TEXT CHECK (url <> ''),")
        rebuild = Migration(len(shipped) + 1, "article_urls", sql)

        assert migrate(conn, path, [*shipped, rebuild]) == [rebuild.version]

        assert _contents(conn) == before
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        hits = library.search.run("SenseTime", outlet=article.outlet, kinds=("article",))
        assert [hit.id for hit in hits] == [article.id]
        library.articles.edit(article.id, title="Renamed after the rebuild")
        hits = library.search.run("renamed", kinds=("article",))
        assert [hit.id for hit in hits] == [article.id]


def test_a_migration_that_would_orphan_rows_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite"
    _sample_library(path)
    shipped = available_migrations()
    forget = Migration(
        len(shipped) + 1,
        "forget_speakers",
        "ALTER TABLE actors ADD COLUMN extra TEXT;\n"
        "DELETE FROM actors WHERE id IN (SELECT speaker_id FROM claims);\n",
    )
    with Library.open(path) as library:
        conn = library.connection()
        before = _contents(conn)
        schema = conn.execute("SELECT * FROM sqlite_master").fetchall()
        speakers = conn.execute(
            "SELECT count(*) FROM claims WHERE speaker_id IS NOT NULL"
        ).fetchone()[0]
        assert speakers == 6

        with pytest.raises(MigrationFailed) as failure:
            migrate(conn, path, [*shipped, forget])

        message = str(failure.value)
        assert f"migration {forget.version:03d}_forget_speakers" in message
        assert "6 rows of claims pointing to missing actors" in message
        assert f"{path} is unchanged" in message
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(shipped)
        assert conn.execute("SELECT * FROM sqlite_master").fetchall() == schema
        assert _contents(conn) == before
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_references_broken_before_the_upgrade_do_not_block_it(tmp_path: Path) -> None:
    """The sqlite3 shell has foreign keys off: a reader who deleted a tag there left
    dangling rows. The upgrade goes on; only what a migration breaks is refused."""
    path = tmp_path / "library.sqlite"
    _sample_library(path)
    shell = sqlite3.connect(path)
    shell.execute("DELETE FROM tags WHERE id IN (SELECT tag_id FROM annotation_tags)")
    shell.commit()
    shell.close()
    shipped = available_migrations()
    extra = Migration(len(shipped) + 1, "add_column", "ALTER TABLE tags ADD COLUMN colour TEXT;")
    with Library.open(path) as library:
        conn = library.connection()
        dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
        assert "annotation_tags" in {row[0] for row in dangling}

        assert migrate(conn, path, [*shipped, extra]) == [extra.version]

        assert conn.execute("PRAGMA foreign_key_check").fetchall() == dangling


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_library_from_a_newer_briefing_is_refused_without_a_byte_changing(
    tmp_path: Path, journal: str
) -> None:
    """Every library is a WAL file, but a copy made with other tools may not be: opening
    one used to switch it to WAL before reading its version."""
    path = tmp_path / "future.sqlite"
    _sample_library(path)
    shell = sqlite3.connect(path)
    shell.execute(f"PRAGMA journal_mode = {journal}")
    shell.execute(f"PRAGMA user_version = {latest_version() + 1}")
    shell.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["future.sqlite"]  # no -wal or -shm left by the writers
    before = path.read_bytes()
    assert before[18:20] == (b"\x02\x02" if journal == "wal" else b"\x01\x01")

    with pytest.raises(LibraryUnavailable) as refused:
        Library.open(path)

    assert str(refused.value) == (
        f"{path} was written by a newer version of Briefing (schema {latest_version() + 1}, "
        f"this program knows {latest_version()}); update Briefing to open it"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files
