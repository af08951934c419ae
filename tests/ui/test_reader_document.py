"""The reader's layout and its exact map from canonical offsets to document positions."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QTextCursor, QTextDocument

from briefing.core import Library
from briefing.ui.widgets.reader_document import (
    Header,
    Typography,
    build_document,
    split_paragraphs,
)
from tests.conftest import SAMPLE, wikinews_files


def _typography() -> Typography:
    return Typography(QFont(), QFont(), QFont(), QFont())


def _document_text(document: QTextDocument, start: int, end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def test_the_sample_has_21_paragraphs_and_one_sub_heading() -> None:
    text = SAMPLE.read_text("utf-8")
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 21
    headings = [text[p.start : p.end] for p in paragraphs if p.heading]
    assert headings == ["'Caught in the middle'"]


def test_every_offset_maps_to_the_same_character(qapp) -> None:
    text = SAMPLE.read_text("utf-8")
    document = QTextDocument()
    mapping = build_document(document, Header("Title", "AFP"), text, _typography())
    quote = "facial recognition programmes"
    start = text.index(quote)
    end = start + len(quote)
    assert _document_text(document, mapping.to_document(start), mapping.to_document(end)) == quote
    assert mapping.to_canonical(mapping.to_document(start)) == start


def test_characters_outside_the_bmp_take_two_positions(qapp) -> None:
    text = "A headline\n\nEmoji \U0001f600 first, then the claim.\nSecond line \U0001f4f0 here."
    document = QTextDocument()
    mapping = build_document(document, Header("T", ""), text, _typography())
    for quote in ("the claim", "here", "Second line \U0001f4f0 here"):
        start = text.index(quote)
        end = start + len(quote)
        shown = _document_text(document, mapping.to_document(start), mapping.to_document(end))
        assert shown == quote
        assert mapping.to_canonical(mapping.to_document(start)) == start
        assert mapping.to_canonical(mapping.to_document(end)) == end


def test_header_positions_have_no_canonical_offset(qapp) -> None:
    document = QTextDocument()
    mapping = build_document(document, Header("Title", "AFP"), "Body text.", _typography())
    assert mapping.to_canonical(0) is None
    assert mapping.to_canonical(mapping.to_document(0)) == 0


def test_a_wikinews_dateline_is_not_a_sub_heading() -> None:
    dated = 0
    for path in wikinews_files():
        text = path.read_text("utf-8")
        paragraphs = split_paragraphs(text)
        datelines = [text[p.start : p.end] for p in paragraphs if p.dateline]
        shaped = [
            text[p.start : p.end]
            for p in paragraphs
            if re.fullmatch(r"[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}", text[p.start : p.end])
        ]
        assert datelines == shaped, path.name
        assert not [p for p in paragraphs if p.heading and p.dateline]
        dated += bool(datelines)
    assert dated >= 30  # nearly every story opens with one
    # A heading that is not a date stays one; a date inside a sentence is not a dateline.
    (heading, sentence) = split_paragraphs("Sunday service\n\nOn Sunday, June 23, 2019 it rained.")
    assert heading.heading and not heading.dateline
    assert not sentence.heading and not sentence.dateline


def test_the_reader_shows_the_dateline_as_a_dateline(qtbot, make_window, library: Library) -> None:
    path = next(p for p in wikinews_files() if "magnitogorsk" in p.name)
    (result,) = library.imports.files([path])
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(result.id)
    document = window.reader.page.document()
    blocks = {}
    block = document.firstBlock()
    while block.isValid():
        blocks[block.text().strip()] = block
        block = block.next()
    dateline = blocks["Friday, January 4, 2019"]
    body = next(b for text, b in blocks.items() if text.startswith("An apartment building"))
    # It was a sub-heading: level 2, bold, larger than the text.
    assert dateline.blockFormat().headingLevel() == 0
    dateline_font = dateline.charFormat().font()
    body_font = body.charFormat().font()
    assert not dateline_font.bold()
    assert dateline_font.pointSizeF() < body_font.pointSizeF()


def test_an_attribution_and_a_list_of_short_lines_are_not_sub_headings() -> None:
    def headings(path_part: str) -> list[str]:
        path = next(p for p in wikinews_files() if path_part in p.name)
        text = path.read_text("utf-8")
        return [text[p.start : p.end] for p in split_paragraphs(text)[1:] if p.heading]

    # "—Troy Roberts" under a quote; nine lines of seats per party, one after another; a
    # sign-off ends the text ("Reuter").
    assert headings("florida-highway-pileup") == []
    assert headings("conservative-party-wins-majority") == []
    text = "\n\n".join(
        [
            "Title",
            "Seats",
            "Labour - 203",
            "Greens - 1",
            "The count ended.",
            "After",
            "Rain.",
            "Reuter",
        ]
    )
    assert [text[p.start : p.end] for p in split_paragraphs(text) if p.heading] == ["After"]
