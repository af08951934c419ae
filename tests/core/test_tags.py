"""Tags on articles and claims; renamed and merged across the library."""

from __future__ import annotations

import pytest

from briefing.core import Library, NotFound
from briefing.core.annotations.service import Span


def test_rename_and_merge_everywhere(library: Library, sample_article: int) -> None:
    claim = library.claims.add(
        sample_article,
        Span(quote="caught in the middle of geopolitical tension"),
        tags=["geopolitics"],
    )
    library.tags.tag_article(sample_article, ["#Geopolitics", "china-us"])
    assert library.tags.of_article(sample_article) == ("china-us", "geopolitics")
    library.tags.rename("china-us", "US-China")
    assert library.tags.of_article(sample_article) == ("geopolitics", "US-China")
    merged = library.tags.merge(["geopolitics", "US-China"], "Geopolitics")
    assert (merged.name, merged.articles, merged.claims) == ("Geopolitics", 1, 1)
    assert library.claims.get(claim.id).tags == ("Geopolitics",)
    assert [t.name for t in library.tags.list()] == ["Geopolitics"]


def test_unknown_tags_and_targets(library: Library, sample_article: int) -> None:
    with pytest.raises(NotFound):
        library.tags.rename("nothing", "else")
    with pytest.raises(NotFound):
        library.tags.tag_article(999, ["x"])
    assert library.tags.list() == []
