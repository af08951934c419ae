"""Search: the worked example's table, among the 40 Wikinews test articles so that it must
discriminate."""

from __future__ import annotations

import re

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
    forms = {}  # each article that has a word starting "sanction", with its forms
    for article_id in search_library.articles.ids():
        text = search_library.articles.get(article_id).text.lower()
        if found := set(re.findall(r"\bsanction\w*", text)):
            forms[article_id] = found
    assert set().union(*forms.values()) == {"sanction", "sanctions", "sanctioned"}
    assert sorted(hit.id for hit in hits) == sorted(forms)  # every one, and no other
    assert SENSETIME in forms and len(forms) > 5
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)  # ranked by relevance


def test_the_queries_discriminate(search_library: Library) -> None:
    # SenseTime and Wang Wenbin appear in no Wikinews article: exactly one hit.
    assert _ids(search_library, "SenseTime") == [SENSETIME]
    assert _ids(search_library, "Wang Wenbin") == [SENSETIME]
    # A phrase is a phrase: both words are in the worked example, never in this order.
    assert _ids(search_library, "recognition facial") == [SENSETIME]
    assert _ids(search_library, '"recognition facial"') == []
    # sanction* finds sanctions in other articles too, ranked by relevance.
    assert len(_ids(search_library, "sanction*")) > 1


def test_not_excludes(search_library: Library) -> None:
    assert _ids(search_library, "IPO") == [SENSETIME]
    assert _ids(search_library, "IPO NOT Xinjiang") == []
    police = set(_ids(search_library, "police", limit=100))
    london = set(_ids(search_library, "London", limit=100))
    assert police & london and police - london  # some of each: NOT has work to do
    assert set(_ids(search_library, "police NOT London", limit=100)) == police - london


def test_or_widens(search_library: Library) -> None:
    kipchoge = set(_ids(search_library, "Kipchoge"))  # his marathon and the one after it
    assert len(kipchoge) == 2 and SENSETIME not in kipchoge
    either = set(_ids(search_library, "SenseTime OR Kipchoge", limit=50))
    assert either == {SENSETIME} | kipchoge


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
    assert search_library.articles.count() == 41  # and nothing was dropped


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


def test_a_word_said_twice_is_searched_once(search_library: Library) -> None:
    from briefing.core.search.query import translate

    assert translate("said Said said sanctions said") == "said sanctions"
    assert translate("said OR said") == "said OR said"  # operators: kept as typed
    once = search_library.search.run("sanctions said")
    assert [h.id for h in search_library.search.run("sanctions said " * 30)] == [h.id for h in once]


def test_more_than_64_words_are_refused_phrases_included(search_library: Library) -> None:
    words = " ".join(f"w{i}" for i in range(65))
    for query in (words, f'"{words}"'):
        with pytest.raises(InvalidInput, match="at most 64 words; this one has 65"):
            search_library.search.run(query)
