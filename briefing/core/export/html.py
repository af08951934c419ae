"""Export a briefing to one standalone HTML file: its Markdown rendered by Python-Markdown.

The HTML is the Markdown export put through the `markdown` package (footnotes, tables), so
the two never disagree. The page (resources/templates/briefing.html.j2) inlines the small
print-friendly stylesheet from resources/export/briefing.css: nothing is fetched from
elsewhere, and there is no script.

A briefing holds text from anywhere (articles, sources, colleagues' notes), and an exported
page is opened in a browser, so three locks keep it inert. The Markdown links only addresses
on the allow-list (core/urls.py). The rendered HTML then goes through nh3 (the Ammonia
sanitiser) with the tags and attributes Python-Markdown makes for a briefing and the same
schemes, so whatever slipped past the escaping is dropped, not run. And the page carries a
Content-Security-Policy that allows nothing but its own stylesheet (by hash): no script,
no style attribute, no image, form, frame or font from anywhere, even if all else failed.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

import jinja2
import markdown
import nh3
from markupsafe import Markup

from briefing.core.bundled import resources_dir
from briefing.core.export.document import ExportDocument
from briefing.core.export.markdown import MarkdownOptions, render_markdown
from briefing.core.urls import SCHEMES

# Python-Markdown moves the footnotes to wherever this text appears; the default,
# "///Footnotes Go Here///", could appear in a quote.
_FOOTNOTES_MARKER = "briefing-footnotes-placeholder-7f3c9a"

# What Python-Markdown makes of an exported briefing, and nothing more.
ALLOWED_TAGS = frozenset(
    "h1 h2 h3 h4 h5 h6 p br hr blockquote em strong code a sup ol ul li div "
    "table thead tbody tr th td".split()
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "sup": {"id"},
    "li": {"id"},
    "div": {"class"},
}


def markdown_to_html(text: str) -> str:
    """The HTML fragment for exported Markdown (a fresh converter: they keep state),
    sanitised."""
    converter = markdown.Markdown(
        extensions=["footnotes", "tables"],
        extension_configs={"footnotes": {"PLACE_MARKER": _FOOTNOTES_MARKER}},
        output_format="html",
    )
    return sanitise(converter.convert(text))


def sanitise(html: str) -> str:
    """Keep only the briefing's own tags and attributes, and links on the allow-list
    (relative ones too: the footnotes' `#fn:c1`)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _page() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources_dir() / "templates"), autoescape=True
    )
    return env.get_template("briefing.html.j2")


@lru_cache(maxsize=1)
def _style() -> tuple[str, str]:
    """The <style> element's text and the CSP source that allows exactly that text."""
    text = "\n" + (resources_dir() / "export" / "briefing.css").read_text("utf-8") + "\n"
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def content_security_policy() -> str:
    """Nothing may load or run but the page's own stylesheet."""
    return (
        f"default-src 'none'; style-src {_style()[1]}; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_html(document: ExportDocument, options: MarkdownOptions | None = None) -> str:
    body = markdown_to_html(render_markdown(document, options))
    return (
        _page().render(
            title=document.title,
            author=document.author,
            csp=content_security_policy(),
            css=Markup(_style()[0]),
            body=Markup(body),
        )
        + "\n"
    )
