"""The claims table's rows: every claim in one flat listing, filtered and sorted in the core.

The worked example plus `add_second_articles` (a Reuters piece dated only to the month, a
piece whose year is unknown holding an orphan and a claim nobody is named for, and an
undated one), so dates of every precision and empty values are all present.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from briefing.core import Library
from briefing.core.anchoring.selectors import Selector
from briefing.core.annotations.service import Span
from briefing.core.claims.row_order import (
    NO_SPEAKER,
    UNGRADED,
    ClaimFilter,
    filter_rows,
    sort_rows,
)
from briefing.core.claims.rows import ClaimRow, claim_rows, fold
from briefing.core.sample import SampleLoaded, load_sample

CURBS_TITLE = "Beijing vows countermeasures over chip curbs"
CURBS = (
    "BEIJING, Dec 16 (Reuters) - China's commerce ministry said on Thursday that the new "
    "export curbs were “a naked act of economic bullying”.\n\n"
    "A ministry spokesman said Beijing would take all necessary measures to protect Chinese "
    "firms.\n\n"
    "Analysts at Société Générale said the curbs would hit chip suppliers hardest.\n"
)
NOTES = "Market notes\n\nTraders expect volatility to persist into the new year.\n"
UNDATED = "Wire brief\n\nThe listing may be revived next spring, people familiar said.\n"


@dataclass(frozen=True)
class Extra:
    curbs: int  # article ids
    notes: int
    undated: int
    bullying: int  # claim ids
    measures: int
    suppliers: int
    volatility: int
    orphan: int
    revived: int


def _article(library: Library, name: str, text: str, **details: str) -> int:
    (result,) = library.imports.texts([(name, text.encode())])
    assert result.status == "imported"
    if details:
        library.articles.edit(result.id, **details)
    return result.id


def add_second_articles(library: Library) -> Extra:
    """Three more articles with claims, next to the worked example (load it first)."""
    curbs = _article(library, "curbs.txt", CURBS, outlet="Reuters", date="2021-12")
    notes = _article(library, "notes.txt", NOTES, outlet="Market Wire", date="--12-15")
    undated = _article(library, "undated.txt", UNDATED)
    library.actors.add("Société Générale", kind="organisation")
    add = library.claims.add
    bullying = add(
        curbs,
        Span(quote="a naked act of economic bullying"),
        speaker="China",
        about=["United States"],
        grade=4,
        tags=["export controls"],
    ).id
    measures = add(
        curbs,
        Span(quote="Beijing would take all necessary measures to protect Chinese firms"),
        speaker="China",
        status="asserted",
    ).id
    suppliers = add(
        curbs,
        Span(quote="the curbs would hit chip suppliers hardest"),
        speaker="Société Générale",
        status="corroborated",
        grade=2,
    ).id
    volatility = add(notes, Span(quote="Traders expect volatility to persist"), grade=5).id
    gone = "The listing will go ahead as planned"
    orphan = add(
        notes,
        Span(placed=Selector(0, len(gone), gone, "", ""), orphaned=True),
        speaker="SenseTime",
        status="retracted",
    ).id
    revived = add(undated, Span(quote="The listing may be revived next spring"), grade=3).id
    return Extra(curbs, notes, undated, bullying, measures, suppliers, volatility, orphan, revived)


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def extra(library: Library, sample: SampleLoaded) -> Extra:
    return add_second_articles(library)


def ids(rows: list[ClaimRow]) -> list[int]:
    return [row.id for row in rows]


def test_rows_carry_what_the_table_shows(library: Library, sample: SampleLoaded) -> None:
    rows = {row.id: row for row in claim_rows(library)}
    assert set(rows) == set(sample.claims.values())
    c1 = rows[sample.claims["c1"]]
    assert c1.quote.startswith("SenseTime's facial recognition programmes")
    assert c1.speaker is not None and c1.speaker_name == "US Treasury"
    assert c1.about_names == "SenseTime, Uighurs"
    assert (c1.status, c1.grade, c1.orphaned) == ("disputed", 3, False)
    assert c1.article_id == sample.article_id
    assert c1.article_title == "SenseTime postpones IPO after US blacklisting"
    assert c1.outlet == "AFP"
    assert c1.date is not None and c1.date.iso() == "2021-12-14"
    assert c1.tags == ("surveillance", "Xinjiang")
    assert c1.article_tags == ("IPO", "sanctions", "Xinjiang")
    assert rows[sample.claims["c6"]].about == ()


def test_partial_dates_orphans_and_empty_values(library: Library, extra: Extra) -> None:
    rows = {row.id: row for row in claim_rows(library)}
    assert rows[extra.bullying].date.iso() == "2021-12"
    assert rows[extra.orphan].date.iso() == "--12-15"
    assert rows[extra.revived].date is None
    assert rows[extra.revived].outlet == ""
    assert rows[extra.orphan].orphaned and rows[extra.orphan].status == "retracted"
    assert rows[extra.volatility].speaker is None and rows[extra.volatility].speaker_name == ""
    assert rows[extra.measures].grade is None


def test_reading_order_dated_articles_first(library: Library, sample, extra: Extra) -> None:
    order = ids(claim_rows(library))
    # 2021-12 starts before 2021-12-14; the yearless and the undated articles come last, and
    # the orphan after its article's placed claims.
    assert order[:3] == [extra.bullying, extra.measures, extra.suppliers]
    assert set(order[3:9]) == set(sample.claims.values())
    assert order[9:] == [extra.volatility, extra.orphan, extra.revived]


def test_sort_by_date_places_partial_dates_and_keeps_empty_last(library, sample, extra) -> None:
    rows = claim_rows(library)
    up = ids(sort_rows(rows, "date"))
    assert up[:3] == [extra.bullying, extra.measures, extra.suppliers]  # 2021-12
    assert set(up[3:9]) == set(sample.claims.values())  # 2021-12-14
    assert up[9:] == [extra.volatility, extra.orphan, extra.revived]  # --12-15, then none
    down = ids(sort_rows(rows, "date", descending=True))
    assert set(down[:6]) == set(sample.claims.values())
    assert down[6:9] == [extra.bullying, extra.measures, extra.suppliers]  # ties keep order
    assert down[9:] == [extra.volatility, extra.orphan, extra.revived]


def test_sort_by_grade_is_numeric_with_ungraded_last(library, sample, extra) -> None:
    rows = claim_rows(library)
    grades = [row.grade for row in sort_rows(rows, "grade")]
    assert grades == sorted(g for g in grades if g is not None) + [None, None]
    down = [row.grade for row in sort_rows(rows, "grade", descending=True)]
    assert down[0] == 6 and down[-2:] == [None, None]


def test_sort_by_speaker_folds_case_and_accents(library, sample, extra) -> None:
    names = [row.speaker_name for row in sort_rows(claim_rows(library), "speaker")]
    assert names[:2] == ["China", "China"]
    assert (
        names.index("SenseTime")
        < names.index("Société Générale")
        < names.index("UN experts and researchers")
    )
    assert names[-1] == ""


def test_search_is_case_and_accent_insensitive(library, sample, extra) -> None:
    rows = claim_rows(library)

    def found(text: str) -> set[int]:
        return set(ids(filter_rows(rows, ClaimFilter(text=text))))

    assert found("societe generale") == {extra.suppliers}  # the speaker, without accents
    assert found("BULLYING") == {extra.bullying}
    assert found("china's military") == {sample.claims["c5"]}  # typed ' finds ’
    assert found("reuters curbs") == {extra.bullying, extra.measures, extra.suppliers}
    assert found("export controls") == {extra.bullying}  # a tag
    assert sample.claims["c4"] in found("united states")  # a subject
    assert found("nothing like this") == set()
    assert len(found("  ")) == len(rows)
    assert fold("Économie “Straße”") == 'economie "strasse"'


def test_choosers_narrow(library, sample, extra) -> None:
    rows = claim_rows(library)

    def kept(**wanted) -> set[int]:
        return set(ids(filter_rows(rows, ClaimFilter(**wanted))))

    china = library.actors.resolve("China").id
    assert kept(speaker_id=china) == {extra.bullying, extra.measures}
    assert kept(speaker_id=NO_SPEAKER) == {extra.volatility, extra.revived}
    assert kept(status="disputed") == {sample.claims["c1"], sample.claims["c5"]}
    assert kept(grade=3) == {sample.claims[k] for k in ("c1", "c4", "c5")} | {extra.revived}
    assert kept(grade=UNGRADED) == {extra.measures, extra.orphan}
    # A tag on the claim or on its article; case and a leading # do not matter.
    assert kept(tag="#xinjiang") == set(sample.claims.values())
    assert kept(tag="surveillance") == {sample.claims["c1"]}
    assert kept(status="asserted", speaker_id=china, text="bullying") == {extra.bullying}


def test_empty_library_has_no_rows(library: Library) -> None:
    assert claim_rows(library) == []


def test_rows_read_apart_sort_back_into_the_order_of_one_read(
    library: Library, extra: Extra
) -> None:
    """A view that re-reads a few rows puts them where a full read would: by reading_order
    (dated before undated, by date, by article, placed before orphaned, by position)."""
    everything = claim_rows(library)
    apart = [row for i in reversed(ids(everything)) for row in claim_rows(library, [i])]
    assert apart == list(reversed(everything))  # the same values, read one at a time
    assert sorted(apart, key=lambda row: row.reading_order) == everything
