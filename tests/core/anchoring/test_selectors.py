"""Anchors on the worked example: made from spans and quotes, and found again after edits.

Every edited text below is the AFP story changed the way a corrected re-import changes it,
and each case says what the reader should see: the claim where it was (kept), where its
sentence went (moved), on the corrected sentence (fuzzy), or flagged as lost (orphaned),
never on other words.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from briefing.core import InvalidInput
from briefing.core.anchoring.reanchor import FUZZY_FLOOR, Placement, reanchor
from briefing.core.anchoring.selectors import CONTEXT, Selector, find_quote, selector_at
from tests.conftest import SAMPLE, wikinews_files

TEXT = SAMPLE.read_text("utf-8").strip()

TARGETED = (
    "SenseTime's facial recognition programmes were designed in part to be used against "
    "Uighurs and other mostly Muslim minorities in Xinjiang"
)
INCARCERATED = "more than one million have been incarcerated in prison camps"
CAUGHT = "caught in the middle of geopolitical tension"
RASHLY = (
    "If the US insists on acting rashly, China will have to take effective measures to firmly "
    "fight back"
)
SPOKESMAN = "Wang Wenbin"
CLAIMS = (TARGETED, INCARCERATED, CAUGHT, RASHLY, SPOKESMAN)

TREASURY_PARAGRAPH = TEXT[TEXT.index("The US Treasury") : TEXT.index("The blacklisting")]
CRITICISED_PARAGRAPH = TEXT[TEXT.index("SenseTime criticised") : TEXT.index("“We strongly")]
RASHLY_PARAGRAPH = TEXT[TEXT.index("“If the US insists") : TEXT.index("'Caught")]
FIRST_PARAGRAPH = TEXT[: TEXT.index("The US Treasury")]


def anchor(quote: str, text: str = TEXT) -> Selector:
    return find_quote(text, quote)


def placed(placement: Placement, text: str) -> Selector:
    """The placement's selector, checked to be the text it claims to be."""
    selector = placement.selector
    assert selector is not None, placement
    assert text[selector.start : selector.end] == selector.exact
    assert selector == selector_at(text, selector.start, selector.end)
    return selector


# -- Making anchors --------------------------------------------------------------------------


def test_a_span_keeps_its_quote_and_context() -> None:
    start = TEXT.index(INCARCERATED)
    selector = selector_at(TEXT, start, start + len(INCARCERATED))
    assert selector.exact == INCARCERATED
    assert selector.prefix.endswith("researchers estimate ")
    assert selector.suffix.startswith(".\n\nThe blacklisting")
    assert len(selector.prefix) == len(selector.suffix) == CONTEXT
    assert TEXT[start - CONTEXT : start + len(INCARCERATED) + CONTEXT] == (
        selector.prefix + selector.exact + selector.suffix
    )


def test_context_stops_at_the_edges_of_the_text() -> None:
    first = selector_at(TEXT, 0, len("HONG KONG"))
    last = selector_at(TEXT, len(TEXT) - len("AFP"), len(TEXT))
    assert (first.prefix, first.exact) == ("", "HONG KONG")
    assert (last.exact, last.suffix) == ("AFP", "")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (10, 10, "the span 10-10 is empty"),
        (10, 5, "the span 10-5 is empty"),
        (-3, 5, "the span -3-5 starts before the text"),
        (
            10,
            5000,
            f"the span 10-5000 runs past the end of the text ({len(TEXT)} characters)",
        ),
    ],
)
def test_a_bad_span_says_what_is_wrong(start: int, end: int, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        selector_at(TEXT, start, end)


def test_a_selector_needs_a_quote_and_a_real_span() -> None:
    with pytest.raises(InvalidInput):
        Selector(0, 0, "", "", "")
    with pytest.raises(InvalidInput):
        Selector(5, 3, "abc", "", "")


@pytest.mark.parametrize("quote", CLAIMS)
def test_a_unique_quote_anchors_where_it_is(quote: str) -> None:
    selector = find_quote(TEXT, quote)
    assert selector == selector_at(TEXT, TEXT.index(quote), TEXT.index(quote) + len(quote))


def test_a_quote_not_in_the_article() -> None:
    with pytest.raises(InvalidInput, match="the quote is not in the article"):
        find_quote(TEXT, "more than two million have been incarcerated")


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"])
def test_an_empty_quote(quote: str) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        find_quote(TEXT, quote)


def test_an_ambiguous_quote_asks_which_one() -> None:
    with pytest.raises(InvalidInput) as raised:
        find_quote(TEXT, "Xinjiang")
    message = str(raised.value)
    assert "5 times" in message
    assert "--prefix" in message and "--occurrence" in message


def test_a_prefix_picks_the_occurrence_it_precedes() -> None:
    selector = find_quote(TEXT, "Xinjiang", prefix="two government officials in ")
    assert selector.start == TEXT.index("two government officials in Xinjiang") + len(
        "two government officials in "
    )
    assert selector.exact == "Xinjiang"


def test_a_prefix_that_leaves_several_still_asks() -> None:
    with pytest.raises(InvalidInput, match=r"4 times after that prefix.*--occurrence"):
        find_quote(TEXT, "Xinjiang", prefix="in ")


def test_a_prefix_that_precedes_none() -> None:
    with pytest.raises(InvalidInput, match="does not occur after that prefix"):
        find_quote(TEXT, "Xinjiang", prefix="outside ")


def test_an_occurrence_counts_from_one() -> None:
    second = TEXT.index("Xinjiang", TEXT.index("Xinjiang") + 1)
    assert find_quote(TEXT, "Xinjiang", occurrence=2).start == second
    assert find_quote(TEXT, "Xinjiang", occurrence=1).start == TEXT.index("Xinjiang")


def test_an_occurrence_counts_among_those_the_prefix_kept() -> None:
    after_in = [i for i in range(len(TEXT)) if TEXT.startswith("in Xinjiang", i)]
    selector = find_quote(TEXT, "Xinjiang", prefix="in ", occurrence=3)
    assert selector.start == after_in[2] + len("in ")


@pytest.mark.parametrize("occurrence", [0, 6, -1])
def test_an_occurrence_out_of_range(occurrence: int) -> None:
    with pytest.raises(InvalidInput, match="occurs 5 times"):
        find_quote(TEXT, "Xinjiang", occurrence=occurrence)


# -- Re-anchoring: kept and moved ------------------------------------------------------------


@pytest.mark.parametrize("quote", CLAIMS)
def test_the_same_text_keeps_every_anchor(quote: str) -> None:
    old = anchor(quote)
    assert reanchor(old, TEXT) == Placement("kept", old, 1.0)


def test_words_inserted_before_a_span_move_it() -> None:
    new = TEXT.replace("The US Treasury announced", "The US Treasury quietly announced")
    for quote in (TARGETED, INCARCERATED, SPOKESMAN):
        old = anchor(quote)
        placement = reanchor(old, new)
        assert placement.outcome == "moved"
        assert placement.score == 1.0
        assert placed(placement, new).start == old.start + len("quietly ")


def test_words_inserted_after_a_span_keep_it() -> None:
    new = TEXT.replace("in prison camps.", "in prison camps, a figure Beijing disputes.")
    old = anchor(INCARCERATED)
    placement = reanchor(old, new)
    assert placement.outcome == "kept"
    assert placed(placement, new).start == old.start
    assert placement.selector.suffix.startswith(", a figure Beijing")


def test_a_paragraph_removed_before_a_span_moves_it() -> None:
    new = TEXT.replace(FIRST_PARAGRAPH, "")
    for quote in CLAIMS:
        old = anchor(quote)
        placement = reanchor(old, new)
        assert placement.outcome == "moved", quote
        assert placed(placement, new).start == old.start - len(FIRST_PARAGRAPH)


def test_context_decides_between_copies_of_a_quote() -> None:
    """A second "Wang Wenbin" lands next to the old offset; the one that kept its
    neighbours ("foreign ministry spokesman ... told reporters") is still the annotation."""
    old = anchor(SPOKESMAN)
    paragraph = TEXT.rindex("\n\n", 0, old.start) + 2
    inserted = (
        "Diplomats said Wang Wenbin had spoken for an hour. "
        + " ".join(["The firm has not commented on the reports."] * 12)
        + "\n\n"
    )
    new = TEXT[:paragraph] + inserted + TEXT[paragraph:]
    decoy = new.index(SPOKESMAN)
    real = new.index(SPOKESMAN, decoy + 1)
    assert abs(decoy - old.start) < abs(real - old.start)  # distance alone would pick the decoy

    placement = reanchor(old, new)
    assert placement.outcome == "moved"
    assert placed(placement, new).start == real
    assert placement.selector.prefix == old.prefix


def test_an_orphan_without_a_position_is_found_again() -> None:
    """An orphan keeps only its quote and context; a later text that has it places it."""
    orphan = Selector(0, len(INCARCERATED), INCARCERATED, "", "")
    placement = reanchor(orphan, TEXT)
    assert placement.outcome == "moved"
    assert placed(placement, TEXT).start == TEXT.index(INCARCERATED)


# -- Re-anchoring: fuzzy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "old_words", "new_words", "new_quote"),
    [
        pytest.param(
            INCARCERATED,
            "have been incarcerated",
            "have reportedly been incarcerated",
            "more than one million have reportedly been incarcerated in prison camps",
            id="word inserted inside",
        ),
        pytest.param(
            INCARCERATED,
            "incarcerated in prison camps",
            "detained in prison camps",
            "more than one million have been detained in prison camps",
            id="word corrected",
        ),
        pytest.param(
            TARGETED,
            "against Uighurs",
            "against Uyghurs",
            TARGETED.replace("Uighurs", "Uyghurs"),
            id="spelling corrected",
        ),
        pytest.param(
            RASHLY,
            "acting rashly, China",
            "acting rashly China",
            RASHLY.replace(",", ""),
            id="punctuation removed",
        ),
        pytest.param(
            CAUGHT,
            "of geopolitical tension",
            "of geo-political tension",
            "caught in the middle of geo-political tension",
            id="hyphen added",
        ),
        pytest.param(
            SPOKESMAN, "Wang Wenbin", "Wang Wen-bin", "Wang Wen-bin", id="short name respelled"
        ),
        pytest.param(
            "HONG KONG, Dec 14",
            "HONG KONG, Dec 14",
            "HONG KONG, December 14",
            "HONG KONG, December 14",
            id="at the very start",
        ),
    ],
)
def test_a_slightly_changed_quote_places_fuzzily(
    quote: str, old_words: str, new_words: str, new_quote: str
) -> None:
    assert TEXT.count(old_words) == 1
    new = TEXT.replace(old_words, new_words)
    placement = reanchor(anchor(quote), new)
    assert placement.outcome == "fuzzy"
    assert FUZZY_FLOOR <= placement.score < 1.0
    assert placed(placement, new).exact == new_quote


def test_a_quote_edited_after_a_paragraph_was_removed_before_it() -> None:
    """Far from its old offset, the corrected sentence is still found between its neighbours."""
    new = TEXT.replace(FIRST_PARAGRAPH, "").replace("one million", "1 million")
    placement = reanchor(anchor(INCARCERATED), new)
    assert placement.outcome == "fuzzy"
    assert (
        placed(placement, new).exact == "more than 1 million have been incarcerated in prison camps"
    )


# -- Re-anchoring: orphaned, never re-attached -----------------------------------------------


@pytest.mark.parametrize(
    ("quote", "paragraph"),
    [
        pytest.param(TARGETED, TREASURY_PARAGRAPH, id="targeted"),
        pytest.param(INCARCERATED, TREASURY_PARAGRAPH, id="incarcerated"),
        # The heading "'Caught in the middle'" stays: similar words, not the quote.
        pytest.param(CAUGHT, CRITICISED_PARAGRAPH, id="caught"),
        pytest.param(RASHLY, RASHLY_PARAGRAPH, id="rashly"),
        pytest.param(SPOKESMAN, RASHLY_PARAGRAPH, id="spokesman"),
    ],
)
def test_a_removed_quote_is_orphaned(quote: str, paragraph: str) -> None:
    new = TEXT.replace(paragraph, "")
    placement = reanchor(anchor(quote), new)
    assert placement == Placement("orphaned", None, placement.score)
    assert placement.score < FUZZY_FLOOR


def test_a_removed_quote_does_not_jump_to_a_lookalike_elsewhere() -> None:
    """hypothesis/client#7571: the sentence goes, a near copy of it stays further down."""
    lookalike = (
        "Critics say SenseTime's facial recognition programmes were designed in part to be used "
        "against Uighurs and other Muslim minorities in Xinjiang, which the company denies."
    )
    old_text = TEXT + "\n\n" + lookalike
    old = find_quote(old_text, TARGETED, occurrence=1)
    new = old_text.replace(TREASURY_PARAGRAPH, "")

    placement = reanchor(old, new)
    assert placement.outcome == "orphaned"
    assert placement.score >= FUZZY_FLOOR  # as similar as a corrected quote: context said no


def test_a_removed_paragraph_does_not_hand_its_anchor_to_the_next_one() -> None:
    """The #7571 witness: parallel paragraphs, the annotated one deleted. The next one sits
    right after the old prefix and reads almost the same, but it is where the old suffix is."""
    hong_kong = (
        "SenseTime said it “remains committed” to listing in Hong Kong soon and would fully "
        "refund those who had already invested."
    )
    parallels = [hong_kong.replace("Hong Kong", city) for city in ("Shanghai", "Shenzhen")]
    old_text = TEXT.replace(hong_kong, "\n\n".join([hong_kong, *parallels]))
    new = old_text.replace(hong_kong + "\n\n", "")

    placement = reanchor(find_quote(old_text, hong_kong), new)
    assert placement.outcome == "orphaned"
    assert placement.score >= FUZZY_FLOOR


def test_a_short_quote_does_not_land_on_another_word() -> None:
    cases = [
        (anchor(SPOKESMAN), TEXT.replace("Wang Wenbin", "Zhao Lijian")),
        (anchor("Friday"), TEXT.replace("on Friday", "on Sunday")),
        # "Uighur" the adjective goes; "Uighurs" elsewhere is another word.
        (
            find_quote(TEXT, "Uighur", prefix="looks "),
            TEXT.replace(", including whether someone looks Uighur", ""),
        ),
    ]
    for old, new in cases:
        assert reanchor(old, new).outcome == "orphaned", old.exact


def test_a_short_quote_does_not_move_to_another_mention() -> None:
    """Its sentence is gone; the name recurs in a new one. Same words, other claim."""
    new = TEXT.replace(RASHLY_PARAGRAPH, "") + "\n\nWang Wenbin later repeated the warning."
    assert reanchor(anchor(SPOKESMAN), new).outcome == "orphaned"


# -- Any edit, any annotation ----------------------------------------------------------------

_WORDS = st.sampled_from(["the ", "SenseTime ", "Uighurs ", "not ", "US ", ", ", ".\n\n", "in "])
_NOISE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'\n", max_size=24)
_EDIT = st.tuples(
    st.floats(0, 1),  # where, as a fraction of the current text
    st.integers(0, 60),  # how many characters to delete there
    st.lists(_WORDS | _NOISE, max_size=4).map("".join),  # what to insert
)


def _apply(text: str, edits: list[tuple[float, int, str]]) -> str:
    for where, deleted, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + deleted :]
    return text


@settings(max_examples=200, deadline=None)
@given(
    spans=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 160)), min_size=1, max_size=4),
    edits=st.lists(_EDIT, min_size=1, max_size=6),
)
def test_any_edit_places_every_annotation_on_its_text_or_orphans_it(
    spans: list[tuple[float, int]], edits: list[tuple[float, int, str]]
) -> None:
    selectors = [anchor(quote) for quote in CLAIMS]
    for where, length in spans:
        start = min(int(where * len(TEXT)), len(TEXT) - 1)
        selectors.append(selector_at(TEXT, start, min(len(TEXT), start + length)))
    new = _apply(TEXT, edits)

    for old in selectors:
        placement = reanchor(old, new)
        if placement.outcome == "orphaned":
            assert placement.selector is None
            assert 0.0 <= placement.score <= 1.0
            continue
        selector = placed(placement, new)
        if placement.outcome == "fuzzy":
            assert FUZZY_FLOOR <= placement.score <= 1.0
            assert selector.exact != old.exact
        else:
            assert placement.outcome in ("kept", "moved")
            assert (selector.exact, placement.score) == (old.exact, 1.0)


@settings(max_examples=100, deadline=None)
@given(
    where=st.floats(0, 1),
    length=st.integers(1, 120),
    edits=st.lists(_EDIT, max_size=4),
)
def test_edits_away_from_an_annotation_only_shift_it(
    where: float, length: int, edits: list[tuple[float, int, str]]
) -> None:
    """Edits that leave the quote and its context alone never change what it is on."""
    start = min(int(where * len(TEXT)), len(TEXT) - 1)
    old = selector_at(TEXT, start, min(len(TEXT), start + length))
    text, position = TEXT, old.start
    for fraction, deleted, inserted in edits:
        at = int(fraction * len(text))
        if at >= position + len(old.exact) + CONTEXT:
            pass
        elif at + deleted <= position - CONTEXT:
            position += len(inserted) - deleted
        else:
            continue  # this edit would touch the annotation: not this test's business
        text = text[:at] + inserted + text[at + deleted :]

    placement = reanchor(old, text)
    assert placement.outcome in ("kept", "moved")
    assert placed(placement, text).start == position


@settings(max_examples=100, deadline=None)
@given(where=st.floats(0, 1), length=st.integers(1, 120), edits=st.lists(_EDIT, max_size=3))
def test_a_quote_deleted_with_its_context_is_orphaned(
    where: float, length: int, edits: list[tuple[float, int, str]]
) -> None:
    """Whatever else changed: gone with its neighbours, and nowhere verbatim, means orphaned."""
    start = min(int(where * len(TEXT)), len(TEXT) - 1)
    old = selector_at(TEXT, start, min(len(TEXT), start + length))
    cut = TEXT[: max(0, old.start - CONTEXT)] + " " + TEXT[old.end + CONTEXT :]
    new = _apply(cut, edits)
    placement = reanchor(old, new)
    if old.exact in new:
        return  # a quote still there verbatim may rightly move
    assert placement.outcome == "orphaned", (old, placement)


# -- A long article ----------------------------------------------------------------------


def test_a_thousand_annotations_on_a_long_article_mostly_move() -> None:
    """~10,000 words, 1,000 annotations, a paragraph added at the top and one deleted in the
    middle: most annotations only moved, and every placed one is on its text. (How long it
    takes is a bench/ figure, never a test assertion.)"""
    paragraphs = "\n\n".join(path.read_text("utf-8").strip() for path in wikinews_files())
    text = paragraphs[: paragraphs.index(" ", 65_000)]
    step = (len(text) - 200) // 1000
    selectors = []
    for i in range(1000):
        start = text.index(" ", i * step) + 1
        selectors.append(selector_at(text, start, text.index(" ", start + 20 + i % 80)))
    parts = text.split("\n\n")
    del parts[len(parts) // 2]
    new = "Editor's note: this article was corrected.\n\n" + "\n\n".join(parts)

    placements = [reanchor(old, new) for old in selectors]

    assert sum(p.outcome == "moved" for p in placements) > 900
    for placement in placements:
        if placement.selector is not None:
            assert new[placement.selector.start : placement.selector.end] == (
                placement.selector.exact
            )


def test_a_quote_typed_on_one_line_finds_the_words_across_a_line_break() -> None:
    wrapped = (
        "Poehl said\nthe Bundesbank has no\ninterest in higher rates. "
        "The Bundesbank has no\n  interest."
    )
    selector = find_quote(wrapped, "Bundesbank has no interest in", prefix="the ")
    assert selector.exact == "Bundesbank has no\ninterest in"
    assert wrapped[selector.start : selector.end] == selector.exact
    with pytest.raises(InvalidInput, match="twice"):
        find_quote(wrapped, "Bundesbank has no interest")
    assert find_quote(wrapped, "Bundesbank has no interest", occurrence=2).exact == (
        "Bundesbank has no\n  interest"
    )
    # The quote as typed wins where it stands: white space is loosened only when it is not there.
    assert find_quote("a b and a\nb", "a b").start == 0
