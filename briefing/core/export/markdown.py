"""Export a briefing to Markdown through one template: resources/templates/briefing.md.j2.

The layout lives in the template, where it is easy to read and change; this module only
loads it, supplies the escaping filters (export_escape.py) and the options. Autoescaping is
off because the output is Markdown, not HTML: every piece of article or reader text is
passed through a filter in the template instead.
"""

from __future__ import annotations

import json
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
        yaml=_yaml_string,
    )
    return env


def _yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: JSON's string syntax is YAML's too, and says every
    character (a colon, a `#`, a leading `-`) as text."""
    return json.dumps(value, ensure_ascii=False)


# Pandoc's citation prefix for how a source bears on a claim ("quoted in" and "cites" go
# without: the citation says it).
RELATION_PREFIX = {"supports": "supported by ", "contradicts": "contradicted by "}


def render_markdown(document: ExportDocument, options: MarkdownOptions | None = None) -> str:
    """The Markdown of a resolved briefing. Reads no library: any document renders."""
    return _render(document, options, pandoc=False, bibliography="")


def render_pandoc(
    document: ExportDocument,
    options: MarkdownOptions | None = None,
    *,
    bibliography: str = "briefing.csl.json",
) -> str:
    """Pandoc's Markdown with citations: a YAML metadata block (title, author, date, the
    bibliography file) and `[@article-12]` citations, whose keys are the ids of the CSL-JSON
    (render_csl) that goes in `bibliography`, so `pandoc --citeproc --csl STYLE` sets the
    citations and the list of sources in any style. The keys are the records' ids: the same
    in every export."""
    return _render(document, options, pandoc=True, bibliography=bibliography)


def _render(
    document: ExportDocument, options: MarkdownOptions | None, *, pandoc: bool, bibliography: str
) -> str:
    text = (
        environment()
        .get_template(TEMPLATE)
        .render(
            doc=document,
            options=options or MarkdownOptions(),
            pandoc=pandoc,
            bibliography=bibliography,
            relation_prefix=RELATION_PREFIX,
        )
    )
    # The template separates blocks generously; fold runs of blank lines (no code blocks can
    # occur, so no blank line is significant) and end with exactly one newline.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
