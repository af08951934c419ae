"""The reader's layout and its exact map from canonical offsets to document positions."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCursor, QTextDocument

from briefing.ui.widgets.reader_document import (
    Header,
    Typography,
    build_document,
    split_paragraphs,
)
from tests.conftest import SAMPLE


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
