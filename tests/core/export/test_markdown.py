"""The worked example's briefing exported to Markdown, HTML and CSL-JSON, and the bad cases."""

from __future__ import annotations

import json
import re

import pytest

from briefing.core import Library
from briefing.core.articles.update import replace_text
from briefing.core.export.markdown import MarkdownOptions
from briefing.core.sample import SampleLoaded
from tests.core.export.conftest import LAYOUT, NOTE, SECTIONS
from tests.core.export.test_structure import (
    PANDOC,
    commonmark,
    html_structure,
    mdit_structure,
    pandoc_structure,
    pymd_structure,
    typography_free,
)


def test_worked_example_markdown(library: Library, sample: SampleLoaded, worked: int) -> None:
    text = library.briefings.export_markdown(worked)
    found = mdit_structure(text)
    headings = [h for _, h in found.headings]
    assert headings == ["SenseTime IPO and US sanctions", *SECTIONS, "Actors", "Sources"]
    # Every claim quoted, each in its own blockquote, with its speaker right after.
    claims = {k: library.claims.get(i) for k, i in sample.claims.items()}
    order = [k for keys in LAYOUT.values() for k in keys]
    assert found.blockquotes == [claims[k].quote for k in order]
    for key in order:
        claim = claims[key]
        attribution = re.search(
            re.escape(claim.quote) + r"\n\n(— .*)\n", text.replace("\\-", "-")
        ).group(1)
        assert f"**{claim.speaker.name}**" in attribution
        assert attribution.endswith(f"[^c{claim.id}]")
    # One footnote per claim, and every reference resolves to a definition.
    refs = re.findall(r"\[\^(c\d+)\](?!:)", text)
    defs = re.findall(r"^\[\^(c\d+)\]:", text, re.M)
    assert sorted(refs) == sorted(defs) == sorted(f"c{i}" for i in sample.claims.values())
    assert (found.footnote_refs, found.footnotes) == (6, 6)
    # Footnotes cite the article and the linked sources with their grades.
    c1_note = re.search(rf"^\[\^c{sample.claims['c1']}\]: (.*)$", text, re.M).group(1)
    assert "“SenseTime postpones IPO after US blacklisting”, AFP, 14 December 2021" in c1_note
    assert "US Treasury announcement of the designation" in c1_note
    assert "supports, reliability A" in c1_note
    # The actor index names the sections each actor appears in; the sources list follows.
    assert "| SenseTime | organisation | The designation; SenseTime's response |" in text
    assert "| Wang Wenbin | person | Beijing's reaction |" in text
    assert re.search(r"^- \*\*S2\*\* US Treasury announcement.* · reliability A$", text, re.M)
    assert "contradicts **US Treasury** (The designation)" in text
    assert NOTE in text.replace("\\", "")
    assert "*Prepared by: A\\. Analyst · 15 December 2021 · 6 claims from 1 article*" in text


def test_worked_example_html(library: Library, worked: int) -> None:
    html = library.briefings.export_html(worked)
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert '<div class="footnote">' in html
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    targets = re.findall(r'href="#([^"]+)"', html)
    assert len([t for t in targets if t.startswith("fnref:")]) == 6  # the back-links
    assert len([t for t in targets if t.startswith("fn:")]) == 6
    assert set(targets) <= ids  # every link inside the page lands somewhere
    lowered = html.lower()
    for external in ("<script", "<link", "<img", "@import", "url(", "src="):
        assert external not in lowered
    found = html_structure(html)
    assert (len(found.blockquotes), found.footnote_refs, found.footnotes) == (6, 6, 6)


def test_the_three_renderers_agree(library: Library, worked: int) -> None:
    text = library.briefings.export_markdown(worked)
    cm = mdit_structure(text).shape()
    assert pymd_structure(text).shape() == cm
    if PANDOC is None:
        pytest.skip("pandoc is not installed (.ci/run installs it)")
    assert typography_free(pandoc_structure(text).shape()) == typography_free(cm)


def test_options(library: Library, worked: int) -> None:
    inline = library.briefings.export_markdown(worked, MarkdownOptions(footnotes=False))
    assert "[^" not in inline and "(S1 “SenseTime postpones IPO" in inline
    bare = library.briefings.export_markdown(
        worked, MarkdownOptions(actor_index=False, sources_list=False, grades=False)
    )
    assert "## Actors" not in bare and "## Sources" not in bare
    assert "credibility" not in bare and "reliability" not in bare
    quoted = library.briefings.export_markdown(worked, MarkdownOptions(blockquotes=False))
    assert mdit_structure(quoted).blockquotes == [] and "“more than one million" in quoted


def test_empty_briefing_says_so(library: Library) -> None:
    b = library.briefings.new("Nothing yet")
    text = library.briefings.export_markdown(b)
    assert "This briefing is empty" in text and "[^" not in text
    assert mdit_structure(text).headings == [(1, "Nothing yet")]
    assert '<div class="footnote">' not in library.briefings.export_html(b)
    assert json.loads(library.briefings.export_csl(b)) == []
    # A new section's heading shows: the briefing is no longer said to be empty above it.
    library.briefings.add_section(b, "Outlook")
    text = library.briefings.export_markdown(b)
    assert "This briefing is empty" not in text
    assert mdit_structure(text).headings == [(1, "Nothing yet"), (2, "Outlook")]


def test_deleted_claims_and_articles_still_export(
    library: Library, sample: SampleLoaded, worked: int
) -> None:
    library.claims.delete(sample.claims["c6"])
    text = library.briefings.export_markdown(worked)
    assert "caught in the middle of geopolitical tension" in text
    assert "**the claim was deleted**" in text
    library.articles.delete([sample.article_id])
    text = library.briefings.export_markdown(worked)
    assert text.count("**the source article is gone**") == 6  # c6's article is gone too
    assert "The source article is gone from the library" in text
    found = mdit_structure(text)
    assert (len(found.blockquotes), found.footnote_refs, found.footnotes) == (6, 6, 6)
    assert "“SenseTime postpones IPO after US blacklisting”" in text
    assert json.loads(library.briefings.export_csl(worked))[0]["title"].startswith(
        "SenseTime postpones"
    )


def test_orphaned_claim_is_marked(library: Library, sample: SampleLoaded, worked: int) -> None:
    replace_text(library, sample.article_id, "Another text altogether, with none of the quotes.")
    text = library.briefings.export_markdown(worked)
    assert text.count("**orphaned**: last known wording") == 6
    assert "more than one million have been incarcerated in prison camps" in text


def test_hostile_quotes_from_a_real_article(library: Library) -> None:
    hostile = [
        "# Not a heading *nor bold* _nor this_ [^1] and [^c1]",
        "<script>alert('x')</script> | a | b | &amp; \\ `code`",
        "1. not a list",
        "- nor this",
        "> nor a quote",
        "```",
        "$5 and $10 and US$3 ^up^ ~down~ @cite --- ...",
    ]
    body = "Opening line of the story.\n\n" + "\n\n".join(hostile) + "\n"
    (result,) = library.imports.texts([("hostile.txt", body.encode())])
    article = library.articles.get(result.id)
    from briefing.core.annotations.service import Span

    claims = [library.claims.add(article.id, Span(quote=q)).id for q in hostile]
    b = library.briefings.new("Hostile # title [^x]")
    library.briefings.add_claims(b, claims, section="<b>Section</b> | #")
    library.briefings.add_note(b, "# note heading?\n- list?\n[^c1]: fake footnote\n<div>")
    text = library.briefings.export_markdown(b)
    want = [library.claims.get(c).quote for c in claims]
    found = mdit_structure(text)
    assert found.blockquotes == want
    assert found.headings[:2] == [(1, "Hostile # title [^x]"), (2, "<b>Section</b> | #")]
    assert (found.footnote_refs, found.footnotes, found.list_items) == (7, 7, 1)
    assert pymd_structure(text).shape() == found.shape()
    assert "<script>" not in library.briefings.export_html(b)
    if PANDOC:
        assert typography_free(pandoc_structure(text).shape()) == typography_free(found.shape())
    rendered = commonmark().render(text)
    assert "<script>" not in rendered and "<div>" not in rendered


def test_csl_json(library: Library, sample: SampleLoaded, worked: int) -> None:
    items = json.loads(library.briefings.export_csl(worked))
    by_title = {i["title"]: i for i in items}
    article = by_title["SenseTime postpones IPO after US blacklisting"]
    assert (
        article["type"] == "article-newspaper" and article["id"] == f"article-{sample.article_id}"
    )
    assert article["issued"] == {"date-parts": [[2021, 12, 14]]}
    assert article["container-title"] == "AFP"
    statement = by_title["US Treasury announcement of the designation"]
    assert statement["type"] == "document" and statement["publisher"] == "US Treasury"
    assert by_title["SenseTime's weekend statement"]["issued"] == {"date-parts": [[2021, 12]]}
    assert len(items) == len({i["id"] for i in items}) == 3
    library.articles.edit(sample.article_id, date="--12-14", url="https://example.org/a")
    (article,) = [
        i for i in json.loads(library.briefings.export_csl(worked)) if i["id"].startswith("art")
    ]
    assert "issued" not in article  # no year is known: none is invented
    assert article["URL"] == "https://example.org/a"


def test_an_escaped_angle_bracket_in_a_note_stays_text(library: Library, worked: int) -> None:
    """Found by the property test: `\\<script>` is CommonMark's escape, but Python-Markdown
    read it as raw HTML and swallowed the rest of the document."""
    library.briefings.add_note(worked, "Watch for \\<script> tags", section="Beijing's reaction")
    html = library.briefings.export_html(worked)
    assert "<script" not in html.lower()
    assert "Watch for" in html and "script&gt;" in html
    assert html.count('class="footnote-backref"') == 6  # the footnotes still follow


def test_one_section_briefing_leaves_out_where_actors_appear(
    library: Library, sample: SampleLoaded
) -> None:
    # Found by a first-time user: a briefing of one untitled section said every actor
    # "appears in (untitled section)".
    b = library.briefings.new("Quick note")
    library.briefings.add_claims(b, [sample.claims["c1"], sample.claims["c3"]])
    text = library.briefings.export_markdown(b)
    assert "| actor | kind |\n|---|---|\n" in text
    assert "untitled section" not in text and "appears in" not in text
    speaker = library.actors.get(library.claims.get(sample.claims["c1"]).speaker.id)
    assert f"| {speaker.name} | {speaker.kind} |" in text
