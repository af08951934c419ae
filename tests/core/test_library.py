"""Opening, creating and protecting the library file."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from briefing.core import Cancelled, InvalidInput, Library, LibraryUnavailable, MigrationFailed
from briefing.core.library_paths import resolve_library_path
from briefing.core.migrate import APPLICATION_ID, Migration, available_migrations, migrate
from briefing.core.transactions import LONG_WRITE_CHECKPOINT_PAGES
from tests.conftest import SAMPLE


def test_a_new_library_is_created_empty_and_migrated(tmp_path: Path) -> None:
    with Library.open(tmp_path / "new.sqlite") as lib:
        assert lib.created
        conn = lib.connection()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert conn.execute("PRAGMA cache_size").fetchone()[0] <= -64 * 1024
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert (
            conn.execute("PRAGMA user_version").fetchone()[0] == available_migrations()[-1].version
        )
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert lib.articles.count() == 0
    with Library.open(tmp_path / "new.sqlite") as again:
        assert not again.created


def test_schema_covers_the_whole_domain(library: Library) -> None:
    tables = {
        row[0]
        for row in library.connection().execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
    }
    for table in (
        "articles",
        "annotations",
        "claims",
        "claim_about",
        "claim_links",
        "actors",
        "actor_aliases",
        "mentions",
        "mention_suggestions",
        "sources",
        "claim_sources",
        "tags",
        "article_tags",
        "annotation_tags",
        "briefings",
        "briefing_sections",
        "briefing_items",
        "articles_fts",
        "annotations_fts",
        "actors_fts",
    ):
        assert table in tables


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"my precious notes\n" * 100)
    before = path.read_bytes()
    with pytest.raises(LibraryUnavailable, match="not an SQLite database"):
        Library.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_another_programs_sqlite_file_is_refused_and_left_untouched(
    tmp_path: Path, journal: str
) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE things (x)")
    conn.execute("INSERT INTO things VALUES (1)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryUnavailable, match="not a Briefing library"):
        Library.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryUnavailable, match="does not exist"):
        Library.open(tmp_path / "no" / "such" / "library.sqlite")


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryUnavailable, match="is a folder"):
        Library.open(tmp_path)


def test_a_library_in_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes through permission bits; /proc is a read-only place even for root.
        target = Path("/proc/briefing-test/library.sqlite")
        expected = "does not exist|cannot be"
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        target = folder / "library.sqlite"
        expected = "cannot be"
    with pytest.raises(LibraryUnavailable, match=expected):
        Library.open(target)


def test_a_library_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(LibraryUnavailable, match="newer version of Briefing"):
        Library.open(path)


def _with_sample(path: Path) -> None:
    with Library.open(path) as lib:
        lib.imports.files([SAMPLE])


def test_migrating_existing_data_backs_the_file_up_first(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    _with_sample(path)
    shipped = available_migrations()
    extra = Migration(len(shipped) + 1, "add_column", "ALTER TABLE articles ADD COLUMN extra TEXT;")
    with Library.open(path) as lib:
        applied = migrate(lib.connection(), path, [*shipped, extra])
        assert applied == [extra.version]
        assert lib.connection().execute("PRAGMA user_version").fetchone()[0] == extra.version
    (backup,) = Library.list_backups(path)
    assert (backup.kind, backup.schema, backup.articles) == ("pre-migration", len(shipped), 1)
    assert backup.path.parent == tmp_path / "library.sqlite-backups"
    copy = sqlite3.connect(backup.path)
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert copy.execute("PRAGMA user_version").fetchone()[0] == len(shipped)
    copy.close()


def test_a_failed_migration_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    _with_sample(path)
    shipped = available_migrations()
    broken = Migration(
        len(shipped) + 1,
        "broken",
        "ALTER TABLE articles ADD COLUMN extra TEXT;\nDELETE FROM articles;\nSELECT * FROM nope;",
    )
    with Library.open(path) as lib:
        with pytest.raises(MigrationFailed, match="broken"):
            migrate(lib.connection(), path, [*shipped, broken])
        conn = lib.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(shipped)
        assert lib.articles.count() == 1
        columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
        assert "extra" not in columns


def test_scripts_get_sqlite_utils_for_table_work(library: Library) -> None:
    library.imports.files([SAMPLE])
    db = library.db
    assert db["articles"].count == 1
    (row,) = db["articles"].rows_where(select="agency, dateline, date")
    assert row == {"agency": "AFP", "dateline": "HONG KONG", "date": "--12-14"}
    assert {"start", "end", "quote", "prefix", "suffix"} <= set(db["annotations"].columns_dict)
    assert library.connection().execute("PRAGMA recursive_triggers").fetchone()[0] == 0


def test_a_failed_write_changes_nothing(library: Library) -> None:
    with pytest.raises(RuntimeError):
        with library.transaction() as conn:
            conn.execute("INSERT INTO tags (name) VALUES ('kept?')")
            raise RuntimeError("boom")
    assert library.connection().execute("SELECT count(*) FROM tags").fetchone()[0] == 0


def test_a_nested_failure_rolls_back_alone(library: Library) -> None:
    with library.transaction() as conn:
        conn.execute("INSERT INTO tags (name) VALUES ('outer')")
        with pytest.raises(RuntimeError):
            with library.transaction():
                conn.execute("INSERT INTO tags (name) VALUES ('inner')")
                raise RuntimeError("boom")
    names = [r[0] for r in library.connection().execute("SELECT name FROM tags")]
    assert names == ["outer"]


def test_two_copies_of_the_app_share_one_library(tmp_path: Path) -> None:
    """A second process-like opener reads while the first writes, and waits to write."""
    path = tmp_path / "shared.sqlite"
    first = Library.open(path)
    second = Library.open(path)
    try:
        with first.transaction():
            first.imports.files([SAMPLE])
            assert second.articles.count() == 0  # WAL: the reader sees the last commit
        assert second.articles.count() == 1
        done = threading.Event()

        def write_from_second() -> None:
            lib = Library.open(path)
            with lib.transaction() as conn:
                conn.execute("INSERT INTO tags (name) VALUES ('second')")
            lib.close()
            done.set()

        with first.transaction() as conn:
            conn.execute("INSERT INTO tags (name) VALUES ('first')")
            worker = threading.Thread(target=write_from_second)
            worker.start()
            assert not done.wait(0.3)  # blocked by our write, waiting (busy timeout)
        worker.join(10)
        assert done.is_set()
        names = sorted(r[0] for r in second.connection().execute("SELECT name FROM tags"))
        assert names == ["first", "second"]
    finally:
        first.close()
        second.close()


def test_the_library_path_comes_from_option_then_environment_then_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_LIBRARY", str(tmp_path / "env.sqlite"))
    assert resolve_library_path(tmp_path / "opt.sqlite") == tmp_path / "opt.sqlite"
    assert resolve_library_path(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv("BRIEFING_LIBRARY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_library_path(None) == tmp_path / "data" / "Briefing" / "library.sqlite"


def test_a_broken_rule_is_input_refused_never_a_raw_sqlite_error(library: Library) -> None:
    """The public API raises BriefingError subclasses: a constraint broken by the outermost
    transaction is InvalidInput (inner levels still see IntegrityError, to catch it)."""
    with pytest.raises(InvalidInput, match="rule of the library"):
        with library.transaction() as conn:
            conn.execute("INSERT INTO tags (name) VALUES ('kept?')")
            conn.execute("INSERT INTO tags (name) VALUES (NULL)")
    with library.transaction() as conn:
        with pytest.raises(sqlite3.IntegrityError):
            with library.transaction():
                conn.execute("INSERT INTO tags (name) VALUES (NULL)")
    assert library.connection().execute("SELECT count(*) FROM tags").fetchone()[0] == 0


@pytest.mark.parametrize("value", ["caf\udce9", "\ud800", "x" + "\udcff" * 3])
def test_text_that_is_not_unicode_is_input_refused(
    library: Library, sample_article: int, value: str
) -> None:
    with pytest.raises(InvalidInput, match="not valid Unicode"):
        library.tags.tag_article(sample_article, [value])
    with pytest.raises(InvalidInput, match="not valid Unicode"):
        library.actors.add(value)
    with pytest.raises(InvalidInput, match="search text is not valid text"):
        library.search.run(value)
    assert library.actors.list() == []


def test_a_number_past_64_bits_is_input_refused(library: Library) -> None:
    with pytest.raises(InvalidInput, match="too large"):
        library.articles.get(10**30)


def test_without_home_no_data_folder_is_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """platformdirs would fall back on the password file, or on a folder named `~` here."""
    for name in ("HOME", "XDG_DATA_HOME", "BRIEFING_LIBRARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LibraryUnavailable, match="HOME is not set; set HOME .* --library PATH"):
        Library.open_default()
    assert list(tmp_path.iterdir()) == []
    with Library.open_default(tmp_path / "named.sqlite") as library:  # needs no data folder
        assert library.created


def test_a_data_folder_that_cannot_be_made_says_why_and_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.delenv("BRIEFING_LIBRARY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "file" / "data"))
    with pytest.raises(LibraryUnavailable) as raised:
        Library.open_default()
    assert str(raised.value) == (
        f"cannot create the data folder {tmp_path}/file/data/Briefing (Not a directory): it "
        "needs a writable folder there; set XDG_DATA_HOME to one, or name a library with "
        "--library PATH or BRIEFING_LIBRARY"
    )


def test_a_long_write_waits_for_the_disk_once_and_leaves_the_connection_as_it_was(
    library: Library,
) -> None:
    """An import commits many times without waiting for the disk (synchronous NORMAL), then
    flushes the log once; afterwards every commit waits for the disk again (FULL)."""
    conn = library.connection()
    during: list[int] = []
    checkpoints: list[int] = []
    temp: list[int] = []

    class Watch:
        def __init__(self, cancel_at: int = -1) -> None:
            self.cancel_at = cancel_at

        def update(self, done: int, total: int, label: str = "") -> None:
            during.append(conn.execute("PRAGMA synchronous").fetchone()[0])
            checkpoints.append(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            temp.append(conn.execute("PRAGMA temp_store").fetchone()[0])

        def check(self) -> None:
            if len(during) == self.cancel_at:
                raise Cancelled("cancelled")

    texts = [(f"t{i}", f"Story {i}\n\nA text of its own, number {i}.") for i in range(5)]
    every = conn.execute("PRAGMA wal_autocheckpoint").fetchone()
    library.imports.texts(texts[:2], progress=Watch())
    assert during == [1, 1]  # NORMAL
    # Fewer checkpoints meanwhile, made by a helper thread (core/checkpoints.py); the
    # writer's own only should the helper fall behind.
    assert checkpoints == [2 * LONG_WRITE_CHECKPOINT_PAGES] * 2
    assert temp == [2, 2]  # statement journals in memory
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL again
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone() == every
    assert conn.execute("PRAGMA temp_store").fetchone() == (0,)  # the default again
    with pytest.raises(Cancelled):
        library.imports.texts(texts[2:], progress=Watch(cancel_at=3))
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)
    assert conn.execute("PRAGMA temp_store").fetchone() == (0,)
    with library.transaction():  # inside a caller's transaction: its commit syncs
        library.imports.texts([("u", "Another\n\nStory.")], progress=Watch())
    assert during[-1] == 2
