"""The preview's HTML, fast enough to follow typing in the bottom line of a large briefing.

A full render of a 500-claim briefing (read the library, Jinja, Python-Markdown over every
claim) takes a few hundred milliseconds. While the reader types the BLUF nothing else
changes, so the full page is rendered once with a token standing for the BLUF, and each
keystroke only renders a tiny page (the same head, no sections) twice, with the token and
with the text: the stretch where those two differ is the BLUF's own HTML, and it replaces the
token's stretch in the cached page. That is exact whatever the template does around the
BLUF; when the stretch is not found exactly once in the full page (the template moved the
BLUF, or an empty BLUF drops its paragraph), the page is rendered in full instead.

The BLUF's own HTML is what stands where the token stood in the tiny page. When it is
inline (a paragraph's words, emphasis, links: no block of its own), the preview need not
parse the whole page again either: it replaces the BLUF's stretch of the document it shows
(`Rendered.bluf_html`, `Rendered.page` saying which page that document was made from).

The cache is dropped whenever the library changes (`generation`), the briefing, or its
title, author or date as typed. No Qt here: it runs on the reader thread, one call at a time.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from briefing.core import BriefingError, ExportDocument, Library, parse_optional, render_html

TOKEN = "briefingblufpreviewtoken5e1d"
# Tags that make or end a block: a BLUF with one of them is not a run of inline text.
_BLOCK = re.compile(
    r"<\s*/?\s*(p|div|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|td|th"
    r"|hr|br|section|article|header|footer|figure|img)\b",
    re.I,
)


def is_inline(fragment: str) -> bool:
    """True when the HTML fragment is inline content only (words, emphasis, links)."""
    return _BLOCK.search(fragment) is None


@dataclass(frozen=True)
class Rendered:
    """A render: the page's HTML; the serial of the cached page it is made from (the
    briefing as read, its head as typed); the page with the token for its BLUF; and the
    BLUF's own HTML standing where the token stands, or None when only the whole page can
    say (then `with_token` is None too)."""

    html: str
    page: int
    with_token: str | None = None
    bluf_html: str | None = None


def head_changes(fields: Mapping[str, str]) -> dict[str, object]:
    """The title, author and date as typed, in the document's terms (not yet committed)."""
    changes: dict[str, object] = {}
    if " ".join(fields.get("title", "").split()):
        changes["title"] = " ".join(fields["title"].split())
    if "author" in fields:
        changes["author"] = " ".join(fields["author"].split())
    if "date" in fields:
        try:
            date = parse_optional(fields["date"]) if fields["date"].strip() else None
            changes["date"] = date.iso() if date else None
        except BriefingError:
            pass  # half-typed: keep the stored date until it parses
    return changes


def _differing(a: str, b: str) -> tuple[str, str]:
    """The stretches of `a` and `b` between their common prefix and common suffix."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]


@dataclass
class _Page:
    key: tuple[object, ...]
    serial: int
    document: ExportDocument
    with_token: str  # the full page, TOKEN as the BLUF
    tiny: ExportDocument  # the same head, no sections
    tiny_with_token: str

    def with_bluf(self, bluf: str) -> tuple[str, str | None] | None:
        """The page with this BLUF and the BLUF's own HTML (None when the token's place
        cannot be told), or None when only a full render can tell."""
        tiny = render_html(dataclasses.replace(self.tiny, bluf=bluf))
        old, new = _differing(self.tiny_with_token, tiny)
        if not (old and self.with_token.count(old) == 1):
            return None
        page = self.with_token.replace(old, new)
        return page, self._in_place_of_token(tiny)

    def _in_place_of_token(self, tiny: str) -> str | None:
        """What stands in `tiny` where TOKEN stands in the tiny page with the token."""
        if self.tiny_with_token.count(TOKEN) != 1 or self.with_token.count(TOKEN) != 1:
            return None
        before, after = self.tiny_with_token.split(TOKEN)
        if len(tiny) < len(before) + len(after):
            return None
        if not (tiny.startswith(before) and tiny.endswith(after)):
            return None
        return tiny[len(before) : len(tiny) - len(after)]


class PreviewRenderer:
    """Renders the preview's HTML; see the module docstring."""

    def __init__(self) -> None:
        self.generation = 0  # bumped (on the GUI thread) when the library changes
        self._page: _Page | None = None
        self._serial = 0
        self.full_renders = 0  # how often the whole briefing went through Markdown

    def render(self, library: Library, briefing_id: int, fields: Mapping[str, str]) -> str:
        """The page's HTML with these fields."""
        return self.render_parts(library, briefing_id, fields).html

    def render_parts(
        self, library: Library, briefing_id: int, fields: Mapping[str, str]
    ) -> Rendered:
        """The page with these fields, and what the preview needs to show it by replacing
        only the BLUF's stretch of a document made from the same page (see Rendered)."""
        head = head_changes(fields)
        key = (briefing_id, self.generation, tuple(sorted(head.items())))
        if self._page is None or self._page.key != key:
            self.full_renders += 1
            self._serial += 1
            document = dataclasses.replace(library.briefings.document(briefing_id), **head)
            tiny = dataclasses.replace(document, sections=(), references=(), actors=())
            self._page = _Page(
                key,
                self._serial,
                document,
                render_html(dataclasses.replace(document, bluf=TOKEN)),
                tiny,
                render_html(dataclasses.replace(tiny, bluf=TOKEN)),
            )
        page = self._page
        bluf = fields.get("bluf")
        bluf = page.document.bluf if bluf is None else bluf.strip()
        fast = page.with_bluf(bluf)
        if fast is not None:
            html, own = fast
            if own is None:
                return Rendered(html, page.serial)
            return Rendered(html, page.serial, page.with_token, own)
        self.full_renders += 1
        return Rendered(render_html(dataclasses.replace(page.document, bluf=bluf)), page.serial)
