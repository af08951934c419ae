"""Saved web pages: main text and metadata, never scripts."""

from __future__ import annotations

import json

from briefing.core import Library
from briefing.core.importing.html import parse_html
from tests.conftest import CORPUS_HTML, CORPUS_ODD


def test_a_page_gives_its_text_and_metadata() -> None:
    name = "9to5mac.com-ad826691a8a2.html"
    truth = json.loads((CORPUS_HTML / "ground-truth.json").read_text("utf-8"))[name]
    article = parse_html((CORPUS_HTML / name).read_text("utf-8"))
    assert article.title == "MacBook sale at Amazon from $700, AirPods, more"
    assert article.outlet == "9To5Mac"
    assert article.author == "Trevor Daugherty"
    assert article.date is not None and article.date.iso() == "2019-11-18"
    assert article.url == truth["url"]
    assert article.text.startswith(truth["articleBody"][:60])
    assert "\n\n" in article.text  # blocks are paragraphs


def test_scripts_and_iframes_never_reach_the_text(library: Library) -> None:
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


def test_a_page_in_a_legacy_encoding(library: Library) -> None:
    (result,) = library.imports.files(
        [CORPUS_ODD / "german-automobilwoche-news-page-windows-1252.html"]
    )
    assert result.status == "imported"
    assert "ä" in library.articles.get(result.id).text
