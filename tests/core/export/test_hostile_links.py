"""No exported briefing can run code: hostile links in every field that reaches an export.

Each field a briefing shows (its title, author, bottom line, section headings, sub-headings
and notes; a claim's quote and speaker; the article's title, outlet, agency, author and URL;
a source's title, publisher and URL) gets links and markup that a careless export would make
live. Source and article URLs are written straight into the file, as an older version or
another program could have left them: the export must hold without the input's checks.

The HTML is read three ways: by a parser here; by a real browser (headless Chromium, when
installed: .ci/run installs Debian's), once with the page's Content-Security-Policy and once
without it, so that the sanitising is tested on its own and the policy on its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.core import Library
from briefing.core.annotations.model import Span
from briefing.core.export.escape import url as md_url
from briefing.core.urls import is_linkable
from tests.core.export.test_structure import commonmark

# Were any of these to run, the page would say so in its DOM.
PWN = "document.documentElement.setAttribute('data-pwned','1')"
HOSTILE_TEXT = [
    "[c4](JaVaScRiPt:alert%281%29)",
    "[x](java&#115;cript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](\x01javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "![i](javascript:alert(1))",
    "<javascript:alert(1)>",
    f'<a href="javascript:{PWN}">a</a>',
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f'<svg onload="{PWN}"></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "[ref][r] and [r]: javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
HOSTILE_NOTE = "\n\n".join(
    [*HOSTILE_TEXT, "[r]: javascript:alert(1)", "[fine](https://a.example/)"]
)
HOSTILE_URLS = [
    "JaVaScRiPt:alert(1)",
    "java&#115;cript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
SAFE = re.compile(r"(?i)(https?://|mailto:|#)")
CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "chromium-headless-shell", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium to open the page in (.ci/run installs it)"
)


def hostile(i: int) -> str:
    return HOSTILE_TEXT[i % len(HOSTILE_TEXT)]


def hostile_library(library: Library) -> int:
    """A briefing with something hostile in every field that reaches an export."""
    body = "Opening line.\n\n" + "\n\n".join(f"Quote {i}: {t}" for i, t in enumerate(HOSTILE_TEXT))
    (result,) = library.imports.texts([("hostile.txt", body.encode())])
    article_id = result.id
    library.articles.edit(
        article_id, title=hostile(0), outlet=hostile(9), agency=hostile(10), author=hostile(11)
    )
    speaker = library.actors.add(hostile(12), kind="person")
    sources = [
        library.sources.add(f"Source {i} {hostile(i)}", publisher=hostile(i + 3), kind="url").id
        for i in range(len(HOSTILE_URLS))
    ]
    conn = library.connection()
    with library.transaction():
        for source_id, bad in zip(sources, HOSTILE_URLS, strict=True):
            conn.execute("UPDATE sources SET url = ? WHERE id = ?", (bad, source_id))
        conn.execute("UPDATE articles SET url = ? WHERE id = ?", (HOSTILE_URLS[0], article_id))
    # The quotes as the import stored them (it turns control characters into spaces).
    quotes = [p for p in library.articles.get(article_id).text.split("\n") if "Quote" in p]
    assert len(quotes) == len(HOSTILE_TEXT)
    claims = [
        library.claims.add(
            article_id,
            Span(quote=quote),
            speaker=speaker.id,
            sources=[(sources[i % len(sources)], "supports")],
        ).id
        for i, quote in enumerate(quotes)
    ]
    b = library.briefings.new(hostile(1), author=hostile(13), bluf=HOSTILE_NOTE)
    library.briefings.add_claims(b, claims, section=hostile(2))
    library.briefings.add_note(b, HOSTILE_NOTE, section=hostile(2))
    library.briefings.add_heading(b, hostile(3), section=hostile(2))
    return b


class Links(HTMLParser):
    """Every link and every trace of code a page holds."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.bad: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "img", "svg", "object", "embed", "form", "base", "link"):
            self.bad.append(f"<{tag}>")
        if tag == "style":
            self.styles += 1
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "srcdoc", "action", "formaction"):
                self.bad.append(f"<{tag} {name}>")
            if name == "href":
                self.hrefs.append(value or "")
            if name == "data-pwned":
                self.bad.append("the page ran a script")


def links_in(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def assert_inert(html: str) -> None:
    found = links_in(html)
    assert not found.bad, found.bad
    assert found.hrefs, "the page has links (footnotes): the parser saw them"
    active = [h for h in found.hrefs if not SAFE.match(h)]
    assert not active, active
    assert found.styles <= 1


def test_the_allow_list() -> None:
    for good in ("https://a.example/", "http://a.example/x?y=1&z=2", "mailto:desk@a.example"):
        assert is_linkable(good)
    for bad in [*HOSTILE_URLS, "https://", "http:///x", "mailto:", "file:///etc/passwd", ""]:
        assert not is_linkable(bad), bad
        assert "](" not in md_url(bad) and not md_url(bad).startswith("<")


def test_hostile_fields_export_as_text(library: Library) -> None:
    b = hostile_library(library)
    text = library.briefings.export_markdown(b)
    rendered = commonmark().render(text)
    assert_inert(rendered)
    # The hostile text is still there to read, as text.
    assert "JaVaScRiPt:alert%281%29" in rendered
    assert "vbscript:msgbox(1)" in rendered
    html = library.briefings.export_html(b)
    assert_inert(html)
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1])
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe" not in policy
    assert "https://a.example/" in links_in(html).hrefs  # a good link survives


def _browser_dom(path: Path, tmp_path: Path) -> tuple[str, str]:
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, result.stderr


@pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium to open the page in (.ci/run installs it)"
)
def test_hostile_fields_stay_inert_in_a_real_browser(library: Library, tmp_path: Path) -> None:
    b = hostile_library(library)
    html = library.briefings.export_html(b)
    page = tmp_path / "briefing.html"
    page.write_text(html, "utf-8")
    dom, log = _browser_dom(page, tmp_path)
    assert "<article>" in dom and "Quote 3" in dom  # the browser loaded the page
    assert_inert(dom)
    # The policy lets the page's own stylesheet apply and had nothing else to block.
    assert "Content Security Policy" not in log, log
    # Without the policy, the sanitising alone keeps it inert.
    bare = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert bare != html
    page.write_text(bare, "utf-8")
    dom, _ = _browser_dom(page, tmp_path)
    assert "<article>" in dom
    assert_inert(dom)


@pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium to open the page in (.ci/run installs it)"
)
def test_the_policy_blocks_what_slips_through(tmp_path: Path, library: Library) -> None:
    """The policy on its own: a script put into the exported page by hand does not run."""
    b = library.briefings.new("Policy")
    html = library.briefings.export_html(b).replace(
        "</article>", f"<script>{PWN}</script></article>"
    )
    page = tmp_path / "briefing.html"
    page.write_text(html, "utf-8")
    dom, log = _browser_dom(page, tmp_path)
    assert "<script" in dom and "the page ran a script" not in links_in(dom).bad
    assert "Executing inline script violates" in log
