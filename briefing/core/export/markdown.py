"""Export a briefing to Markdown through one template: resources/templates/briefing.md.j2.

The layout lives in the template, where it is easy to read and change; this module only
loads it, supplies the escaping filters (export_escape.py) and the options. Autoescaping is
off because the output is Markdown, not HTML: every piece of article or reader text is
passed through a filter in the template instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import jinja2

from briefing.core.bundled import resources_dir
from briefing.core.export import escape as export_escape
from briefing.core.export.document import ExportDocument, human_date

if TYPE_CHECKING:
    pass

TEMPLATE = "briefing.md.j2"


@dataclass(frozen=True)
class MarkdownOptions:
    """footnotes: a footnote per claim (else the citation inline, in parentheses);
    blockquotes: quotes as blockquotes (else inline, in quotation marks);
    actor_index, sources_list: the two tables at the end; grades: credibility and
    reliability grades shown."""

    footnotes: bool = True
    blockquotes: bool = True
    actor_index: bool = True
    sources_list: bool = True
    grades: bool = True


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources_dir() / "templates"),
        autoescape=False,  # Markdown, not HTML: the filters below escape, explicitly
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        md=export_escape.inline,
        md_paragraphs=export_escape.paragraphs,
        md_note=export_escape.note,
        md_url=export_escape.url,
        human_date=human_date,
    )
    return env


def render_markdown(document: ExportDocument, options: MarkdownOptions | None = None) -> str:
    """The Markdown of a resolved briefing. Reads no library: any document renders."""
    text = (
        environment()
        .get_template(TEMPLATE)
        .render(doc=document, options=options or MarkdownOptions())
    )
    # The template separates blocks generously; fold runs of blank lines (no code blocks can
    # occur, so no blank line is significant) and end with exactly one newline.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
