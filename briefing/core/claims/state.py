"""A claim's editable fields as one plain value, set in one transaction.

The claim editor hands over a whole `ClaimState`, and undoing an edit means setting the state
the claim had before: both need "make the claim look like this", not the field-by-field
`ClaimService.edit` plus separate `link`/`unlink` calls (several transactions for one user
action). `apply_claim_state` and `create_claim` nest those calls in one outer transaction.

A state may name actors and sources to create on the way (`NewActor`, `NewSource`: a speaker
typed in the editor that the library does not know yet). Both functions return the state
with those replaced by the new ids, so a later redo sets the same rows instead of creating
them twice. Only outgoing links are part of the state: a link another claim makes to this
one belongs to that claim.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefing.core.annotations.model import Span
from briefing.core.errors import NotFound

if TYPE_CHECKING:
    from briefing.core.library import Library


@dataclass(frozen=True)
class NewActor:
    """An actor to create while saving the claim (an existing one of that name is used)."""

    name: str
    kind: str = "other"


@dataclass(frozen=True)
class NewSource:
    title: str
    kind: str = "url"  # url, document or statement
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    grade: str | None = None  # A to F


@dataclass(frozen=True)
class ClaimState:
    speaker: int | NewActor | None = None
    about: tuple[int | NewActor, ...] = ()
    status: str = "asserted"
    grade: int | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    sources: tuple[tuple[int | NewSource, str], ...] = ()  # (source, relation)
    links: tuple[tuple[int, str], ...] = ()  # outgoing: (other claim id, relation)


def claim_state(library: Library, claim_id: int) -> ClaimState:
    """The claim as it is now, by ids."""
    claim = library.claims.get(claim_id)
    return ClaimState(
        speaker=claim.speaker.id if claim.speaker else None,
        about=tuple(a.id for a in claim.about),
        status=claim.status,
        grade=claim.grade,
        note=claim.note,
        tags=claim.tags,
        sources=tuple((s.id, s.relation) for s in claim.sources),
        links=tuple((link.claim_id, link.relation) for link in claim.links if link.outgoing),
    )


def create_claim(
    library: Library, article_id: int, span: Span, state: ClaimState
) -> tuple[int, ClaimState]:
    """Mark `span` as a claim with `state`; its id and the state by ids. One transaction."""
    with library.transaction():
        state = _create_new(library, state)
        claim = library.claims.add(
            article_id,
            span,
            speaker=_id(state.speaker) if state.speaker is not None else None,
            about=[_id(a) for a in state.about],
            status=state.status,
            grade=state.grade,
            note=state.note,
            sources=[(_id(s), relation) for s, relation in state.sources],
            tags=state.tags,
        )
        for other_id, relation in state.links:
            library.claims.link(claim.id, other_id, relation)
    return claim.id, state


def apply_claim_state(library: Library, claim_id: int, state: ClaimState) -> ClaimState:
    """Make the claim match `state`; the state by ids. One transaction."""
    with library.transaction():
        state = _create_new(library, state)
        before = claim_state(library, claim_id)
        wanted_sources = dict(state.sources)
        library.claims.edit(
            claim_id,
            speaker=_id(state.speaker) if state.speaker is not None else None,
            about=[_id(a) for a in state.about],
            status=state.status,
            grade=state.grade,
            note=state.note,
            add_sources=[
                (_id(source), relation)
                for source, relation in state.sources
                if (source, relation) not in before.sources
            ],
            remove_sources=[_id(s) for s, _ in before.sources if s not in wanted_sources],
            add_tags=[t for t in state.tags if t.casefold() not in _folded(before.tags)],
            remove_tags=[t for t in before.tags if t.casefold() not in _folded(state.tags)],
        )
        for link in before.links:
            if link not in state.links:
                _unlink_one(library, claim_id, *link)
        for other_id, relation in state.links:
            if (other_id, relation) not in before.links:
                library.claims.link(claim_id, other_id, relation)
    return state


def _id(value: int | NewActor | NewSource) -> int:
    """An actor or source of a state that `_create_new` has made: by now an id."""
    if not isinstance(value, int):
        raise TypeError(f"{value!r} was not created before use")
    return value


def _folded(names: tuple[str, ...]) -> set[str]:
    return {n.casefold() for n in names}


def _unlink_one(library: Library, claim_id: int, other_id: int, relation: str) -> None:
    """Drop one outgoing link; `ClaimService.unlink` would drop every link of the pair."""
    with library.transaction() as conn:
        conn.execute(
            "DELETE FROM claim_links WHERE from_claim_id = ? AND to_claim_id = ? AND relation = ?",
            (claim_id, other_id, relation),
        )


def ensure_actor(library: Library, value: int | NewActor) -> int:
    """The actor's id, creating a NewActor unless one of that name or alias exists."""
    if not isinstance(value, NewActor):
        return value
    try:
        return library.actors.resolve(value.name).id
    except NotFound:
        return library.actors.add(value.name, kind=value.kind).id


def _create_new(library: Library, state: ClaimState) -> ClaimState:
    """Create the NewActor and NewSource entries (inside the caller's transaction)."""

    def actor(value: int | NewActor) -> int:
        return ensure_actor(library, value)

    def source(value: int | NewSource) -> int:
        if not isinstance(value, NewSource):
            return value
        return library.sources.add(
            value.title or value.url or "",
            kind=value.kind,
            url=value.url,
            publisher=value.publisher,
            date=value.date,
            grade=value.grade,
        ).id

    return replace(
        state,
        speaker=actor(state.speaker) if state.speaker is not None else None,
        about=tuple(dict.fromkeys(actor(a) for a in state.about)),
        sources=tuple((source(s), relation) for s, relation in state.sources),
    )
