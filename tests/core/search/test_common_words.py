"""A query that matches most of a large library shows its newest matches and says so; every
other query is ranked over all its matches (there is no window of newest matches any more).

The library is real but plain: 20,100 short articles written straight into the table (the
triggers index them as an import does), so that "most" (more than half, and more than
10,000) can happen in a test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core import Library
from briefing.core.search.article_hits import RANK_ALWAYS

SIZE = 2 * RANK_ALWAYS + 100


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    with Library.open(path) as lib, lib.transaction() as conn:
        conn.executemany(
            "INSERT INTO articles (title, text, outlet, content_hash, imported_at)"
            " VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')",
            (
                (
                    f"Report {i}",
                    # every article says "common"; one in 100 is about zebras, some twice
                    "The common thread. "
                    + ("zebra zebra " if i % 500 == 0 else "")
                    + ("A zebra. " if i % 100 == 0 else ""),
                    "Daily" if i % 2 else "Weekly",
                    f"hash{i}",
                )
                for i in range(SIZE)
            ),
        )
    return path


def test_a_word_in_every_article_shows_the_newest_and_says_so(big_library: Path) -> None:
    with Library.open(big_library) as lib:
        hits = lib.search.run("common", kinds=("article",))
        assert hits.newest_first
        newest = [
            row[0]
            for row in lib.connection().execute("SELECT id FROM articles ORDER BY id DESC LIMIT 20")
        ]
        assert [hit.id for hit in hits] == newest
        assert "more than half of the 20,100 articles" in hits.note
        assert "newest" in hits.note
        # The same for a one-letter prefix and for common words together.
        assert lib.search.run("c*", kinds=("article",)).newest_first
        assert lib.search.run("the common", kinds=("article",)).newest_first


def test_a_rarer_word_is_ranked_over_every_match(big_library: Path) -> None:
    with Library.open(big_library) as lib:
        hits = lib.search.run("zebra", limit=50, kinds=("article",))
        assert not hits.newest_first and hits.note == ""
        # The articles with three zebras outrank those with one, wherever they are: the
        # oldest of them (id 1, i = 0) is among the best, as a window of the newest would not
        # have it.
        best = {
            row[0]
            for row in lib.connection().execute(
                "SELECT id FROM articles WHERE text LIKE '%zebra zebra%'"
            )
        }
        assert {hit.id for hit in hits[: len(best)]} == best
        assert 1 in best


def test_a_filter_that_leaves_few_matches_ranks_them(big_library: Path) -> None:
    with Library.open(big_library) as lib:
        conn = lib.connection()
        with lib.transaction():
            conn.execute(
                "UPDATE articles SET date = '2020-05-01', date_start = '2020-05-01',"
                " date_end = '2020-05-01' WHERE id % 1000 = 0"
            )
        hits = lib.search.run("common", since="2020", kinds=("article",), limit=100)
        assert not hits.newest_first
        assert sorted(hit.id for hit in hits) == list(range(1000, SIZE + 1, 1000))
        # A date filter that leaves most of the library: the newest of what it leaves.
        with lib.transaction():
            conn.execute(
                "UPDATE articles SET date = '2021-01-01', date_start = '2021-01-01',"
                " date_end = '2021-01-01' WHERE id % 1000 != 0 AND id > 100"
            )
        hits = lib.search.run("common", since="2021", kinds=("article",))
        assert hits.newest_first
        assert [hit.id for hit in hits] == [i for i in range(SIZE, SIZE - 22, -1) if i % 1000][:20]
        hits = lib.search.run("zebra", since="2021", kinds=("article",), limit=500)
        assert not hits.newest_first and len(hits) == len({h.id for h in hits})
        # An outlet with exactly half the articles: not more than half, so ranked.
        daily = lib.search.run("common", outlet="daily", kinds=("article",))
        assert len(daily) == 20 and not daily.newest_first


def test_the_command_line_says_the_newest_come_first(
    big_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(big_library), "search", "common", "--limit", "2"]) == 0
    first, *_ = capsys.readouterr().out.splitlines()
    assert "the newest come first" in first
    assert main(["--library", str(big_library), "search", "common", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {hit["order"] for hit in hits} == {"newest"}
    assert main(["--library", str(big_library), "search", "zebra", "--json"]) == 0
    assert {hit["order"] for hit in json.loads(capsys.readouterr().out)} == {"relevance"}


def test_the_newest_first_go_on_page_after_page_and_are_counted(big_library: Path) -> None:
    with Library.open(big_library) as lib:
        pages = [
            lib.search.run("common", kinds=("article",), limit=50, offset=offset)
            for offset in (0, 50, 100)
        ]
        assert all(page.newest_first for page in pages)
        newest = [
            row[0]
            for row in lib.connection().execute(
                "SELECT id FROM articles ORDER BY id DESC LIMIT 150"
            )
        ]
        assert [hit.id for page in pages for hit in page] == newest
        counted = lib.search.run("common", kinds=("article",), count=True)
        assert counted.counts == {"actor": 0, "claim": 0, "note": 0, "article": SIZE}
        assert lib.search.run("zebra", count=True).counts == {
            "actor": 0,
            "claim": 0,
            "note": 0,
            "article": len(range(0, SIZE, 100)),  # i % 100 == 0
        }
