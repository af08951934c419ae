"""The outlet filter finds what the lists show as an article's outlet: its outlet, or its
agency when it has none (core/articles/outlets.py). A Reuters wire text imported without an
outlet shows "Reuters" in the list and the reader; search, the list's filter and the outlets
offered to the filter must find it there, and never find an article with an outlet of its
own by its agency."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.core import Library, Metadata
from briefing.core.migrate import available_migrations, latest_version, migrate

WIRE = "BANK RATES\n\nLONDON, March 3 - The bank cut its rates, dealers said.\n Reuter\n"


@pytest.fixture
def wire(library: Library) -> dict[str, int]:
    """A wire text without an outlet (its agency Reuters, from the sign-off), one with an
    outlet of its own and that agency, one whose outlet is Reuters, one with an empty
    outlet and another agency, and one with neither."""
    ids = {}
    for name, outlet in (("alone", None), ("guardian", "The Guardian"), ("own", "Reuters")):
        (result,) = library.imports.texts([(name, WIRE.replace("rates", f"{name} rates"))])
        ids[name] = result.id
        library.articles.edit(result.id, outlet=outlet)
    assert library.articles.get(ids["alone"]).agency == "Reuters"
    assert library.articles.get(ids["guardian"]).agency == "Reuters"
    (afp,) = library.imports.texts([("afp", "Bank note\n\nThe bank, again. (AFP)")])
    library.articles.edit(afp.id, outlet="", agency="AFP")
    (bare,) = library.imports.texts([("bare", "Bank holiday\n\nThe bank was shut.")])
    library.articles.edit(bare.id, outlet=None, agency=None)
    return {**ids, "afp": afp.id, "bare": bare.id}


def _found(library: Library, outlet: str, **more: object) -> set[int]:
    hits = library.search.run("bank", outlet=outlet, limit=100, kinds=("article",), **more)
    return {hit.id for hit in hits}


@pytest.mark.parametrize("outlet", ["Reuters", "reuters", "REUTERS"])
@pytest.mark.parametrize("sort", ["relevance", "date", "title"])
def test_search_finds_the_agency_standing_in_for_a_missing_outlet(
    library: Library, wire: dict[str, int], outlet: str, sort: str
) -> None:
    reuters = {wire["alone"], wire["own"]}  # not "guardian": its outlet is its own
    assert _found(library, outlet, sort=sort) == reuters
    counted = library.search.run("bank", outlet=outlet, kinds=("article",), count=True)
    assert counted.counts is not None and counted.counts["article"] == 2
    assert _found(library, "The Guardian", sort=sort) == {wire["guardian"]}
    assert _found(library, "afp", sort=sort) == {wire["afp"]}  # an empty outlet is none
    assert _found(library, "Reuters", since="2020-01-01", sort=sort) == set()  # undated


def test_the_list_filter_and_the_outlets_offered_follow_the_same_rule(
    library: Library, wire: dict[str, int]
) -> None:
    assert set(library.articles.ids(outlet="reuters")) == {wire["alone"], wire["own"]}
    assert [a.id for a in library.articles.list(outlet="AFP")] == [wire["afp"]]
    assert library.articles.ids(outlet="The Guardian") == [wire["guardian"]]
    assert library.articles.outlets() == [("Reuters", 2), ("AFP", 1), ("The Guardian", 1)]
    # Given an outlet, the article leaves its agency's count and list.
    library.articles.edit(wire["alone"], outlet="Le Monde")
    assert library.articles.ids(outlet="Reuters") == [wire["own"]]
    assert ("Reuters", 1) in library.articles.outlets()
    # A spelling that is both an outlet and an agency is one outlet, as the filter finds it.
    library.articles.edit(wire["afp"], agency="reuters")
    library.articles.edit(wire["bare"], agency="reuters")
    assert library.articles.outlets()[0] == ("reuters", 3)
    assert set(library.articles.ids(outlet="Reuters")) == {wire["own"], wire["afp"], wire["bare"]}


def test_claims_are_filtered_by_their_articles_shown_outlet(
    library: Library, wire: dict[str, int]
) -> None:
    from briefing.core import Span

    for name in ("alone", "guardian"):
        library.claims.add(wire[name], Span(quote="The bank cut its"))
    hits = library.search.run("bank", outlet="reuters", kinds=("claim",))
    assert [hit.article_id for hit in hits] == [wire["alone"]]


def test_the_filter_reads_both_outlet_indexes_alone(library: Library, wire) -> None:
    """Covering indexes: the ids come from articles_outlet and articles_agency_alone
    (db/011) without reading an article's row, and the list's condition uses both."""
    from briefing.core.articles.outlets import OUTLET_CONDITION, OUTLET_IDS

    conn = library.connection()
    plan = " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {OUTLET_IDS}", ["x"]))
    assert "COVERING INDEX articles_outlet" in plan
    assert "COVERING INDEX articles_agency_alone" in plan
    sql = f"EXPLAIN QUERY PLAN SELECT a.id FROM articles a WHERE {OUTLET_CONDITION}"
    plan = " | ".join(r[3] for r in conn.execute(sql, ["x"]))
    assert "articles_outlet" in plan and "articles_agency_alone" in plan


COLUMNS = "id, uid, title, outlet, agency, content_hash, imported_at, text"


def test_migration_011_adds_the_index_and_changes_no_row(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, available_migrations()[:10]) == list(range(1, 11))
    rows = [
        (1, "u1", "Bank rates", None, "Reuters", "h1", "2024-01-01T00:00:00Z", "The bank."),
        (2, "u2", "Bank news", "", "Reuters", "h2", "2024-01-01T00:00:00Z", "A bank."),
        (3, "u3", "Bank view", "The Guardian", "Reuters", "h3", "2024-01-01T00:00:00Z", "Bank"),
        (4, "u4", "Bank wire", "REUTERS", None, "h4", "2024-01-01T00:00:00Z", "The bank"),
    ]
    conn.executemany(f"INSERT INTO articles ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    before = conn.execute("SELECT * FROM articles ORDER BY id").fetchall()
    conn.close()
    with Library.open(path) as lib:
        conn = lib.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version() >= 11
        assert conn.execute("SELECT * FROM articles ORDER BY id").fetchall() == before
        (count,) = conn.execute(
            "SELECT count(*) FROM articles INDEXED BY articles_agency_alone"
            " WHERE ifnull(outlet, '') = ''"
        ).fetchone()
        assert count == 2  # only the articles without an outlet are in it
        assert {h.id for h in lib.search.run("bank", outlet="Reuters")} == {1, 2, 4}
        assert lib.articles.outlets() == [("Reuters", 3), ("The Guardian", 1)]
    (backup,) = Library.list_backups(path)
    assert (backup.kind, backup.schema) == ("pre-migration", 10)


def test_an_import_with_an_outlet_given_is_found_by_it_only(library: Library) -> None:
    (result,) = library.imports.texts([("w", WIRE)], metadata=Metadata(outlet="Le Monde"))
    assert library.articles.get(result.id).agency == "Reuters"
    assert _found(library, "le monde") == {result.id}
    assert _found(library, "Reuters") == set()
