"""The worked example's briefing as Pandoc Markdown with citations, through pandoc's citeproc
in two citation styles (tests/data/csl: Nature, numeric; Elsevier Harvard, author-date)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from briefing.core import Library
from briefing.core.sample import SampleLoaded
from tests.core.export.conftest import LAYOUT
from tests.core.export.test_structure import PANDOC

STYLES = Path(__file__).resolve().parents[2] / "data" / "csl"
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (.ci/run)")


def _written(library: Library, briefing: int, folder: Path) -> tuple[str, list[dict]]:
    text, csl = library.briefings.export_pandoc(briefing, bibliography="brief.csl.json")
    (folder / "brief.md").write_text(text, "utf-8")
    (folder / "brief.csl.json").write_text(csl, "utf-8")
    return text, json.loads(csl)


def test_citations_and_metadata(library: Library, sample: SampleLoaded, worked: int) -> None:
    text, csl = library.briefings.export_pandoc(worked, bibliography="brief.csl.json")
    head = text.split("\n---\n", 1)[0]
    assert head.startswith('---\ntitle: "SenseTime IPO and US sanctions"\n')
    assert '\nauthor:\n- "A\\\\. Analyst"\n' in head and '\ndate: "15 December 2021"' in head
    assert '\nbibliography: "brief.csl.json"' in head
    keys = re.findall(r"@([\w-]+)", text.split("\n---\n", 1)[1])
    ids = {item["id"] for item in json.loads(csl)}
    assert set(keys) == ids and len(keys) > len(ids)  # every key resolves; cited more than once
    assert "[^" not in text and "## Sources" not in text  # citeproc makes the list
    # Keys are the records' ids: the same after the briefing changes.
    library.briefings.add_note(worked, "A later note.")
    again, _ = library.briefings.export_pandoc(worked)
    assert re.findall(r"@([\w-]+)", again.split("\n---\n", 1)[1]) == keys


@needs_pandoc
def test_round_trip_in_two_styles(
    library: Library, sample: SampleLoaded, worked: int, tmp_path: Path
) -> None:
    _, csl = _written(library, worked, tmp_path)
    titles = [item["title"] for item in csl]
    rendered = {}
    for style in ("nature.csl", "elsevier-harvard.csl"):
        result = subprocess.run(
            [PANDOC, "-s", "--citeproc", "--csl", str(STYLES / style), "-t", "html", "brief.md"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "not found" not in result.stderr and "WARNING" not in result.stderr, result.stderr
        html = " ".join(result.stdout.split())  # pandoc wraps its lines
        assert "<title>SenseTime IPO and US sanctions</title>" in html  # pandoc -s has a title
        assert 'class="author">A. Analyst<' in html and "15 December 2021" in html
        bibliography = html.split('id="refs"', 1)[1]
        for title in titles:  # every reference is listed
            assert title.replace("'", "’") in bibliography.replace("&#39;", "'"), title
        assert len(re.findall(r'class="csl-entry"', bibliography)) == len(titles)
        rendered[style] = html
    nature, harvard = rendered["nature.csl"], rendered["elsevier-harvard.csl"]
    assert re.search(r'<sup><a href="#ref-article-1"[^>]*>1</a>', nature)  # numeric, linked
    plain = re.sub(r"<[^>]+>", "", harvard)
    assert "(“SenseTime postpones IPO after US blacklisting,” 2021, reliability B" in plain
    assert "supported by “US Treasury announcement of the designation,” 2021" in plain
    claims = sum(len(keys) for keys in LAYOUT.values())
    assert harvard.count('class="citation"') == claims == nature.count('class="citation"')
