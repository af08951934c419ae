"""The library as other SQLite tools see it: sqlite-utils' detect_fts (the test Datasette runs
too) finds the articles', the claims' and notes' (annotations) and the actors' full-text
tables with no metadata, and searching them as Datasette's ?_search= does finds what
`briefing search` finds for the same words."""

from __future__ import annotations

import re

import pytest

from briefing.core import Library
from tests.conftest import wikinews_files

# What Datasette's ?_search= runs (its default mode escapes every word as a phrase, ANDed).
DATASETTE = """SELECT rowid FROM {table} WHERE rowid IN (
                   SELECT rowid FROM {fts} WHERE {fts} MATCH :search)"""
QUERIES = (
    "sanctions",
    "SenseTime",
    "facial recognition",
    "prime minister",
    "Beijing",
    "Uighurs Xinjiang",
    "matovič",
    "police london",
)


def escape_fts(query: str) -> str:
    """Datasette's escape_fts: each word quoted."""
    if query.count('"') % 2:
        query += '"'
    bits = [b for b in re.split(r'(\s+|".*?")', query) if b and b.strip() and b != '""']
    return " ".join(b if b.startswith('"') else f'"{b}"' for b in bits)


@pytest.fixture
def published(library: Library) -> Library:
    """The worked example with its claims, actors and notes, among the Wikinews articles."""
    library.load_sample()
    library.imports.files(wikinews_files())
    return library


def test_every_full_text_table_is_found_without_metadata(published: Library) -> None:
    db = published.db
    assert db["articles"].detect_fts() == "articles_fts"
    assert db["annotations"].detect_fts() == "annotations_fts"
    assert db["actors"].detect_fts() == "actors_fts"


@pytest.mark.parametrize("query", QUERIES)
def test_searching_as_datasette_does_finds_what_briefing_finds(
    published: Library, query: str
) -> None:
    db = published.db
    conn = published.connection()
    for table, kinds in (
        ("articles", ("article",)),
        ("actors", ("actor",)),
        ("annotations", ("claim", "note")),
    ):
        fts = db[table].detect_fts()
        found = {
            row[0]
            for row in conn.execute(
                DATASETTE.format(table=table, fts=fts), {"search": escape_fts(query)}
            )
        }
        if table == "annotations":  # briefing searches claims and notes, not the mentions
            kinds_of = dict(conn.execute("SELECT id, kind FROM annotations"))
            found = {id_ for id_ in found if kinds_of[id_] in kinds}
        ours = published.search.run(query, kinds=kinds, limit=10_000)
        assert {hit.id for hit in ours} == found, (table, query)
    # sqlite-utils' own search (it quotes the words too) agrees on the articles.
    rows = db["articles"].search(query, columns=["id"], quote=True)
    ours = published.search.run(query, kinds=("article",), limit=10_000)
    assert {row["id"] for row in rows} == {hit.id for hit in ours}


def test_the_queries_find_something_in_every_table(published: Library) -> None:
    """So that the comparison above compares something: each table answers some query."""
    conn = published.connection()
    for table in ("articles", "actors", "annotations"):
        fts = published.db[table].detect_fts()
        found = set()
        for query in QUERIES:
            found |= {
                row[0]
                for row in conn.execute(
                    DATASETTE.format(table=table, fts=fts), {"search": escape_fts(query)}
                )
            }
        assert found, table
