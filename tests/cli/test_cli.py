"""The command line, driven as a user and a script would: real files, real library."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing.cli import main
from briefing.core import Kind, Library, journal
from briefing.core.migrate import latest_version
from tests.conftest import SAMPLE, WIKINEWS

KOSZALIN = (
    WIKINEWS / "wikinews-2019-01-05-escape-room-fire-kills-five-teen-girls-in-koszalin-poland.txt"
)


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


def run(lib: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--library", str(lib), *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(lib: Path, *args: str, capsys: pytest.CaptureFixture[str]):
    code, out, err = run(lib, *args, "--json", capsys=capsys)
    assert code == 0, err
    return json.loads(out)


def briefing(*args: str, stdin: bytes | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version_and_module_entry_point() -> None:
    result = briefing("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"briefing {__version__}"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "import" in out and "search" in out and "brief" in out
    assert "With no command, briefing opens the desktop app" in " ".join(out.split())


def test_no_subcommand_without_a_display_says_so(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--library", str(tmp_path / "x.sqlite")],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode().startswith("briefing: no display")
    assert not (tmp_path / "x.sqlite").exists()


def test_a_library_created_by_the_cli_starts_empty(lib, capsys) -> None:
    assert run_json(lib, "list", capsys=capsys) == []
    assert lib.exists()


def test_import_then_show_the_worked_example(lib, capsys) -> None:
    (result,) = run_json(lib, "import", str(SAMPLE), capsys=capsys)
    assert set(result) >= {"path", "status", "id", "reason"}
    assert (result["status"], result["reason"]) == ("imported", None)
    shown = run_json(lib, "show", str(result["id"]), capsys=capsys)
    for key in (
        "id",
        "title",
        "outlet",
        "agency",
        "dateline",
        "date",
        "url",
        "imported_at",
        "text",
    ):
        assert key in shown
    assert shown["text"] == SAMPLE.read_text("utf-8").strip()
    assert (shown["agency"], shown["dateline"], shown["date"]) == ("AFP", "HONG KONG", "--12-14")
    assert shown["date_parts"] == {"year": None, "month": 12, "day": 14}
    assert shown["url"] is None and shown["outlet"] is None


def test_a_batch_with_bad_inputs(lib, tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(
        lib,
        "import",
        str(SAMPLE),
        str(empty),
        str(tmp_path / "nope.txt"),
        str(SAMPLE),
        "--json",
        capsys=capsys,
    )
    assert code == 2  # some input failed; the rest was imported
    results = json.loads(out)
    assert [r["status"] for r in results] == ["imported", "failed", "failed", "duplicate"]
    assert results[3]["id"] == results[0]["id"]
    assert results[1]["reason"] == "the file is empty"
    code, out, err = run(lib, "import", str(empty), capsys=capsys)
    assert code == 2
    assert err.strip() == f"briefing: {empty}: the file is empty"


def test_import_text_output_and_summary(lib, capsys) -> None:
    code, out, err = run(lib, "import", str(KOSZALIN), str(SAMPLE), capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("imported") and "Escape room fire kills five teen girls" in lines[0]
    assert lines[0].endswith(f"({KOSZALIN})")
    assert lines[-1] == "2 imported, 0 duplicate, 0 failed"
    assert err == ""  # no progress bar when not on a terminal


def test_ctrl_c_during_an_import_keeps_what_was_imported_and_says_how_much(
    lib: Path, tmp_path: Path
) -> None:
    """A real process, a real SIGINT once the first batch is reported (the import commits
    as it goes): exit 130, a line saying how many articles stay, and the library whole."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    body = KOSZALIN.read_text("utf-8").partition("\n\n")[2]
    for i in range(5_000):
        (folder / f"{i:05d}.txt").write_text(
            f"Story {i}\n\nWARSAW, Jan {1 + i % 28}, {1000 + i} - {body}"
        )
    with subprocess.Popen(
        [sys.executable, "-m", "briefing", "--library", str(lib), "import", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # Ctrl+C as a terminal sends it: a test run started in the background by a shell
        # (`bash .ci/run &`, nohup) has SIGINT ignored, the child would inherit that, and
        # Python installs no KeyboardInterrupt for a signal ignored when it starts.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline().decode()
        assert first.startswith("imported"), first
        process.send_signal(signal.SIGINT)
        out = first + process.stdout.read().decode()  # stderr holds a line or two
        err = process.stderr.read()
        assert process.wait(timeout=60) == 130, err.decode()
    printed = sum(line.startswith("imported") for line in out.splitlines())
    stored = sqlite3.connect(lib).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored < 5_000
    assert 1 <= printed <= stored  # a line is printed once its article is committed
    assert err.decode().splitlines()[-1] == (
        f"briefing: interrupted; kept what was imported before it stopped ({stored} articles)"
    )
    with Library.open(lib) as library:  # and the library is whole
        assert journal.is_consistent(library.connection())
        assert library.changes_since(0).added_ids(Kind.ARTICLE) == {
            a.id for a in library.articles.list(limit=5_000)
        }


def test_import_from_standard_input_with_metadata(lib) -> None:
    result = briefing(
        "--library",
        str(lib),
        "import",
        "-",
        "--title",
        "SenseTime postpones IPO",
        "--outlet",
        "The Star",
        "--date",
        "2021-12-14",
        "--url",
        "https://t.test/a",
        "--json",
        stdin=SAMPLE.read_bytes(),
    )
    assert result.returncode == 0, result.stderr
    (imported,) = json.loads(result.stdout)
    assert imported["path"] == "-" and imported["status"] == "imported"
    shown = json.loads(
        briefing("--library", str(lib), "show", str(imported["id"]), "--json").stdout
    )
    assert shown["title"] == "SenseTime postpones IPO"
    assert (shown["outlet"], shown["date"], shown["url"]) == (
        "The Star",
        "2021-12-14",
        "https://t.test/a",
    )


def test_title_is_for_one_input_only(lib, capsys) -> None:
    code, out, err = run(lib, "import", str(SAMPLE), str(SAMPLE), "--title", "x", capsys=capsys)
    assert code == 2
    assert err.count("\n") == 1 and "--title" in err
    assert not lib.exists() or run_json(lib, "list", capsys=capsys) == []


def test_list_and_search_json_keys(lib, capsys) -> None:
    assert "sanction" not in KOSZALIN.read_text("utf-8").lower()
    run(lib, "import", str(SAMPLE), str(KOSZALIN), capsys=capsys)
    listed = run_json(lib, "list", capsys=capsys)
    assert len(listed) == 2
    for row in listed:
        assert set(row) >= {"id", "title", "outlet", "date"}
    hits = run_json(lib, "search", "sanction*", capsys=capsys)
    assert len(hits) == 1
    assert set(hits[0]) >= {"id", "title", "outlet", "date", "snippet", "score"}
    assert "**sanctions**" in hits[0]["snippet"]
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end] == "sanctions"


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR", "*", "NEAR(", "'; DROP TABLE articles; --", ""]
)
def test_search_never_fails_on_syntax(lib, capsys, query: str) -> None:
    run(lib, "import", str(SAMPLE), capsys=capsys)
    code, out, err = run(lib, "search", query, "--json", capsys=capsys)
    assert code == 0, err
    assert isinstance(json.loads(out), list)
    assert err == ""


def test_no_hits_is_an_empty_list_and_exit_0(lib, capsys) -> None:
    run(lib, "import", str(SAMPLE), capsys=capsys)
    assert run_json(lib, "search", "IPO NOT Xinjiang", capsys=capsys) == []
    code, out, err = run(lib, "search", "IPO NOT Xinjiang", capsys=capsys)
    assert (code, out) == (0, "")
    assert "Nothing matches" in err


def test_search_filters_and_limit(lib, capsys) -> None:
    run(lib, "import", str(SAMPLE), "--outlet", "The Star", "--date", "2021-12-14", capsys=capsys)
    assert len(run_json(lib, "search", "SenseTime", "--outlet", "the star", capsys=capsys)) == 1
    assert run_json(lib, "search", "SenseTime", "--since", "2022", capsys=capsys) == []
    assert len(run_json(lib, "search", "SenseTime", "--until", "2021-12", capsys=capsys)) == 1
    assert len(run_json(lib, "search", "SenseTime", "--since", "Dec 2021", capsys=capsys)) == 1
    assert run_json(lib, "search", "SenseTime", "--until", "13 Dec 2021", capsys=capsys) == []
    assert run_json(lib, "search", "SenseTime", "--until", "Nov 2021", capsys=capsys) == []
    code, _, err = run(lib, "search", "x", "--since", "last week", capsys=capsys)
    assert code == 2 and err.startswith("briefing: --since:")
    code, _, err = run(lib, "search", "x", "--limit", "0", capsys=capsys)
    assert code == 2 and err.count("\n") == 1


def test_article_edit(lib, capsys) -> None:
    (result,) = run_json(lib, "import", str(SAMPLE), capsys=capsys)
    edited = run_json(
        lib,
        "article",
        "edit",
        str(result["id"]),
        "--title",
        "SenseTime IPO",
        "--date",
        "2021-12-14",
        capsys=capsys,
    )
    assert (edited["title"], edited["date"]) == ("SenseTime IPO", "2021-12-14")
    code, _, err = run(lib, "article", "edit", str(result["id"]), "--date", "14/12", capsys=capsys)
    assert code == 2 and err.startswith("briefing: cannot read the date")
    assert run_json(lib, "show", str(result["id"]), capsys=capsys)["date"] == "2021-12-14"
    code, _, err = run(lib, "article", "edit", str(result["id"]), capsys=capsys)
    assert code == 2 and "nothing to change" in err


def test_errors_are_one_line_and_exit_2(lib, capsys) -> None:
    for args in (
        ["show", "99"],
        ["show", "abc"],
        ["delete", "99", "--yes"],
        ["frobnicate"],
        ["article", "edit", "99", "--title", "x"],
    ):
        code, out, err = run(lib, *args, capsys=capsys)
        assert code == 2, args
        assert err.startswith("briefing: ") and err.count("\n") == 1, (args, err)


def test_a_library_that_is_not_sqlite_is_left_untouched(tmp_path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    code, _, err = run(notes, "list", capsys=capsys)
    assert code == 2 and "not an SQLite database" in err
    assert notes.read_text() == "not a database"


def test_a_library_from_a_newer_briefing_is_refused_and_left_untouched(lib, capsys) -> None:
    assert run(lib, "import", str(SAMPLE), capsys=capsys)[0] == 0
    newer = sqlite3.connect(lib)
    newer.execute("PRAGMA journal_mode = DELETE")
    newer.execute(f"PRAGMA user_version = {latest_version() + 1}")
    newer.close()
    before = lib.read_bytes()
    code, out, err = run(lib, "list", capsys=capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"briefing: {lib} was written by a newer version of Briefing")
    assert lib.read_bytes() == before
    assert sorted(p.name for p in lib.parent.iterdir()) == [lib.name]


def test_delete_asks_and_refuses_without_a_terminal(lib, capsys) -> None:
    (result,) = run_json(lib, "import", str(SAMPLE), capsys=capsys)
    deleted = briefing("--library", str(lib), "delete", str(result["id"]), stdin=b"y\n")
    assert deleted.returncode == 2
    assert b"--yes" in deleted.stderr
    assert len(run_json(lib, "list", capsys=capsys)) == 1
    gone = run_json(lib, "delete", str(result["id"]), "--yes", capsys=capsys)
    assert gone == [
        {"id": result["id"], "uid": result["uid"], "title": result["title"], "annotations": 0}
    ]
    assert run_json(lib, "list", capsys=capsys) == []


def test_library_from_the_environment(tmp_path) -> None:
    env = {"BRIEFING_LIBRARY": str(tmp_path / "env.sqlite")}
    assert briefing("import", str(SAMPLE), env=env).returncode == 0
    assert (tmp_path / "env.sqlite").exists()


def test_odd_encodings_through_the_cli(lib, tmp_path, capsys) -> None:
    latin1 = tmp_path / "fined.txt"
    latin1.write_bytes(
        (
            "Club fined\n\nThe club was fined £30,000 on Friday. It said it would not appeal "
            "against the fine, which the league set after the match in March."
        ).encode("latin-1")
    )
    (result,) = run_json(lib, "import", str(latin1), capsys=capsys)
    assert "£30,000" in run_json(lib, "show", str(result["id"]), capsys=capsys)["text"]


def test_every_json_record_carries_its_uid(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Articles, annotations, claims, actors, sources, tags and briefings: each record a
    script sees has a stable uid beside its local id, the same however it is reached."""
    run(lib, "sample", capsys=capsys)
    run(lib, "brief", "new", "Weekly", capsys=capsys)
    run(lib, "tag", "1", "ipo", capsys=capsys)
    records = {
        "article list": run_json(lib, "list", capsys=capsys),
        "article": [run_json(lib, "show", "1", capsys=capsys)],
        "claims": run_json(lib, "claims", capsys=capsys),
        "actors": run_json(lib, "actor", "list", capsys=capsys),
        "sources": run_json(lib, "source", "list", capsys=capsys),
        "tags": run_json(lib, "tag", "--list", capsys=capsys),
        "briefings": run_json(lib, "brief", "list", capsys=capsys),
        "search": run_json(lib, "search", "SenseTime", capsys=capsys),
    }
    seen: dict[tuple[str, int], str] = {}
    for where, rows in records.items():
        assert rows, where
        for row in rows:
            uid = row["uid"]
            assert isinstance(uid, str) and len(uid) == 36, (where, row)
    for hit in records["search"]:
        seen[(hit["kind"], hit["id"])] = hit["uid"]
    article = records["article"][0]
    assert seen.get(("article", article["id"])) in (None, article["uid"])
    claims = {c["id"]: c["uid"] for c in records["claims"]}
    assert all(claims[i] == u for (kind, i), u in seen.items() if kind == "claim")


def test_source_add_refuses_a_url_that_could_run_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib.sqlite"
    for bad in ("JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "java&#115;cript:x"):
        code, out, err = run(lib, "source", "add", "--title", "Bad", "--url", bad, capsys=capsys)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "must start with http://, https:// or mailto:" in err
    assert run_json(lib, "source", "list", capsys=capsys) == []
    code, out, _ = run(
        lib, "source", "add", "--title", "Good", "--url", "https://a.example/?a=1&b=2",
        capsys=capsys,
    )  # fmt: skip
    assert code == 0 and out.strip() == "1"


def test_whoami_shows_sets_and_resets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "lib.sqlite"
    shown = run_json(lib, "whoami", capsys=capsys)
    assert shown["from"] == "account" and shown["user_name"]
    code, out, _ = run(lib, "whoami", capsys=capsys)
    assert code == 0 and out.startswith(shown["user_name"]) and "whoami NAME" in out
    code, out, _ = run(lib, "whoami", "A. Analyst", capsys=capsys)
    assert (code, out) == (0, "A. Analyst\n")
    assert run_json(lib, "whoami", capsys=capsys) == {"user_name": "A. Analyst", "from": "library"}
    assert run_json(lib, "whoami", "", capsys=capsys)["from"] == "account"
