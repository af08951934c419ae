"""`briefing backup`, `backup list` and `restore`, run as a user would: real processes on a
real library, a second program holding it open, a file overwritten with random bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core import Library
from tests.conftest import wikinews_files


def briefing(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "news.sqlite"
    with Library.open(path) as lib:
        lib.load_sample()
        lib.imports.files(wikinews_files(5))
    return path


def test_back_up_list_and_restore_a_library_overwritten_with_random_bytes(
    library: Path,
) -> None:
    made = briefing(library, "backup")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("backed up to ") and "(6 articles, 6 claims," in made.stdout
    listed = json.loads(briefing(library, "backup", "list", "--json").stdout)
    assert [(b["kind"], b["articles"], b["claims"]) for b in listed] == [("manual", 6, 6)]
    assert set(listed[0]) >= {"name", "path", "date", "kind", "size", "articles", "claims"}
    table = briefing(library, "backup", "list").stdout.splitlines()
    assert table[0].split() == ["DATE", "KIND", "SIZE", "ARTICLES", "CLAIMS", "NAME"]
    assert listed[0]["name"] in table[1]

    garbage = os.urandom(300_000)
    library.write_bytes(garbage)
    refused = briefing(library, "list")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "damaged" in refused.stderr and listed[0]["name"] in refused.stderr
    assert library.read_bytes() == garbage

    restored = briefing(library, "restore", listed[0]["name"])
    assert restored.returncode == 0, restored.stderr
    assert "restored the backup of" in restored.stdout and "6 articles, 6 claims" in restored.stdout
    with Library.open(library) as lib:
        assert lib.articles.count() == 6 and len(lib.claims.list()) == 6
    kinds = {b["kind"]: b for b in json.loads(briefing(library, "backup", "list", "--json").stdout)}
    assert set(kinds) == {"manual", "damaged"}
    damaged = Path(kinds["damaged"]["path"])
    assert damaged.read_bytes() == garbage  # what was there is kept, byte for byte


def test_a_restore_is_refused_while_another_program_has_the_library_open(
    library: Path,
) -> None:
    name = json.loads(briefing(library, "backup", "--json").stdout)["name"]
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom briefing.core import Library\n"
            "library = Library.open(sys.argv[1], program='app')\n"
            "print('open', flush=True)\nsys.stdin.readline()\n",
            str(library),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = library.read_bytes()
        refused = briefing(library, "restore", name)
        assert refused.returncode == 2
        assert "is open in the Briefing app (process" in refused.stderr
        assert library.read_bytes() == before
    finally:
        holder.communicate("\n", timeout=30)
    assert briefing(library, "restore", name).returncode == 0


def test_restoring_the_backup_kept_before_a_restore_undoes_it(library: Path) -> None:
    first = json.loads(briefing(library, "backup", "--json").stdout)["name"]
    assert briefing(library, "tag", "1", "after the backup").returncode == 0
    report = json.loads(briefing(library, "restore", first, "--json").stdout)
    assert report["restored"]["name"] == first and report["kept"]["kind"] == "pre-restore"
    assert "after the backup" not in briefing(library, "tag", "--list", "--json").stdout
    assert briefing(library, "restore", report["kept"]["name"]).returncode == 0
    assert "after the backup" in briefing(library, "tag", "--list", "--json").stdout


def test_restore_refuses_what_is_not_a_good_backup(library: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake.sqlite"
    fake.write_bytes(os.urandom(10_000))
    before = library.read_bytes()
    for given in ("news-20200101T000000Z-daily.sqlite", str(fake), str(library)):
        result = briefing(library, "restore", given)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, given
    assert library.read_bytes() == before
