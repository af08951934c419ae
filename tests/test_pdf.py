"""The PDF of a briefing (briefing/pdf.py): what the app and `briefing export --format pdf`
both write. Read back with pypdf: its pages' text, its metadata and its fonts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.core import Library
from briefing.pdf import write_pdf

SECTIONS = ("The designation", "SenseTime's response", "Beijing's reaction")


def _briefing(library: Library, filler: int) -> int:
    """The worked example's briefing, with `filler` words of notes before each section's
    claims: each value moves every quote to another place on the page."""
    if not library.claims.list():
        library.load_sample()
    claims = [c.id for c in library.claims.list()]
    b = library.briefings.new(f"Briefing {filler}", author="A. Analyst", date="2021-12-15")
    for i, heading in enumerate(SECTIONS):
        library.briefings.add_note(b, " ".join(["Filler"] * filler) or "-", section=heading)
        library.briefings.add_claims(b, claims[i * 2 : i * 2 + 2], section=heading)
    return b


def _pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_quote_and_attribution_share_a_page(qapp, library: Library, tmp_path: Path) -> None:
    moved = 0
    for filler in range(0, 700, 70):
        b = _briefing(library, filler)
        path = tmp_path / f"b{filler}.pdf"
        write_pdf(library.briefings.export_html(b), path, title="T", author="A. Analyst")
        pages = _pages(path)
        for claim in library.claims.list():
            head = " ".join(claim.quote.split())[:28]
            speaker = claim.speaker.name if claim.speaker else "speaker not given"
            where = [i for i, text in enumerate(pages) if head in text]
            assert len(where) == 1, (filler, head)
            after = pages[where[0]].split(head, 1)[1]
            assert f"— {speaker}" in after, (filler, head, "attribution on another page")
            if pages[where[0]].startswith(head) and where[0] > 0:
                moved += 1  # the quote was sent to the top of a page to keep its attribution
        library.briefings.delete(b)
    assert moved >= 1  # the layout was tested where it matters, not only where it is easy


def test_metadata_and_serif_text(qapp, library: Library, tmp_path: Path) -> None:
    b = _briefing(library, 10)
    path = tmp_path / "b.pdf"
    pages = write_pdf(
        library.briefings.export_html(b), path, title="SenseTime IPO", author="A. Analyst"
    )
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    assert reader.metadata.title == "SenseTime IPO" and reader.metadata.author == "A. Analyst"
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Serif" in f or "Georgia" in f or "Times" in f for f in fonts), fonts
    assert re.search(r"1 / \d", _pages(path)[0])  # the footer numbers the pages
    assert not list(tmp_path.glob(".b.pdf*"))  # no temporary file left behind


def _cli(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"},
    )


def test_the_command_line_makes_the_same_pdf_as_the_app(
    qapp, library: Library, tmp_path: Path
) -> None:
    b = _briefing(library, 40)
    app_pdf = tmp_path / "app.pdf"
    write_pdf(library.briefings.export_html(b), app_pdf, title="Briefing 40", author="A. Analyst")
    out = tmp_path / "cli.pdf"
    result = _cli(library.path, "export", str(b), "--format", "pdf", "-o", str(out), "--json")
    assert result.returncode == 0, result.stderr
    assert '"pages": ' in result.stdout and result.stderr == ""
    assert _pages(out) == _pages(app_pdf)
    meta = PdfReader(out).metadata
    assert (meta.title, meta.author) == ("Briefing 40", "A. Analyst")


@pytest.mark.parametrize("args", [(), ("-o", "")])
def test_pdf_needs_a_file(library: Library, args: tuple[str, ...]) -> None:
    b = library.briefings.new("Empty")
    result = _cli(library.path, "export", str(b), "--format", "pdf", *args)
    assert result.returncode == 2
    assert result.stderr.strip() == ("briefing: --format pdf needs -o FILE (PDF is binary)")
