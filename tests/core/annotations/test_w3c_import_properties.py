"""W3C import of arbitrary JSON: every value refused cleanly or imported, never a traceback.

Documents are the worked example's own export with parts replaced by arbitrary JSON (any
value at any place: numbers for names, NULs, lone surrogates, lists for objects), and
wholly arbitrary JSON. Whatever comes, the import either succeeds or raises InvalidInput
having written nothing; the library stays whole.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefing.core import InvalidInput, Library
from tests.conftest import SAMPLE

TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "\x00", "\x00Wang", "\ud800", "caf\udce9", "a\nb", " ", "Beijing", "1"]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    TEXT,
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(TEXT, children, max_size=3)
    ),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The sample's annotations, and a library holding its article but none of them (so an
    import creates claims, actors and sources, where the mutations can do harm)."""
    folder = tmp_path_factory.mktemp("w3c")
    with Library.open(folder / "source.sqlite") as library:
        library.load_sample()
        document = library.annotations.export_w3c()
    bare = folder / "bare.sqlite"
    with Library.open(bare) as library:
        (result,) = library.imports.files([SAMPLE])
        assert result.status == "imported"
    return bare, document


def _paths(value: object, at: tuple = ()) -> list[tuple]:
    found = [at]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*at, index))
    return found


def _replace(document: dict, at: tuple, value: object) -> object:
    if not at:
        return value
    changed = copy.deepcopy(document)
    target = changed
    for key in at[:-1]:
        target = target[key]
    target[at[-1]] = value
    return changed


def _import_checked(path: Path, data: str | bytes) -> None:
    with Library.open(path) as library:
        before = library.version
        try:
            library.annotations.import_w3c(data)
        except InvalidInput:
            assert library.version == before  # refused: nothing written
        check = library.connection().execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_part_replaced_by_any_json_value(
    exported: tuple[Path, dict], tmp_path: Path, data: st.DataObject
) -> None:
    source, document = exported
    places = _paths(document)
    at = data.draw(st.sampled_from(places), label="place")
    value = data.draw(JSON, label="value")
    target = tmp_path / f"target-{abs(hash((at, repr(value)))) % 10**9}.sqlite"
    target.write_bytes(source.read_bytes())
    text = json.dumps(_replace(document, at, value), ensure_ascii=True)
    _import_checked(target, text)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=JSON)
def test_arbitrary_json(
    exported: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory, value: object
) -> None:
    path = tmp_path_factory.mktemp("any") / "library.sqlite"
    path.write_bytes(exported[0].read_bytes())
    _import_checked(path, json.dumps(value, ensure_ascii=True))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes(
    exported: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "library.sqlite"
    path.write_bytes(exported[0].read_bytes())
    _import_checked(path, data)
