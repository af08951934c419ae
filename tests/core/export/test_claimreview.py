"""Claims as schema.org ClaimReview, checked against the structure the issue and
docs/claimreview.md give (tests/data/claimreview.schema.json), from a briefing and from the
library."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from briefing.core import Library, Span
from briefing.core.sample import SampleLoaded
from tests.core.export.conftest import LAYOUT

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "claimreview.schema.json").read_text("utf-8")
)


def _valid(reviews: list[dict]) -> list[dict]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for review in reviews:
        errors = sorted(validator.iter_errors(review), key=str)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    return reviews


def test_a_briefing_as_claim_reviews(library: Library, sample: SampleLoaded, worked: int) -> None:
    reviews = _valid(json.loads(library.briefings.export_claimreview(worked)))
    order = [sample.claims[k] for keys in LAYOUT.values() for k in keys]
    assert [r["claimReviewed"] for r in reviews] == [library.claims.get(i).quote for i in order]
    by_quote = {r["claimReviewed"]: r for r in reviews}
    treasury = by_quote[library.claims.get(sample.claims["c1"]).quote]
    assert treasury["itemReviewed"]["author"] == {"@type": "Organization", "name": "US Treasury"}
    assert treasury["reviewRating"] | {"ratingExplanation": ""} == {
        "@type": "Rating",
        "alternateName": "disputed",
        "ratingValue": 3,
        "bestRating": 1,
        "worstRating": 6,
        "ratingExplanation": "",
    }
    assert "possibly true" in treasury["reviewRating"]["ratingExplanation"]
    appearance = treasury["itemReviewed"]["appearance"]
    assert appearance["headline"] == "SenseTime postpones IPO after US blacklisting"
    assert appearance["datePublished"] == "2021-12-14"
    assert treasury["author"] == {"@type": "Person", "name": "A. Analyst"}
    assert treasury["datePublished"] == "2021-12-15"
    wang = by_quote[library.claims.get(sample.claims["c4"]).quote]
    assert wang["itemReviewed"]["author"]["@type"] == "Person"


def test_claims_from_the_library(library: Library, sample: SampleLoaded) -> None:
    library.settings.set_user_name("Desk Analyst")
    ungraded = library.claims.add(
        sample.article_id,
        Span(quote="Xinjiang", occurrence=1),
    )
    library.articles.edit(sample.article_id, url="https://www.thestar.com.my/tech/sensetime")
    library.connection().execute(  # a URL left by an older version, or by hand
        "UPDATE articles SET url = 'javascript:alert(1)' WHERE id = ?", (sample.article_id,)
    )
    reviews = _valid(json.loads(library.claims.export_claimreview(library.claims.list())))
    assert len(reviews) == len(sample.claims) + 1
    assert all(r["author"] == {"@type": "Person", "name": "Desk Analyst"} for r in reviews)
    assert all("url" not in r["itemReviewed"]["appearance"] for r in reviews)
    bare = next(r for r in reviews if r["claimReviewed"] == "Xinjiang")
    assert bare["reviewRating"] == {"@type": "Rating", "alternateName": "asserted"}
    assert "author" not in bare["itemReviewed"]
    assert ungraded.grade is None


@pytest.mark.parametrize("broken", [{"ratingValue": 7}, {"alternateName": "probably"}])
def test_the_schema_catches_what_it_should(
    library: Library, sample: SampleLoaded, worked: int, broken: dict
) -> None:
    review = json.loads(library.briefings.export_claimreview(worked))[0]
    review["reviewRating"] |= broken
    with pytest.raises(AssertionError):
        _valid([review])
