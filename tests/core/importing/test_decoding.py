"""Unknown encodings are read right; binary is refused.

The texts here are written for the tests and encoded as old software saved them; the real
files they stand for (the test corpus's odd/ folder) are read too when the corpus is there.
"""

from __future__ import annotations

import pytest

from briefing.core.importing.decoding import NotText, decode
from tests.conftest import CORPUS_ODD


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>News</title></head><body><p>{body}</p></body></html>"


RUSSIAN = _page(
    "МОСКВА, 12 марта. Правительство России в среду одобрило проект бюджета на следующий "
    "год, сообщил министр финансов. По его словам, расходы на образование и здравоохранение "
    "вырастут."
)
GREEK = _page(
    "Με μεγάλη συμμετοχή πραγματοποιήθηκε χθες η συνεδρίαση του δημοτικού συμβουλίου της "
    "Αθήνας, όπου συζητήθηκε ο προϋπολογισμός της πόλης για τη νέα χρονιά."
)
CHINESE = _page(
    "台北市政府今天宣布，明年將擴大公共運輸的補助，讓更多市民可以搭乘捷運和公車上下班。"
    "市長表示，這項政策將有助於減少交通壅塞。"
)
JAPANESE = _page(
    "衆院は十日の本会議で、来年度予算案を賛成多数で可決した。政府は年度内の成立を目指して"
    "おり、参院での審議が始まる見通しだ。"
)
POLISH = _page(
    "Sejm przyjął w piątek ustawę o budżecie na przyszły rok. Posłowie głosowali długo, a "
    "minister finansów powiedział, że wydatki na szkoły i szpitale wzrosną.",
    '<meta charset="windows-1250">',
)
GERMAN = _page(
    "„Wir müssen jetzt handeln“, sagte der Bürgermeister… und die Zuhörer nickten.",
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
)


def test_utf8_with_and_without_bom() -> None:
    assert decode("Zürich ―".encode()) == "Zürich ―"
    assert decode(b"\xef\xbb\xbfZ\xc3\xbcrich") == "Zürich"
    page = _page("Die Bürgermeisterwahl in Fulda ist entschieden.")
    assert decode(page.encode("utf-8-sig"), html=True) == page


def test_latin1_and_windows_1252_text() -> None:
    latin1 = (
        "Chelsea were fined £30,000 on Friday.\n\nThe club said it would not appeal against "
        "the fine, which the league set after the match in March."
    )
    assert decode(latin1.encode("latin-1")) == latin1
    cp1252 = "He said “no” – twice… for €5.".encode("cp1252")
    assert decode(cp1252) == "He said “no” – twice… for €5."
    assert (
        decode("Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln".encode("latin-1"))
        == "Schöne Grüße aus Köln"
    )


def test_a_stray_byte_in_ascii_text() -> None:
    wire = (
        b"ZURICH, March 3 - Shares in M\xfcller AG rose 4 pct on\n"
        b"Tuesday after the company reported higher profits.\x05\x1e\n Reuter\n\x03"
    )
    assert "Müller AG" in decode(wire)


@pytest.mark.parametrize(
    ("page", "encoding"),
    [
        (RUSSIAN, "koi8-r"),
        (RUSSIAN, "cp1251"),
        (GREEK, "iso-8859-7"),
        (CHINESE, "big5"),
        (JAPANESE, "shift_jis"),
        (POLISH, "cp1250"),  # declared
        (GERMAN, "cp1252"),  # declared ISO-8859-1, as browsers read it
    ],
)
def test_legacy_and_undeclared_encodings(page: str, encoding: str) -> None:
    assert decode(page.encode(encoding), html=True) == page


def test_one_invalid_byte_in_utf8_spoils_only_itself() -> None:
    page = _page("Sprzeciw wobec ataków na fundację był głośny. " * 3).encode()
    cut = page.index("ę".encode())
    damaged = page[: cut + 1] + page[cut + 2 :]  # a multi-byte character cut short
    text = decode(damaged, html=True)
    assert "ataków" in text and "głośny" in text and text.count("ę") == 2


def test_binary_content_is_not_text() -> None:
    with pytest.raises(NotText):
        decode(b"%PDF-1.7\n\x00\x01\x02\x03binary\x00stream")


# -- The real files -------------------------------------------------------------------------


@pytest.mark.corpus
def test_real_latin1_and_stray_byte_files() -> None:
    assert "£" in decode((CORPUS_ODD / "latin1-bbc-sport-199-chelsea-sack-mutu.txt").read_bytes())
    text = decode(
        (CORPUS_ODD / "reuters-1987-17980-stray-0xFC-byte-and-control-chars.txt").read_bytes()
    )
    assert "ü" in text


@pytest.mark.corpus
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
def test_real_pages_in_legacy_and_undeclared_encodings(name: str, expected: str) -> None:
    assert expected in decode((CORPUS_ODD / name).read_bytes(), html=True)
