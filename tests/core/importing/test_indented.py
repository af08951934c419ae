"""Hard-wrapped text whose paragraphs start on an indented line (Reuters-21578 wire copy).

Imported as printed, such a story was one paragraph with runs of spaces where the indents
were. Now each indented line starts a paragraph; texts with blank lines between paragraphs
come out exactly as before.
"""

from __future__ import annotations

import re

import pytest

from briefing.core import Library, PartialDate
from briefing.core.articles.rows import content_hash
from briefing.core.importing.text import clean_text, parse_text
from tests.conftest import CORPUS_TEXT, WIKINEWS

# The layout of Reuters-21578: headline, blank line, DATELINE - body wrapped at about 65
# characters, each later paragraph indented (by 3 to 5 spaces), no blank line between
# paragraphs, a trailing space or two before a wrap, " Reuter" signing off.
REUTERS_LIKE = """BUNDESBANK SEES NO NEED FOR RATE CUT

FRANKFURT, March 3 - Bundesbank president Karl Otto Poehl said  
there was no need to cut interest rates again, Poehl said.
    "We consider the present level appropriate," he told a news
conference, adding that money supply growth was too fast.
   Dealers said the remarks were expected and the mark
held steady in quiet trading.
    The council meets again on March 19.
 Reuter
"""


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_a_reuters_like_story_keeps_its_paragraphs(library: Library) -> None:
    result = library.imports.text(REUTERS_LIKE)
    article = library.articles.get(result.id)
    assert paragraphs(article.text) == [
        "FRANKFURT, March 3 - Bundesbank president Karl Otto Poehl said\n"
        "there was no need to cut interest rates again, Poehl said.",
        '"We consider the present level appropriate," he told a news\n'
        "conference, adding that money supply growth was too fast.",
        "Dealers said the remarks were expected and the mark\nheld steady in quiet trading.",
        "The council meets again on March 19.",
        "Reuter",
    ]
    # A wrapped line joins its paragraph by one line break, which the reader shows as one
    # space; no run of spaces is left where an indent or a trailing space was.
    assert not re.search(r"  |\n |\t", article.text)
    assert article.title == "BUNDESBANK SEES NO NEED FOR RATE CUT"
    assert (article.dateline, article.agency) == ("FRANKFURT", "Reuters")
    assert article.date == PartialDate(None, 3, 3)


def test_a_story_stored_before_the_change_is_still_found_as_a_duplicate() -> None:
    """Articles already stored keep the story as printed (annotations are anchored on it).
    The duplicate check folds white space, so importing the story again finds that article
    rather than storing a second copy in the new form."""
    stored_before = clean_text(REUTERS_LIKE).split("\n\n", 1)[1]
    assert "\n    " in stored_before
    assert content_hash(parse_text(REUTERS_LIKE).text) == content_hash(stored_before)


BLANK_LINE_TEXT = """Ministers meet on Friday

The talks, which were hard-wrapped by the mail program that sent
them, open in Brussels on Friday.

The agenda has three items:
 - the budget,
 - the fishing quotas,
 - the enlargement.

    "We expect a long night," one diplomat said, quoting
    the chair.

A decision is due on Sunday.
"""


def test_a_text_with_blank_lines_between_paragraphs_is_unchanged() -> None:
    """Its indented lines are list items and a quotation, not paragraph marks: every
    character stays, indents included (the headline alone leaves, as the title)."""
    article = parse_text(BLANK_LINE_TEXT)
    assert article.title == "Ministers meet on Friday"
    assert article.text == BLANK_LINE_TEXT.split("\n\n", 1)[1].strip()


def test_the_test_articles_come_out_as_before() -> None:
    """tests/data: Wikinews with blank lines between paragraphs (some with indented
    lines): the stored text is the cleaned file, less only a headline taken as title."""
    files = sorted(WIKINEWS.glob("*.txt"))
    assert len(files) == 40
    for path in files:
        raw = clean_text(path.read_text("utf-8"))
        assert raw.endswith(parse_text(raw).text), path.name


@pytest.mark.corpus
@pytest.mark.parametrize("family", ["bbc-", "wikinews-"])
def test_the_blank_line_corpus_families_come_out_as_before(family: str) -> None:
    files = sorted(CORPUS_TEXT.glob(f"{family}*.txt"))
    assert len(files) > 200
    for path in files:
        raw = clean_text(path.read_text("utf-8"))
        assert raw.endswith(parse_text(raw).text), path.name


@pytest.mark.corpus
def test_every_reuters_story_of_the_corpus_gets_paragraphs() -> None:
    """Same words, in paragraphs: the indented lines of every story became paragraph
    starts, and nothing else of the text changed but white space."""
    files = sorted(CORPUS_TEXT.glob("reuters21578-*.txt"))
    assert len(files) > 400
    for path in files:
        raw = clean_text(path.read_text("utf-8"))
        article = parse_text(raw)
        assert " ".join(article.text.split()) in " ".join(raw.split()), path.name
        assert not re.search(r"\n[ \t]", article.text), path.name
        starts = len(re.findall(r"\n[ \t]+\S", raw.split("\n\n", 1)[1]))
        assert len(paragraphs(article.text)) >= starts, path.name


def test_an_indented_first_line_is_an_ordinary_first_paragraph() -> None:
    """An indent on the very first line marks nothing (there is no paragraph before it): it
    is dropped like the others, and the dateline under it is still read."""
    article = parse_text(
        "    ROTTERDAM, March 4 - Three grain ships were waiting to\n"
        "load at the port, officials said.\n"
        "    Loading was slowed by strong winds.\n"
    )
    assert paragraphs(article.text) == [
        "ROTTERDAM, March 4 - Three grain ships were waiting to\nload at the port, officials said.",
        "Loading was slowed by strong winds.",
    ]
    assert article.dateline == "ROTTERDAM"


def test_a_quoted_block_stays_apart_a_line_per_paragraph() -> None:
    """A quotation indented as a whole, in a story that starts paragraphs by indent: each of
    its lines is its own paragraph. Nothing in the text tells a wrapped line of a quotation
    from a row of a table or an item of a list, which must stay apart; so the quotation's
    lines are not joined, but its words stay in order, apart from the paragraphs around it,
    and none runs into the story's text. The unindented line after it wraps the last one."""
    article = parse_text(
        "PARIS, May 2 - The minister read from the statement,\n"
        "which was handed to reporters:\n"
        '        "The franc will be defended by all the means\n'
        '        at our disposal."\n'
        "    Dealers were unimpressed and sold francs\n"
        "for marks.\n"
    )
    assert paragraphs(article.text) == [
        "PARIS, May 2 - The minister read from the statement,\nwhich was handed to reporters:",
        '"The franc will be defended by all the means',
        'at our disposal."',
        "Dealers were unimpressed and sold francs\nfor marks.",
    ]


def test_a_table_of_lines_indented_the_same_keeps_one_row_per_paragraph() -> None:
    """A table (or a list) whose lines are all indented the same: each row is a paragraph,
    a line of its own in the reader rather than one run-on paragraph. The row loses its
    indent but keeps the spacing between its columns, as printed."""
    article = parse_text(
        "ACME CORP <ACM> 1ST QTR NET\n"
        "\n"
        "NEW YORK, April 9 -\n"
        "    Shr 22 cts vs 18 cts\n"
        "    Net     1,200,000 vs   980,000\n"
        "    Revs   14.5 mln   vs 12.1 mln\n"
        " Reuter\n"
    )
    assert paragraphs(article.text) == [
        "NEW YORK, April 9 -",
        "Shr 22 cts vs 18 cts",
        "Net     1,200,000 vs   980,000",
        "Revs   14.5 mln   vs 12.1 mln",
        "Reuter",
    ]
    assert article.agency == "Reuters"


def test_blank_lines_in_an_indented_story_stay_paragraph_breaks() -> None:
    """Some wire stories also leave a blank (or only spaces) line, before the sign-off or
    between letters' paragraphs: still one paragraph break, as an indent would be."""
    article = parse_text(
        "LONDON, June 2 - Following is the text of the letter:\n"
        "    Dear Sir,\n"
        "    As my term ends I wish to\n"
        "return to private life.\n"
        "   \n"
        "    Yours faithfully,\n"
        "\n"
        "\n"
        " Reuter"
    )
    assert paragraphs(article.text) == [
        "LONDON, June 2 - Following is the text of the letter:",
        "Dear Sir,",
        "As my term ends I wish to\nreturn to private life.",
        "Yours faithfully,",
        "Reuter",
    ]
