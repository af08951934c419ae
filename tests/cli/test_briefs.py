"""`briefing brief ...` and `briefing export`, driven as a reader at a terminal would."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.test_annotating import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "cli.sqlite", capsys)


@pytest.fixture
def claims(cli: Cli) -> dict[str, int]:
    """The sample's claims, by their quote's first word (ids from `briefing claims`)."""
    cli("sample")
    return {c["quote"].split()[0]: c["id"] for c in cli.json("claims")}


def test_build_a_briefing(cli: Cli, claims: dict[str, int]) -> None:
    brief = cli("brief", "new", "SenseTime IPO", "--bluf", "Bottom line.", "--author", "A. A.")
    brief = brief.strip()
    assert brief.isdigit()  # a command that creates prints the id
    added = cli("brief", "add", brief, str(claims["SenseTime's"]), str(claims["more"]),
                "--section", "The designation").split()  # fmt: skip
    assert len(added) == 2 and all(i.isdigit() for i in added)
    note = cli("brief", "note", brief, "A *note*.", "--section", "Comment").strip()
    moved = cli.json("brief", "move", brief, note, "--to", "1", "--section", "the designation")
    assert (moved["id"], moved["position"], moved["kind"]) == (int(note), 1, "note")
    shown = cli.json("brief", "show", brief)
    assert [s["heading"] for s in shown["sections"]] == ["The designation", "Comment"]
    assert [i["kind"] for i in shown["sections"][0]["items"]] == ["note", "claim", "claim"]
    assert shown["sections"][0]["items"][1]["speaker"] == "US Treasury"
    removed = cli.json("brief", "remove", brief, added[1])
    assert removed["claim"] == claims["more"]
    (listed,) = cli.json("brief", "list")
    assert (listed["id"], listed["claims"], listed["sections"]) == (int(brief), 1, 2)
    assert "briefing 1: SenseTime IPO" in cli("brief", "show", brief)
    assert "SenseTime IPO" in cli("brief", "list")


def test_export_formats(cli: Cli, claims: dict[str, int], tmp_path: Path) -> None:
    brief = cli("brief", "new", "Export me").strip()
    cli("brief", "add", brief, *map(str, claims.values()), "--section", "All")
    markdown = cli("export", brief)
    assert markdown.startswith("# Export me\n") and markdown.count("]: S1 ") == 6
    assert "## Actors" not in cli("export", brief, "--no-actors")
    assert "[^" not in cli("export", brief, "--inline-citations")
    assert "reliability" not in cli("export", brief, "--no-grades")
    html = tmp_path / "brief.html"
    cli("export", brief, "--format", "html", "-o", str(html))
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    report = cli.json("export", brief, "--format", "csljson", "-o", str(tmp_path / "refs.json"))
    assert report["format"] == "csljson"
    items = json.loads((tmp_path / "refs.json").read_text("utf-8"))
    assert {i["type"] for i in items} >= {"article-newspaper"}
    assert json.loads(cli("export", brief, "--format", "csljson")) == items


def test_export_pandoc_and_claimreview(cli: Cli, claims: dict[str, int], tmp_path: Path) -> None:
    brief = cli("brief", "new", "Export me", "--author", "A. Analyst").strip()
    cli("brief", "add", brief, *map(str, claims.values()), "--section", "All")
    out = tmp_path / "brief.md"
    report = cli.json("export", brief, "--format", "pandoc", "-o", str(out))
    assert report["bibliography"] == str(tmp_path / "brief.csl.json")
    text = out.read_text("utf-8")
    assert text.startswith('---\ntitle: "Export me"\n') and 'bibliography: "brief.csl.json"' in text
    ids = {i["id"] for i in json.loads((tmp_path / "brief.csl.json").read_text("utf-8"))}
    assert ids and all(f"@{i}" in text for i in ids)
    assert "--format pandoc needs -o FILE" in cli("export", brief, "--format", "pandoc", code=2)
    reviews = json.loads(cli("export", brief, "--format", "claimreview"))
    assert len(reviews) == 6 and {r["@type"] for r in reviews} == {"ClaimReview"}
    assert {r["author"]["name"] for r in reviews} == {"A. Analyst"}
    cli("whoami", "Desk")
    listed = json.loads(cli("claims", "--actor", "SenseTime", "--format", "claimreview"))
    assert len(listed) == 4 and {r["author"]["name"] for r in listed} == {"Desk"}


def test_export_json_is_a_report_with_or_without_a_file(
    cli: Cli, claims: dict[str, int], tmp_path: Path
) -> None:
    brief = cli("brief", "new", "Report me").strip()
    cli("brief", "add", brief, *map(str, claims.values()))
    markdown = cli("export", brief)
    # No file: nothing is written anywhere, so the document travels in the report.
    report = cli.json("export", brief)
    assert report == {
        "briefing": int(brief),
        "format": "md",
        "output": None,
        "characters": len(markdown),
        "text": markdown,
    }
    csl = cli.json("export", brief, "--format", "csljson")
    assert json.loads(csl["text"]) == json.loads(cli("export", brief, "--format", "csljson"))
    # A file: the report says where, and leaves the document in the file.
    out = tmp_path / "brief.md"
    report = cli.json("export", brief, "-o", str(out))
    assert report == {
        "briefing": int(brief),
        "format": "md",
        "output": str(out),
        "characters": len(markdown),
    }
    assert out.read_text("utf-8") == markdown


def test_bad_input_exits_2_and_writes_nothing(
    cli: Cli, claims: dict[str, int], tmp_path: Path
) -> None:
    brief = cli("brief", "new", "B").strip()
    assert "no claim with id 999" in cli("brief", "add", brief, "999", code=2)
    assert "no briefing with id 42" in cli("brief", "add", "42", "1", code=2)
    assert "no briefing with id 42" in cli("export", "42", code=2)
    assert "has no item 77" in cli("brief", "remove", brief, "77", code=2)
    note = cli("brief", "note", brief, "x").strip()
    err = cli("brief", "move", brief, note, "--to", "5", code=2)
    assert err == "briefing: position 5 is outside 1 to 1 in that section\n"
    missing = tmp_path / "nowhere" / "out.md"
    assert "does not exist" in cli("export", brief, "-o", str(missing), code=2)
    assert not missing.parent.exists()
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        cli("export", brief, "-o", str(locked / "out.md"), code=2)
        assert list(locked.iterdir()) == []
    folder = tmp_path / "a-folder"
    folder.mkdir()
    cli("export", brief, "-o", str(folder), code=2)
    assert list(tmp_path.glob(".a-folder*")) == [] and folder.is_dir()
