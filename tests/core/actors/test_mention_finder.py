"""Mentions of known actors: the worked example's actors in its text, and the traps around them.

The rules under test (briefing/core/actors/mention_finder.py): word boundaries with the possessive
kept apart, case-insensitive names but case-sensitive acronyms, offsets true to the original
text whatever folding and whitespace do, leftmost-longest overlaps, every actor that shares
a name reported.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from briefing.core.actors.mention_finder import Match, MentionFinder, Name
from tests.conftest import SAMPLE

TEXT = SAMPLE.read_text("utf-8").strip()

SENSETIME, TREASURY, COMMERCE, US, CHINA, WANG, TANG, UIGHURS, HKEX = range(1, 10)
ACTORS = {  # WORKED-EXAMPLE.md: each actor's name, then the aliases that appear in the text
    SENSETIME: ("SenseTime", "the company", "the firm"),
    TREASURY: ("US Treasury", "The US Treasury"),
    COMMERCE: ("US Department of Commerce", "Department of Commerce"),
    US: ("United States", "US", "Washington"),
    CHINA: ("China", "Beijing"),
    WANG: ("Wang Wenbin", "foreign ministry spokesman"),
    TANG: ("Tang Xiao'ou",),
    UIGHURS: ("Uighurs", "Uighur"),
    HKEX: ("Hong Kong stock exchange",),
}
NAMES = [Name(actor, text) for actor, texts in ACTORS.items() for text in texts]


@pytest.fixture(scope="module")
def found() -> list[Match]:
    return MentionFinder(NAMES).find(TEXT)


def _spans(matches: list[Match]) -> list[tuple[int, int, int, str]]:
    return [(m.actor_id, m.start, m.end, m.text) for m in matches]


def _find(names: list[Name], text: str) -> list[tuple[int, int, int, str]]:
    matches = MentionFinder(names).find(text)
    for match in matches:
        assert text[match.start : match.end] == match.text
    return _spans(matches)


# The worked example ---------------------------------------------------------------------


def test_every_match_is_the_text_at_its_offsets_in_order(found: list[Match]) -> None:
    assert found
    for match in found:
        assert TEXT[match.start : match.end] == match.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    # Leftmost-longest: no two reported spans overlap.
    for before, after in zip(found, found[1:], strict=False):
        assert before.end <= after.start


def test_the_worked_example_mentions_in_order(found: list[Match]) -> None:
    assert [(m.actor_id, m.text) for m in found] == [
        (SENSETIME, "SenseTime"),  # not "US$767 million": a currency
        (US, "United States"),
        (TREASURY, "The US Treasury"),
        (SENSETIME, "SenseTime"),
        (UIGHURS, "Uighurs"),
        (SENSETIME, "the company"),
        (SENSETIME, "SenseTime"),
        (HKEX, "Hong Kong stock exchange"),
        (SENSETIME, "SenseTime"),
        (US, "US"),
        (US, "United States"),
        (US, "US"),
        (US, "US"),
        (US, "US"),
        (US, "US"),
        (US, "US"),
        (CHINA, "China"),
        (US, "US"),
        (CHINA, "China"),
        (WANG, "foreign ministry spokesman"),
        (WANG, "Wang Wenbin"),
        (US, "Washington"),
        (SENSETIME, "SenseTime"),
        (CHINA, "China"),
        (SENSETIME, "the company"),
        (COMMERCE, "US Department of Commerce"),
        (SENSETIME, "SenseTime"),
        (UIGHURS, "Uighur"),
        (SENSETIME, "SenseTime"),
        (SENSETIME, "the firm"),
        (UIGHURS, "Uighurs"),
        (CHINA, "Beijing"),
        (US, "Washington"),
        (CHINA, "China"),
        (CHINA, "Beijing"),
        (CHINA, "China"),
        (SENSETIME, "SenseTime"),
        (TANG, "Tang Xiao'ou"),
        (SENSETIME, "the company"),
        (CHINA, "China"),
    ]


def test_a_possessive_is_a_mention_of_the_name_alone(found: list[Match]) -> None:
    start = TEXT.index("SenseTime's facial recognition")
    (match,) = [m for m in found if m.start == start]
    assert (match.actor_id, match.end, match.text, match.name) == (
        SENSETIME,
        start + len("SenseTime"),
        "SenseTime",
        "SenseTime",
    )
    assert TEXT[match.end : match.end + 2] == "'s"
    possessives = [m for m in found if TEXT.startswith("'s", m.end)]
    assert {m.text for m in possessives} == {
        "SenseTime",
        "the company",
        "US Department of Commerce",
        "China",
        "Beijing",
    }


def test_the_longest_name_wins_and_hides_what_it_contains(found: list[Match]) -> None:
    start = TEXT.index("US Department of Commerce")
    at = [m for m in found if start <= m.start < start + len("US Department of Commerce")]
    assert _spans(at) == [(COMMERCE, start, start + 25, "US Department of Commerce")]
    assert at[0].name == "US Department of Commerce"
    start = TEXT.index("The US Treasury")
    at = [m for m in found if start <= m.start < start + len("The US Treasury")]
    assert _spans(at) == [(TREASURY, start, start + 15, "The US Treasury")]
    assert at[0].name == "The US Treasury"  # the alias, not the name inside it


def test_us_is_an_acronym_and_never_matches_us(found: list[Match]) -> None:
    us = [m for m in found if m.name == "US"]
    assert len(us) == 7 and all(m.text == "US" for m in us)  # not "US$767 million"
    assert _find(NAMES, "Tell us what US officials told us.") == [(US, 13, 15, "US")]


def test_a_currency_is_not_the_country() -> None:
    """A first-user trip: "US" in "a US$767 million offering" was suggested as the United
    States."""
    assert _find(NAMES, "a US$767 million IPO, $US100 and US dollars") == [(US, 33, 35, "US")]


def test_an_apostrophe_inside_a_name(found: list[Match]) -> None:
    (tang,) = [m for m in found if m.actor_id == TANG]
    assert tang.text == "Tang Xiao'ou" and tang.start == TEXT.index("Tang Xiao'ou")
    # Typographic apostrophes in the text or the name are the same apostrophe.
    assert _find(NAMES, "academic Tang Xiao’ou founded it") == [(TANG, 9, 21, "Tang Xiao’ou")]
    assert _find([Name(TANG, "Tang Xiao’ou")], "by Tang Xiao'ou") == [(TANG, 3, 15, "Tang Xiao'ou")]


def test_aliases_lowercase_in_the_text_match_capitalised(found: list[Match]) -> None:
    firm = [m for m in found if m.name == "the firm"]
    assert [m.text for m in firm] == ["the firm"]
    # "misperception of our Company" is not "the company".
    assert all(m.text != "Company" for m in found)
    text = "The company said. THE COMPANY said. The Firm said."
    assert [span[3] for span in _find(NAMES, text)] == ["The company", "THE COMPANY", "The Firm"]


# Case folding that changes lengths ------------------------------------------------------


def test_a_longer_lowercase_before_a_match_keeps_offsets_true() -> None:
    # "İ".lower() is two characters: a naive fold would shift every offset after it.
    assert "İstanbul".lower() != "istanbul" and len("İ".lower()) == 2
    assert _find(NAMES, "İstanbul and the company") == [(SENSETIME, 13, 24, "the company")]
    text = "İİİ İZMİR, Straße, ß and SenseTime’s staff"
    assert _find(NAMES, text) == [(SENSETIME, 25, 34, "SenseTime")]


def test_a_name_with_a_dotted_capital_i() -> None:
    names = [Name(7, "İzmir")]
    assert _find(names, "İzmir, izmir, IZMIR and İZMİR") == [
        (7, 0, 5, "İzmir"),
        (7, 7, 12, "izmir"),
        (7, 14, 19, "IZMIR"),
        (7, 24, 29, "İZMİR"),
    ]


def test_sharp_s_stays_itself() -> None:
    # "ß".casefold() is "ss"; that fold would move offsets, so ß matches only ß (and ẞ).
    names = [Name(1, "Straße")]
    assert _find(names, "Strasse or STRAẞE or straße") == [
        (1, 11, 17, "STRAẞE"),
        (1, 21, 27, "straße"),
    ]


def test_one_letter_folds_that_lower_does_not_do() -> None:
    names = [Name(1, "Odysseus"), Name(2, "ΟΔΥΣΣΕΥΣ")]
    # Long s is s; Greek final sigma is sigma whichever way the text writes it.
    assert _find(names, "Odyſſeus, οδυσσευς, οδυσσευσ") == [
        (1, 0, 8, "Odyſſeus"),
        (2, 10, 18, "οδυσσευς"),
        (2, 20, 28, "οδυσσευσ"),
    ]


# Case -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US", True),
        ("UN", True),
        ("AFP", True),
        ("NATO", True),
        ("U.S.", True),
        ("UNESCO", False),  # six letters: a name, not an acronym
        ("Xi", False),
        ("the firm", False),
        ("SenseTime", False),
    ],
)
def test_acronyms_are_case_sensitive_by_default(text: str, expected: bool) -> None:
    assert Name(1, text).is_case_sensitive is expected


def test_case_set_by_the_reader() -> None:
    assert _find([Name(1, "US", case_sensitive=False)], "us and US") == [
        (1, 0, 2, "us"),
        (1, 7, 9, "US"),
    ]
    strict = [Name(1, "SenseTime", case_sensitive=True)]
    assert _find(strict, "Sensetime, SENSETIME, SenseTime") == [(1, 22, 31, "SenseTime")]


def test_a_case_sensitive_and_an_insensitive_name_on_one_key() -> None:
    names = [Name(1, "WHO"), Name(2, "Who")]  # the health body; the band, any case
    assert _find(names, "who said WHO") == [(2, 0, 3, "who"), (1, 9, 12, "WHO"), (2, 9, 12, "WHO")]


# Word boundaries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "USA",
        "the bus",
        "USS Enterprise",
        "Wangari Maathai",
        "WangWenbin",
        "G77",
        "SenseTimes",
        "xSenseTime",
        "SenseTime2",
        "SenseTime'sx",
        "Xiao'ou",  # an apostrophe between letters joins a word: no "Xiao" in it
        "O'Brien",
        "Hong Kong stock exchanges",
    ],
)
def test_no_match_inside_a_word(text: str) -> None:
    names = [*NAMES, Name(20, "Wang"), Name(21, "G7"), Name(22, "Xiao"), Name(23, "Brien")]
    assert _find(names, text) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("(US)", 1),
        ("“US”", 1),
        ("US-made", 0),
        ("anti-US", 5),
        ("US,", 0),
        ("US's", 0),
        ("US’s", 0),
        ("US'", 0),
        ("'US'", 1),
        ("the US.", 4),
        ("US\n", 0),
        ("_US_", 1),  # underscore is not a letter or digit
    ],
)
def test_punctuation_is_a_boundary(text: str, start: int) -> None:
    assert _find(NAMES, text) == [(US, start, start + 2, "US")]


def test_combining_marks_are_part_of_a_word() -> None:
    # Devanagari vowel signs are marks, not letters: "राम" must not match inside "रामा".
    names = [Name(1, "राम")]
    assert _find(names, "रामा और राम") == [(1, 8, 11, "राम")]


def test_punctuation_in_a_name_must_be_there() -> None:
    names = [Name(1, "U.S."), Name(2, "AT&T")]
    assert _find(names, "U.S. and U S and AT&T, AT T, U.S.A.") == [
        (1, 0, 4, "U.S."),
        (2, 17, 21, "AT&T"),
    ]


# Whitespace -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gap", [" ", "\n", "\t", "\u00a0", "\u2009", "  ", " \n ", "\r\n", "\n    "]
)
def test_any_whitespace_within_a_paragraph_is_one_space(gap: str) -> None:
    text = f"to the Hong{gap}Kong stock exchange."
    end = len(text) - 1
    assert _find(NAMES, text) == [(HKEX, 7, end, text[7:end])]


@pytest.mark.parametrize("gap", ["", "-", ", ", "\n\n", "\n \n", "\r\n\r\n"])
def test_a_paragraph_break_or_punctuation_is_not_a_space(gap: str) -> None:
    assert _find(NAMES, f"Hong{gap}Kong stock exchange") == []


def test_offsets_after_collapsed_whitespace() -> None:
    text = "In  Beijing,   the   company  met \n the\tfirm  and  the  US  Treasury\u00a0 twice."
    assert _find(NAMES, text) == [
        (CHINA, 4, 11, "Beijing"),
        (SENSETIME, 15, 28, "the   company"),
        (SENSETIME, 36, 44, "the\tfirm"),
        (TREASURY, 51, 68, "the  US  Treasury"),
    ]


def test_whitespace_in_a_name_is_one_space() -> None:
    names = [Name(1, "  Hong \n Kong ")]
    assert _find(names, "in Hong Kong") == [(1, 3, 12, "Hong Kong")]


# Overlaps, duplicates, ambiguity --------------------------------------------------------


def test_leftmost_then_longest() -> None:
    names = [Name(1, "New York"), Name(2, "York Times"), Name(3, "New York Times Company")]
    assert _find(names, "New York Times") == [(1, 0, 8, "New York")]
    assert _find(names, "the New York Times Company") == [(3, 4, 26, "New York Times Company")]
    assert _find(names, "York Times in New York") == [
        (2, 0, 10, "York Times"),
        (1, 14, 22, "New York"),
    ]


def test_a_longer_name_that_fails_its_check_does_not_hide_a_shorter_one() -> None:
    # "NY TIMES" is found by the automaton but fails its case check: it must not hide "NY".
    names = [Name(1, "NY"), Name(2, "NY TIMES", case_sensitive=True), Name(3, "Times")]
    assert _find(names, "NY times") == [(1, 0, 2, "NY"), (3, 3, 8, "times")]


def test_two_actors_with_one_name_are_both_reported() -> None:
    names = [Name(5, "Washington"), Name(2, "Washington"), Name(2, "George Washington")]
    assert _find(names, "Washington said") == [
        (2, 0, 10, "Washington"),
        (5, 0, 10, "Washington"),
    ]
    assert _find(names, "George Washington said") == [(2, 0, 17, "George Washington")]


def test_duplicates_of_one_actor_collapse() -> None:
    names = [Name(1, "the firm"), Name(1, "the firm"), Name(1, "The Firm"), Name(1, "THE FIRM")]
    matches = MentionFinder(names).find("the firm")
    assert [(m.actor_id, m.name) for m in matches] == [(1, "the firm")]


def test_nothing_to_find() -> None:
    assert MentionFinder([]).find(TEXT) == []
    assert MentionFinder(NAMES).find("") == []
    assert MentionFinder([Name(1, "—"), Name(2, "  "), Name(3, "...")]).find("— ... —") == []


def test_one_finder_many_texts() -> None:
    finder = MentionFinder(iter(NAMES))  # any iterable, consumed once
    assert _spans(finder.find("Beijing")) == [(CHINA, 0, 7, "Beijing")]
    assert _spans(finder.find("the firm")) == [(SENSETIME, 0, 8, "the firm")]


# Text encodings take different internal paths; the answers must not differ ---------------


@pytest.mark.parametrize("extra", ["", "£", "“quoted” — …", "łódź", "北京", "ﬁ"])
def test_same_matches_whatever_else_the_text_holds(extra: str) -> None:
    base = MentionFinder(NAMES).find(TEXT)
    shifted = MentionFinder(NAMES).find(extra + " " + TEXT)
    offset = len(extra) + 1
    assert [(m.actor_id, m.start + offset, m.end + offset, m.text) for m in base] == _spans(shifted)


@pytest.mark.parametrize("char", "‘’“”—–―…•\u2009\u200b\u200d\u200e\u00ad\ufeff«»¡¿·")
def test_typographic_punctuation_is_a_boundary(char: str) -> None:
    assert _find(NAMES, f"{char}Beijing{char}") == [(CHINA, 1, 8, "Beijing")]


# Against a reference: the same rules written as one regex per name ---------------------

VOCABULARY = ["us", "US", "Hong", "Kong", "hong", "the", "company", "Xiao", "ou", "s", "Tang"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "'", "’", "'s ", ", ", "-", ""]
REFERENCE_NAMES = [
    Name(1, "US"),
    Name(2, "us", case_sensitive=False),
    Name(3, "Hong Kong"),
    Name(4, "Kong"),
    Name(5, "the company"),
    Name(6, "Tang Xiao'ou"),
    Name(7, "Xiao"),
    Name(8, "ou"),
    Name(9, "Hong Kong"),
    Name(10, "company Xiao"),
]


def _reference(names: list[Name], text: str) -> list[tuple[int, int, int, str]]:
    """The rules for ASCII-ish text as regular expressions, the overlaps resolved by hand."""
    found: dict[tuple[int, int], list[int]] = {}
    for name in names:
        parts = []
        for char in " ".join(name.text.split()):
            if char == " ":
                parts.append(r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)")  # one line break at most
            elif char in "'’":
                parts.append("['’]")
            else:
                parts.append(re.escape(char))
        word = r"[^\W_]"
        pattern = (
            rf"(?<!{word})(?<!{word}['’])"
            + "".join(parts)
            + rf"(?!{word})(?!['’](?!s(?!{word})){word})"
        )
        flags = 0 if name.is_case_sensitive else re.IGNORECASE
        for match in re.finditer(f"(?=({pattern}))", text, flags):
            found.setdefault(match.span(1), []).append(name.actor_id)
    spans = []
    reached = 0
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if start >= reached:
            reached = end
            spans += [(actor, start, end, text[start:end]) for actor in sorted(found[start, end])]
    return spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)), max_size=12))
def test_agrees_with_a_regex_reference(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + separator for word, separator in pieces)
    assert _find(REFERENCE_NAMES, text) == _reference(REFERENCE_NAMES, text)
