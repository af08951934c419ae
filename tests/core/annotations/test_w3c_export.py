"""W3C Web Annotation JSON-LD out and back in, and hostile files refused whole."""

from __future__ import annotations

import json

import pytest

from briefing.core import InvalidInput, Library, Span
from briefing.core.annotations.w3c_export import W3C_CONTEXT, export_annotations
from briefing.core.annotations.w3c_import import MAX_STRING, import_annotations
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
        ([{"type": "Annotation", "target": "urn:x"}], "target must be an object"),
        ([{"type": "Comment", "target": {}}], "type must be Annotation"),
        ([{"type": "Annotation", "target": {"selector": []}}], "TextQuoteSelector is needed"),
        (
            [
                {
                    "type": "Annotation",
                    "target": {"selector": {"type": "TextQuoteSelector", "exact": 42}},
                }
            ],
            "must be text",
        ),
        (
            [
                {
                    "type": "Annotation",
                    "target": {
                        "selector": {"type": "TextQuoteSelector", "exact": "x" * (MAX_STRING + 1)}
                    },
                }
            ],
            "too long",
        ),
        (
            [
                {
                    "type": "Annotation",
                    "target": {
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "SenseTime"},
                            {"type": "TextPositionSelector", "start": "0", "end": 9},
                        ]
                    },
                }
            ],
            "whole numbers",
        ),
        (
            [
                {
                    "type": "Annotation",
                    "target": {
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "Wang"},
                            {"type": "TextPositionSelector", "start": 0, "end": True},
                        ]
                    },
                }
            ],
            "whole numbers",
        ),
    ],
)
def test_hostile_files_are_refused_whole(
    library: Library, sample_article: int, document, message: str
) -> None:
    valid = {
        "type": "Annotation",
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "Wang Wenbin"}},
    }
    if isinstance(document, list):
        document = [valid, *document]  # a good item first: still nothing may be written
    data = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(InvalidInput, match=message):
        import_annotations(library, data)
    assert library.annotations.for_article(sample_article) == []
