"""The search layer with arbitrary strings and options: results or a BriefingError that
says what is wrong, never a syntax error or a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefing.core import SEARCH_KINDS, BriefingError, Library

FTS = st.sampled_from(
    [
        '"',
        "'",
        "(",
        ")",
        "*",
        "^",
        "-",
        ":",
        "+",
        "NEAR",
        "NEAR(",
        "AND",
        "OR",
        "NOT",
        "title:",
        "{text title}:",
        " ",
        "\x00",
        "\ud800",
        "caf\udce9",
        "sanction",
        "SenseTime",
        "é",
        "ﬁ",
        "İ",
        "\u200b",
    ]
)
QUERY = st.lists(st.one_of(FTS, st.text(max_size=5)), max_size=10).map("".join)
OPTION = st.one_of(st.none(), st.text(max_size=12), FTS)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=QUERY,
    outlet=OPTION,
    since=OPTION,
    until=st.one_of(OPTION, st.sampled_from(["2019", "2019-12", "--12-14", "Oct 2019"])),
    actor=st.one_of(OPTION, st.integers(-(2**70), 2**70)),
    tag=OPTION,
    limit=st.integers(-5, 2**70),
    kinds=st.lists(st.one_of(st.sampled_from(SEARCH_KINDS), st.text(max_size=4)), max_size=3),
)
def test_any_query_and_options(
    search_library: Library,
    query: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    actor: str | int | None,
    tag: str | None,
    limit: int,
    kinds: list[str],
) -> None:
    try:
        hits = search_library.search.run(
            query,
            outlet=outlet,
            since=since,
            until=until,
            actor=actor,
            tag=tag,
            limit=limit,
            kinds=tuple(kinds) or SEARCH_KINDS,
        )
    except BriefingError:
        return
    for hit in hits:
        assert hit.kind in SEARCH_KINDS
        marked = hit.marked_snippet("", "")
        for start, end in hit.match_spans("", ""):
            assert 0 <= start <= end <= len(marked)


@pytest.mark.parametrize("query", ['"', "(", "NEAR(", "title:", "*", "\x00", "AND OR NOT"])
def test_syntax_is_never_an_error(search_library: Library, query: str) -> None:
    search_library.search.run(query)
