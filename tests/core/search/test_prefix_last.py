"""The search field's question while a word is being typed: the last word as a prefix."""

from __future__ import annotations

import pytest

from briefing.core import Library, prefix_last


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("Sen", "Sen*"),
        ("  us sanc", "us sanc*"),  # only the last word: "us" must not match "user"
        ("Sen ", "Sen"),  # a space: the word is finished
        ("Sen*", "Sen*"),
        ('"united states"', '"united states"'),  # a phrase, as typed
        ('"united sta', '"united sta'),  # an unclosed one too
        ("sanctions AND", "sanctions AND"),  # an operator is no prefix
        ("(china OR russia)", "(china OR russia)"),
        ("SenseTime's", "SenseTime's*"),
        ("US$767", "US$767*"),
        ("price --", "price --"),  # no word in it: nothing to begin
        ("", ""),
        ("   ", ""),
    ],
)
def test_the_last_word_typed_is_a_prefix(typed: str, asked: str) -> None:
    assert prefix_last(typed) == asked


def test_what_it_asks_finds_the_words_begun(library: Library) -> None:
    sample = library.load_sample()
    assert not library.search.run("Sen", kinds=("article",))
    (hit,) = library.search.run(prefix_last("Sen"), kinds=("article",))
    assert hit.id == sample.article_id
    # Any text at all is still a question the search answers, never a syntax error.
    for typed in ("SenseTime's", "US$767", '"Sen', "(Sen", "Sen AND", "NEAR(Sen", "*"):
        library.search.run(prefix_last(typed))
