"""The change journal: every write says what it changed, to its own listeners and, through
`changes_since`, to any other copy of the library; gaps are found and never answered wrongly."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from briefing.core import Changes, InvalidInput, Kind, Library
from briefing.core.annotations.service import Span
from briefing.core.sample import load_sample
from tests.conftest import SAMPLE


@pytest.fixture
def sample(library: Library) -> Library:
    load_sample(library)
    return library


def heard(library: Library) -> list[Changes]:
    said: list[Changes] = []
    library.add_listener(said.append)
    return said


def test_each_write_announces_what_it_changed(sample: Library) -> None:
    said = heard(sample)
    claim = sample.claims.get(1)

    sample.claims.edit(1, grade=2)
    sample.actors.add_alias("SenseTime", "Shang Tang")
    briefing = sample.briefings.new("Weekly")
    sample.briefings.add_claims(briefing, [1], section="Designation")
    sample.tags.tag_article(claim.article_id, "ipo")

    assert [c.updated_ids("claim") for c in said[:1]] == [{1}]
    assert said[1].updated_ids("actor") == {sample.actors.resolve("SenseTime").id}
    assert said[2].added_ids("briefing") == {briefing}
    assert said[3].updated_ids("briefing") == {briefing}
    assert said[4].updated_ids("article") == {claim.article_id}
    assert said[4].added_ids("tag")  # a new tag is a new record
    assert all(not c.full for c in said)
    versions = [c.version for c in said]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    assert sample.last_changes == said[-1]


def test_a_write_that_fails_announces_nothing(sample: Library) -> None:
    said = heard(sample)
    with pytest.raises(InvalidInput):
        sample.claims.edit(1, grade=9)
    with pytest.raises(RuntimeError), sample.transaction() as conn:
        conn.execute("UPDATE claims SET grade = 1 WHERE annotation_id = 1")
        raise RuntimeError("changed my mind")
    assert said == []
    assert sample.claims.get(1).grade != 1


def test_one_transaction_is_one_announcement(sample: Library) -> None:
    said = heard(sample)
    with sample.transaction():
        sample.claims.edit(1, grade=2)
        inner = sample.last_changes  # the savepoint's own changes
        sample.claims.edit(2, status="denied")
    assert inner.updated_ids("claim") == {1}
    assert len(said) == 1 and said[0].updated_ids("claim") == {1, 2}


def test_deleting_an_article_deletes_its_annotations_in_the_changes(sample: Library) -> None:
    ids = {a.id for a in sample.annotations.for_article(1)}
    claims = {c.id for c in sample.claims.list()}
    said = heard(sample)
    sample.articles.delete([1])
    (changes,) = said
    assert changes.deleted_ids("article") == {1}
    assert changes.deleted_ids("claim") == claims
    assert changes.deleted_ids("annotation") == ids - claims
    # The briefings that quoted them keep their snapshots: not the journal's business here.


def test_another_copy_hears_of_it_through_changes_since(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as mine, Library.open(path) as theirs:
        load_sample(mine)
        seen = theirs.version
        mine.claims.edit(3, note="checked with the filing")
        mine.actors.add("Securities and Futures Commission", kind="organisation")
        changes = theirs.changes_since(seen)
        assert changes.updated_ids("claim") == {3}
        assert [mine.actors.get(i).name for i in changes.added_ids("actor")] == [
            "Securities and Futures Commission"
        ]
        assert changes.version == mine.version
        assert not theirs.changes_since(changes.version)  # nothing since


def test_changes_since_zero_is_everything(sample: Library) -> None:
    everything = sample.changes_since(0)
    assert everything.added_ids("claim") == {c.id for c in sample.claims.list()}
    assert everything.added_ids("actor") == {a.actor.id for a in sample.actors.list()}
    assert len(everything.added_ids("article")) == 1
    assert not everything.updated and not everything.deleted
    assert everything.version == sample.version


def test_a_version_from_the_future_or_another_library_is_refused(
    sample: Library, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="ahead of this library"):
        sample.changes_since(sample.version + 1)
    with Library.open(tmp_path / "other.sqlite") as other:
        other.actors.add("Somebody")
        foreign = other.version
    with pytest.raises(InvalidInput, match="another library|does not come from"):
        sample.changes_since(foreign)
    with pytest.raises(InvalidInput, match="whole number"):
        sample.changes_since("12")  # type: ignore[arg-type]


def test_undo_brings_back_the_same_identity(sample: Library) -> None:
    claim = sample.claims.list()[0].id
    uid = _uid(sample, "annotations", claim)
    start = sample.version
    snapshots = sample.annotations.remove([claim])
    deleted_at = sample.version
    sample.annotations.restore(snapshots)
    assert _uid(sample, "annotations", claim) == uid
    changes = sample.changes_since(start)
    # Deleted and back: the record changed, it did not come and go. (The claim it links to
    # changed too: the link went and came back.)
    linked = {link.claim_id for link in sample.claims.get(claim).links}
    assert linked and changes.updated_ids("claim") == {claim, *linked}
    assert not changes.deleted_ids("claim") and not changes.added_ids("claim")
    entries = [e for e in sample.journal_since(start) if e.record_id == claim]
    assert [(e.kind, e.uid, e.op) for e in entries] == [(Kind.CLAIM, uid, "updated")]
    # Whoever saw it deleted is told it is back.
    assert claim in sample.changes_since(deleted_at).added_ids("claim")


def test_rows_written_by_hand_are_journaled_and_get_a_uid(sample: Library) -> None:
    start = sample.version
    raw = sqlite3.connect(sample.path)
    raw.execute("INSERT INTO tags (name) VALUES ('by hand')")
    raw.execute("UPDATE actors SET description = 'edited in the shell' WHERE id = 2")
    raw.commit()
    raw.close()
    changes = sample.changes_since(start)
    (tag_id,) = changes.added_ids("tag")
    assert changes.updated_ids("actor") == {2}
    assert uuid.UUID(_uid(sample, "tags", tag_id)).version == 4


def test_a_journal_cut_short_is_noticed_and_answered_in_full(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as lib:
        load_sample(lib)
        seen = lib.version
        lib.claims.edit(1, grade=2)
        lib.claims.edit(2, grade=2)
    raw = sqlite3.connect(path)
    raw.execute("DELETE FROM journal WHERE version > ?", (seen,))  # the tail, cut off
    raw.commit()
    raw.close()
    with Library.open(path) as lib:  # still opens
        gap = lib.changes_since(seen)
        assert gap.full  # not a partial answer that looks complete
        head = lib.connection().execute("SELECT floor, gap_at FROM journal_head").fetchone()
        assert head[0] > seen and head[1]
        assert lib.changes_since(0).added_ids("claim") == {c.id for c in lib.claims.list()}
        after = lib.version
        lib.claims.edit(3, grade=2)
        assert lib.changes_since(after).updated_ids("claim") == {3}  # exact again


def test_dropped_triggers_are_put_back_and_the_gap_noted(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as lib:
        load_sample(lib)
        seen = lib.version
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER journal_actors_insert")
    raw.execute("DROP TRIGGER journal_actors_uid")
    raw.execute("INSERT INTO actors (name, created_at) VALUES ('Unjournaled', '2026-12-05')")
    raw.commit()
    raw.close()
    with Library.open(path) as lib:
        assert lib.changes_since(seen).full
        actor = lib.actors.resolve("Unjournaled")
        assert _uid(lib, "actors", actor.id)  # given one in the repair
        assert actor.id in lib.changes_since(0).added_ids("actor")
        start = lib.version
        lib.actors.add("Journaled again")
        assert len(lib.changes_since(start).added_ids("actor")) == 1


def test_every_dropped_trigger_is_put_back_as_the_migrations_last_made_it(tmp_path: Path) -> None:
    """Two of migration 004's triggers follow a comment in the script, and were once missed;
    migration 008 replaced another, which must come back in its new form."""
    path = tmp_path / "library.sqlite"
    with Library.open(path):
        pass
    raw = sqlite3.connect(path)
    made = dict(raw.execute("SELECT name, sql FROM sqlite_master WHERE name GLOB 'journal_*'"))
    triggers = [name for name in made if name.startswith("journal_") and "TRIGGER" in made[name]]
    assert {"journal_articles_insert", "journal_mention_suggestions_insert"} <= set(triggers)
    for name in triggers:
        raw.execute(f"DROP TRIGGER {name}")
    raw.commit()
    raw.close()
    with Library.open(path) as lib:
        conn = lib.connection()
        back = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        assert {name: back.get(name) for name in triggers} == {n: made[n] for n in triggers}
        start = lib.version
        (article,) = lib.imports.files([SAMPLE])
        assert lib.changes_since(start).added_ids("article") == {article.id}


def test_a_bulk_write_committed_half_way_is_a_gap_repaired_on_opening(tmp_path: Path) -> None:
    """The bulk flag is set and cleared within one transaction; found set (a commit by hand,
    a bug), the suggestions stored meanwhile went unjournaled, so whoever asks from before
    must reload everything, and the flag is cleared."""
    path = tmp_path / "library.sqlite"
    with Library.open(path) as lib:
        load_sample(lib)
        seen = lib.version
    raw = sqlite3.connect(path)
    raw.execute("UPDATE journal_head SET bulk = 1")
    raw.execute(
        'INSERT INTO mention_suggestions (article_id, actor_id, start, "end", text) '
        "VALUES (1, 1, 0, 9, 'SenseTime')"
    )
    raw.commit()
    raw.close()
    with Library.open(path) as lib:
        assert lib.changes_since(seen).full
        conn = lib.connection()
        assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)
        start = lib.version
        lib.mentions.suggest(1)  # one article: journaled row by row again
        assert lib.changes_since(start).updated_ids("actor")


def test_a_record_is_looked_up_in_the_journal_by_its_id(sample: Library) -> None:
    """What every trigger on a record's parts asks. With the primary key (kind, uid), SQLite
    read every journal row of the kind for it (migration 008)."""
    plan = sample.connection().execute(
        "EXPLAIN QUERY PLAN UPDATE journal SET version = 1 "
        "WHERE kind = 'actor' AND record_id = 5 AND deleted = 0"
    )
    assert any("INDEX journal_record (record_id=? AND kind=?)" in row[3] for row in plan)


def test_every_record_has_a_uid(sample: Library) -> None:
    conn = sample.connection()
    for table in ("articles", "annotations", "actors", "sources", "tags", "briefings"):
        assert not conn.execute(f"SELECT count(*) FROM {table} WHERE uid IS NULL").fetchone()[0]
    span = Span(quote="SenseTime", occurrence=1)
    note = sample.annotations.add(1, "highlight", span)
    assert uuid.UUID(_uid(sample, "annotations", note.id))


def _uid(library: Library, table: str, row_id: int) -> str:
    return (
        library.connection()
        .execute(f"SELECT uid FROM {table} WHERE id = ?", (row_id,))
        .fetchone()[0]
    )
