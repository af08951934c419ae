"""Markdown files: rendered with the `markdown` package, then read back as plain text.

Offsets must point into what the reader sees, so the canonical text is the rendered text
(no `#`, `*` or link targets), one block per paragraph; the Markdown itself is kept as the
original. A leading `# Heading` is the title, and simple front matter (`title:`, `date:`,
`url:`, `outlet:`, `author:`) fills the metadata.
"""

from __future__ import annotations

import re

import markdown
from lxml import html as lxml_html

from briefing.core.dates import parse_optional
from briefing.core.errors import InvalidInput
from briefing.core.importing.extracted import Extracted
from briefing.core.importing.text import clean_text, with_wire_marks

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "pre",
    "blockquote",
    "tr",
    "dt",
    "dd",
    "div",
    "table",
    "ul",
    "ol",
    "hr",
}
_FIELDS = {"title", "date", "url", "outlet", "source", "publisher", "author", "site"}


def parse_markdown(source: str) -> Extracted:
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _front_matter(source)
    rendered = markdown.markdown(body, extensions=["extra", "sane_lists"])
    root = lxml_html.fragment_fromstring(rendered or "<p></p>", create_parent="div")
    title = meta.get("title", "")
    first = root[0] if len(root) else None
    if not title and first is not None and first.tag == "h1":
        title = " ".join(first.text_content().split())
        root.remove(first)
    blocks = [block for block in _blocks(root) if block]
    try:
        date = parse_optional(meta.get("date"))
    except InvalidInput:
        date = None
    article = Extracted(
        text=clean_text("\n\n".join(blocks)),
        source_format="markdown",
        title=title,
        outlet=meta.get("outlet")
        or meta.get("source")
        or meta.get("publisher")
        or meta.get("site"),
        author=meta.get("author"),
        date=date,
        url=meta.get("url"),
        original=source,
    )
    return with_wire_marks(article)


def _front_matter(source: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    meta = {}
    for line in match[1].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _FIELDS:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, source[match.end() :]


def _blocks(element: lxml_html.HtmlElement) -> list[str]:
    """The text of each block, in order; inline markup flattened into its block."""
    out: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "pre":
            out.append(child.text_content().strip("\n"))
        elif child.tag in ("ul", "ol", "table", "div", "blockquote", "dl", "thead", "tbody"):
            if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in child):
                out.extend(_blocks(child))
            else:
                out.append(" ".join(child.text_content().split()))
        elif child.tag == "tr":
            cells = [" ".join(cell.text_content().split()) for cell in child]
            out.append(" | ".join(cells))
        elif child.tag == "li" and any(
            isinstance(c.tag, str) and c.tag in ("ul", "ol", "p") for c in child
        ):
            out.extend(_blocks(child))
        else:
            out.append(" ".join(child.text_content().split()))
    return out
