"""The preview's HTML, fast enough to follow typing in the bottom line of a large briefing.

A full render of a 500-claim briefing (read the library, Jinja, Python-Markdown over every
claim) takes a few hundred milliseconds. While the reader types the BLUF nothing else
changes, so the full page is rendered once with a token standing for the BLUF, and each
keystroke only renders a tiny page (the same head, no sections) twice, with the token and
with the text: the stretch where those two differ is the BLUF's own HTML, and it replaces the
token's stretch in the cached page. That is exact whatever the template does around the
BLUF; when the stretch is not found exactly once in the full page (the template moved the
BLUF, or an empty BLUF drops its paragraph), the page is rendered in full instead.

The cache is dropped whenever the library changes (`generation`), the briefing, or its
title, author or date as typed. No Qt here: it runs on the reader thread, one call at a time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from briefing.core import BriefingError, ExportDocument, Library, parse_optional, render_html

TOKEN = "briefingblufpreviewtoken5e1d"


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
    document: ExportDocument
    with_token: str  # the full page, TOKEN as the BLUF
    tiny: ExportDocument  # the same head, no sections
    tiny_with_token: str

    def with_bluf(self, bluf: str) -> str | None:
        """The page with this BLUF, or None when only a full render can tell."""
        tiny = render_html(dataclasses.replace(self.tiny, bluf=bluf))
        old, new = _differing(self.tiny_with_token, tiny)
        if old and self.with_token.count(old) == 1:
            return self.with_token.replace(old, new)
        return None


class PreviewRenderer:
    """Renders the preview's HTML; see the module docstring."""

    def __init__(self) -> None:
        self.generation = 0  # bumped (on the GUI thread) when the library changes
        self._page: _Page | None = None
        self.full_renders = 0  # how often the whole briefing went through Markdown

    def render(self, library: Library, briefing_id: int, fields: Mapping[str, str]) -> str:
        head = head_changes(fields)
        key = (briefing_id, self.generation, tuple(sorted(head.items())))
        if self._page is None or self._page.key != key:
            self.full_renders += 1
            document = dataclasses.replace(library.briefings.document(briefing_id), **head)
            tiny = dataclasses.replace(document, sections=(), references=(), actors=())
            self._page = _Page(
                key,
                document,
                render_html(dataclasses.replace(document, bluf=TOKEN)),
                tiny,
                render_html(dataclasses.replace(tiny, bluf=TOKEN)),
            )
        bluf = fields.get("bluf")
        bluf = self._page.document.bluf if bluf is None else bluf.strip()
        fast = self._page.with_bluf(bluf)
        if fast is not None:
            return fast
        self.full_renders += 1
        return render_html(dataclasses.replace(self._page.document, bluf=bluf))
