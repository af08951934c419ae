"""Export a briefing to one standalone HTML file: its Markdown rendered by Python-Markdown.

The HTML is the Markdown export put through the `markdown` package (footnotes, tables), so
the two never disagree. The page (resources/templates/briefing.html.j2) inlines the small
print-friendly stylesheet from resources/export/briefing.css: nothing is fetched from
elsewhere, and there is no script.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import jinja2
import markdown
from markupsafe import Markup

from briefing.core.bundled import resources_dir
from briefing.core.export.document import ExportDocument
from briefing.core.export.markdown import MarkdownOptions, render_markdown

if TYPE_CHECKING:
    pass

# Python-Markdown moves the footnotes to wherever this text appears; the default,
# "///Footnotes Go Here///", could appear in a quote.
_FOOTNOTES_MARKER = "briefing-footnotes-placeholder-7f3c9a"


def markdown_to_html(text: str) -> str:
    """The HTML fragment for exported Markdown (a fresh converter: they keep state)."""
    converter = markdown.Markdown(
        extensions=["footnotes", "tables"],
        extension_configs={"footnotes": {"PLACE_MARKER": _FOOTNOTES_MARKER}},
        output_format="html",
    )
    return converter.convert(text)


@lru_cache(maxsize=1)
def _page() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources_dir() / "templates"), autoescape=True
    )
    return env.get_template("briefing.html.j2")


@lru_cache(maxsize=1)
def _css() -> str:
    return (resources_dir() / "export" / "briefing.css").read_text("utf-8")


def render_html(document: ExportDocument, options: MarkdownOptions | None = None) -> str:
    body = markdown_to_html(render_markdown(document, options))
    return _page().render(title=document.title, css=Markup(_css()), body=Markup(body)) + "\n"
