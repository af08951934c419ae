"""The worked example, entered through the core: every claim, actor, alias and source."""

from __future__ import annotations

import json

import pytest

from briefing.core import InvalidInput, Library
from briefing.core.bundled import resources_dir
from briefing.core.sample import load_sample

SPEC = json.loads((resources_dir() / "sample" / "worked-example.json").read_text("utf-8"))


@pytest.fixture
def sample(library: Library):
    return load_sample(library)


def test_all_six_claims_with_speakers_and_subjects(library: Library, sample) -> None:
    claims = {c.id: c for c in library.claims.list()}
    assert len(claims) == 6
    for key, spec in zip(sample.claims, SPEC["claims"], strict=True):
        claim = claims[sample.claims[key]]
        text = library.articles.get(claim.article_id).text
        assert text[claim.start : claim.end] == claim.quote == spec["quote"]
        assert claim.speaker.name == spec["speaker"]
        assert sorted(a.name for a in claim.about) == sorted(spec["about"])
        assert (claim.status, claim.grade) == (spec["status"], spec["grade"])


def test_actors_with_their_aliases(library: Library, sample) -> None:
    actors = {x.actor.name: x.actor for x in library.actors.list()}
    assert set(actors) == {a["name"] for a in SPEC["actors"]}
    assert actors["SenseTime"].kind == "organisation"
    assert {(a.text, a.article_id) for a in actors["SenseTime"].aliases} == {
        ("the company", sample.article_id),
        ("the firm", sample.article_id),
    }
    assert {a.text for a in actors["United States"].aliases} == {"US", "Washington"}
    assert library.actors.resolve("Beijing").name == "China"
    assert library.actors.resolve("washington").name == "United States"
    # An alias bound to the sample article does not name the actor library-wide.
    with pytest.raises(Exception, match="no actor"):
        library.actors.resolve("the company")


def test_four_graded_sources_and_the_contradiction(library: Library, sample) -> None:
    sources = {s.title: s for s in library.sources.list()}
    assert len(sources) == 4
    assert sources["US Treasury announcement of the designation"].grade == "A"
    assert sources["SenseTime postpones IPO after US blacklisting"].article_id == sample.article_id
    treasury = library.claims.get(sample.claims["c1"])
    denial = library.claims.get(sample.claims["c2"])
    assert [(s.title, s.relation) for s in treasury.sources] == [
        ("SenseTime postpones IPO after US blacklisting", "cites"),
        ("US Treasury announcement of the designation", "supports"),
    ]
    assert [(link.claim_id, link.relation, link.outgoing) for link in denial.links] == [
        (treasury.id, "contradicts", True)
    ]
    assert [(link.claim_id, link.relation, link.outgoing) for link in treasury.links] == [
        (denial.id, "contradicts", False)
    ]


def test_every_kind_of_annotation_is_there(library: Library, sample) -> None:
    kinds = {a.kind for a in library.annotations.for_article(sample.article_id)}
    assert kinds == {"claim", "mention", "highlight", "note"}


def test_loading_twice_is_refused_and_changes_nothing(library: Library, sample) -> None:
    with pytest.raises(InvalidInput, match="already"):
        load_sample(library)
    assert len(library.claims.list()) == 6
    assert len(library.actors.list()) == len(SPEC["actors"])
