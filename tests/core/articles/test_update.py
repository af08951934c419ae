"""A corrected version of an article: annotations kept, moved, fuzzily placed or orphaned."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library
from briefing.core.articles.update import replace_text, update_article
from briefing.core.sample import load_sample
from tests.conftest import SAMPLE


@pytest.fixture
def sample(library: Library):
    return load_sample(library)


def _claim(library: Library, quote_start: str):
    return next(c for c in library.claims.list() if c.quote.startswith(quote_start))


def test_a_correction_reanchors_and_reports(library: Library, sample, tmp_path) -> None:
    text = library.articles.get(sample.article_id).text
    corrected = (
        ("Editor's note: this story was corrected.\n\n" + text)
        .replace("more than one million have been", "over one million have been")
        .replace(
            " saying in a statement over the weekend it was “caught in the middle of "
            "geopolitical tension”",
            "",
        )
    )
    path = tmp_path / "corrected.txt"
    path.write_text(corrected)
    report = update_article(library, sample.article_id, path)
    assert (report.kept, report.fuzzy, report.orphaned) == (0, 1, 1)
    assert report.moved == len(library.annotations.for_article(sample.article_id)) - 2
    new_text = library.articles.get(sample.article_id).text
    assert new_text == corrected
    for annotation in library.annotations.for_article(sample.article_id):
        if not annotation.orphaned:
            assert new_text[annotation.start : annotation.end] == annotation.quote
    estimate = _claim(library, "over one million")
    assert estimate.speaker.name == "UN experts and researchers"  # still the same claim
    orphan = _claim(library, "caught in the middle")
    assert orphan.orphaned and orphan.start is None
    assert report.orphaned_ids == (orphan.id,)
    history = (
        library.connection()
        .execute(
            "SELECT quote, outcome FROM annotation_history WHERE annotation_id = ?", (estimate.id,)
        )
        .fetchall()
    )
    assert history == [("more than one million have been incarcerated in prison camps", "fuzzy")]


def test_an_orphan_comes_back_when_its_quote_does(library: Library, sample) -> None:
    text = library.articles.get(sample.article_id).text
    gone = text.replace("caught in the middle of geopolitical tension", "under pressure")
    replace_text(library, sample.article_id, gone)
    report = replace_text(library, sample.article_id, text)
    assert report.orphaned == 0
    assert not _claim(library, "caught in the middle").orphaned


def test_an_update_to_another_articles_text_is_refused(library: Library, sample) -> None:
    (other,) = library.imports.texts([("o", "Other\n\nA different story.")])
    with pytest.raises(InvalidInput, match=f"already article {other.id}"):
        replace_text(library, sample.article_id, "A different story.")
    assert library.articles.get(sample.article_id).text == SAMPLE.read_text("utf-8").strip()
