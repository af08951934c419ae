"""Suggesting over the whole library: stored in batches as found, the journal told of each
actor that gained suggestions, and a cancelled run leaving a library a later run completes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.core import Cancelled, Changes, Library, SuggestCancelled, journal
from briefing.core.actors import suggesting
from tests.conftest import SAMPLE, wikinews_files

ACTORS = {
    "United States": ["US", "Washington", "American"],
    "China": ["Beijing", "Chinese"],
    "United Kingdom": ["UK", "Britain", "British", "London"],
    "European Union": ["EU", "Brussels"],
    "Nobody At All": ["Zzyzx Quorble"],  # in no article: never touched
}


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The sample and the 40 Wikinews articles, five actors; small batches, so that a run
    over 41 articles takes several transactions."""
    monkeypatch.setattr(suggesting, "BATCH_ARTICLES", 7)
    library = Library.open(tmp_path / "library.sqlite")
    library.imports.files([SAMPLE, *wikinews_files()])
    for name, aliases in ACTORS.items():
        library.actors.add(name, kind="state", aliases=aliases)
    yield library
    library.close()


def _spans(library: Library) -> set[tuple[int, int, int, int]]:
    return {(s.article_id, s.actor.id, s.start, s.end) for s in library.mentions.pending()}


def _one_article_at_a_time(tmp_path: Path, library: Library) -> set[tuple[int, int, int, int]]:
    """The same suggestions, found article by article in a copy of the library."""
    copy = tmp_path / "copy.sqlite"
    library.connection().execute("VACUUM INTO ?", (str(copy),))
    with Library.open(copy) as other:
        for article in other.articles.list():
            other.mentions.suggest(article.id)
        return _spans(other)


def test_a_run_finds_what_one_article_at_a_time_finds_and_says_which_actors_gained(
    tmp_path: Path, news: Library
) -> None:
    expected = _one_article_at_a_time(tmp_path, news)
    said: list[Changes] = []
    news.add_listener(said.append)
    before = news.version

    report = news.mentions.suggest()

    assert _spans(news) == expected and len(expected) > 100
    assert (report.articles, report.new, report.pending) == (41, len(expected), len(expected))
    assert len(said) == 6  # 41 articles, 7 a batch: one commit each
    gained = {actor for _, actor, _, _ in expected}
    assert set().union(*(c.updated_ids("actor") for c in said)) == gained
    assert news.actors.resolve("Nobody At All").id not in gained
    assert all(not c.added and not c.deleted and set(c.updated) == {"actor"} for c in said)
    # Another copy hears the same from the journal, and the journal is whole.
    with Library.open(news.path) as other:
        assert other.changes_since(before).updated_ids("actor") == gained
        assert journal.is_consistent(other.connection())
    conn = news.connection()
    assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_second_run_adds_nothing_and_touches_no_actor(news: Library) -> None:
    news.mentions.suggest()
    said: list[Changes] = []
    news.add_listener(said.append)
    report = news.mentions.suggest()
    assert report.new == 0 and said == []


def test_answered_and_tagged_spans_are_not_suggested_again(news: Library) -> None:
    news.mentions.suggest()
    first, second, *_ = news.mentions.pending()
    news.mentions.accept([first.id])
    news.mentions.reject([second.id])
    news.connection().execute("DELETE FROM mention_suggestions WHERE id = ?", (first.id,))
    report = news.mentions.suggest()
    assert report.new == 0  # the accepted span is a mention now; the rejected one stays
    assert second.id not in {s.id for s in news.mentions.pending()}


class _CancelAfterFirst:
    def __init__(self) -> None:
        self.seen: list[tuple[int, int]] = []

    def update(self, done: int, total: int, label: str = "") -> None:
        self.seen.append((done, total))

    def check(self) -> None:
        if self.seen:
            raise Cancelled("cancelled")


def test_cancelling_keeps_whole_articles_and_a_later_run_completes(
    tmp_path: Path, news: Library
) -> None:
    expected = _one_article_at_a_time(tmp_path, news)
    said: list[Changes] = []
    news.add_listener(said.append)
    progress = _CancelAfterFirst()

    with pytest.raises(SuggestCancelled) as caught:
        news.mentions.suggest(progress=progress)

    assert progress.seen == [(7, 41)]
    stopped = caught.value
    kept = _spans(news)
    first_seven = {a.id for a in news.articles.list(sort="id")[:7]}
    assert kept == {s for s in expected if s[0] in first_seven}
    assert (stopped.articles, stopped.total, stopped.new) == (7, 41, len(kept))
    assert stopped.kept == f"the {len(kept)} new suggestions found in 7 of 41 articles are kept"
    assert len(said) == 1 and said[0].updated_ids("actor") == {s[1] for s in kept}
    conn = news.connection()
    assert journal.is_consistent(conn)
    assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)

    report = news.mentions.suggest()
    assert _spans(news) == expected
    assert report.new == len(expected) - len(kept)


def test_a_failed_batch_leaves_neither_rows_nor_the_bulk_flag(news: Library) -> None:
    article = news.articles.list()[0].id
    actor = news.actors.resolve("China").id
    with pytest.raises(RuntimeError), news.transaction():
        suggesting.store(news, [(article, actor, 0, 5, "China")])
        raise RuntimeError("the caller's transaction fails after the batch")
    conn = news.connection()
    assert conn.execute("SELECT count(*) FROM mention_suggestions").fetchone() == (0,)
    assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)


def test_rows_of_an_article_deleted_meanwhile_are_left_out(news: Library) -> None:
    """The finder read an article that another writer deleted before the batch was stored."""
    kept, gone = (a.id for a in news.articles.list()[:2])
    news.articles.delete([gone])
    actor = news.actors.resolve("China").id
    added = suggesting.store(news, [(kept, actor, 0, 5, "China"), (gone, actor, 0, 5, "China")])
    assert added == 1
    assert [(s.article_id, s.actor.id) for s in news.mentions.pending()] == [(kept, actor)]
    assert news.last_changes.updated_ids("actor") == {actor}


def test_rows_of_an_actor_deleted_meanwhile_are_left_out(news: Library) -> None:
    """The batch goes in with SQLite's foreign key checks off: it checks its actors and
    articles itself, and the checks are on again after it."""
    article = news.articles.list()[0].id
    china = news.actors.resolve("China").id
    gone = news.actors.resolve("Nobody At All").id
    news.actors.delete(gone)
    added = suggesting.store(
        news, [(article, gone, 0, 5, "Zzyzx"), (article, china, 0, 5, "China")]
    )
    assert added == 1
    assert [s.actor.id for s in news.mentions.pending()] == [china]
    conn = news.connection()
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_batch_of_rows_all_gone_stores_nothing_and_says_nothing(news: Library) -> None:
    article = news.articles.list()[0].id
    gone = news.actors.resolve("Nobody At All").id
    news.actors.delete(gone)
    before = news.version
    assert suggesting.store(news, [(article, gone, 0, 5, "Zzyzx")]) == 0
    assert news.version == before
    assert news.connection().execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_a_batch_that_fails_turns_the_checks_on_again(news: Library) -> None:
    article = news.articles.list()[0].id
    china = news.actors.resolve("China").id
    with pytest.raises(sqlite3.ProgrammingError):  # a value SQLite cannot hold
        suggesting.store(news, [(article, china, 0, 5, object())])  # type: ignore[list-item]
    conn = news.connection()
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM mention_suggestions").fetchone() == (0,)
    assert conn.execute("SELECT bulk FROM journal_head").fetchone() == (0,)


def test_an_actor_whose_rows_were_all_stored_already_is_not_moved(news: Library) -> None:
    """A batch some of whose rows another writer stored first: only the actors that gained a
    row move to the new version."""
    article = news.articles.list()[0].id
    china, britain = (news.actors.resolve(name).id for name in ("China", "United Kingdom"))
    suggesting.store(news, [(article, china, 0, 5, "China")])
    before = news.version
    added = suggesting.store(
        news, [(article, china, 0, 5, "China"), (article, britain, 9, 11, "UK")]
    )
    assert added == 1
    assert news.last_changes.updated_ids("actor") == {britain}
    assert news.changes_since(before).updated_ids("actor") == {britain}


def test_a_batch_where_every_row_is_new_moves_each_of_its_actors_once(news: Library) -> None:
    articles = [a.id for a in news.articles.list()[:3]]
    china, britain = (news.actors.resolve(name).id for name in ("China", "United Kingdom"))
    before = news.version
    rows = [(art, actor, 0, 5, "China") for art in articles for actor in (china, britain)]
    assert suggesting.store(news, rows) == 6
    assert news.last_changes.updated_ids("actor") == {china, britain}
    moved = news.connection().execute(
        "SELECT count(*) FROM journal WHERE kind = 'actor' AND version > ?", (before,)
    )
    assert moved.fetchone() == (2,)
    assert journal.is_consistent(news.connection())
