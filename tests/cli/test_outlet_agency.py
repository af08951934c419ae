"""The command line's outlet filters (search --outlet, list --outlet) find what `list` and
`show` show as an article's outlet: its outlet, or its agency when it has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run, run_json


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


def test_the_outlet_filter_finds_a_wire_text_by_the_agency_it_shows(lib, tmp_path, capsys) -> None:
    """A Reuters wire text imported without an outlet shows "Reuters" as its outlet; the
    outlet filters of search and list find it there (any case), and an article with an
    outlet of its own is found by that outlet, not by its agency."""
    wire = "BANK RATES\n\nLONDON, March 3 - The bank cut its rates, dealers said.\n Reuter\n"
    (tmp_path / "wire.txt").write_text(wire)
    (tmp_path / "own.txt").write_text(wire.replace("cut", "raised"))
    (alone,) = run_json(lib, "import", str(tmp_path / "wire.txt"), capsys=capsys)
    (own,) = run_json(lib, "import", str(tmp_path / "own.txt"), "--outlet", "FT", capsys=capsys)
    shown = run_json(lib, "show", str(alone["id"]), capsys=capsys)
    assert (shown["outlet"], shown["agency"]) == (None, "Reuters")
    for outlet in ("Reuters", "reuters"):
        hits = run_json(lib, "search", "bank", "--outlet", outlet, capsys=capsys)
        assert [hit["id"] for hit in hits] == [alone["id"]]
        listed = run_json(lib, "list", "--outlet", outlet, capsys=capsys)
        assert [row["id"] for row in listed] == [alone["id"]]
    hits = run_json(lib, "search", "bank", "--outlet", "ft", capsys=capsys)
    assert [hit["id"] for hit in hits] == [own["id"]]
    code, out, _ = run(lib, "list", "--outlet", "REUTERS", capsys=capsys)
    assert code == 0 and "Reuters" in out and "BANK RATES" in out


def test_a_hit_shows_the_agency_where_it_has_no_outlet(lib, tmp_path, capsys) -> None:
    """As the lists do: search's hit line named no outlet for a wire text ("[2021-12-14]")
    where the list showed its agency; its JSON keeps "outlet" as stored and adds "agency"."""
    wire = "BANK RATES\n\nLONDON, March 3 - The bank cut its rates, dealers said.\n Reuter\n"
    (tmp_path / "wire.txt").write_text(wire)
    run_json(lib, "import", str(tmp_path / "wire.txt"), capsys=capsys)
    code, out, _ = run(lib, "search", "bank", capsys=capsys)
    assert code == 0 and "BANK RATES  [Reuters" in out
    (hit,) = run_json(lib, "search", "bank", capsys=capsys)
    assert (hit["outlet"], hit["agency"]) == (None, "Reuters")
