"""Every hit of a search, page by page, in each order, and how many each kind has.

The library is plain and real: 3,000 short articles written straight into the table (the
triggers index them as an import does), dated over twenty years with one in ten undated, so
that a word in every article is sorted by walking the articles' own index and a rarer one
through the search index (article_hits.SORT_BY_INDEX_FROM lies between them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core import InvalidInput, Library, Span
from briefing.core.search.article_hits import SORT_BY_INDEX_FROM

SIZE = 3_000
WORDS = ["ember", "Alder", "cobalt", "delta", "Birch", "aspen", "fjord", "Gale"]


@pytest.fixture(scope="module")
def dated_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dated") / "dated.sqlite"
    rows = []
    for i in range(SIZE):
        date = None if i % 10 == 0 else f"{2000 + i % 20}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        rows.append(
            (
                f"{WORDS[i % len(WORDS)]} report {i % 97}",
                "The common thread. " + ("A zebra. " * (1 + i % 3) if i % 7 == 0 else ""),
                date,
                date,
                date,
                f"hash{i}",
            )
        )
    with Library.open(path) as lib, lib.transaction() as conn:
        conn.executemany(
            "INSERT INTO articles (title, text, date, date_start, date_end, content_hash,"
            " imported_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')",
            rows,
        )
    return path


def _all_pages(lib: Library, query: str, sort: str, size: int = 37, **filters: str) -> list[int]:
    ids: list[int] = []
    while True:
        page = lib.search.run(
            query, kinds=("article",), sort=sort, limit=size, offset=len(ids), **filters
        )
        ids += [hit.id for hit in page]
        if len(page) < size:
            return ids


def _by_date(lib: Library, ids: list[int]) -> list[int]:
    """`ids` newest first by date (undated last), then the newest id first, in Python."""
    dates = dict(
        lib.connection().execute(
            f"SELECT id, date_start FROM articles WHERE id IN ({','.join(map(str, ids))})"
        )
    )
    dated = sorted((i for i in ids if dates[i]), key=lambda i: (dates[i], i), reverse=True)
    return dated + sorted((i for i in ids if not dates[i]), reverse=True)


def _by_title(lib: Library, ids: list[int]) -> list[int]:
    titles = dict(
        lib.connection().execute(
            f"SELECT id, title FROM articles WHERE id IN ({','.join(map(str, ids))})"
        )
    )
    return sorted(ids, key=lambda i: (titles[i].casefold(), i))


@pytest.mark.parametrize("query", ["common", "zebra"])
def test_pages_in_every_order_hold_every_match_once(dated_library: Path, query: str) -> None:
    with Library.open(dated_library) as lib:
        everything = {hit.id for hit in lib.search.run(query, kinds=("article",), limit=SIZE + 1)}
        assert (len(everything) > SORT_BY_INDEX_FROM) == (query == "common")
        ranked = _all_pages(lib, query, "relevance")
        assert ranked == [h.id for h in lib.search.run(query, kinds=("article",), limit=SIZE)]
        newest = _all_pages(lib, query, "date")
        assert newest == _by_date(lib, list(everything))
        titled = _all_pages(lib, query, "title")
        assert titled == _by_title(lib, list(everything))


def test_a_filtered_page_sorted_by_date_keeps_the_filter(dated_library: Path) -> None:
    with Library.open(dated_library) as lib:
        ids = _all_pages(lib, "common", "date", since="Oct 2015", until="2016")
        dates = [
            lib.connection().execute("SELECT date FROM articles WHERE id = ?", [i]).fetchone()[0]
            for i in ids
        ]
        assert ids and all("2015-10-01" <= d <= "2016-12-31" for d in dates)
        assert dates == sorted(dates, reverse=True)
        counted = lib.search.run(
            "common", kinds=("article",), since="Oct 2015", until="2016", count=True
        )
        assert counted.counts is not None and counted.counts["article"] == len(ids)


def test_the_counts_are_every_hit_of_each_kind(search_library: Library) -> None:
    lib = search_library
    article = lib.articles.get(1)
    quote = "facial recognition"
    start = article.text.index(quote)
    lib.claims.add(1, Span(start, start + len(quote)))
    lib.annotations.add(1, "note", Span(start, start + len(quote)), note="seen again")
    results = lib.search.run("facial", count=True)
    assert results.counts is not None
    for kind in ("actor", "claim", "note", "article"):
        every = lib.search.run("facial", kinds=(kind,), limit=1000)
        assert results.counts[kind] == len(every), kind
    assert results.counts["claim"] == 1 and results.counts["note"] == 1
    # Without `count`, nothing is counted; a query that finds nothing counts zeros.
    assert lib.search.run("facial").counts is None
    for nothing in ("qwxzyv", "*"):
        assert lib.search.run(nothing, count=True).counts == dict.fromkeys(
            ("actor", "claim", "note", "article"), 0
        )


def test_claims_page_and_sort_like_articles(search_library: Library) -> None:
    lib = search_library
    text = lib.articles.get(1).text
    for word in ("SenseTime", "the", "US", "said"):
        start = text.index(word)
        lib.claims.add(1, Span(start, start + len(word)))
    every = [h.id for h in lib.search.run("sensetime OR the OR us OR said", kinds=("claim",))]
    pages = [
        h.id
        for offset in range(0, len(every), 2)
        for h in lib.search.run(
            "sensetime OR the OR us OR said", kinds=("claim",), limit=2, offset=offset
        )
    ]
    assert len(every) == 4 and pages == every


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sort": "newest"}, "cannot sort by 'newest'"),
        ({"offset": -1}, "offset"),
    ],
)
def test_a_bad_sort_or_offset_is_refused(
    search_library: Library, options: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        search_library.search.run("sanctions", **options)  # type: ignore[arg-type]
