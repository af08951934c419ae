"""CSL-JSON: a web page's site printed once; a byline of several people, several names."""

from __future__ import annotations

import json

from briefing.core import Library
from briefing.core.export.names import csl_names
from briefing.core.sample import SampleLoaded


def test_bylines_become_people() -> None:
    assert csl_names("Jane Q. Doe, John Smith") == [
        {"family": "Doe", "given": "Jane Q."},
        {"family": "Smith", "given": "John"},
    ]
    assert csl_names("Doe, Jane") == [{"family": "Doe", "given": "Jane"}]
    assert csl_names("Anna Smith and Carl de la Cruz") == [
        {"family": "Smith", "given": "Anna"},
        {"family": "Cruz", "given": "Carl", "non-dropping-particle": "de la"},
    ]
    assert csl_names("Martin Luther King, Jr.") == [
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
    ]
    assert csl_names("Reuters Staff") == [{"literal": "Reuters Staff"}]
    assert csl_names("AFP") == [{"literal": "AFP"}]
    assert csl_names("") == []


def test_webpage_and_authors(library: Library, sample: SampleLoaded, worked: int) -> None:
    library.articles.edit(sample.article_id, author="Jane Q. Doe, John Smith")
    page = library.sources.add(
        "Entity List additions",
        kind="url",
        url="https://www.state.gov/x",
        publisher="US State Dept.",
    )
    library.claims.edit(sample.claims["c1"], add_sources=[(page.id, "supports")])
    items = {i["title"]: i for i in json.loads(library.briefings.export_csl(worked))}
    webpage = items["Entity List additions"]
    assert webpage["type"] == "webpage" and webpage["container-title"] == "US State Dept."
    assert "publisher" not in webpage  # once, not "US State Dept. US State Dept."
    article = items["SenseTime postpones IPO after US blacklisting"]
    assert article["author"] == [
        {"family": "Doe", "given": "Jane Q."},
        {"family": "Smith", "given": "John"},
    ]
