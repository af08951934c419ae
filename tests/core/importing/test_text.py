"""Plain text: the worked example's import expectations, and wire-copy conventions."""

from __future__ import annotations

import re

import pytest

from briefing.core import Library, PartialDate
from briefing.core.importing.text import TITLE_MAX, parse_text, propose_title
from briefing.core.importing.wire import read_wire_marks
from tests.conftest import CORPUS_TEXT, SAMPLE, WIKINEWS


def test_the_worked_example_imports_as_the_walkthrough_says(
    library: Library, sample_article: int
) -> None:
    article = library.articles.get(sample_article)
    raw = SAMPLE.read_text("utf-8")
    # The text stays exactly as printed: dateline and sign-off included.
    assert article.text == raw.strip()
    assert article.text.startswith("HONG KONG, Dec 14 ― Chinese")
    assert article.text.endswith("in just a few years. ― AFP")
    assert len(re.split(r"\n\s*\n", article.text)) == 21
    assert "\n'Caught in the middle'\n" in article.text
    # Metadata recognised from it.
    assert article.dateline == "HONG KONG"
    assert article.agency == "AFP"
    assert article.date == PartialDate(None, 12, 14)  # no year invented
    assert article.date.iso() == "--12-14"
    # No title in the text: one is proposed from the first sentence, cut at a word.
    assert article.title_proposed
    assert article.title.startswith("Chinese artificial intelligence start-up SenseTime")
    assert article.title.endswith("…")
    assert len(article.title) <= TITLE_MAX + 1
    assert "HONG KONG" not in article.title
    words = article.title.rstrip("…").split()
    assert all(word in article.text for word in words)


def test_the_reader_sets_the_year_and_title_afterwards(
    library: Library, sample_article: int
) -> None:
    article = library.articles.edit(
        sample_article, date="2021-12-14", title="SenseTime postpones IPO after US blacklisting"
    )
    assert article.date == PartialDate(2021, 12, 14)
    assert not article.title_proposed
    assert article.text == SAMPLE.read_text("utf-8").strip()


def test_a_headline_line_becomes_the_title_and_leaves_the_text() -> None:
    path = WIKINEWS / "wikinews-2019-01-23-germany-bans-mahan-air-of-iran-citing-security.txt"
    article = parse_text(path.read_text("utf-8"))
    assert article.title == "Germany bans Mahan Air of Iran, citing 'security'"
    assert not article.title_proposed
    assert article.text.startswith("Wednesday, January 23, 2019\xa0\n\n\nGermany on Monday")
    assert article.date == PartialDate(2019, 1, 23)  # Wikinews' dateline is the day alone
    assert article.dateline is None and article.agency is None


def test_wire_headlines_may_end_in_an_abbreviation() -> None:
    article = parse_text("JAPAN SEEKS TARIFF CUTS FOR U.S.\n\nTOKYO, March 3 - Japan said...")
    assert article.title == "JAPAN SEEKS TARIFF CUTS FOR U.S."
    assert article.dateline == "TOKYO"
    assert article.date == PartialDate(None, 3, 3)


def test_a_one_line_lede_is_not_taken_for_a_title() -> None:
    article = parse_text("The minister resigned on Tuesday.\n\nShe gave no reason.")
    assert article.title_proposed
    assert article.text.startswith("The minister resigned")


# The layout of Reuters-21578 stories: the headline in capitals, DATELINE, Month Day - body,
# hard-wrapped, paragraphs indented by four spaces, " Reuter" at the end.
WIRE_STORY = """GRAIN SHIPS WAIT AT ROTTERDAM

ROTTERDAM, March 4 - Three grain ships were waiting to load at
the port on Wednesday and two more were expected by the weekend,
port officials said.
    Loading was slowed by strong winds earlier in the week, they
said.
 Reuter
"""


def test_reuters_datelines_and_sign_offs() -> None:
    article = parse_text(WIRE_STORY)
    assert article.title == "GRAIN SHIPS WAIT AT ROTTERDAM"
    assert article.dateline == "ROTTERDAM"
    assert article.date == PartialDate(None, 3, 4)
    assert article.agency == "Reuters"
    assert article.text.startswith("ROTTERDAM, March 4 - Three grain ships")


@pytest.mark.corpus
def test_a_reuters_21578_story() -> None:
    article = parse_text((CORPUS_TEXT / "reuters21578-00001.txt").read_text("utf-8"))
    assert article.title == "BAHIA COCOA REVIEW"
    assert article.dateline == "SALVADOR"
    assert article.date == PartialDate(None, 2, 26)
    assert article.agency == "Reuters"
    assert article.text.startswith("SALVADOR, Feb 26 - Showers")


def test_dateline_forms() -> None:
    marks = read_wire_marks("WASHINGTON (Reuters) - The US said")
    assert (marks.dateline, marks.agency, marks.date) == ("WASHINGTON", "Reuters", None)
    marks = read_wire_marks("PARIS, Jan 3, 2020 (AFP) — hello")
    assert (marks.dateline, marks.agency, marks.date) == ("PARIS", "AFP", PartialDate(2020, 1, 3))
    marks = read_wire_marks("Friday, January 4, 2019\xa0A gas explosion")
    assert marks.date == PartialDate(2019, 1, 4) and marks.dateline is None
    # Capitals and a dash are not a dateline without a date or an agency.
    assert read_wire_marks("THE END - of it").dateline is None


def test_proposed_titles_cut_at_a_word_and_drop_weak_endings() -> None:
    title = propose_title("word " * 40)
    assert title.endswith("word…") and len(title) <= TITLE_MAX + 1
    assert propose_title("Short sentence. Another one.") == "Short sentence"
    long = "The government said on Monday that it would postpone the vote on the new law for a"
    assert propose_title(long + " further month pending review.", limit=80).endswith("the new law…")


def test_line_ends_control_characters_and_bom_are_cleaned() -> None:
    article = parse_text("\ufeffTitle here\r\n\r\nBody\x05 line one.\r\nline two.\x03\n")
    assert article.title == "Title here"
    assert article.text == "Body line one.\nline two."
