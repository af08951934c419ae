"""Setting a claim's whole state in one transaction, creating actors and sources on the way."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library
from briefing.core.annotations.service import Span
from briefing.core.claims.state import (
    ClaimState,
    NewActor,
    NewSource,
    apply_claim_state,
    claim_state,
    create_claim,
)
from briefing.core.sample import load_sample


def test_create_makes_new_actors_and_sources_once(library: Library, sample_article: int) -> None:
    library.actors.add("China", kind="state", aliases=["Beijing"])
    state = ClaimState(
        speaker=NewActor("Wang Wenbin", "person"),
        about=(library.actors.resolve("Beijing").id, NewActor("United States", "state")),
        status="asserted",
        grade=3,
        note="Stated position.",
        tags=("sanctions",),
        sources=((NewSource("MFA briefing", "statement", grade="B"), "cites"),),
    )
    claim_id, resolved = create_claim(library, sample_article, Span(0, 40), state)
    claim = library.claims.get(claim_id)
    assert claim.speaker.name == "Wang Wenbin"
    assert library.actors.resolve("Wang Wenbin").kind == "person"
    assert sorted(a.name for a in claim.about) == ["China", "United States"]
    assert [(s.title, s.kind, s.grade, s.relation) for s in claim.sources] == [
        ("MFA briefing", "statement", "B", "cites")
    ]
    assert resolved == claim_state(library, claim_id)
    assert not any(isinstance(a, NewActor) for a in resolved.about)


def test_apply_then_apply_back_restores_everything(library: Library) -> None:
    loaded = load_sample(library)
    claim_id = loaded.claims["c1"]
    before = claim_state(library, claim_id)
    other = loaded.claims["c3"]
    after = ClaimState(
        speaker=before.about[0],
        about=(),
        status="denied",
        grade=None,
        note="changed",
        tags=("new tag",),
        sources=((before.sources[0][0], "contradicts"),),
        links=((other, "repeats"),),
    )
    assert apply_claim_state(library, claim_id, after) == after
    assert claim_state(library, claim_id) == after
    apply_claim_state(library, claim_id, before)
    assert claim_state(library, claim_id) == before


def test_a_bad_state_changes_nothing(library: Library) -> None:
    loaded = load_sample(library)
    claim_id = loaded.claims["c1"]
    before = library.claims.get(claim_id)
    actors = len(library.actors.list())
    bad = ClaimState(
        speaker=NewActor("Brand new", "person"), status="asserted", links=((claim_id, "supports"),)
    )
    with pytest.raises(InvalidInput):
        apply_claim_state(library, claim_id, bad)
    assert library.claims.get(claim_id) == before
    assert len(library.actors.list()) == actors
