"""Saved web pages: main text and metadata, never scripts.

The pages here are written for the tests (tests/data/html/, or built in the test); the real
pages of the test corpus are read too when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.core import Library
from briefing.core.importing.html import parse_html
from tests.conftest import CORPUS_HTML, CORPUS_ODD, DATA

SCRIPT_MARKERS = ("<script", "<iframe", "function(", "document.write", "googletag", "dataLayer")


def test_a_page_gives_its_text_and_metadata() -> None:
    article = parse_html((DATA / "html" / "harbour-gazette-ferry.html").read_text("utf-8"))
    assert article.title == "Night ferry to return in spring, council says"  # site name off
    assert article.outlet == "The Harbour Gazette"
    assert article.author == "Mara Lindqvist"
    assert article.date is not None and article.date.iso() == "2023-03-14"
    assert article.url == "https://harbour-gazette.example/news/2023/03/night-ferry-returns"
    paragraphs = article.text.split("\n\n")  # blocks are paragraphs
    assert paragraphs[1].startswith("The night ferry between the old harbour and the island")
    assert paragraphs[-1].endswith("A review of the service is planned for the autumn.")
    assert "Ilse Brandt, who runs a bakery" in article.text
    for boilerplate in ("Subscribe", "Most read", "Tide tables", "Cookie", "All rights"):
        assert boilerplate not in article.text
    for marker in SCRIPT_MARKERS:
        assert marker not in article.text


def test_scripts_and_iframes_never_reach_the_text(tmp_path: Path, library: Library) -> None:
    script = (
        "<script>document.write('<p>Advertisement</p>'); googletag.cmd.push(function() "
        "{ googletag.display('ad'); }); window.dataLayer = [];</script>"
    )
    iframe = "<iframe src='https://ads.example/frame'><p>Your browser has no frames</p></iframe>"
    paragraph = "<p>The bridge will close for repairs from Monday, the city said today.</p>"
    page = tmp_path / "busy.html"
    page.write_text(
        "<html><head><title>Bridge to close</title>"
        + script * 200
        + "</head><body>"
        + (script + iframe) * 20
        + "<article><h1>Bridge to close</h1>"
        + (paragraph + script + iframe) * 8
        + "</article>"
        + script * 200
        + "</body></html>",
        "utf-8",
    )
    assert page.stat().st_size > 50_000
    (result,) = library.imports.files([page])
    assert result.status == "imported"
    text = library.articles.get(result.id).text
    assert "The bridge will close for repairs from Monday" in text
    for marker in (*SCRIPT_MARKERS, "Advertisement", "no frames"):
        assert marker not in text


def test_hostile_markup_is_text_at_most(tmp_path, library: Library) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><head><title>Ok</title><script>fetch('http://127.0.0.1:9/x')</script></head>"
        "<body><iframe src='http://127.0.0.1:9/frame'></iframe><article><h1>Ok</h1>"
        + "<p>Real words of the article, long enough to count as the main text here.</p>" * 5
        + "<img src=x onerror=alert(1)><script>alert(1)</script></article></body></html>",
        "utf-8",
    )
    (result,) = library.imports.files([page])
    text = library.articles.get(result.id).text
    assert "Real words of the article" in text
    assert "alert" not in text and "fetch" not in text and "127.0.0.1" not in text


def test_a_page_in_a_legacy_encoding(tmp_path: Path, library: Library) -> None:
    body = (
        "<p>Die Betriebsversammlung in Wolfsburg dauerte länger als geplant \u2013 der "
        "Vorstand äußerte sich erst am Nachmittag zu den Plänen für das Werk.</p>"
    ) * 4
    page = tmp_path / "werk.html"
    page.write_bytes(
        (
            '<html>\r\n<head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1252">\r\n<title>Werk</title></head>\r\n<body><article>'
            + body
            + "</article></body></html>\r\n"
        ).encode("cp1252")
    )
    assert b"\x96" in page.read_bytes()  # the en dash, as windows-1252 writes it
    (result,) = library.imports.files([page])
    assert result.status == "imported"
    text = library.articles.get(result.id).text
    assert "länger als geplant \u2013 der Vorstand äußerte sich" in text


# -- The real pages -------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_real_page_gives_its_text_and_metadata() -> None:
    name = "9to5mac.com-ad826691a8a2.html"
    truth = json.loads((CORPUS_HTML / "ground-truth.json").read_text("utf-8"))[name]
    article = parse_html((CORPUS_HTML / name).read_text("utf-8"))
    assert article.title == "MacBook sale at Amazon from $700, AirPods, more"
    assert article.outlet == "9To5Mac"
    assert article.author == "Trevor Daugherty"
    assert article.date is not None and article.date.iso() == "2019-11-18"
    assert article.url == truth["url"]
    assert article.text.startswith(truth["articleBody"][:60])
    assert "\n\n" in article.text


@pytest.mark.corpus
def test_real_pages_full_of_scripts_and_iframes(library: Library) -> None:
    results = library.imports.files(
        [
            CORPUS_ODD / "spanish-eltiempo-news-page-many-iframes.html",
            CORPUS_ODD / "english-heartlandnewsfeed-police-blotter-many-scripts.html",
        ]
    )
    assert [r.status for r in results] == ["imported", "imported"]
    for result in results:
        text = library.articles.get(result.id).text
        for marker in ("<script", "<iframe", "function(", "document.write", "googletag"):
            assert marker not in text


@pytest.mark.corpus
def test_a_real_page_in_a_legacy_encoding(library: Library) -> None:
    (result,) = library.imports.files(
        [CORPUS_ODD / "german-automobilwoche-news-page-windows-1252.html"]
    )
    assert result.status == "imported"
    assert "ä" in library.articles.get(result.id).text
