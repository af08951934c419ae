"""Search filters: the outlet by its b-tree beside the index (db/009), dates by the covering
index (db/003_search_filters.sql). Whatever the index does, the filter must keep the
comparison it always had, `outlet = ? COLLATE NOCASE`."""

from __future__ import annotations

import pytest

from briefing.core import Library, Metadata

# Outlets whose names differ by case (ASCII and not), punctuation, a prefix or a suffix, and
# whose keys end in what the porter stemmer would cut from a word.
OUTLETS = (
    "The Times",
    "THE TIMES",
    "Times",
    "The Times of India",
    "Le Monde",
    "Le Monde.",
    "Süddeutsche Zeitung",
    "SÜDDEUTSCHE Zeitung",
    "süddeutsche zeitung",
    "Ed",
    "ed",
    "Reuters",
    "Reuter",
    "Sing",
    "东方日报",
    "AP ",
)


@pytest.fixture
def outlets_library(library: Library) -> Library:
    for i, outlet in enumerate(OUTLETS):
        library.imports.texts(
            [(f"o{i}", f"Harbour report {i}\n\nThe harbour reopened, officials said ({i}).")],
            metadata=Metadata(outlet=outlet),
        )
    library.imports.texts([("none", "Harbour without outlet\n\nThe harbour, again.")])
    return library


def _by_sql(library: Library, outlet: str) -> set[int]:
    rows = library.connection().execute(
        "SELECT id FROM articles WHERE outlet = ? COLLATE NOCASE", [outlet]
    )
    return {row[0] for row in rows}


def _by_search(library: Library, query: str, **filters) -> list[int]:
    return [hit.id for hit in library.search.run(query, limit=100, kinds=("article",), **filters)]


@pytest.mark.parametrize("outlet", [*OUTLETS, "the times", "le monde", "Nowhere", "Time"])
def test_the_outlet_filter_is_exactly_the_nocase_comparison(
    outlets_library: Library, outlet: str
) -> None:
    assert set(_by_search(outlets_library, "harbour", outlet=outlet)) == _by_sql(
        outlets_library, outlet
    )


def test_the_outlet_filter_keeps_every_query_form(outlets_library: Library) -> None:
    times = _by_sql(outlets_library, "the times")
    assert len(times) == 2
    for query in ("harbour", '"harbour reopened"', "harb*", "officials said", "harbour OR zebra"):
        assert set(_by_search(outlets_library, query, outlet="The Times")) == times, query
    assert _by_search(outlets_library, "harbour NOT officials", outlet="The Times") == []
    # A query FTS5 cannot parse is still answered, filtered the same.
    assert set(_by_search(outlets_library, 'harbour "unclosed', outlet="The Times")) <= times


def _index_blocks(library: Library) -> list[tuple[int, bytes]]:
    return library.connection().execute("SELECT id, block FROM articles_fts_data").fetchall()


def test_an_outlet_edit_leaves_the_search_index_untouched(outlets_library: Library) -> None:
    """The outlet is not in the article index (db/009): giving articles another outlet, one
    or many at once, writes not one byte of it, and the filter follows at once."""
    before = _index_blocks(outlets_library)
    (reuters,) = _by_sql(outlets_library, "Reuters")
    outlets_library.articles.edit(reuters, outlet="Süddeutsche Zeitung")
    times = sorted(_by_sql(outlets_library, "The Times"))
    edit = outlets_library.articles.edit_many(times, outlet="东方日报")
    assert _index_blocks(outlets_library) == before
    assert _by_search(outlets_library, "harbour", outlet="Reuters") == []
    assert _by_search(outlets_library, "harbour", outlet="the times") == []
    # COLLATE NOCASE folds ASCII letters only: ü and Ü stay apart, as they always did.
    assert reuters in _by_search(outlets_library, "harbour", outlet="süddeutsche ZEITUNG")
    assert reuters not in _by_search(outlets_library, "harbour", outlet="SÜDDEUTSCHE ZEITUNG")
    assert set(_by_search(outlets_library, "harbour", outlet="东方日报")) >= set(times)
    outlets_library.articles.revert_edit_many(edit)
    assert set(_by_search(outlets_library, "harbour", outlet="THE TIMES")) == set(times)
    assert _index_blocks(outlets_library) == before
    # A title is in the index: editing it does write there.
    outlets_library.articles.edit(reuters, title="Lighthouse report")
    assert _index_blocks(outlets_library) != before
    assert _by_search(outlets_library, "lighthouse", outlet="süddeutsche zeitung") == [reuters]


def test_editing_the_outlet_moves_the_article(outlets_library: Library) -> None:
    (reuters,) = _by_sql(outlets_library, "Reuters")
    outlets_library.articles.edit(reuters, outlet="Agence France-Presse")
    assert _by_search(outlets_library, "harbour", outlet="Reuters") == []
    assert _by_search(outlets_library, "harbour", outlet="agence france-presse") == [reuters]
    outlets_library.articles.edit(reuters, outlet="")
    assert _by_search(outlets_library, "harbour", outlet="Agence France-Presse") == []
    assert reuters in _by_search(outlets_library, "harbour")
    outlets_library.articles.delete([reuters])
    assert reuters not in _by_search(outlets_library, "harbour")


def test_outlet_and_dates_together(library: Library) -> None:
    from briefing.core.dates import PartialDate

    ids = {}
    for outlet, date in (("Reuters", "2019-05-01"), ("Reuters", "2021-05-01"), ("BBC", "2021")):
        (result,) = library.imports.texts(
            [(f"{outlet}{date}", f"Floods {outlet}\n\nThe river flooded the valley on {date}.")],
            metadata=Metadata(outlet=outlet, date=PartialDate.parse(date)),
        )
        ids[outlet, date] = result.id
    assert _by_search(library, "flood", outlet="reuters", since="2020") == [
        ids["Reuters", "2021-05-01"]
    ]
    assert _by_search(library, "flood", outlet="BBC", until="2021-01-31") == [ids["BBC", "2021"]]
    assert _by_search(library, "flood", outlet="BBC", until="2020") == []


def test_equal_scores_list_the_newest_first(library: Library) -> None:
    first = library.imports.texts([("a", "Ferry news\n\nThe ferry sailed at noon today.")])[0]
    second = library.imports.texts([("b", "Ferry news\n\nThe ferry sailed at dusk today.")])[0]
    hits = library.search.run("ferry", kinds=("article",))
    assert hits[0].score == hits[1].score
    assert [hit.id for hit in hits] == [second.id, first.id]
    assert _by_search(library, "ferry", since="1900") == []  # undated: in no range
