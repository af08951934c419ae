"""Where a query's terms are in an article: what the reader highlights after opening a hit."""

from __future__ import annotations

import pytest

from briefing.core import Library
from briefing.core.search.terms import term_spans

TEXT = (
    "Her résumé lists the sanctions she designed. Sanctioned firms appealed.\n\n"
    "The prime minister said sanctions work; the minister, prime among critics, disagreed."
)


@pytest.fixture
def article(library: Library) -> int:
    (result,) = library.imports.texts([("cv.txt", f"A career in sanctions policy\n\n{TEXT}")])
    return result.id


def _words(library: Library, article_id: int, query: str) -> list[str]:
    text = library.articles.get(article_id).text
    return [text[start:end] for start, end in term_spans(library, article_id, query)]


def test_offsets_are_in_the_canonical_text(library: Library, article: int) -> None:
    text = library.articles.get(article).text
    spans = term_spans(library, article, "sanctions")
    assert spans and all(text[s:e].lower().startswith("sanction") for s, e in spans)
    assert spans == sorted(spans)


def test_stemming_finds_every_form(library: Library, article: int) -> None:
    assert _words(library, article, "sanction") == ["sanctions", "Sanctioned", "sanctions"]


def test_diacritics_are_folded(library: Library, article: int) -> None:
    assert _words(library, article, "resume") == ["résumé"]
    assert _words(library, article, "RÉSUMÉ") == ["résumé"]


def test_a_phrase_marks_only_its_words_together(library: Library, article: int) -> None:
    words = _words(library, article, '"prime minister"')
    assert words == ["prime minister"]  # "minister, prime" is not the phrase


def test_a_prefix_marks_every_word_it_starts(library: Library, article: int) -> None:
    assert _words(library, article, "design*") == ["designed"]
    assert _words(library, article, "sanc*") == ["sanctions", "Sanctioned", "sanctions"]


def test_all_the_words_of_the_query_are_marked(library: Library, article: int) -> None:
    assert _words(library, article, "minister said") == ["minister", "said", "minister"]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ('"prime minister', ["prime minister"]),  # unclosed quote
        ("sanctions)", ["sanctions", "Sanctioned", "sanctions"]),  # unbalanced
        ("(sanctions", ["sanctions", "Sanctioned", "sanctions"]),
        ("NEAR(", []),  # searched as the word "near": not in the text
        ("sanctions AND OR", []),  # "and" and "or" as words: not in the text
    ],
)
def test_bad_syntax_answers_as_the_search_does(
    library: Library, article: int, query: str, words: list[str]
) -> None:
    found = [hit.id for hit in library.search.run(query)]
    assert _words(library, article, query) == words
    assert (article in found) == bool(words)


def test_nothing_to_mark(library: Library, article: int) -> None:
    assert term_spans(library, article, "") == []
    assert term_spans(library, article, "*** --") == []
    assert term_spans(library, article, "kipchoge") == []  # not in this article
    assert term_spans(library, article, "career") == []  # in the title only
    assert term_spans(library, article + 99, "sanctions") == []  # no such article
