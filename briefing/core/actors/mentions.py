"""Actor mentions: spans tagged as naming an actor, and suggestions the reader confirms.

Suggestions come from finding every known name and alias in the text (mention_finder). They
wait as `pending`; accepting one makes a mention annotation, rejecting one keeps it as
`rejected` so the same span is never suggested again. A span already tagged for that actor
is not suggested.
"""

from __future__ import annotations

import builtins  # the service has a list() method: its annotations say builtins.list
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.core.actors.mention_finder import Match, MentionFinder, Name
from briefing.core.actors.suggesting import new_rows, store, suggest_everywhere, tagged_spans
from briefing.core.anchoring.selectors import Selector, selector_at
from briefing.core.annotations.service import Span, insert_annotation
from briefing.core.articles.rows import article_text
from briefing.core.claims.model import ActorRef
from briefing.core.claims.state import NewActor
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.progress import NoProgress, Progress

if TYPE_CHECKING:
    from briefing.core.library import Library


@dataclass(frozen=True)
class Mention:
    id: int  # the annotation's id
    article_id: int
    actor: ActorRef
    start: int | None
    end: int | None
    quote: str
    orphaned: bool
    uid: str = ""


@dataclass(frozen=True)
class SuggestReport:
    articles: int  # how many were searched
    new: int  # suggestions added by this run
    pending: int  # waiting for the reader now (in the articles searched)


@dataclass(frozen=True)
class Suggestion:
    id: int
    article_id: int
    actor: ActorRef
    start: int
    end: int
    text: str
    state: str


class MentionService:
    def __init__(self, library: Library) -> None:
        self._library = library

    # Mentions -------------------------------------------------------------------------------

    def add(self, article_id: int, actor: str | int | NewActor, span: Span) -> Mention:
        """Tag a span as naming an actor (a `NewActor` is made, or found by name, in the same
        transaction). A pending suggestion of the same actor on the same words is thereby
        answered: it becomes accepted, as if the reader had accepted it."""
        with self._library.transaction() as conn:
            if isinstance(actor, NewActor):
                actor_id = self._library.actors.ensure(actor)
            else:
                actor_id = self._library.actors.resolve(actor).id
            selector = span.locate(article_text(conn, article_id))
            mention_id = self._insert(conn, article_id, actor_id, selector, span.orphaned)
            if not span.orphaned:
                conn.execute(
                    """UPDATE mention_suggestions SET state = 'accepted'
                       WHERE article_id = ? AND actor_id = ? AND start = ? AND "end" = ?
                             AND state = 'pending'""",
                    (article_id, actor_id, selector.start, selector.end),
                )
        return self.get(mention_id)

    def get(self, mention_id: int) -> Mention:
        found = self._select("m.annotation_id = ?", [mention_id])
        if not found:
            raise NotFound(f"no mention with id {mention_id}")
        return found[0]

    def list(
        self, *, article_id: int | None = None, actor: str | int | None = None
    ) -> builtins.list[Mention]:
        where = ["1"]
        params: builtins.list[object] = []
        if article_id is not None:
            where.append("n.article_id = ?")
            params.append(article_id)
        if actor is not None:
            where.append("m.actor_id = ?")
            params.append(self._library.actors.resolve(actor).id)
        return self._select(" AND ".join(where), params)

    # Suggestions ----------------------------------------------------------------------------

    def suggest(
        self, article_id: int | None = None, *, progress: Progress | None = None
    ) -> SuggestReport:
        """Find names and aliases in one article or the whole library; store what is new.

        Returns counts, not the suggestions: over a large library they run to millions, and
        `pending()` pages through them (or `iter_pending()` streams them). Over the whole
        library the run commits as it goes (core/actors/suggesting.py); cancelling raises
        `SuggestCancelled` and keeps what was stored.
        """
        progress = progress or NoProgress()
        names = self._library.actors.aliases_for_matching()
        shared = MentionFinder(
            Name(actor_id, text, sensitive)
            for actor_id, text, art, sensitive in names
            if art is None
        )
        bound: dict[int, builtins.list[Name]] = {}
        for actor_id, text, art, sensitive in names:
            if art is not None:
                bound.setdefault(art, []).append(Name(actor_id, text, sensitive))

        def find(art_id: int, text: str) -> builtins.list[Match]:
            matches = shared.find(text)
            if art_id in bound:
                matches += MentionFinder(bound[art_id]).find(text)
            return matches

        if article_id is None:
            searched, new = suggest_everywhere(self._library, find, progress)
        else:
            with self._library.transaction() as conn:
                text = article_text(conn, article_id)  # NotFound for an unknown id
                progress.check()
                rows = new_rows([(article_id, text)], find, tagged_spans(conn, article_id))
                searched, new = 1, store(self._library, rows)
            progress.update(1, 1, "finding mentions")
        return SuggestReport(searched, new, self.count_pending(article_id=article_id))

    def pending(
        self,
        *,
        article_id: int | None = None,
        actor: str | int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[Suggestion]:
        """Pending suggestions in reading order, a page at a time when `limit` is given."""
        return list(
            self.iter_pending(article_id=article_id, actor=actor, limit=limit, offset=offset)
        )

    def iter_pending(
        self,
        *,
        article_id: int | None = None,
        actor: str | int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Suggestion]:
        """The same, one at a time: for printing millions without holding them."""
        where, params = self._pending_where(article_id, actor)
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        if limit is not None:
            params += [limit, offset]
        rows = self._library.connection().execute(
            f"""SELECT s.id, s.article_id, a.id, a.name, s.start, s."end", s.text, s.state
                FROM mention_suggestions s JOIN actors a ON a.id = s.actor_id
                WHERE {where} ORDER BY s.article_id, s.start, s.id{page}""",
            params,
        )
        for i, art, a, n, st, en, t, state in rows:
            yield Suggestion(i, art, ActorRef(a, n), st, en, t, state)

    def count_pending(
        self, *, article_id: int | None = None, actor: str | int | None = None
    ) -> int:
        where, params = self._pending_where(article_id, actor)
        sql = f"SELECT count(*) FROM mention_suggestions s WHERE {where}"
        return int(self._library.connection().execute(sql, params).fetchone()[0])

    def _pending_where(
        self, article_id: int | None, actor: str | int | None
    ) -> tuple[str, builtins.list[object]]:
        where = ["s.state = 'pending'"]
        params: builtins.list[object] = []
        if article_id is not None:
            where.append("s.article_id = ?")
            params.append(article_id)
        if actor is not None:
            where.append("s.actor_id = ?")
            params.append(self._library.actors.resolve(actor).id)
        return " AND ".join(where), params

    def pending_counts(self) -> dict[int, int]:
        """Pending suggestions per actor (actors with none are left out), for the actor list."""
        rows = self._library.connection().execute(
            "SELECT actor_id, count(*) FROM mention_suggestions WHERE state = 'pending' "
            "GROUP BY actor_id"
        )
        return dict(rows.fetchall())

    def pending_ids(self, actor_id: int) -> builtins.list[int]:
        """Every pending suggestion of one actor (what "Accept All" acts on, beyond a page)."""
        rows = self._library.connection().execute(
            "SELECT id FROM mention_suggestions WHERE actor_id = ? AND state = 'pending' "
            "ORDER BY article_id, start, id",
            (actor_id,),
        )
        return [row[0] for row in rows]

    def accept(self, suggestion_ids: Iterable[int]) -> builtins.list[Mention]:
        """Turn suggestions into mentions, all in one transaction."""
        created = []
        with self._library.transaction() as conn:
            for suggestion in self._suggestions(conn, suggestion_ids):
                _, art_id, actor_id, start, end, _text, state = suggestion
                if state == "rejected":
                    raise InvalidInput(f"suggestion {suggestion[0]} was rejected; suggest again")
                if state == "pending":
                    selector = selector_at(article_text(conn, art_id), start, end)
                    created.append(self._insert(conn, art_id, actor_id, selector))
                    conn.execute(
                        "UPDATE mention_suggestions SET state = 'accepted' WHERE id = ?",
                        (suggestion[0],),
                    )
        return [self.get(i) for i in created]

    def reject(self, suggestion_ids: Iterable[int]) -> int:
        with self._library.transaction() as conn:
            found = self._suggestions(conn, suggestion_ids)
            for suggestion in found:
                conn.execute(
                    "UPDATE mention_suggestions SET state = 'rejected' WHERE id = ?",
                    (suggestion[0],),
                )
        return len(found)

    def reopen(self, suggestion_ids: Iterable[int]) -> int:
        """Put rejected suggestions back to pending (undoing a reject); how many changed.

        Accepted ones are left alone: their mention exists, and undoing an accept removes
        it (core/annotations/restore.py) before the suggestion goes back to pending.
        """
        with self._library.transaction() as conn:
            changed = 0
            for suggestion in self._suggestions(conn, suggestion_ids):
                if suggestion[6] == "rejected":
                    conn.execute(
                        "UPDATE mention_suggestions SET state = 'pending' WHERE id = ?",
                        (suggestion[0],),
                    )
                    changed += 1
        return changed

    # Helpers --------------------------------------------------------------------------------

    @staticmethod
    def _suggestions(
        conn: sqlite3.Connection, ids: Iterable[int]
    ) -> builtins.list[tuple[Any, ...]]:
        rows = []
        for suggestion_id in dict.fromkeys(ids):
            row = conn.execute(
                'SELECT id, article_id, actor_id, start, "end", text, state '
                "FROM mention_suggestions WHERE id = ?",
                (suggestion_id,),
            ).fetchone()
            if row is None:
                raise NotFound(f"no suggestion with id {suggestion_id}")
            rows.append(row)
        return rows

    @staticmethod
    def _insert(
        conn: sqlite3.Connection,
        article_id: int,
        actor_id: int,
        selector: Selector,
        orphaned: bool = False,
    ) -> int:
        mention_id = insert_annotation(conn, article_id, "mention", selector, orphaned=orphaned)
        conn.execute(
            "INSERT INTO mentions (annotation_id, actor_id) VALUES (?, ?)", (mention_id, actor_id)
        )
        return mention_id

    def _select(self, where: str, params: builtins.list[object]) -> builtins.list[Mention]:
        rows = self._library.connection().execute(
            f"""SELECT n.id, n.article_id, a.id, a.name, n.start, n."end", n.quote, n.orphaned,
                       n.uid
                FROM mentions m JOIN annotations n ON n.id = m.annotation_id
                JOIN actors a ON a.id = m.actor_id
                WHERE {where} ORDER BY n.article_id, n.orphaned, n.start, n.id""",
            params,
        )
        return [
            Mention(i, art, ActorRef(a, name), st, en, q, bool(o), uid)
            for i, art, a, name, st, en, q, o, uid in rows
        ]
