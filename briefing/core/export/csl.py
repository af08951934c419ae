"""Export what a briefing cites as CSL-JSON, for Zotero and Pandoc's citeproc.

One item per cited article and per linked source, in the order the briefing first cites
them. A web page's publisher is its site, the `container-title` (given as `publisher` too, a
style printed it twice); a byline becomes one name per person (export/names.py). Ids are
stable across exports (`article-12`, `source-3`), so a bibliography built from one export
still resolves after the briefing changes, and they are Pandoc's citation keys. A date
becomes `issued` date-parts with only what is known: a date without a year has no `issued`
at all (never an invented year).
"""

from __future__ import annotations

import json
from typing import Any

from briefing.core.dates import parse_stored
from briefing.core.export.document import ExportDocument, Reference
from briefing.core.export.names import csl_names

CSL_TYPES = {
    "article": "article-newspaper",
    "url": "webpage",
    "document": "report",
    "statement": "document",
}


def csl_item(ref: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ref.ident, "type": CSL_TYPES.get(ref.kind, "document")}
    item["title"] = ref.title
    if ref.kind == "article":
        if ref.container:
            item["container-title"] = ref.container
            if ref.agency and ref.agency != ref.container:
                item["publisher"] = ref.agency
        elif ref.agency:
            item["container-title"] = ref.agency
    elif ref.kind == "url" and ref.container:
        item["container-title"] = ref.container  # the site: styles print it once
    elif ref.container:
        item["publisher"] = ref.container
    names = csl_names(ref.author)
    if names:
        item["author"] = names
    date = parse_stored(ref.date)
    if date is not None and date.year is not None:
        parts = [date.year] + [p for p in (date.month, date.day) if p is not None]
        item["issued"] = {"date-parts": [parts]}
    if ref.url:
        item["URL"] = ref.url
    if ref.grade:
        item["note"] = f"Reliability grade {ref.grade}"
    return item


def render_csl(document: ExportDocument) -> str:
    items = [csl_item(ref) for ref in document.references]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
