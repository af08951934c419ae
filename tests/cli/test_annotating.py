"""The worked example entered through the command line, as a reader at a terminal would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.bundled import resources_dir
from tests.conftest import SAMPLE

SPEC = json.loads((resources_dir() / "sample" / "worked-example.json").read_text("utf-8"))


class Cli:
    def __init__(self, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.library, self.capsys = library, capsys

    def __call__(self, *args: str, code: int = 0) -> str:
        result = main(["--library", str(self.library), *args])
        out, err = self.capsys.readouterr()
        assert result == code, (args, err)
        return out if code == 0 else err

    def json(self, *args: str):
        return json.loads(self(*args, "--json"))


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "cli.sqlite", capsys)


def enter_worked_example(cli: Cli) -> dict[str, int]:
    (imported,) = cli.json("import", str(SAMPLE), "--date", "2021-12-14")
    article = str(imported["id"])
    for actor in SPEC["actors"]:
        args = ["actor", "add", actor["name"], "--kind", actor["kind"]]
        for alias in actor.get("aliases", []):
            args += ["--alias", alias]
        assert cli(*args).strip().isdigit()  # a command that creates prints the id
        for alias in actor.get("article_aliases", []):
            cli("actor", "alias", actor["name"], alias, "--article", article)
    sources = {}
    for source in SPEC["sources"]:
        args = [
            "source",
            "add",
            "--title",
            source["title"],
            "--kind",
            source["kind"],
            "--publisher",
            source["publisher"],
            "--date",
            source["date"],
            "--grade",
            source["grade"],
        ]
        if source.get("article"):
            args += ["--article", article]
        sources[source["key"]] = cli(*args).strip()
    claims = {}
    for claim in SPEC["claims"]:
        args = [
            "claim",
            "add",
            article,
            "--quote",
            claim["quote"],
            "--speaker",
            claim["speaker"],
            "--status",
            claim["status"],
            "--grade",
            str(claim["grade"]),
        ]
        for actor in claim["about"]:
            args += ["--about", actor]
        for key, relation in claim["sources"]:
            args += ["--source", f"{sources[key]}:{relation}"]
        claims[claim["key"]] = int(cli(*args))
    for source_key, relation, target_key in SPEC["links"]:
        cli(
            "claim",
            "link",
            str(claims[source_key]),
            str(claims[target_key]),
            "--relation",
            relation,
        )
    return claims


def test_the_worked_example_through_the_cli(cli: Cli) -> None:
    ids = enter_worked_example(cli)
    listed = {c["id"]: c for c in cli.json("claims")}
    assert len(listed) == 6
    for claim in SPEC["claims"]:
        got = listed[ids[claim["key"]]]
        for key in (
            "id",
            "article",
            "quote",
            "start",
            "end",
            "orphaned",
            "speaker",
            "about",
            "status",
            "grade",
            "sources",
            "tags",
        ):
            assert key in got
        assert (got["quote"], got["speaker"], sorted(got["about"])) == (
            claim["quote"],
            claim["speaker"],
            sorted(claim["about"]),
        )
        assert (got["status"], got["grade"], got["orphaned"]) == (
            claim["status"],
            claim["grade"],
            False,
        )
        assert len(got["sources"]) == len(claim["sources"])
    treasury, denial = listed[ids["c1"]], listed[ids["c2"]]
    assert {(s["title"], s["relation"], s["grade"]) for s in treasury["sources"]} == {
        ("SenseTime postpones IPO after US blacklisting", "cites", "B"),
        ("US Treasury announcement of the designation", "supports", "A"),
    }
    assert denial["links"] == [
        {"claim": treasury["id"], "relation": "contradicts", "direction": "to"}
    ]
    actors = {a["name"]: a for a in cli.json("actor", "list")}
    assert set(actors) == {a["name"] for a in SPEC["actors"]}
    assert {a["alias"] for a in actors["United States"]["aliases"]} == {"US", "Washington"}
    assert {a["grade"] for a in cli.json("source", "list")} == {"A", "B", "C"}
    shown = cli.json("actor", "show", "Washington")
    assert [c["quote"] for c in shown["claims_made"]] == [SPEC["claims"][4]["quote"]]


def test_filters_of_the_claims_listing(cli: Cli) -> None:
    enter_worked_example(cli)
    assert len(cli.json("claims", "--actor", "SenseTime")) == 4  # made 2, about 2
    assert len(cli.json("claims", "--status", "disputed")) == 2
    cli("tag", "--claim", "1", "Xinjiang")
    assert [c["id"] for c in cli.json("claims", "--tag", "xinjiang")] == [1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claim", "add", "1", "--quote", "not in the article"], "not in the article"),
        (["claim", "add", "1", "--quote", "SenseTime"], "--occurrence"),
        (["claim", "add", "1", "--quote", "Wang Wenbin", "--grade", "9"], "outside 1 to 6"),
        (["claim", "add", "1", "--quote", "Wang Wenbin", "--speaker", "Nobody"], "no actor"),
        (
            ["claim", "add", "1", "--quote", "Wang Wenbin", "--about", "Karl Otto Poehl"],
            "add it first with: briefing actor add 'Karl Otto Poehl'",
        ),
        (["claim", "edit", "1", "--speaker", "Nobody"], "briefing actor add Nobody"),
        (["claim", "add", "99", "--quote", "x"], "no article"),
        (["actor", "merge", "China", "Beijing"], "itself"),
        (["actor", "add", "X", "--kind", "alien"], "unknown actor kind"),
        (["source", "add", "--title", "S", "--grade", "Z"], "A to F"),
        (["claim", "link", "1", "1", "--relation", "supports"], "itself"),
        (["actor", "delete", "SenseTime", "--yes"], "speaker or subject of 4 claims"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(cli: Cli, args, message) -> None:
    enter_worked_example(cli)
    before = cli.json("claims"), cli.json("actor", "list"), cli.json("source", "list")
    err = cli(*args, code=2)
    assert err.startswith("briefing: ") and err.count("\n") == 1 and message in err
    assert (cli.json("claims"), cli.json("actor", "list"), cli.json("source", "list")) == before


def test_suggest_accept_reject_and_mention(cli: Cli) -> None:
    enter_worked_example(cli)
    suggestions = cli.json("actor", "suggest", "1")
    assert suggestions and set(suggestions[0]) >= {"id", "actor", "article", "start", "end", "text"}
    first, second = suggestions[0]["id"], suggestions[1]["id"]
    (mention,) = cli.json("actor", "accept", str(first))
    assert mention["actor"] == suggestions[0]["actor"]
    cli("actor", "reject", str(second))
    remaining = {s["id"] for s in cli.json("actor", "suggest", "1")}
    assert first not in remaining and second not in remaining
    assert cli("actor", "mention", "1", "Wang Wenbin", "--quote", "Wang Wenbin").strip().isdigit()


def test_deleting_an_actor_deletes_its_mentions_when_told_to(cli: Cli) -> None:
    enter_worked_example(cli)
    for actor in ("Tang Xiao'ou", "SenseTime"):
        mention = cli("actor", "mention", "1", actor, "--quote", actor, "--occurrence", "1")
        assert mention.strip().isdigit()

    def state() -> tuple[object, object]:
        page = cli.json("annotations", "export", "1")
        page.pop("generated")  # the time of the export: a second may pass between two
        return cli.json("actor", "list"), page

    before = state()
    tang = next(a["id"] for a in before[0] if a["name"] == "Tang Xiao'ou")

    # Without a terminal to ask on, mentions the reader made are not deleted unasked.
    err = cli("actor", "delete", "Tang Xiao'ou", code=2)
    assert err == (
        'briefing: not deleting without confirmation: "Tang Xiao\'ou" has 1 mention, '
        "deleted with it; add --yes\n"
    )
    assert state() == before

    out = cli("actor", "delete", "Tang Xiao'ou", "--yes")
    assert out == f"deleted actor {tang}: Tang Xiao'ou and its 1 mention\n"
    items = cli.json("annotations", "export", "1")["items"]
    assert [i["briefing:kind"] for i in items].count("mention") == 1  # SenseTime's
    assert len(items) == len(before[1]["items"]) - 1
    assert "Tang Xiao'ou" not in {a["name"] for a in cli.json("actor", "list")}


def test_update_and_w3c_round_trip_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    enter_worked_example(cli)
    corrected = tmp_path / "corrected.txt"
    corrected.write_text("Editor's note: corrected.\n\n" + SAMPLE.read_text("utf-8"))
    report = cli.json("article", "update", "1", str(corrected))
    assert (report["moved"], report["orphaned"]) == (6, 0)
    out = tmp_path / "annotations.jsonld"
    cli("annotations", "export", "1", "--format", "w3c", "-o", str(out))
    other = Cli(tmp_path / "other.sqlite", cli.capsys)
    other("import", str(corrected))
    imported = other.json("annotations", "import", str(out))
    assert imported["imported"] == 6 and imported["unplaced"] == []
    assert [c["quote"] for c in other.json("claims")] == [c["quote"] for c in cli.json("claims")]
    err = cli("annotations", "export", "1", "-o", str(tmp_path / "no" / "such" / "file"), code=2)
    assert "does not exist" in err


def test_a_quote_typed_on_one_line_is_found_across_the_articles_line_breaks(
    cli: Cli, tmp_path: Path
) -> None:
    """Wire copy is hard-wrapped and keeps its line breaks, which the reader shows as spaces:
    a quote copied from the reader has a space where the file breaks the line."""
    wire = tmp_path / "poehl.txt"
    wire.write_text(
        "POEHL SAYS RATE RISES NOT WANTED\n\n"
        "    FRANKFURT, March 3 - Bundesbank President Karl Otto Poehl said\n"
        "the Bundesbank has no interest in higher capital market rates,\n"
        "adding that    the recent rise\nwas not welcome.\n",
        "utf-8",
    )
    (imported,) = cli.json("import", str(wire))
    cli("actor", "add", "Karl Otto Poehl", "--kind", "person")
    quote = "the Bundesbank has no interest in higher capital market rates"
    claim = cli.json(
        "claim", "add", str(imported["id"]), "--quote", quote, "--speaker", "Karl Otto Poehl"
    )
    assert claim["quote"].split() == quote.split()
    spaced = cli.json("claim", "add", str(imported["id"]), "--quote", "that the recent rise was")
    assert spaced["quote"].split() == "that the recent rise was".split()
    err = cli("claim", "add", str(imported["id"]), "--quote", "rise was welcome", code=2)
    assert "not in the article" in err
