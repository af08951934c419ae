"""Batches, duplicates, bad files: each reported, none stopping the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core import Cancelled, InvalidInput, Library, Metadata, PartialDate
from tests.conftest import CORPUS_TEXT, SAMPLE, wikinews_files


def _statuses(results) -> list[str]:
    return [r.status for r in results]


def test_a_batch_reports_each_bad_file_and_goes_on(tmp_path: Path, library: Library) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_text("   \n\n  ")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    results = library.imports.files(
        [
            SAMPLE,
            empty,
            blank,
            binary,
            huge,
            tmp_path / "missing.txt",
            wikinews_files(1)[0],
        ]
    )
    assert _statuses(results) == [
        "imported",
        "failed",
        "failed",
        "failed",
        "failed",
        "failed",
        "imported",
    ]
    reasons = [r.reason for r in results]
    assert reasons[1] == "the file is empty"
    assert "no text" in reasons[2]
    assert "binary" in reasons[3]
    assert "too large" in reasons[4] and "60 MB" in reasons[4]
    assert reasons[5] == "no such file or folder"
    assert library.articles.count() == 2


def test_duplicates_are_reported_and_not_stored_twice(tmp_path: Path, library: Library) -> None:
    rewrapped = tmp_path / "same-story.txt"
    rewrapped.write_text(SAMPLE.read_text("utf-8").replace("\n", "\r\n") + "\n\n\n")
    results = library.imports.files([SAMPLE, rewrapped, SAMPLE])
    assert _statuses(results) == ["imported", "duplicate", "duplicate"]
    assert results[1].id == results[2].id == results[0].id
    assert results[1].reason == f"same text as article {results[0].id}"
    assert library.articles.count() == 1


def test_a_copy_under_another_name_is_caught(tmp_path: Path, library: Library) -> None:
    original = wikinews_files(1)[0]
    copy = tmp_path / "forwarded.txt"
    copy.write_bytes(original.read_bytes())
    results = library.imports.files([original, copy])
    assert _statuses(results) == ["imported", "duplicate"]
    assert results[1].id == results[0].id


@pytest.mark.corpus
def test_the_corpus_duplicate_pairs_are_caught(library: Library) -> None:
    results = library.imports.files(
        [CORPUS_TEXT / "bbc-business-007.txt", CORPUS_TEXT / "bbc-business-253.txt"]
    )
    assert _statuses(results) == ["imported", "duplicate"]


def test_folders_are_walked_recursively(tmp_path: Path, library: Library) -> None:
    nested = tmp_path / "inbox" / "2021" / "dec"
    nested.mkdir(parents=True)
    (tmp_path / "inbox" / "a.txt").write_text("First story\n\nBody one.")
    (nested / "b.md").write_text("# Second story\n\nBody *two*.")
    (nested / "c.html").write_text(
        "<html><body><article><p>"
        + "Third story body words. " * 20
        + "</p></article></body></html>"
    )
    (nested / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "inbox" / ".hidden.txt").write_text("Hidden\n\nNot me.")
    results = library.imports.files([tmp_path / "inbox"])
    assert _statuses(results) == ["imported"] * 3
    titles = {library.articles.get(r.id).title for r in results}
    assert {"First story", "Second story"} <= titles


def test_a_folder_with_no_readable_files_is_one_clear_failure(
    tmp_path: Path, library: Library
) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.jpg").write_bytes(b"\xff\xd8\xff")
    (result,) = library.imports.files([tmp_path / "photos"])
    assert result.status == "failed"
    assert result.reason == "no .txt, .md or .html files in this folder"


def test_given_metadata_wins_over_what_was_found(library: Library) -> None:
    metadata = Metadata.from_strings(
        title="SenseTime postpones IPO",
        outlet="The Star",
        date="2021-12-14",
        url="https://t.test/a",
    )
    (result,) = library.imports.files([SAMPLE], metadata=metadata)
    article = library.articles.get(result.id)
    assert (article.title, article.outlet, article.url) == (
        "SenseTime postpones IPO",
        "The Star",
        "https://t.test/a",
    )
    assert article.date == PartialDate(2021, 12, 14)
    assert not article.title_proposed
    assert article.agency == "AFP"


def test_bad_metadata_is_refused_before_anything_is_read() -> None:
    with pytest.raises(InvalidInput):
        Metadata.from_strings(date="14/12/2021")
    with pytest.raises(InvalidInput):
        Metadata.from_strings(title="  ")


def test_pasted_text_and_html_from_standard_input(library: Library) -> None:
    pasted = library.imports.text(SAMPLE.read_bytes())
    assert pasted.status == "imported" and pasted.path == "-"
    page = (
        b"<!DOCTYPE html><html><body><article><p>" + b"A page piped in. " * 30 + b"</p></article>"
    )
    piped = library.imports.text(page)
    article = library.articles.get(piped.id)
    assert article.source_format == "html"
    assert "<p>" not in article.text


class _CancelAfter:
    def __init__(self, count: int) -> None:
        self.count = count
        self.seen: list[tuple[int, int]] = []

    def update(self, done: int, total: int, label: str = "") -> None:
        self.seen.append((done, total))

    def check(self) -> None:
        if len(self.seen) >= self.count:
            raise Cancelled("cancelled")


def test_progress_is_reported_and_cancel_rolls_the_batch_back(library: Library) -> None:
    files = wikinews_files(10)
    progress = _CancelAfter(5)
    with pytest.raises(Cancelled):
        library.imports.files(files, progress=progress)
    assert progress.seen == [(i, 10) for i in range(1, 6)]
    assert library.articles.count() == 0
