"""W3C import: each page resolved to one article, page notes, idempotent orphans, and
Hypothesis's API JSON in its three shapes (tests/data/hypothesis, written in its format)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.core import Library
from briefing.core.annotations.w3c_export import W3C_CONTEXT, export_annotations
from briefing.core.annotations.w3c_import import import_annotations
from briefing.core.articles.update import replace_text

HYPOTHESIS = Path(__file__).resolve().parents[2] / "data" / "hypothesis"
STAR = "https://www.thestar.com.my/tech/tech-news/2021/12/14/sensetime-postpones-ipo"


def _quote(exact: str, **extra: object) -> dict:
    return {"type": "TextQuoteSelector", "exact": exact, **extra}


def test_one_article_per_page_and_every_annotation_kept(
    library: Library, sample_article: int
) -> None:
    """Three annotations of one page that names no article the library knows: two quotes
    find the article, and the third, whose wording changed, goes there too (fuzzily placed,
    or orphaned with its quote), never dropped for finding no article on its own."""
    page = "https://mirror.example/wire/sensetime"
    items = [
        {"id": "urn:x:1", "type": "Annotation", "target": {"source": page, "selector": _quote(q)}}
        for q in (
            "postponing a US$767 million (RM3.24 billion) initial public offering",
            "The plight of the Uighurs has contributed to worsening diplomatic relations",
            "SenseTime's face recognition programs were designed in part to be used against",
        )
    ]
    for i, item in enumerate(items):
        item["id"] = f"urn:x:{i}"
    report = import_annotations(library, json.dumps(items))
    assert report.imported == 3 and not report.unplaced, report
    assert sum(report.outcomes.get(k, 0) for k in ("fuzzy", "orphaned")) == 1
    assert len(library.annotations.for_article(sample_article)) == 3


def test_a_page_no_quote_finds_is_reported_for_each_annotation(library: Library) -> None:
    library.imports.texts([("a.txt", b"Title\n\nA story about something else entirely.")])
    items = [
        {"id": f"urn:x:{i}", "type": "Annotation", "target": {"source": "urn:x:p", "selector": q}}
        for i, q in enumerate([_quote("not in any article"), _quote("nor this")])
    ]
    report = import_annotations(library, json.dumps(items))
    assert report.imported == 0 and [u.id for u in report.unplaced] == ["urn:x:0", "urn:x:1"]


def test_page_notes_and_plain_iri_targets_are_notes_on_the_whole_article(
    library: Library, sample_article: int, tmp_path: Path
) -> None:
    library.articles.edit(sample_article, url=STAR)
    items = [
        {
            "type": "Annotation",
            "motivation": "commenting",
            "body": {"type": "TextualBody", "value": "Wire copy, run unchanged."},
            "target": STAR,
        },
        {
            "id": "urn:uuid:6a0e5a34-3c1c-4d43-9a6e-0f5d3c2b1a09",
            "type": "Annotation",
            "body": [{"type": "TextualBody", "value": "Check the Treasury notice."}],
            "target": {"source": STAR},
        },
    ]
    document = {"@context": W3C_CONTEXT, "type": "AnnotationPage", "items": items}
    report = import_annotations(library, json.dumps(document))
    assert (report.imported, report.outcomes) == (2, {"article": 2}), report
    notes = library.annotations.for_article(sample_article, kind="note")
    assert sorted(n.note for n in notes) == [
        "Check the Treasury notice.",
        "Wire copy, run unchanged.",
    ]
    assert all(n.on_whole_article and n.start is None for n in notes)
    again = import_annotations(library, json.dumps(document))  # one without an id too
    assert (again.imported, again.duplicates) == (0, 2)
    # Out and in again: a note on the whole article has a target with no selector.
    exported = export_annotations(library, sample_article)
    whole = [i for i in exported["items"] if "selector" not in i["target"]]
    assert len(whole) == 2 and "briefing:orphaned" not in whole[0]
    with Library.open(tmp_path / "other.sqlite") as other:
        (result,) = other.imports.texts([("s.txt", library.articles.get(sample_article).text)])
        assert import_annotations(other, json.dumps(exported)).outcomes == {"article": 2}
        # A corrected text leaves them where they are: on the whole article.
        report = replace_text(other, result.id, "A corrected text, every word of it new.")
        assert report.orphaned == 0
        assert all(n.on_whole_article for n in other.annotations.for_article(result.id))


def test_orphans_without_ids_are_not_added_twice(library: Library, sample_article: int) -> None:
    lost = {
        "type": "Annotation",
        "motivation": "highlighting",
        "target": {"selector": _quote("Xinjiang", prefix="zzz ", suffix=" qqq")},
    }
    gone = {
        "type": "Annotation",
        "target": {"source": "urn:sha256:" + library.articles.get(sample_article).content_hash,
                   "selector": _quote("words that were cut from the story entirely")},
    }  # fmt: skip
    first = import_annotations(library, json.dumps([gone]))
    assert first.outcomes == {"orphaned": 1}
    again = import_annotations(library, json.dumps([gone]))
    assert (again.imported, again.duplicates) == (0, 1)
    assert len(library.annotations.for_article(sample_article)) == 1
    assert import_annotations(library, json.dumps([lost])).imported == 1


# Hypothesis --------------------------------------------------------------------------------


@pytest.fixture
def star(library: Library, sample_article: int) -> int:
    """The worked example at the address Hypothesis's annotations name (as http, with a
    trailing slash: the match forgives both)."""
    library.articles.edit(sample_article, url=STAR.replace("https:", "http:") + "/")
    return sample_article


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("single.json", {"highlight": 1}),
        ("list.json", {"highlight": 1, "note": 2}),
        ("search.json", {"highlight": 1, "note": 2}),
    ],
)
def test_hypothesis_shapes_import(library: Library, star: int, name: str, expected: dict) -> None:
    data = (HYPOTHESIS / name).read_bytes()
    report = import_annotations(library, data)
    assert report.format == "hypothesis" and not report.broken
    kinds: dict[str, int] = {}
    for annotation in library.annotations.for_article(star):
        kinds[annotation.kind] = kinds.get(annotation.kind, 0) + 1
    assert kinds == expected
    highlight = library.annotations.for_article(star, kind="highlight")[0]
    assert highlight.quote == "initial public offering in Hong Kong" and highlight.tags == ("ipo",)
    if name == "search.json":
        assert [u.reason for u in report.unplaced] == [
            "a reply to another annotation: not imported"
        ]
    if name != "single.json":
        notes = {n.note: n for n in library.annotations.for_article(star, kind="note")}
        grounds = notes["The Treasury's stated grounds: check the designation notice."]
        assert grounds.quote == "facial recognition programmes were designed in part"
        assert set(grounds.tags) == {"xinjiang", "grounds"}
        assert notes["Wire copy from AFP; the Star ran it unchanged."].on_whole_article
        created = (
            library.connection()
            .execute("SELECT created_at FROM annotations WHERE id = ?", (grounds.id,))
            .fetchone()[0]
        )
        assert created == "2021-12-15T09:12:44Z"  # when it was made, not imported
    again = import_annotations(library, data)
    assert again.imported == 0 and again.duplicates == report.imported


def test_hypothesis_for_pages_not_in_the_library(library: Library, star: int) -> None:
    version = library.version
    report = import_annotations(library, (HYPOTHESIS / "not-in-library.json").read_bytes())
    assert report.imported == 0
    assert [u.reason for u in report.unplaced] == [
        "no article for URL https://news.example.org/another-story"
    ]
    assert library.version == version  # nothing written


def test_a_claim_without_a_selector_is_a_page_note_and_links_to_it_are_left_out(
    library: Library, sample_article: int
) -> None:
    """A claim whose target has no selector becomes a note on the whole article, so a
    link to it has no claim to point at: the link is left out, the rest imported (found by
    Hypothesis in test_w3c_import_properties: "no claim with id 4" ended the import)."""
    library.articles.edit(sample_article, url=STAR)
    quote = "postponing a US$767 million (RM3.24 billion) initial public offering"
    items = [
        {
            "id": "urn:x:claim",
            "type": "Annotation",
            "briefing:kind": "claim",
            "briefing:claim": {
                "status": "asserted",
                "links": [{"relation": "supports", "target": "urn:x:page"}],
            },
            "target": {"source": STAR, "selector": _quote(quote)},
        },
        {
            "id": "urn:x:page",
            "type": "Annotation",
            "briefing:kind": "claim",
            "briefing:claim": {"status": "asserted"},
            "body": {"type": "TextualBody", "value": "The whole story is sourced to one man."},
            "target": {"source": STAR, "selector": None},
        },
    ]
    report = import_annotations(library, json.dumps(items))
    assert (report.imported, report.broken) == (2, ()), report
    (claim,) = library.claims.list()
    assert claim.quote == quote and not claim.links
    (note,) = library.annotations.for_article(sample_article, kind="note")
    assert note.on_whole_article and note.note == "The whole story is sourced to one man."
