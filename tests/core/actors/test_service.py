"""Actors: names, aliases, merging, and never a dangling reference."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound
from briefing.core.annotations.service import Span


def test_add_resolve_and_aliases(library: Library) -> None:
    us = library.actors.add("United States", kind="country", aliases=["US", "Washington"])
    assert us.kind == "state"
    assert [(a.text, a.case_sensitive) for a in us.aliases] == [("US", True), ("Washington", False)]
    assert library.actors.resolve(str(us.id)) == us
    assert library.actors.resolve("united states") == us
    assert library.actors.resolve("US") == us
    with pytest.raises(NotFound):
        library.actors.resolve("us")  # a case-sensitive alias
    with pytest.raises(InvalidInput):
        library.actors.add("United States")
    with pytest.raises(InvalidInput):
        library.actors.add("Somebody", kind="alien")
    with pytest.raises(InvalidInput):
        library.actors.add("   ")


def test_an_alias_shared_by_two_actors_is_ambiguous(library: Library) -> None:
    library.actors.add("Georgia (US state)", kind="place", aliases=["Georgia"])
    library.actors.add("Georgia (country)", kind="state", aliases=["Georgia"])
    with pytest.raises(InvalidInput, match="several actors"):
        library.actors.resolve("Georgia")


def test_merge_moves_everything_over(library: Library, sample_article: int) -> None:
    keep = library.actors.add("United States", kind="state", aliases=["US"])
    other = library.actors.add("Washington", kind="place", aliases=["the White House"])
    claim = library.claims.add(
        sample_article,
        Span(quote="SenseTime is part of China"),
        speaker="Washington",
        about=["Washington", "United States"],
    )
    mention = library.mentions.add(sample_article, "Washington", Span(quote="Washington says"))
    merged = library.actors.merge(keep.id, "Washington").kept
    assert merged is not None
    assert {a.text for a in merged.aliases} == {"US", "the White House", "Washington"}
    moved = library.claims.get(claim.id)
    assert moved.speaker.id == keep.id
    assert [a.id for a in moved.about] == [keep.id]
    assert library.mentions.get(mention.id).actor.id == keep.id
    with pytest.raises(NotFound):
        library.actors.get(other.id)


def test_merging_an_actor_with_itself_is_refused(library: Library) -> None:
    actor = library.actors.add("China", kind="state", aliases=["Beijing"])
    with pytest.raises(InvalidInput, match="itself"):
        library.actors.merge("China", "Beijing")
    assert library.actors.get(actor.id) == actor


def test_deleting_an_actor_that_claims_point_to(library: Library, sample_article: int) -> None:
    library.actors.add("SenseTime", kind="organisation")
    library.actors.add("Sensetime Group", kind="organisation")
    claim = library.claims.add(
        sample_article,
        Span(quote="caught in the middle of geopolitical tension"),
        speaker="SenseTime",
    )
    with pytest.raises(InvalidInput, match="claim"):
        library.actors.delete("SenseTime")
    assert library.claims.get(claim.id).speaker.name == "SenseTime"
    library.actors.delete("SenseTime", reassign_to="Sensetime Group")
    assert library.claims.get(claim.id).speaker.name == "Sensetime Group"
    unused = library.actors.add("Nobody", kind="person")
    record = library.actors.delete(unused.id)
    assert (record.id, record.name) == (unused.id, "Nobody")
    assert library.actors.undelete(record) == unused
