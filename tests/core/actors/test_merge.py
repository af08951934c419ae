"""A merge that can be taken back: everything returns to the actor it belonged to."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound
from briefing.core.sample import SampleLoaded, load_sample


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    loaded = load_sample(library)
    library.mentions.suggest()
    return loaded


def state(library: Library) -> dict:
    """What the actors are and what points at them, as plain values."""
    actors = {}
    for listing in library.actors.list():
        page = library.actors.page(listing.actor.id)
        actors[listing.actor.name] = (
            listing.actor,
            [m.id for m in page.mentions.rows],
            [c.id for c in page.claims_made.rows],
            [c.id for c in page.claims_about.rows],
            sorted(s.id for s in page.suggestions.rows),
        )
    return actors


def test_merge_then_unmerge_restores_both(library: Library, sample: SampleLoaded) -> None:
    us, treasury = (library.actors.resolve(n).id for n in ("United States", "US Treasury"))
    # Both are subjects of c2 from now on, so the merge has a subject to fold in two.
    c2 = sample.claims["c2"]
    library.claims.edit(c2, about=["US Treasury", "United States"])
    before = state(library)
    pending = library.mentions.pending_counts()

    record = library.actors.merge(us, treasury)
    kept = record.kept
    assert kept.id == us
    assert {a.text for a in kept.aliases} == {"US", "Washington", "The US Treasury", "US Treasury"}
    with pytest.raises(NotFound):
        library.actors.get(treasury)
    page = library.actors.page(us)
    assert {c.id for c in page.claims_made.rows} == {sample.claims["c1"], sample.claims["c5"]}
    assert [a.name for a in library.claims.get(c2).about] == ["United States"]
    assert page.mentions.total == 2
    assert library.mentions.pending_counts()[us] == pending[us] + pending.get(treasury, 0)

    back = library.actors.unmerge(record)
    assert back == before["US Treasury"][0]
    assert state(library) == before
    assert [a.name for a in library.claims.get(c2).about] == ["United States", "US Treasury"]

    record = library.actors.merge(us, treasury)
    kept = record.kept  # redo
    assert kept.id == us
    library.actors.unmerge(record)
    assert state(library) == before


def test_suggestions_both_had_come_back(library: Library, sample: SampleLoaded) -> None:
    """Two actors suggested for the same words: the merge keeps one suggestion there (the
    other goes with the merged actor), and the unmerge brings the dropped one back."""
    us, china = (library.actors.resolve(n).id for n in ("United States", "China"))
    library.actors.add_alias(us, "Beijing")
    library.mentions.suggest()
    before = state(library)
    pending = library.mentions.pending_counts()
    beijing = [s for s in library.mentions.pending(actor=us) if s.text == "Beijing"]
    assert len(beijing) == 2  # China has the same two
    record = library.actors.merge(us, china)  # China's two duplicates are dropped
    assert library.mentions.pending_counts()[us] == pending[us] + pending[china] - 2
    library.actors.unmerge(record)
    assert state(library) == before


def test_what_changed_since_the_merge_is_kept(library: Library, sample: SampleLoaded) -> None:
    china, wang = (library.actors.resolve(n).id for n in ("China", "Wang Wenbin"))
    record = library.actors.merge(china, wang)
    library.claims.delete(sample.claims["c4"])  # Wang Wenbin's claim, now China's
    library.actors.add_alias(china, "PRC")
    back = library.actors.unmerge(record)
    assert back.name == "Wang Wenbin"
    assert library.actors.page(wang).claims_made.total == 0
    assert [a.text for a in library.actors.get(china).aliases] == ["Beijing", "PRC"]


def test_unmerge_is_refused_when_the_name_is_taken(library: Library, sample: SampleLoaded) -> None:
    china, wang = (library.actors.resolve(n).id for n in ("China", "Wang Wenbin"))
    record = library.actors.merge(china, wang)
    library.actors.add("Wang Wenbin", kind="person")
    with pytest.raises(InvalidInput, match="another actor is now named"):
        library.actors.unmerge(record)
    assert library.actors.resolve("Wang Wenbin").id != wang


def test_merging_with_itself_is_refused(library: Library, sample: SampleLoaded) -> None:
    china = library.actors.resolve("China").id
    with pytest.raises(InvalidInput, match="itself"):
        library.actors.merge(china, china)
    with pytest.raises(NotFound):
        library.actors.merge(china, 999)
