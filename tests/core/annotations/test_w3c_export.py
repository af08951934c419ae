"""W3C Web Annotation JSON-LD out and back in, and hostile files refused whole."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from pyld import jsonld

from briefing.core import InvalidInput, Library, Span
from briefing.core.annotations.w3c_export import (
    CONTEXT_FILE,
    NAMESPACE,
    W3C_CONTEXT,
    export_annotations,
)
from briefing.core.annotations.w3c_import import import_annotations
from briefing.core.annotations.w3c_read import MAX_STRING
from briefing.core.bundled import resources_dir
from briefing.core.sample import load_sample
from tests.conftest import SAMPLE


def _snapshot(library: Library) -> dict:
    """Everything a reader made, without ids (which differ between libraries)."""
    annotations = sorted(
        (a.kind, a.start, a.end, a.quote, a.note, a.tags)
        for a in library.annotations.for_article(1)
    )
    claims = sorted(
        (
            c.quote,
            c.speaker.name if c.speaker else None,
            tuple(a.name for a in c.about),
            c.status,
            c.grade,
            tuple((s.title, s.relation, s.grade) for s in c.sources),
            tuple((library.claims.get(x.claim_id).quote, x.relation, x.outgoing) for x in c.links),
        )
        for c in library.claims.list()
    )
    mentions = sorted((m.actor.name, m.start, m.end) for m in library.mentions.list())
    actors = sorted(
        (
            x.actor.name,
            x.actor.kind,
            tuple(sorted((a.text, a.article_id is None) for a in x.actor.aliases)),
        )
        for x in library.actors.list()
    )
    return {"annotations": annotations, "claims": claims, "mentions": mentions, "actors": actors}


def test_export_then_import_reproduces_every_annotation(tmp_path) -> None:
    with Library.open(tmp_path / "a.sqlite") as source:
        load_sample(source)
        document = export_annotations(source)
        expected = _snapshot(source)
    assert document["@context"][0] == W3C_CONTEXT
    assert {item["type"] for item in document["items"]} == {"Annotation"}
    for item in document["items"]:
        kinds = {s["type"] for s in item["target"]["selector"]}
        assert kinds == {"TextPositionSelector", "TextQuoteSelector"}
    with Library.open(tmp_path / "b.sqlite") as target:
        target.imports.files([SAMPLE])
        target.articles.edit(
            1, title="SenseTime postpones IPO after US blacklisting", date="2021-12-14"
        )
        report = import_annotations(target, json.dumps(document))
        assert report.imported == len(document["items"]) and not report.unplaced
        assert _snapshot(target) == expected
        again = import_annotations(target, json.dumps(document))
        assert (again.imported, again.duplicates) == (0, len(document["items"]))


def _identities(library: Library) -> dict[str, set[str]]:
    """The uids of the annotations, and of the actors and sources claims name (what a W3C
    file carries: a source no claim cites is not in it)."""
    conn = library.connection()
    return {
        "annotations": {row[0] for row in conn.execute("SELECT uid FROM annotations")},
        "actors": {row[0] for row in conn.execute("SELECT uid FROM actors")},
        "sources": {
            row[0]
            for row in conn.execute(
                "SELECT uid FROM sources WHERE id IN (SELECT source_id FROM claim_sources)"
            )
        },
    }


URL = "https://www.thestar.com.my/tech/2021/12/14/sensetime-postpones-ipo"


def test_identities_survive_export_and_import(tmp_path) -> None:
    """Annotations, and the actors and sources their claims name, keep their uids in the
    other library; a second import knows them all again, orphans included."""
    with Library.open(tmp_path / "a.sqlite") as source:
        load_sample(source)
        source.articles.edit(1, url=URL)
        orphan = source.annotations.add(1, "highlight", Span(quote="would fully refund"))
        document = source.annotations.export_w3c()
        expected = _identities(source)
        orphan_uid = orphan.uid
    ids = {item["id"] for item in document["items"]}
    assert ids == {f"urn:uuid:{uid}" for uid in expected["annotations"]}
    # The other library holds a corrected text: the highlight no longer has a place.
    with Library.open(tmp_path / "b.sqlite") as target:
        text = SAMPLE.read_text("utf-8").replace(
            " and would fully refund those who had already invested", ""
        )
        target.imports.text(text, name="corrected")
        target.articles.edit(1, url=URL)  # the same story: its annotations find it by URL
        report = target.annotations.import_w3c(json.dumps(document))
        assert report.outcomes.get("orphaned") == 1 and not report.unplaced
        assert _identities(target) == expected
        (claim,) = [c for c in target.claims.list() if c.links][:1]
        assert claim.uid in expected["annotations"]
        assert orphan_uid in expected["annotations"]
        again = target.annotations.import_w3c(json.dumps(document))
        assert (again.imported, again.duplicates) == (0, len(document["items"]))


def test_import_matches_by_quote_and_reports_what_it_cannot_place(library: Library) -> None:
    (article,) = library.imports.texts([("t", "Title\n\nThe minister resigned on Tuesday.")])
    document = {
        "@context": W3C_CONTEXT,
        "type": "AnnotationPage",
        "items": [
            {
                "id": "a1",
                "type": "Annotation",
                "motivation": "highlighting",
                "target": {
                    "source": "https://elsewhere.test/x",
                    "selector": {"type": "TextQuoteSelector", "exact": "minister resigned"},
                },
            },
            {
                "id": "a2",
                "type": "Annotation",
                "target": {
                    "source": "https://elsewhere.test/y",
                    "selector": {"type": "TextQuoteSelector", "exact": "not in any article"},
                },
            },
        ],
    }
    report = import_annotations(library, json.dumps(document))
    assert report.imported == 1
    assert [u.id for u in report.unplaced] == ["a2"]
    (highlight,) = library.annotations.for_article(article.id)
    assert highlight.quote == "minister resigned"


def test_a_claim_subject_that_names_nobody_is_left_out(library: Library) -> None:
    """It was looked up as an actor named "None": the import failed, or, with such an actor
    in the library, the claim was said to be about it."""
    library.actors.add("None")
    (article,) = library.imports.texts([("t", "Title\n\nThe minister resigned on Tuesday.")])
    claim = {
        "id": "c1",
        "type": "Annotation",
        "briefing:kind": "claim",
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "minister resigned"}},
        "briefing:claim": {
            "speaker": {"name": "Ana"},
            "about": [{"name": "Bo"}, {"kind": "person"}, "Cy"],
        },
    }
    report = import_annotations(library, json.dumps([claim]))
    assert report.imported == 1
    (imported,) = library.claims.list(article_id=article.id)
    assert imported.speaker is not None and imported.speaker.name == "Ana"
    assert [actor.name for actor in imported.about] == ["Bo"]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("not json at all", "not JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ({"@context": "http://example.org/other", "type": "Annotation"}, "@context"),
        ({"@context": W3C_CONTEXT, "type": "AnnotationPage", "items": "nope"}, "must be a list"),
        ({"total": 3, "rows": {"not": "a list"}}, "`rows` must be a list"),
        (42, "expected an object or a list"),
    ],
)
def test_hostile_files_are_refused_whole(
    library: Library, sample_article: int, document, message: str
) -> None:
    data = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(InvalidInput, match=message):
        import_annotations(library, data)
    assert library.annotations.for_article(sample_article) == []


BROKEN = [
    ({"type": "Comment", "target": {}}, "type must be Annotation"),
    ({"type": "Annotation", "target": 42}, "target must be an object"),
    (
        {"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": 42}}},
        "must be text",
    ),
    (
        {
            "type": "Annotation",
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "x" * (MAX_STRING + 1)}},
        },
        "too long",
    ),
    (
        {
            "type": "Annotation",
            "target": {
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "SenseTime"},
                    {"type": "TextPositionSelector", "start": "0", "end": 9},
                ]
            },
        },
        "whole numbers",
    ),
    (
        {
            "type": "Annotation",
            "target": {
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "Wang"},
                    {"type": "TextPositionSelector", "start": 0, "end": True},
                ]
            },
        },
        "whole numbers",
    ),
    (
        {
            "type": "Annotation",
            "briefing:kind": "claim",
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "Wang Wenbin"}},
            "briefing:claim": {"sources": [{"title": "x", "url": "JaVaScRiPt:alert(1)"}]},
        },
        "must start with http://, https:// or mailto:",
    ),
]


@pytest.mark.parametrize(("entry", "message"), BROKEN)
def test_a_broken_annotation_is_reported_by_index_and_the_others_imported(
    library: Library, sample_article: int, entry: dict, message: str
) -> None:
    good = {
        "type": "Annotation",
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "Wang Wenbin"}},
    }
    report = import_annotations(library, json.dumps([good, entry, good | {"id": "urn:x:2"}]))
    (broken,) = report.broken
    assert broken.where == "items[1]" and message in broken.reason
    assert report.imported == 1 and report.duplicates == 1  # the same place twice
    assert len(library.annotations.for_article(sample_article)) == 1


def test_ten_thousand_annotations_with_one_broken(library: Library, sample_article: int) -> None:
    text = library.articles.get(sample_article).text
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    items = []
    for i in range(10_000):
        start, end = words[i % len(words)]
        items.append(
            {
                "id": f"https://annotations.example/{i}",
                "type": "Annotation",
                "motivation": "highlighting",
                "target": {
                    "source": "urn:x-unknown:page",
                    "selector": [
                        {"type": "TextPositionSelector", "start": start, "end": end},
                        {"type": "TextQuoteSelector", "exact": text[start:end]},
                    ],
                },
            }
        )
    items[7_531]["target"]["selector"][0]["end"] = "nine"
    report = import_annotations(
        library, json.dumps({"@context": W3C_CONTEXT, "items": items, "type": "AnnotationPage"})
    )
    assert [(b.where, "whole numbers" in b.reason) for b in report.broken] == [
        ("items[7531]", True)
    ]
    assert report.imported + report.duplicates == 9_999 and not report.unplaced
    again = import_annotations(library, json.dumps(items))
    assert (again.imported, again.duplicates, len(again.broken)) == (0, 9_999, 1)


# Complete W3C: the page, who and when, and every briefing: term through a JSON-LD processor

ANNO_CONTEXT = Path(__file__).resolve().parents[2] / "data" / "w3c" / "anno.jsonld"


def _local_contexts(url: str, options: object = None) -> dict:
    """pyld's document loader, offline: the W3C's context from tests/data, nothing else."""
    assert url == W3C_CONTEXT, f"the export asked a JSON-LD processor to fetch {url}"
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(ANNO_CONTEXT.read_text("utf-8")),
    }


def _leaves(node: object, inside: bool = False) -> Counter:
    """The values under briefing: terms of a compact document (every string, number and
    truth value, and each empty list)."""
    found: Counter = Counter()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            found += _leaves(value, inside or key.startswith("briefing:"))
    elif isinstance(node, list):
        if inside and not node:
            found["[]"] += 1
        for value in node:
            found += _leaves(value, inside)
    elif inside and node is not None:
        found[json.dumps(node)] += 1
    return found


def _expanded_leaves(node: object, inside: bool = False) -> Counter:
    """The same, read back from the expanded form: values under urn:briefing:ns: IRIs."""
    found: Counter = Counter()
    if isinstance(node, dict):
        if "@value" in node and inside:
            value = node["@value"]
            if isinstance(value, str) and node.get("@type", "").endswith("#boolean"):
                value = value == "true"
            found[json.dumps(value)] += 1
            return found
        if "@id" in node and len(node) == 1 and inside:
            found[json.dumps(node["@id"])] += 1
            return found
        for key, value in node.items():
            under = inside or key.startswith(NAMESPACE)
            if key == "@list" and not value and inside:
                found["[]"] += 1
            if key.startswith(NAMESPACE) and value == []:
                found["[]"] += 1
            found += _expanded_leaves(value, under)
    elif isinstance(node, list):
        for value in node:
            found += _expanded_leaves(value, inside)
    return found


def test_the_page_says_what_it_is_who_made_it_and_when(library: Library) -> None:
    empty = export_annotations(library)
    assert empty["items"] == [] and empty["id"].startswith("urn:uuid:")
    assert empty["type"] == "AnnotationPage" and empty["generator"]["type"] == "Software"
    load_sample(library)
    library.settings.set_user_name("A. Analyst")
    document = export_annotations(library)
    assert document["id"] == empty["id"]  # the same page of the same library
    assert export_annotations(library, 1)["id"] != document["id"]
    for item in document["items"]:
        assert item["creator"] == {"type": "Person", "name": "A. Analyst"}
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", item["created"])
    claim = next(i for i in document["items"] if i["briefing:kind"] == "claim")
    library.claims.edit(library.claims.list()[0].id, grade=2)
    edited = export_annotations(library)
    assert any("modified" in i for i in edited["items"]) and "modified" not in claim


def test_every_briefing_term_survives_json_ld_expansion(library: Library) -> None:
    load_sample(library)
    library.articles.edit(1, url="https://www.thestar.com.my/tech/sensetime", author="AFP staff")
    library.annotations.add(1, "note", Span.whole_article(), note="On the whole story.")
    document = export_annotations(library)
    expanded = jsonld.expand(document, {"documentLoader": _local_contexts})
    want = _leaves(document)
    got = _expanded_leaves(expanded)
    assert sum(want.values()) > 300  # speakers, statuses, grades, sources, article metadata
    missing = want - got
    assert not missing, f"dropped by expansion: {dict(missing)}"
    text = json.dumps(expanded)
    for term in ("speaker", "status", "grade", "sources", "title", "contentHash", "actor"):
        assert f"{NAMESPACE}{term}" in text
    # The shipped context defines every briefing: term the export uses.
    context = json.loads((resources_dir() / CONTEXT_FILE).read_text("utf-8"))["@context"]
    used = {k for item in document["items"] for k in item if k.startswith("briefing:")}
    used |= {k for item in document["items"] for k in item["target"] if k.startswith("briefing:")}
    assert used <= set(context)


def _claim_naming(speaker: object) -> dict:
    return {
        "type": "Annotation",
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "Wang Wenbin"}},
        "briefing:kind": "claim",
        "briefing:claim": {"speaker": speaker},
    }


@pytest.mark.parametrize(
    ("speaker", "message"),
    [
        ({"name": 42}, r"items\[1\]\.briefing:claim\.speaker\.name must be text"),
        ({"name": "\x00Wang"}, r"items\[1\].*name holds control characters"),
        ({"name": "Wang\ud800"}, r"items\[1\].*not valid Unicode"),
        ({"name": "Wang", "aliases": [""]}, r"items\[1\].*aliases\[0\] is empty"),
        ({"name": "Wang", "aliases": ["ok", 7]}, r"items\[1\].*aliases\[1\] must be text"),
        ({"name": "Wang", "articleAliases": ["a\nb"]}, r"articleAliases\[0\] holds control"),
        ({"name": "Wang", "kind": "planet"}, r"items\[1\].*kind: unknown actor kind"),
    ],
)
def test_names_that_are_not_names_are_reported_with_the_annotation_s_index(
    library: Library, sample_article: int, speaker: object, message: str
) -> None:
    """Issue 14: names that are numbers, start with NUL or carry lone surrogates ended in a
    traceback; now that annotation is reported by its index before anything of it is
    written (no actor made of it), and the others are imported."""
    good = _claim_naming({"name": "Wang Wenbin"})
    data = json.dumps([good, _claim_naming(speaker)])  # ensure_ascii: the surrogate travels
    report = import_annotations(library, data)
    (broken,) = report.broken
    assert re.search(message, f"{broken.where}: {broken.reason}"), broken
    assert report.imported == 1
    assert [a.actor.name for a in library.actors.list()] == ["Wang Wenbin"]
