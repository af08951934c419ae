"""Links in exported Markdown mean the same in every renderer the CI has: markdown-it-py
(CommonMark, and its GFM-like preset with extended autolinks), Python-Markdown (the HTML
export), and Pandoc's markdown, gfm and commonmark readers. Addresses with `&`, `'`,
parentheses, spaces and non-ASCII characters included, in the sources list, the footnotes
and a note."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from briefing.core.export.document import (
    CitedRef,
    ExportClaim,
    ExportDocument,
    ExportItem,
    ExportSection,
    Reference,
)
from briefing.core.export.escape import url as md_url
from briefing.core.export.markdown import render_markdown
from briefing.core.urls import link_target
from tests.core.export.test_structure import PANDOC

ADDRESSES = [
    "https://a.example/?x=1&y=2",
    "https://a.example/it's-here",
    "https://en.wikipedia.org/wiki/SenseTime_(company)",
    "https://a.example/a path/with spaces",
    "https://de.wikipedia.org/wiki/München?q=Straße",
    "https://münchen.example/",
    "https://a.example/x&copy;y",
    "https://a.example/already%20encoded/(x)",
    "mailto:desk@a.example",
    "http://a.example/_under_/*star*",
]


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            if not self._href.startswith("#"):
                self.links.append((self._href, "".join(self._text)))
            self._href = None


def anchors(html: str) -> list[tuple[str, str]]:
    parser = _Anchors()
    parser.feed(html)
    return parser.links


def _normal(href: str) -> str:
    """A link as a browser resolves it: percent-encoding and character references aside."""
    return unquote(unescape(href))


def _typography_free(text: str) -> str:
    """Pandoc's smart typography makes a curly apostrophe of `'`, in a link's text too."""
    return " ".join(text.replace("’", "'").split())


def renderers() -> dict[str, object]:
    found = {
        "markdown-it commonmark": MarkdownIt("commonmark").use(footnote_plugin).render,
        "markdown-it gfm-like": MarkdownIt("gfm-like").use(footnote_plugin).render,
        "python-markdown": lambda text: markdown.markdown(text, extensions=["footnotes"]),
    }
    if PANDOC:
        for reader in ("markdown", "gfm", "commonmark_x"):
            found[f"pandoc {reader}"] = lambda text, r=reader: (
                subprocess.run(
                    [PANDOC, "-f", r, "-t", "html"], input=text, capture_output=True, text=True
                ).stdout
            )
    return found


def _document() -> ExportDocument:
    refs = tuple(
        Reference(f"S{i + 1}", f"source-{i + 1}", "url", f"Source {i + 1}", url=address)
        for i, address in enumerate(ADDRESSES)
    )
    claim = ExportClaim(
        "c1", "A quote.", "Speaker", "asserted", 2, False, None,
        tuple(CitedRef(r, "cites") for r in refs),
    )  # fmt: skip
    note = " ".join(f"[link {i}]({a})" for i, a in enumerate(ADDRESSES) if " " not in a)
    items = (ExportItem("claim", claim=claim), ExportItem("note", note))
    return ExportDocument("Links", "", None, "", (ExportSection("S", items),), refs, ())


@pytest.mark.parametrize("address", ADDRESSES)
def test_one_address_one_link_everywhere(address: str) -> None:
    text = md_url(address)
    target = link_target(address)
    assert target is not None and " " not in target and target.isascii()
    for name, render in renderers().items():
        links = anchors(render(text))  # type: ignore[operator]
        assert len(links) == 1, (name, text, links)
        href, shown = links[0]
        assert _normal(href) == _normal(target), (name, text, href)
        assert _typography_free(shown) == _typography_free(address), (name, text, shown)


def test_the_whole_document_agrees() -> None:
    text = render_markdown(_document())
    results = {name: anchors(render(text)) for name, render in renderers().items()}  # type: ignore[operator]
    want = [link_target(a) for a in ADDRESSES]
    for name, links in results.items():
        hrefs = [_normal(h) for h, _ in links]
        # Each address is linked in the sources list and the footnote, the note's too.
        for target in want:
            assert hrefs.count(_normal(target)) >= 2, (name, target, hrefs)
        assert all(re.match(r"(https?|mailto):", h) for h in hrefs), (name, hrefs)
    counts = {name: len(links) for name, links in results.items()}
    assert len(set(counts.values())) == 1, counts
