"""The read-only half of BriefingService: a briefing as values, and as documents to export.

Apart from the changes because nothing here writes: no transaction, no `updated_at`, no
snapshot to refresh. `get` and `list` turn rows into the frozen values of model.py; the
export methods resolve a briefing once (`document`) and hand it to each format's renderer
(briefing.core.export). BriefingService inherits this class, so `library.briefings.get()`
and `library.briefings.export_markdown()` are where they always were.
"""

from __future__ import annotations

import builtins  # the class has a list() method: its annotations say builtins.list
from typing import TYPE_CHECKING

from briefing.core.briefings.model import Briefing, BriefingItem, BriefingSection, BriefingSummary
from briefing.core.briefings.rows import ITEM_COLUMNS, item_from_row
from briefing.core.dates import parse_stored
from briefing.core.errors import NotFound
from briefing.core.export.csl import render_csl
from briefing.core.export.document import ExportDocument, build_document
from briefing.core.export.html import render_html
from briefing.core.export.markdown import MarkdownOptions, render_markdown, render_pandoc

if TYPE_CHECKING:
    from briefing.core.library import Library


class BriefingReader:
    def __init__(self, library: Library) -> None:
        self._library = library

    # Reading ----------------------------------------------------------------------------------

    def get(self, briefing_id: int) -> Briefing:
        conn = self._library.connection()
        row = conn.execute(
            "SELECT id, title, author, date, bluf, created_at, updated_at, uid, shared "
            "FROM briefings WHERE id = ?",
            (briefing_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no briefing with id {briefing_id}")
        items: dict[int, builtins.list[BriefingItem]] = {}
        for item_row in conn.execute(
            f"""SELECT {ITEM_COLUMNS} FROM briefing_items i
                JOIN briefing_sections s ON s.id = i.section_id
                WHERE s.briefing_id = ? ORDER BY i.position, i.id""",
            (briefing_id,),
        ):
            item = item_from_row(item_row)
            items.setdefault(item.section_id, []).append(item)
        sections = tuple(
            BriefingSection(sid, position, heading, tuple(items.get(sid, ())))
            for sid, position, heading in conn.execute(
                "SELECT id, position, heading FROM briefing_sections WHERE briefing_id = ? "
                "ORDER BY position, id",
                (briefing_id,),
            )
        )
        id_, title, author, date, bluf, created, updated, uid, shared = row
        return Briefing(
            id_,
            title,
            author,
            parse_stored(date),
            bluf,
            created,
            updated,
            sections,
            uid,
            bool(shared),
        )

    def list(self) -> builtins.list[BriefingSummary]:
        """Every briefing, most recently changed first."""
        rows = self._library.connection().execute(
            """SELECT b.id, b.title, b.author, b.date,
                   (SELECT count(*) FROM briefing_sections s WHERE s.briefing_id = b.id),
                   (SELECT count(*) FROM briefing_items i JOIN briefing_sections s
                    ON s.id = i.section_id WHERE s.briefing_id = b.id AND i.kind = 'claim'),
                   coalesce(b.updated_at, b.created_at) AS changed, b.uid
               FROM briefings b ORDER BY changed DESC, b.id DESC"""
        )
        return [
            BriefingSummary(id_, title, author, parse_stored(date), sections, claims, changed, uid)
            for id_, title, author, date, sections, claims, changed, uid in rows
        ]

    # Export -----------------------------------------------------------------------------------

    def document(self, briefing_id: int) -> ExportDocument:
        """The briefing resolved for export: everything every format shows, looked up."""
        return build_document(self._library, briefing_id)

    def export_markdown(self, briefing_id: int, options: MarkdownOptions | None = None) -> str:
        """Markdown with a footnote per claim, an actor index and a sources list."""
        return render_markdown(self.document(briefing_id), options)

    def export_html(self, briefing_id: int, options: MarkdownOptions | None = None) -> str:
        """One standalone HTML file: the Markdown rendered, styles inlined."""
        return render_html(self.document(briefing_id), options)

    def export_csl(self, briefing_id: int) -> str:
        """What the briefing cites, as CSL-JSON (for Zotero and Pandoc's citeproc)."""
        return render_csl(self.document(briefing_id))

    def export_claimreview(self, briefing_id: int) -> str:
        """The briefing's claims as schema.org ClaimReview JSON-LD, signed by the briefing's
        author, else the library's user (docs/claimreview.md)."""
        from briefing.core.export.claimreview import from_document, render_claimreview

        document = self.document(briefing_id)
        author = document.author or self._library.settings.user_name
        return render_claimreview(from_document(document, author=author))

    def export_pandoc(
        self,
        briefing_id: int,
        options: MarkdownOptions | None = None,
        *,
        bibliography: str = "briefing.csl.json",
    ) -> tuple[str, str]:
        """Pandoc's Markdown with `[@key]` citations and its CSL-JSON bibliography, from one
        reading of the library: the Markdown names the bibliography file `bibliography`."""
        document = self.document(briefing_id)
        return render_pandoc(document, options, bibliography=bibliography), render_csl(document)
