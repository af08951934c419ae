"""Markdown files: plain text to read and annotate, the Markdown kept as the original."""

from __future__ import annotations

from briefing.core import PartialDate
from briefing.core.importing.markdown_text import parse_markdown


def test_markup_is_gone_from_the_text_and_kept_as_the_original() -> None:
    source = "# A headline\n\nSome *emphasis* and [a link](https://example.org).\n\n- one\n- two\n"
    article = parse_markdown(source)
    assert article.title == "A headline"
    assert article.text == "Some emphasis and a link.\n\none\n\ntwo"
    assert article.original == source
    assert article.source_format == "markdown"


def test_front_matter_fills_metadata() -> None:
    article = parse_markdown(
        '---\ntitle: "Saved note"\ndate: 2021-12\noutlet: The Star\nurl: https://x.test/a\n---\n\n'
        "HONG KONG, Dec 14 ― Body. ― AFP\n"
    )
    assert article.title == "Saved note"
    assert article.date == PartialDate(2021, 12)  # front matter wins over the dateline
    assert article.outlet == "The Star" and article.url == "https://x.test/a"
    assert article.dateline == "HONG KONG" and article.agency == "AFP"
