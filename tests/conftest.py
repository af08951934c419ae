"""Shared fixtures: real libraries in tmp_path, the worked example and the corpus.

Qt runs offscreen in every test; tests that use qapp/qtbot are marked `gui` so that
`pytest -m "not gui"` runs the core alone.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from briefing.core import Library  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "sensetime-ipo-afp.txt"
CORPUS = SHARED / "corpus"
CORPUS_TEXT = CORPUS / "text"
CORPUS_HTML = CORPUS / "html"
CORPUS_ODD = CORPUS / "odd"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"qapp", "qtbot"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


def pytest_configure(config: pytest.Config) -> None:
    if not SAMPLE.exists():
        raise pytest.UsageError(f"the shared samples are missing: expected {SAMPLE}")


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """A new, empty, migrated library file."""
    lib = Library.open(tmp_path / "library.sqlite")
    yield lib
    lib.close()


@pytest.fixture
def sample_article(library: Library) -> int:
    """The worked example imported into `library`; its article id."""
    (result,) = library.imports.files([SAMPLE])
    assert result.status == "imported"
    return result.id


def corpus_files(count: int) -> list[Path]:
    """`count` distinct corpus texts from all three outlets, the same every run."""
    index = json.loads((CORPUS_TEXT / "index.json").read_text("utf-8"))
    copies = {entry["file"] for entry in index if entry.get("exact_duplicate_of")}
    files = sorted(p for p in CORPUS_TEXT.glob("*.txt") if p.name not in copies)
    step = max(1, len(files) // count)
    return files[::step][:count]


@pytest.fixture(scope="session")
def search_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worked example among 200 corpus articles, built once per run."""
    path = tmp_path_factory.mktemp("template") / "search.sqlite"
    with Library.open(path) as lib:
        lib.imports.files([SAMPLE, *corpus_files(200)])
        lib.articles.edit(1, outlet="The Star", date="2021-12-14")
    return path


@pytest.fixture
def search_library(search_library_template: Path, tmp_path: Path) -> Library:
    path = tmp_path / "search.sqlite"
    shutil.copy(search_library_template, path)
    lib = Library.open(path)
    yield lib
    lib.close()
