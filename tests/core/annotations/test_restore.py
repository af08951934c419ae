"""Removing annotations keeps what was removed; restoring brings back the same ids."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound
from briefing.core.annotations.restore import (
    remove_annotations,
    restore_annotation,
    restore_annotations,
    snapshot_annotation,
)
from briefing.core.annotations.service import Span
from briefing.core.sample import load_sample


def _rows(library: Library, table: str) -> list[tuple]:
    return sorted(library.connection().execute(f"SELECT * FROM {table}").fetchall())


TABLES = (
    "annotations",
    "claims",
    "claim_about",
    "claim_sources",
    "claim_links",
    "annotation_tags",
    "mentions",
    "mention_suggestions",
)


def test_a_removed_claim_comes_back_whole_with_its_id(library: Library) -> None:
    loaded = load_sample(library)
    claim_id = loaded.claims["c1"]
    before = {table: _rows(library, table) for table in TABLES}
    claim = library.claims.get(claim_id)
    assert claim.links and claim.sources and claim.about and claim.speaker

    (snapshot,) = remove_annotations(library, [claim_id])
    assert snapshot.id == claim_id and snapshot.kind == "claim"
    with pytest.raises(NotFound):
        library.claims.get(claim_id)

    restore_annotation(library, snapshot)
    assert library.claims.get(claim_id) == claim
    assert {table: _rows(library, table) for table in TABLES} == before


def test_two_linked_claims_removed_together_link_again(library: Library) -> None:
    loaded = load_sample(library)
    ids = [loaded.claims["c1"], loaded.claims["c2"]]
    before = [library.claims.get(i) for i in ids]
    snapshots = remove_annotations(library, ids)
    restore_annotations(library, reversed(snapshots))
    assert [library.claims.get(i) for i in ids] == before


def test_a_restore_into_a_taken_id_changes_nothing(library: Library, sample_article: int) -> None:
    highlight = library.annotations.add(sample_article, "highlight", Span(0, 9))
    snapshot = snapshot_annotation(library, highlight.id)
    before = _rows(library, "annotations")
    with pytest.raises(InvalidInput, match="already"):
        restore_annotation(library, snapshot)
    assert _rows(library, "annotations") == before


def test_a_restore_after_the_speaker_went_fails_and_writes_nothing(
    library: Library, sample_article: int
) -> None:
    library.actors.add("Speaker")
    note = library.annotations.add(sample_article, "note", Span(0, 9), note="n")
    claim = library.claims.add(sample_article, Span(20, 40), speaker="Speaker")
    snapshots = remove_annotations(library, [note.id, claim.id])
    library.actors.delete("Speaker")
    with pytest.raises(InvalidInput, match="actor"):
        restore_annotations(library, snapshots)
    assert library.annotations.for_article(sample_article) == []


def test_undoing_an_accept_reopens_the_suggestion(library: Library, sample_article: int) -> None:
    library.actors.add("SenseTime", kind="organisation")
    library.mentions.suggest(sample_article)
    first = library.mentions.pending(article_id=sample_article)[0]
    (mention,) = library.mentions.accept([first.id])
    assert library.mentions.count_pending(article_id=sample_article) == 0 or first.id not in {
        s.id for s in library.mentions.pending(article_id=sample_article)
    }

    snapshots = remove_annotations(library, [mention.id], reopen_suggestions=True)
    assert first.id in {s.id for s in library.mentions.pending(article_id=sample_article)}

    restore_annotations(library, snapshots)
    assert library.mentions.get(mention.id) == mention
    assert first.id not in {s.id for s in library.mentions.pending(article_id=sample_article)}


def test_an_unknown_id_removes_nothing(library: Library, sample_article: int) -> None:
    highlight = library.annotations.add(sample_article, "highlight", Span(0, 9))
    with pytest.raises(NotFound):
        remove_annotations(library, [highlight.id, 9999])
    assert library.annotations.get(highlight.id) == highlight
