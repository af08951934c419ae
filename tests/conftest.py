"""Shared fixtures: real libraries in tmp_path, the worked example and the test articles.

Every test's data is in the repository: the worked example ships with the package
(resources/sample/), and tests/data/ holds 40 Wikinews articles (credited in its README).
Tests that need the large corpus beside the checkout (../shared/corpus) are marked `corpus`
and skip without it, so a fresh clone passes alone and CI, which has the corpus, runs them.

Qt runs offscreen in every test; tests that use qapp/qtbot are marked `gui` so that
`pytest -m "not gui"` runs the core alone.

Tests marked `packaging` check what is shipped: they build and install a wheel, or run the
stand-alone build named by $BRIEFING_BUNDLE (tests/programs.py). They take minutes, so they
run only when asked for with `-m packaging` (.ci/run does, after building), and are
reported as skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from briefing.core import Library  # noqa: E402
from briefing.core.bundled import resources_dir  # noqa: E402
from tests.programs import program_argv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = resources_dir() / "sample" / "sensetime-ipo-afp.txt"
DATA = ROOT / "tests" / "data"
WIKINEWS = DATA / "wikinews"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_TEXT = CORPUS / "text"
CORPUS_HTML = CORPUS / "html"
CORPUS_ODD = CORPUS / "odd"
NO_CORPUS = "needs ../shared/corpus (the test corpus beside the checkout)"


NOT_ASKED = "a packaging test (a minute or more): run it with -m packaging, as .ci/run does"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    have_corpus = CORPUS.is_dir()
    packaging_asked = "packaging" in (config.option.markexpr or "")
    for item in items:
        if {"qapp", "qtbot"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
        if not have_corpus and item.get_closest_marker("corpus"):
            item.add_marker(pytest.mark.skip(reason=NO_CORPUS))
        if not packaging_asked and item.get_closest_marker("packaging"):
            item.add_marker(pytest.mark.skip(reason=NOT_ASKED))


def wikinews_files(count: int | None = None) -> list[Path]:
    """`count` of the Wikinews test articles (all by default), spread over their dates and
    the same every run."""
    files = sorted(WIKINEWS.glob("*.txt"))
    if count is None:
        return files
    assert count <= len(files), f"tests/data/wikinews has {len(files)} articles"
    step = len(files) // count
    return files[::step][:count]


@pytest.fixture(params=["source", pytest.param("bundle", marks=pytest.mark.packaging)])
def program(request: pytest.FixtureRequest) -> list[str]:
    """The argv that starts Briefing, once for the source install and once for the
    stand-alone build (tests/programs.py)."""
    return program_argv(request.param)


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt's application is the app's own (it follows a palette changed while it runs),
    imported here, not at the top: the core's tests load no Qt."""
    from briefing.ui.palette_watch import PaletteFollowingApplication

    return PaletteFollowingApplication


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


@pytest.fixture(scope="session")
def search_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worked example among the 40 Wikinews articles, built once per run."""
    path = tmp_path_factory.mktemp("template") / "search.sqlite"
    with Library.open(path) as lib:
        lib.imports.files([SAMPLE, *wikinews_files()])
        lib.articles.edit(1, outlet="The Star", date="2021-12-14")
    return path


@pytest.fixture
def search_library(search_library_template: Path, tmp_path: Path) -> Library:
    path = tmp_path / "search.sqlite"
    shutil.copy(search_library_template, path)
    lib = Library.open(path)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def postgres() -> object:
    """A throwaway PostgreSQL cluster for the whole session (tests/postgres.py); the team
    tests skip, saying so, where no PostgreSQL binaries are found."""
    from tests import postgres as pg

    bindir = pg.find_bindir()
    if bindir is None:
        pytest.skip(pg.NO_POSTGRES)
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    cluster = pg.start(bindir)
    try:
        yield cluster
    finally:
        pg.stop(cluster)
