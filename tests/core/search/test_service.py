"""Search: the worked example's table, among 200 corpus articles so that it must discriminate."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library
from briefing.core.search.service import HIT_END, HIT_START

SENSETIME = 1  # the worked example is the first article of the search library


def _ids(lib: Library, query: str, **filters) -> list[int]:
    return [hit.id for hit in lib.search.run(query, **filters)]


@pytest.mark.parametrize(
    "query", ["SenseTime", '"facial recognition"', "Uighur", "Uighurs", "Wang Wenbin"]
)
def test_the_worked_example_queries_find_it_first(search_library: Library, query: str) -> None:
    hits = search_library.search.run(query)
    assert hits, query
    assert hits[0].id == SENSETIME
    assert HIT_START in hits[0].snippet and HIT_END in hits[0].snippet


def test_a_prefix_finds_every_form(search_library: Library) -> None:
    hits = search_library.search.run("sanction*")
    assert SENSETIME in [hit.id for hit in hits]
    # Headlines about sanctions outrank a story that mentions them twice in the text.
    assert "SANCTION" in hits[0].title.upper()


def test_the_queries_discriminate(search_library: Library) -> None:
    # SenseTime and Wang Wenbin appear in no corpus article: exactly one hit.
    assert _ids(search_library, "SenseTime") == [SENSETIME]
    assert _ids(search_library, "Wang Wenbin") == [SENSETIME]
    # A phrase is a phrase: both words elsewhere, adjacent only here.
    assert SENSETIME not in _ids(search_library, '"recognition facial"')
    # sanction* finds sanctions in other articles too, ranked by relevance.
    assert len(_ids(search_library, "sanction*")) > 1


def test_not_excludes(search_library: Library) -> None:
    assert SENSETIME not in _ids(search_library, "IPO NOT Xinjiang")
    assert SENSETIME in _ids(search_library, "IPO")


def test_or_widens(search_library: Library) -> None:
    either = set(_ids(search_library, "SenseTime OR Kipchoge", limit=50))
    assert SENSETIME in either


def test_stemming_and_diacritics(library: Library) -> None:
    (result,) = library.imports.texts([("cv", "Her résumé lists the sanctions she designed.")])
    assert _ids(library, "resume") == [result.id]
    assert _ids(library, "résumé") == [result.id]
    assert _ids(library, "sanction") == [result.id]
    assert _ids(library, "design") == [result.id]


def test_a_title_hit_outranks_a_body_hit(library: Library) -> None:
    body = library.imports.texts(
        [("b", "Markets today\n\nTraders talked about tariffs and tariffs, then lunch.")]
    )[0]
    title = library.imports.texts([("t", "Tariffs rise\n\nTraders expect change this week.")])[0]
    assert _ids(library, "tariffs") == [title.id, body.id]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "AND OR",
        "*",
        "NEAR(",
        "'; DROP TABLE articles; --",
        "",
        "   ",
        "NOT",
        "(((",
        "title:",
        '""',
        "SenseTime's",
        "US$767",
        "C++",
        "a AND",
        "-",
        "^",
    ],
)
def test_any_string_is_answered(search_library: Library, query: str) -> None:
    hits = search_library.search.run(query)
    assert isinstance(hits, list)
    assert search_library.articles.count() == 201  # and nothing was dropped


def test_invalid_syntax_falls_back_to_the_words(search_library: Library) -> None:
    assert _ids(search_library, '"caught in the middle') == [SENSETIME]
    assert SENSETIME in _ids(search_library, "SenseTime's")
    assert _ids(search_library, "SenseTime AND") == [SENSETIME]


def test_no_hits_is_an_empty_list(search_library: Library) -> None:
    assert search_library.search.run("zzxqvb") == []


def test_filters(search_library: Library) -> None:
    assert _ids(search_library, "SenseTime", outlet="the star") == [SENSETIME]
    assert _ids(search_library, "SenseTime", outlet="BBC") == []
    assert _ids(search_library, "SenseTime", since="2021-12-01", until="2021-12-31") == [SENSETIME]
    assert _ids(search_library, "SenseTime", since="2021") == [SENSETIME]
    assert _ids(search_library, "SenseTime", until="2021-12-13") == []


def test_a_date_without_a_year_is_in_no_range(library: Library, sample_article: int) -> None:
    assert _ids(library, "SenseTime") == [sample_article]
    assert _ids(library, "SenseTime", since="2000") == []


def test_limit(search_library: Library) -> None:
    assert len(search_library.search.run("the")) == 20
    assert len(search_library.search.run("the", limit=5)) == 5
    with pytest.raises(InvalidInput):
        search_library.search.run("the", limit=0)
    with pytest.raises(InvalidInput):
        search_library.search.run("the", since="yesterday")


def test_hits_carry_outlet_date_and_a_snippet(search_library: Library) -> None:
    hit = search_library.search.run('"facial recognition"')[0]
    assert (hit.outlet, hit.date.iso()) == ("The Star", "2021-12-14")
    parts = hit.snippet_parts()
    assert ("facial recognition", True) in parts
    marked = hit.marked_snippet("[", "]")
    assert "saying SenseTime's [facial recognition] programmes" in marked
    for start, end in hit.match_spans("[", "]"):
        assert marked[start - 1] == "[" and marked[end] == "]"
    assert hit.score > 0


def test_the_index_follows_every_write(library: Library, sample_article: int) -> None:
    library.articles.edit(sample_article, title="Zanzibar headline")
    assert _ids(library, "Zanzibar") == [sample_article]
    library.articles.delete([sample_article])
    assert _ids(library, "Zanzibar") == []
    assert _ids(library, "SenseTime") == []


def test_claims_notes_and_actors_are_searched_and_say_so(library: Library) -> None:
    from briefing.core.sample import load_sample

    load_sample(library)
    kinds = [hit.kind for hit in library.search.run("SenseTime")]
    assert kinds[0] == "actor" and "claim" in kinds and kinds[-1] == "article"
    beijing = library.search.run("Beijing", kinds=("actor",))
    assert [(h.title, h.detail) for h in beijing] == [("China", "state")]
    (estimate,) = library.search.run("estimate", kinds=("claim",))
    assert estimate.detail == "UN experts and researchers"  # found by its note
    (note,) = library.search.run("watch", kinds=("note",))
    assert note.article_id == 1


def test_actor_and_tag_filters(library: Library) -> None:
    from briefing.core.sample import load_sample

    load_sample(library)
    library.imports.texts([("o", "Other\n\nCamps were in the news again.")])
    claims = library.search.run("camps", actor="Uighur", kinds=("claim", "article"))
    assert {(h.kind, h.article_id) for h in claims} == {("claim", 1), ("article", 1)}
    assert library.search.run("camps", tag="nothing-tagged-so") == []
    assert {h.kind for h in library.search.run("camps", tag="xinjiang")} == {"claim", "article"}
    with pytest.raises(InvalidInput):
        library.search.run("camps", kinds=("tweets",))
