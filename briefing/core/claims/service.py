"""Claims: who says what, about whom, resting on which sources, and how credible it is.

A claim is an annotation (its span and quote) with a speaker, the actors it is about, a
status, an Admiralty credibility grade (1 confirmed ... 6 cannot be judged), a note, tags,
linked sources and links to other claims in any article (supports, contradicts, repeats).
"""

from __future__ import annotations

import builtins  # the service has a list() method: its annotations say builtins.list
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefing.core.annotations.service import Span, insert_annotation, tags_of
from briefing.core.articles.rows import article_text
from briefing.core.briefings.rows import keep_snapshots
from briefing.core.briefings.snapshot import SnapshotMaker
from briefing.core.claims.details import load_about, load_links, load_sources
from briefing.core.claims.model import (
    CLAIM_RELATIONS,
    GRADE_MEANINGS,
    SOURCE_RELATIONS,
    STATUSES,
    UNSET,
    ActorRef,
    Claim,
    ClaimLink,
    LinkedSource,
    Unset,
    check_grade,
    check_relation,
    check_status,
)
from briefing.core.claims.rows import ClaimRow, claim_rows
from briefing.core.claims.state import ClaimState, apply_claim_state, claim_state, create_claim
from briefing.core.clock import now
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.tags import tag_id

if TYPE_CHECKING:
    from briefing.core.library import Library


class ClaimService:
    def __init__(self, library: Library) -> None:
        self._library = library

    # Writing --------------------------------------------------------------------------------

    def add(
        self,
        article_id: int,
        span: Span,
        *,
        speaker: str | int | None = None,
        about: Iterable[str | int] = (),
        status: str = "asserted",
        grade: int | str | None = None,
        note: str = "",
        sources: Iterable[str | int | tuple[str | int, str]] = (),
        tags: Iterable[str] = (),
    ) -> Claim:
        """Mark a span as a claim. Everything is checked before anything is written."""
        status, grade = check_status(status), check_grade(grade)
        speaker_id = self._actor_id(speaker) if speaker is not None else None
        about_ids = [self._actor_id(a) for a in about]
        source_links = [self._source_link(s) for s in sources]
        with self._library.transaction() as conn:
            selector = span.locate(article_text(conn, article_id))
            claim_id = insert_annotation(
                conn, article_id, "claim", selector, note, orphaned=span.orphaned
            )
            conn.execute(
                "INSERT INTO claims (annotation_id, speaker_id, status, grade) VALUES (?, ?, ?, ?)",
                (claim_id, speaker_id, status, grade),
            )
            self._set_about(conn, claim_id, about_ids)
            for source_id, relation in source_links:
                self._put_source(conn, claim_id, source_id, relation)
            self._add_tags(conn, claim_id, tags)
        return self.get(claim_id)

    def edit(
        self,
        claim_id: int,
        *,
        speaker: str | int | None | Unset = UNSET,
        about: Iterable[str | int] | Unset = UNSET,
        status: str | Unset = UNSET,
        grade: int | str | None | Unset = UNSET,
        note: str | Unset = UNSET,
        add_sources: Iterable[str | int | tuple[str | int, str]] = (),
        remove_sources: Iterable[str | int] = (),
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
    ) -> Claim:
        """Change what is given; `about` replaces the list. None clears speaker or grade."""
        self.get(claim_id)
        changes: dict[str, object] = {}
        if not isinstance(speaker, Unset):
            changes["speaker_id"] = self._actor_id(speaker) if speaker is not None else None
        if not isinstance(status, Unset):
            changes["status"] = check_status(status)
        if not isinstance(grade, Unset):
            changes["grade"] = check_grade(grade)
        about_ids = None if isinstance(about, Unset) else [self._actor_id(a) for a in about]
        adding = [self._source_link(s) for s in add_sources]
        removing = [self._library.sources.resolve(s).id for s in remove_sources]
        with self._library.transaction() as conn:
            if changes:
                conn.execute(
                    f"UPDATE claims SET {', '.join(f'{k} = ?' for k in changes)} "
                    "WHERE annotation_id = ?",
                    [*changes.values(), claim_id],
                )
            if not isinstance(note, Unset):
                conn.execute(
                    "UPDATE annotations SET note = ? WHERE id = ?", (note.strip(), claim_id)
                )
            if about_ids is not None:
                conn.execute("DELETE FROM claim_about WHERE claim_id = ?", (claim_id,))
                self._set_about(conn, claim_id, about_ids)
            for source_id, relation in adding:
                self._put_source(conn, claim_id, source_id, relation)
            for source_id in removing:
                conn.execute(
                    "DELETE FROM claim_sources WHERE claim_id = ? AND source_id = ?",
                    (claim_id, source_id),
                )
            self._add_tags(conn, claim_id, add_tags)
            for name in remove_tags:
                conn.execute(
                    "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id = ?",
                    (claim_id, tag_id(conn, name, create=False)),
                )
            conn.execute("UPDATE annotations SET updated_at = ? WHERE id = ?", (now(), claim_id))
        return self.get(claim_id)

    def link(self, claim_id: int, other_id: int, relation: str) -> Claim:
        """Say that one claim supports, contradicts or repeats another (any article)."""
        relation = check_relation(relation, CLAIM_RELATIONS, "claim")
        if claim_id == other_id:
            raise InvalidInput("a claim cannot be linked to itself")
        self.get(claim_id)
        self.get(other_id)
        with self._library.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO claim_links (from_claim_id, to_claim_id, relation) "
                "VALUES (?, ?, ?)",
                (claim_id, other_id, relation),
            )
        return self.get(claim_id)

    def unlink(self, claim_id: int, other_id: int) -> Claim:
        with self._library.transaction() as conn:
            conn.execute(
                "DELETE FROM claim_links WHERE (from_claim_id = ? AND to_claim_id = ?) "
                "OR (from_claim_id = ? AND to_claim_id = ?)",
                (claim_id, other_id, other_id, claim_id),
            )
        return self.get(claim_id)

    def delete(self, claim_id: int) -> Claim:
        gone = self.get(claim_id)
        with self._library.transaction() as conn:
            keep_snapshots(conn, SnapshotMaker(self._library), "i.claim_id = ?", claim_id)
            conn.execute("DELETE FROM annotations WHERE id = ?", (claim_id,))
        return gone

    # The claim editor's way: a whole state at once --------------------------------------------

    def state(self, claim_id: int) -> ClaimState:
        """The claim's editable fields as one value, by ids (what an undo sets back)."""
        return claim_state(self._library, claim_id)

    def create(self, article_id: int, span: Span, state: ClaimState) -> tuple[int, ClaimState]:
        """Mark `span` as a claim looking like `state`, creating the actors and sources it
        names as new; the claim's id and the state by ids. One transaction."""
        return create_claim(self._library, article_id, span, state)

    def apply_state(self, claim_id: int, state: ClaimState) -> ClaimState:
        """Make the claim look like `state`; the state by ids. One transaction."""
        return apply_claim_state(self._library, claim_id, state)

    # Reading --------------------------------------------------------------------------------

    def rows(self, ids: Iterable[int] | None = None) -> builtins.list[ClaimRow]:
        """Every claim as one flat row (what the claims table lists), in reading order; or
        only the claims given, for a view refreshing the rows a change touched."""
        return claim_rows(self._library, None if ids is None else list(ids))

    def export_claimreview(self, claims: Iterable[Claim]) -> str:
        """schema.org ClaimReview JSON-LD, one per claim, signed by the library's user
        (export/claimreview.py; the mapping is docs/claimreview.md)."""
        from briefing.core.export.claimreview import from_claims, render_claimreview

        author = self._library.settings.user_name
        return render_claimreview(from_claims(self._library, list(claims), author=author))

    def get(self, claim_id: int) -> Claim:
        found = self._select("n.id = ?", [claim_id])
        if not found:
            raise NotFound(f"no claim with id {claim_id}")
        return found[0]

    def list(
        self,
        *,
        article_id: int | None = None,
        actor: str | int | None = None,
        tag: str | None = None,
        status: str | None = None,
    ) -> builtins.list[Claim]:
        """Claims in reading order within each article. `actor` matches the speaker or a
        subject; `tag` a tag on the claim or on its article."""
        where = ["1"]
        params: builtins.list[object] = []
        if article_id is not None:
            where.append("n.article_id = ?")
            params.append(article_id)
        if actor is not None:
            actor_id = self._actor_id(actor)
            where.append(
                "(c.speaker_id = ? OR EXISTS (SELECT 1 FROM claim_about b "
                "WHERE b.claim_id = n.id AND b.actor_id = ?))"
            )
            params += [actor_id, actor_id]
        if tag is not None:
            where.append("""EXISTS (SELECT 1 FROM tags g WHERE g.name = ? COLLATE NOCASE AND (
                EXISTS (SELECT 1 FROM annotation_tags t
                        WHERE t.annotation_id = n.id AND t.tag_id = g.id)
                OR EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = n.article_id
                           AND t.tag_id = g.id)))""")
            params.append(tag.strip().lstrip("#"))
        if status is not None:
            where.append("c.status = ?")
            params.append(check_status(status))
        return self._select(" AND ".join(where), params)

    def _select(self, where: str, params: builtins.list[object]) -> builtins.list[Claim]:
        conn = self._library.connection()
        rows = conn.execute(
            f"""SELECT n.id, n.article_id, ar.title, n.quote, n.start, n."end", n.prefix,
                       n.suffix, n.orphaned, c.speaker_id, s.name, c.status, c.grade, n.note,
                       n.uid
                FROM claims c JOIN annotations n ON n.id = c.annotation_id
                JOIN articles ar ON ar.id = n.article_id
                LEFT JOIN actors s ON s.id = c.speaker_id
                WHERE {where}
                ORDER BY n.article_id, n.orphaned, n.start, n.id""",
            params,
        ).fetchall()
        ids = [r[0] for r in rows]
        about, sources, links = (
            load_about(conn, ids),
            load_sources(conn, ids),
            load_links(conn, ids),
        )
        tags = tags_of(conn, ids)
        claims = []
        for row in rows:
            id_, article_id, title, quote, start, end, prefix, suffix, orphaned = row[:9]
            speaker_id, speaker_name, status, grade, note, uid = row[9:]
            speaker = ActorRef(speaker_id, speaker_name) if speaker_id is not None else None
            claims.append(Claim(
                id_, article_id, title, quote, start, end, prefix, suffix, bool(orphaned),
                speaker, about.get(id_, ()), status, grade, note, tags.get(id_, ()),
                sources.get(id_, ()), links.get(id_, ()), uid,
            ))  # fmt: skip
        return claims

    # Helpers --------------------------------------------------------------------------------

    def _actor_id(self, ref: str | int) -> int:
        return self._library.actors.resolve(ref).id

    def _source_link(self, value: str | int | tuple[str | int, str]) -> tuple[int, str]:
        ref, relation = value if isinstance(value, tuple) else (value, "cites")
        return self._library.sources.resolve(ref).id, check_relation(
            relation, SOURCE_RELATIONS, "source"
        )

    @staticmethod
    def _set_about(conn: sqlite3.Connection, claim_id: int, actor_ids: builtins.list[int]) -> None:
        for actor_id in dict.fromkeys(actor_ids):
            conn.execute(
                "INSERT INTO claim_about (claim_id, actor_id) VALUES (?, ?)", (claim_id, actor_id)
            )

    @staticmethod
    def _put_source(conn: sqlite3.Connection, claim_id: int, source_id: int, relation: str) -> None:
        conn.execute(
            "INSERT INTO claim_sources (claim_id, source_id, relation) VALUES (?, ?, ?) "
            "ON CONFLICT (claim_id, source_id) DO UPDATE SET relation = excluded.relation",
            (claim_id, source_id, relation),
        )

    @staticmethod
    def _add_tags(conn: sqlite3.Connection, claim_id: int, names: Iterable[str]) -> None:
        for name in names:
            conn.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                (claim_id, tag_id(conn, name)),
            )


__all__ = [
    "CLAIM_RELATIONS",
    "GRADE_MEANINGS",
    "SOURCE_RELATIONS",
    "STATUSES",
    "UNSET",
    "ActorRef",
    "Claim",
    "ClaimLink",
    "ClaimService",
    "LinkedSource",
    "check_grade",
    "check_status",
]
