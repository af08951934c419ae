"""Unknown encodings are read right; binary is refused."""

from __future__ import annotations

import pytest

from briefing.core.importing.decoding import NotText, decode
from tests.conftest import CORPUS_ODD


def test_utf8_with_and_without_bom() -> None:
    assert decode("Zürich ―".encode()) == "Zürich ―"
    assert decode(b"\xef\xbb\xbfZ\xc3\xbcrich") == "Zürich"


def test_latin1_and_windows_1252_text() -> None:
    assert "£" in decode((CORPUS_ODD / "latin1-bbc-sport-199-chelsea-sack-mutu.txt").read_bytes())
    cp1252 = "He said “no” – twice… for €5.".encode("cp1252")
    assert decode(cp1252) == "He said “no” – twice… for €5."
    assert (
        decode("Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln".encode("latin-1"))
        == "Schöne Grüße aus Köln"
    )


def test_a_stray_byte_in_ascii_text() -> None:
    text = decode(
        (CORPUS_ODD / "reuters-1987-17980-stray-0xFC-byte-and-control-chars.txt").read_bytes()
    )
    assert "ü" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("russian-ria-novosti-news-snippet-koi8-r-no-charset.html", "МОСКВА"),
        ("russian-ria-novosti-news-snippet-windows-1251-no-charset.html", "МОСКВА"),
        ("greek-news-snippet-iso-8859-7-no-charset.html", "Με"),
        ("chinese-taiwan-news-snippet-big5-no-charset.html", "台北"),
        ("japanese-news-snippet-shift-jis-no-charset.html", "衆院"),
        ("german-die-tagespost-news-page-declared-iso-8859-1-contains-cp1252.html", "ä"),
        ("polish-rp-pl-news-page-windows-1250.html", "ł"),
        ("polish-radiomaryja-news-page-declared-utf8-one-invalid-byte.html", "ę"),
        ("german-osthessen-news-page-utf8-bom.html", "ü"),
    ],
)
def test_legacy_and_undeclared_encodings(name: str, expected: str) -> None:
    assert expected in decode((CORPUS_ODD / name).read_bytes(), html=True)


def test_binary_content_is_not_text() -> None:
    with pytest.raises(NotText):
        decode(b"%PDF-1.7\n\x00\x01\x02\x03binary\x00stream")
