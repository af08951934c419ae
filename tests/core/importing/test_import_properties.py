"""Import of arbitrary bytes under arbitrary names: every file gets a result, none stops
the batch, names that are not UTF-8 are shown and stored escaped, the library stays whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefing.core import InvalidInput, Library

# File names as bytes (what an old archive or a Windows zip may hold): anything but "/" and
# NUL, which no POSIX name can hold.
NAME = st.binary(min_size=1, max_size=40).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_"))
SUFFIX = st.sampled_from([b".txt", b".md", b".html", b".htm", b".TXT", b""])
CONTENT = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.sampled_from(
        [
            b"",
            b"\xef\xbb\xbf",
            b"<html><body><p>\x00</p></body></html>",
            b"\xff\xfe" + "Ein Text auf Deutsch, in UTF-16.".encode("utf-16-le"),
            "Caf\xe9 cr\xe8me, un texte en Latin-1.".encode("latin-1"),
            b"HONG KONG, Dec 14 \xe2\x80\x95 A dateline and nothing else.",
        ]
    ),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("import") / "library.sqlite"
    Library.open(path).close()
    return path


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=st.lists(st.tuples(NAME, SUFFIX, CONTENT), min_size=1, max_size=5))
def test_any_files_under_any_names(
    template: Path, tmp_path_factory: pytest.TempPathFactory, files: list
) -> None:
    work = tmp_path_factory.mktemp("batch")
    folder = work / "in"
    folder.mkdir()
    written = set()
    for name, suffix, content in files:
        raw = os.path.join(os.fsencode(folder), name + suffix)
        if raw in written or name + suffix in (b".", b".."):
            continue
        try:
            with open(raw, "wb") as handle:
                handle.write(content)
        except OSError:  # a name the file system refuses (too long, reserved)
            continue
        written.add(raw)
    path = work / "library.sqlite"
    path.write_bytes(template.read_bytes())
    with Library.open(path) as library:
        results = library.imports.files([folder])
        inputs = [r for r in results if r.path != str(folder)]
        assert all(r.status in ("imported", "duplicate", "failed") for r in results)
        assert all(r.reason for r in results if r.status == "failed")
        for result in results:
            result.path.encode("utf-8")  # shown escaped: always printable
        imported = [r for r in inputs if r.status == "imported"]
        assert library.articles.count() == len(imported)
        for result in imported:
            article = library.articles.get(result.id)
            assert article.text.strip()
            assert article.source_path is not None
            article.source_path.encode("utf-8")
        check = library.connection().execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"


def _fresh(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the empty migrated library: a copy costs a millisecond, a migration more."""
    path = tmp_path_factory.mktemp("paste") / "library.sqlite"
    path.write_bytes(template.read_bytes())
    return path


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=300), name=st.text(max_size=20))
def test_any_pasted_text_under_any_name(
    template: Path, tmp_path_factory: pytest.TempPathFactory, text: str, name: str
) -> None:
    with Library.open(_fresh(template, tmp_path_factory)) as library:
        result = library.imports.text(text, name=name or "-")
        assert result.status in ("imported", "failed")
        assert (result.status == "imported") == (library.articles.count() == 1)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(min_size=1, max_size=40), surrogate=st.integers(0xD800, 0xDFFF))
def test_pasted_text_with_a_lone_surrogate_fails_alone(
    template: Path, tmp_path_factory: pytest.TempPathFactory, text: str, surrogate: int
) -> None:
    with Library.open(_fresh(template, tmp_path_factory)) as library:
        bad = text + chr(surrogate) + " and more words."
        (failed, good) = library.imports.texts([("bad", bad), ("good", "A good article.")])
        assert failed.status == "failed" and "Unicode" in (failed.reason or "")
        assert good.status == "imported"
        with pytest.raises(InvalidInput):
            library.articles.edit(good.id, title=bad)
