"""Listing, correcting and deleting articles."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound, PartialDate, Span


@pytest.fixture
def three(library: Library) -> list[int]:
    results = library.imports.texts(
        [
            ("a", "Alpha story\n\nFirst body."),
            ("b", "beta story\n\nSecond body."),
            ("c", "Gamma story\n\nThird body."),
        ]
    )
    ids = [r.id for r in results]
    library.articles.edit(ids[0], date="2021-12-14", outlet="AFP")
    library.articles.edit(ids[1], date="2020", outlet="Reuters")
    library.articles.edit(ids[2], date="--03-01")
    return ids


def test_list_sorts_newest_first_and_undated_last(library: Library, three: list[int]) -> None:
    assert [a.id for a in library.articles.list()] == [three[0], three[1], three[2]]
    assert [a.id for a in library.articles.list(descending=False)][:2] == [three[1], three[0]]


def test_list_sorts_by_title_case_blind_and_filters_by_outlet(
    library: Library, three: list[int]
) -> None:
    assert [a.title for a in library.articles.list(sort="title")] == [
        "Alpha story",
        "beta story",
        "Gamma story",
    ]
    assert [a.id for a in library.articles.list(outlet="reuters")] == [three[1]]
    assert [a.id for a in library.articles.list(limit=1, offset=1, sort="id")] == [three[1]]
    every = library.articles.ids(sort="title")
    for offset in range(4):
        assert library.articles.ids(sort="title", limit=2, offset=offset) == every[offset:][:2]
        assert library.articles.ids(sort="title", offset=offset) == every[offset:]
    with pytest.raises(InvalidInput):
        library.articles.list(sort="colour")


def test_sorting_by_outlet_folds_case_and_puts_articles_without_one_last(
    library: Library, three: list[int]
) -> None:
    """Both directions, whole and paged (the two are read by different statements), with a
    filter: ties within an outlet by id, those without an outlet last either way."""
    more = [
        r.id for r in library.imports.texts([(str(i), f"More {i}\n\nBody {i}.") for i in range(3)])
    ]
    library.articles.edit(more[0], outlet="afp")
    library.articles.edit(more[1], outlet="Zeit")
    afp, reuters, none, afp2, zeit, none2 = three + more
    up = [afp, afp2, reuters, zeit, none, none2]
    down = [zeit, reuters, afp2, afp, none2, none]
    assert library.articles.ids(sort="outlet") == up
    assert library.articles.ids(sort="outlet", descending=True) == down
    for descending, whole in ((False, up), (True, down)):
        for offset in range(7):
            page = library.articles.ids(
                sort="outlet", descending=descending, limit=3, offset=offset
            )
            assert page == whole[offset:][:3]
    assert library.articles.ids(sort="outlet", contains="more") == [afp2, zeit, none2]
    assert library.articles.ids(sort="outlet", descending=True, outlet="AFP") == [afp2, afp]
    # Wire copy with no outlet sorts under the agency it is shown under, as it is filtered.
    library.articles.edit(none, agency="reuters")
    library.articles.edit(none2, agency="Bloomberg")
    up = [afp, afp2, none2, reuters, none, zeit]  # "Reuters" and "reuters" are one: by id
    assert library.articles.ids(sort="outlet") == up
    assert library.articles.ids(sort="outlet", descending=True) == up[::-1]
    for descending, whole in ((False, up), (True, up[::-1])):
        for offset in range(7):
            page = library.articles.ids(
                sort="outlet", descending=descending, limit=3, offset=offset
            )
            assert page == whole[offset:][:3]


def test_sorting_by_claims_counts_them_with_the_unclaimed_at_the_far_end(
    library: Library, three: list[int]
) -> None:
    """Most articles have no claims: they are read apart from the counted ones (the two
    in one statement) and must land where one ORDER BY on the count put them."""
    a, b, c = three
    (d,) = [r.id for r in library.imports.texts([("d", "Delta story\n\nFourth body.")])]
    for article, claims in ((a, 2), (c, 1), (d, 2)):
        for k in range(claims):
            library.claims.add(article, Span(k * 6, k * 6 + 5))
    library.annotations.add(b, "highlight", Span(0, 5))  # not a claim: b still has none
    down, up = [d, a, c, b], [b, c, a, d]
    assert library.articles.ids(sort="claims") == down  # most claims first by default
    assert library.articles.ids(sort="claims", descending=False) == up
    for descending, whole in ((True, down), (False, up)):
        for offset in range(5):
            page = library.articles.ids(
                sort="claims", descending=descending, limit=2, offset=offset
            )
            assert page == whole[offset:][:2]
    assert library.articles.ids(sort="claims", outlet="afp") == [a]
    assert library.articles.ids(sort="claims", contains="story", descending=False) == up


def test_outlets_are_counted_most_used_first_with_case_variants_as_one(
    library: Library, three: list[int]
) -> None:
    assert library.articles.outlets() == [("AFP", 1), ("Reuters", 1)]  # no outlet: not listed
    more = library.imports.texts([(str(i), f"Story {i}\n\nBody number {i}.") for i in range(5)])
    for result, outlet in zip(
        more, ["reuters", "Reuters", "Le Monde", "Ökonom", "ökonom"], strict=True
    ):
        library.articles.edit(result.id, outlet=outlet)
    # "reuters" and "Reuters" are one outlet to the filter (it ignores case), spelled as most
    # of its articles spell it; "Ökonom" and "ökonom" differ beyond ASCII, as they do there.
    assert library.articles.outlets() == [
        ("Reuters", 3),
        ("AFP", 1),
        ("Le Monde", 1),
        ("Ökonom", 1),
        ("ökonom", 1),
    ]
    assert len(library.articles.list(outlet="REUTERS")) == 3


def test_summaries_keep_the_order_asked(library: Library, three: list[int]) -> None:
    ids = [three[2], three[0], 999]
    assert [s.id for s in library.articles.summaries(ids)] == [three[2], three[0]]


def test_edit_sets_and_clears_fields(library: Library, three: list[int]) -> None:
    article = library.articles.edit(three[0], outlet="", author="A. Writer", date="Dec 14")
    assert article.outlet is None
    assert article.author == "A. Writer"
    assert article.date == PartialDate(None, 12, 14)
    assert article.updated_at is not None


@pytest.mark.parametrize(
    "changes",
    [{"title": " "}, {"date": "14/12/2021"}, {"date": "2021-02-30"}, {"colour": "red"}],
)
def test_bad_edits_change_nothing(library: Library, three: list[int], changes: dict) -> None:
    before = library.articles.get(three[0])
    with pytest.raises(InvalidInput):
        library.articles.edit(three[0], **changes)
    assert library.articles.get(three[0]) == before


def test_unknown_ids(library: Library) -> None:
    with pytest.raises(NotFound):
        library.articles.get(42)
    with pytest.raises(NotFound):
        library.articles.edit(42, title="x")


def test_delete_removes_articles_with_their_annotations(library: Library, three: list[int]) -> None:
    with library.transaction() as conn:
        conn.execute(
            'INSERT INTO annotations (article_id, kind, start, "end", quote, created_at) '
            "VALUES (?, 'highlight', 0, 5, 'First', 'now')",
            (three[0],),
        )
    assert library.articles.deletion_preview(three[0]).annotations == 1
    deleted = library.articles.delete([three[0], three[1]])
    assert [(d.id, d.annotations) for d in deleted] == [(three[0], 1), (three[1], 0)]
    assert library.articles.count() == 1
    count = library.connection().execute("SELECT count(*) FROM annotations").fetchone()[0]
    assert count == 0


def test_deleting_an_unknown_id_deletes_nothing(library: Library, three: list[int]) -> None:
    with pytest.raises(NotFound):
        library.articles.delete([three[0], 999])
    assert library.articles.count() == 3


def test_ids_filter_by_words_tag_and_actor(library: Library, three: list[int]) -> None:
    from briefing.core.annotations.service import Span

    assert library.articles.ids(contains="story ALPHA") == [three[0]]
    assert library.articles.ids(contains="100%") == []  # literal, not a wildcard
    # The agency stands in for a missing outlet, as the lists show it, and only then.
    library.articles.edit(three[2], agency="Agence France-Presse")
    library.articles.edit(three[1], agency="France 24")
    assert library.articles.ids(contains="france") == [three[2]]
    library.tags.tag_article(three[1], ["Economy"])
    assert library.articles.ids(tag="economy") == [three[1]]
    actor = library.actors.add("Gamma Corp", kind="organisation")
    library.mentions.add(three[2], actor.id, Span(quote="Third body"))
    assert library.articles.ids(actor_id=actor.id) == [three[2]]
    assert [a.id for a in library.articles.list(actor_id=actor.id)] == [three[2]]
    assert library.articles.ids(sort="title", descending=True) == [three[2], three[1], three[0]]
