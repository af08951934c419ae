"""An article's outlet as the reader sees it: its outlet, or its agency when it has none.

The library list's Outlet column, the reader's header and the claims table show a wire text
imported without an outlet under its agency ("Reuters"), and `contains` matches it there.
Filtering by outlet and the outlets offered to the filter follow the same rule, here, so that
what a list shows as an article's outlet is what finds it. An article with an outlet of its
own is found by that outlet only, never by its agency.

Separate from the article service because search, the lists and the completion all narrow by
it: one place holds the rule and the SQL that reads it from the indexes (articles_outlet,
db/001, and articles_agency_alone, db/011). Comparisons are COLLATE NOCASE, as they always
were: ASCII letters fold, others do not.
"""

from __future__ import annotations

import json
import sqlite3
import string
from collections import Counter

# `outlet` on the articles table aliased `a`, as a WHERE condition. SQLite answers it from
# both indexes at once (a MULTI-INDEX OR); `ifnull(a.outlet, '') = ''` is written as the
# partial index of db/011 is, or SQLite will not use it.
OUTLET_CONDITION = (
    "(a.outlet = :outlet COLLATE NOCASE"
    " OR (ifnull(a.outlet, '') = '' AND a.agency = :outlet COLLATE NOCASE))"
)
# The ids of the articles of `:outlet`, read from the two indexes alone (both cover it).
OUTLET_IDS = """SELECT id FROM articles INDEXED BY articles_outlet
        WHERE outlet = :outlet COLLATE NOCASE
    UNION ALL SELECT id FROM articles INDEXED BY articles_agency_alone
        WHERE ifnull(outlet, '') = '' AND agency = :outlet COLLATE NOCASE"""

_SHOWN = """SELECT outlet, count(*) FROM articles WHERE outlet != '' GROUP BY outlet
    UNION ALL SELECT agency, count(*) FROM articles INDEXED BY articles_agency_alone
        WHERE ifnull(outlet, '') = '' AND agency != '' GROUP BY agency"""
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# The outlet an article is shown under, as an ORDER BY term (NULL: none, listed last).
SHOWN_OUTLET = "coalesce(nullif(a.outlet, ''), nullif(a.agency, ''))"
# Sorted by the outlet shown: the articles of each outlet, then of each agency standing in,
# grouped on their indexes (a group's ids in index order), and those with neither.
_BY_SHOWN = """SELECT
    (SELECT json_group_array(json_array(name, json(ids))) FROM (
        SELECT a.outlet AS name, json_group_array(a.id) AS ids
        FROM articles a INDEXED BY articles_outlet WHERE a.outlet != ''{clauses}
        GROUP BY a.outlet COLLATE NOCASE)),
    (SELECT json_group_array(json_array(name, json(ids))) FROM (
        SELECT a.agency AS name, json_group_array(a.id) AS ids
        FROM articles a INDEXED BY articles_agency_alone
        WHERE ifnull(a.outlet, '') = '' AND a.agency != ''{clauses}
        GROUP BY a.agency COLLATE NOCASE)),
    (SELECT json_group_array(id) FROM (
        SELECT a.id FROM articles a INDEXED BY articles_agency_alone
        WHERE ifnull(a.outlet, '') = '' AND ifnull(a.agency, '') = ''{clauses}
        ORDER BY a.id LIMIT -1))"""


def counted_outlets(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every outlet the lists show, with its number of articles, the most used first. An
    agency standing in for missing outlets counts as the outlet it is shown as, with the
    articles that have it as their outlet. Spellings that differ only in case are one outlet
    (the filter ignores case), named as most of its articles spell it. Reads the two indexes
    only."""
    spelt: Counter[str] = Counter()  # a spelling may be both an outlet and an agency
    for outlet, count in conn.execute(_SHOWN):
        spelt[outlet] += count
    merged: dict[str, tuple[str, int, int]] = {}  # key -> (spelling, its count, total)
    for outlet, count in spelt.items():
        key = outlet.translate(_ASCII_LOWER)  # as COLLATE NOCASE compares
        spelling, most, total = merged.get(key, (outlet, 0, 0))
        if count > most:
            spelling, most = outlet, count
        merged[key] = (spelling, most, total + count)
    ordered = sorted(merged.values(), key=lambda v: (-v[2], v[0].casefold(), v[0]))
    return [(spelling, total) for spelling, _, total in ordered]


def ids_by_shown_outlet(
    conn: sqlite3.Connection, clauses: str, params: dict[str, object], *, descending: bool
) -> list[int]:
    """Every article id (narrowed by `clauses` on `a`) in the order of the outlet it is
    shown under, ties by id, those shown under none last: what ORDER BY SHOWN_OUTLET gives,
    without sorting every row in a temporary tree (100k: 93 ms, where the groups read on
    the two indexes and put in order here take about 20). One statement: one snapshot."""
    outlets, agencies, neither = conn.execute(_BY_SHOWN.format(clauses=clauses), params).fetchone()
    groups: dict[str, list[int]] = {}
    for name, ids in json.loads(outlets) + json.loads(agencies):
        groups.setdefault(name.translate(_ASCII_LOWER), []).extend(ids)  # as NOCASE compares
    ordered: list[int] = []
    for key in sorted(groups, reverse=descending):
        ordered += sorted(groups[key], reverse=descending)
    rest: list[int] = json.loads(neither)
    return ordered + (rest[::-1] if descending else rest)
