"""One passage with where it comes from, as plain text for the clipboard: what a reader pastes
into an email or a document ("Copy Quote with Citation" in the app).

    “The accusations are unfounded…” — SenseTime, in “SenseTime postpones IPO after US
    blacklisting”, The Star (AFP), 14 December 2021, https://…

The article is cited as the Markdown export's sources list cites it (title in quotation
marks, outlet, agency, date, address), so a quote pasted from the reader and the same claim in
an exported briefing read alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.core.export.document import human_date

if TYPE_CHECKING:
    from briefing.core.library import Library


def article_citation(
    title: str, outlet: str | None, agency: str | None, date: str | None, url: str | None
) -> str:
    parts = [f"“{' '.join(title.split())}”"]
    if outlet:
        parts.append(f"{outlet} ({agency})" if agency and agency != outlet else outlet)
    elif agency:
        parts.append(agency)
    if date:
        parts.append(human_date(date))
    if url:
        parts.append(url)
    return ", ".join(parts)


def quote_with_citation(library: Library, annotation_id: int) -> str:
    """The annotation's words in quotation marks, its speaker when it is a claim, and its
    article's citation. NotFound for an annotation that is not there."""
    annotation = library.annotations.get(annotation_id)
    article = library.articles.get(annotation.article_id)
    quote = " ".join(annotation.quote.split())
    if not quote.endswith(("”", '"')):
        quote = f"“{quote}”"
    elif not quote.startswith(("“", '"')):
        quote = f"“{quote}"
    speaker = None
    if annotation.kind == "claim":
        claim = library.claims.get(annotation_id)
        speaker = claim.speaker.name if claim.speaker else None
    citation = article_citation(
        article.title,
        article.outlet,
        article.agency,
        article.date.iso() if article.date else None,
        article.url,
    )
    return f"{quote} — {speaker}, in {citation}" if speaker else f"{quote} — {citation}"
