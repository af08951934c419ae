"""Export of a 500-claim briefing to Markdown and to HTML, beside the renderer alone.

    .venv/bin/python bench/export.py [--claims 500] [--runs 7]

Builds a scratch library under bench/out/ (500 corpus texts imported through
`library.imports.files`, one claim per article on its first sentence, with a speaker, a
subject and a graded source), one briefing of 10 sections, then times:

- build: reading the briefing from the library (`build_document`: live claims, citations,
  actor index);
- markdown: build + the Jinja template with escaping (`briefings.export_markdown`);
- html: markdown + Python-Markdown + the page (`briefings.export_html`);
- markdown.markdown: just Python-Markdown (footnotes, tables) on the same Markdown text,
  so html minus this is our overhead over the renderer.
Median of --runs after one warm-up run.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import markdown  # noqa: E402

from bench._common import CORPUS_TEXT, OUT, ms  # noqa: E402
from briefing.core import Library  # noqa: E402
from briefing.core.annotations.service import Span  # noqa: E402
from briefing.core.errors import BriefingError  # noqa: E402
from briefing.core.export.document import build_document  # noqa: E402
from briefing.core.export.html import sanitise  # noqa: E402

_SENTENCE = re.compile(r"\S[^.!?\n]{30,240}[.!?]")


def build(path: Path, count: int) -> int:
    """A library with `count` claims in one briefing; returns the briefing id."""
    files = sorted(CORPUS_TEXT.glob("*.txt"))[: count * 2]
    with Library.open(path) as library:
        results = library.imports.files(files)
        speaker = library.actors.add("Spokesperson", kind="person").id
        about = library.actors.add("Government", kind="government body").id
        source = library.sources.add("Agency wire", kind="document", grade="B").id
        claim_ids: list[int] = []
        with library.transaction():
            for result in results:
                if len(claim_ids) == count or result.status != "imported":
                    continue
                text = library.articles.get(result.id).text
                match = _SENTENCE.search(text)
                if not match:
                    continue
                try:
                    claim = library.claims.add(
                        result.id,
                        Span(start=match.start(), end=match.end()),
                        speaker=speaker,
                        about=[about],
                        grade=3,
                        sources=[source],
                    )
                except BriefingError:
                    continue
                claim_ids.append(claim.id)
        briefing = library.briefings.new("Bench briefing", bluf="Five hundred claims.")
        for n in range(10):
            chunk = claim_ids[n::10]
            library.briefings.add_claims(briefing, chunk, section=f"Section {n + 1}")
            library.briefings.add_note(briefing, f"Note for *section {n + 1}*.")
        return briefing


def timed(fn, runs: int) -> tuple[float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def markdown_to_html_unsanitised(text: str) -> str:
    return markdown.markdown(text, extensions=["footnotes", "tables"])


def pdf_times(html: str, folder: Path, runs: int) -> tuple[float, float, int]:
    from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    from briefing.pdf import write_pdf

    app = QGuiApplication.instance() or QGuiApplication(["bench", "-platform", "offscreen"])
    t_pdf, pages = timed(lambda: write_pdf(html, folder / "b.pdf", title="Bench"), runs)

    def qt_alone() -> None:
        writer = QPdfWriter(str(folder / "qt.pdf"))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        document = QTextDocument()
        document.setHtml(html)
        document.print_(writer)
        del writer

    t_qt, _ = timed(qt_alone, runs)
    del app
    return t_pdf, t_qt, pages  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = OUT / "export"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    briefing = build(folder / "library.sqlite", args.claims)
    print(f"built a scratch library in {time.perf_counter() - start:.1f} s")
    with Library.open(folder / "library.sqlite") as library:
        claims = len([i for i in library.briefings.get(briefing).items if i.kind == "claim"])
        t_build, _ = timed(lambda: build_document(library, briefing), args.runs)
        t_md, text = timed(lambda: library.briefings.export_markdown(briefing), args.runs)
        t_html, html = timed(lambda: library.briefings.export_html(briefing), args.runs)
        t_render, _ = timed(
            lambda: markdown.markdown(text, extensions=["footnotes", "tables"]), args.runs
        )
        raw = markdown_to_html_unsanitised(text)
        t_nh3, _ = timed(lambda: sanitise(raw), args.runs)
        t_pandoc, _ = timed(lambda: library.briefings.export_pandoc(briefing), args.runs)
        t_review, _ = timed(lambda: library.briefings.export_claimreview(briefing), args.runs)
        t_pdf, t_qt, pages = pdf_times(html, folder, args.runs)
        t_note, _ = timed(lambda: library.briefings.add_note(briefing, "x"), args.runs)
    print(f"briefing: {claims} claims, Markdown {len(text):,} chars, HTML {len(html):,} chars")
    print(f"median of {args.runs} runs, ms:")
    print(f"  build (read the library)        {ms(t_build):>8}")
    print(f"  export to Markdown              {ms(t_md):>8}")
    print(f"  export to HTML                  {ms(t_html):>8}")
    print(f"  markdown.markdown alone         {ms(t_render):>8}")
    print(f"  our overhead over the renderer  {ms(t_html - t_render):>8}  (HTML - renderer)")
    print(f"  nh3 alone on the rendered HTML  {ms(t_nh3):>8}  (part of HTML)")
    print(f"  export to Pandoc + CSL-JSON     {ms(t_pandoc):>8}")
    print(f"  export to ClaimReview           {ms(t_review):>8}")
    print(f"  PDF from the HTML ({pages} pages)   {ms(t_pdf):>8}")
    print(f"  baseline: QTextDocument.print_  {ms(t_qt):>8}  (no keeping together)")
    print(f"  add a note (refreshes snapshots) {ms(t_note):>7}")


if __name__ == "__main__":
    main()
