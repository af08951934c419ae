"""A corrected version of an article replaces its text; every annotation is placed again.

Each annotation is re-anchored (reanchoring.reanchor): kept, moved, fuzzily placed or
orphaned. A placed annotation's quote becomes the text now under it; the old position and
quote go to annotation_history, so nothing the reader marked is lost. Orphans keep their old
quote, lose their position, and are tried again at the next update. Mentions suggested for
the old text are dropped (their offsets mean nothing now) except rejected ones, which keep
the reader's "no" for the same words. One transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core.anchoring.reanchor import reanchor
from briefing.core.anchoring.selectors import Selector
from briefing.core.articles.rows import content_hash
from briefing.core.clock import now
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.importing.service import extract_file

if TYPE_CHECKING:
    from briefing.core.library import Library


@dataclass(frozen=True)
class UpdateReport:
    article_id: int
    kept: int
    moved: int
    fuzzy: int
    orphaned: int
    orphaned_ids: tuple[int, ...]


def update_article(library: Library, article_id: int, path: str | Path) -> UpdateReport:
    extracted = extract_file(Path(path))
    return replace_text(library, article_id, extracted.text, original=extracted.original)


def replace_text(
    library: Library, article_id: int, text: str, *, original: str | None = None
) -> UpdateReport:
    digest = content_hash(text)
    counts: Counter[str] = Counter()
    orphans: list[int] = []
    with library.transaction() as conn:
        if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            raise NotFound(f"no article with id {article_id}")
        other = conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND id <> ?", (digest, article_id)
        ).fetchone()
        if other:
            raise InvalidInput(f"that text is already article {other[0]}; nothing was changed")
        rows = conn.execute(
            'SELECT id, start, "end", quote, prefix, suffix, orphaned FROM annotations '
            # Notes on the whole article (no quote: annotations.model) have no place to find.
            "WHERE article_id = ? AND NOT (orphaned = 1 AND quote = '')",
            (article_id,),
        ).fetchall()
        stamp = now()
        for id_, start, end, quote, prefix, suffix, orphaned in rows:
            if orphaned:  # no position left: the quote alone says where it might be
                start, end = 0, len(quote)
            placement = reanchor(Selector(start, end, quote, prefix, suffix), text)
            counts[placement.outcome] += 1
            if placement.outcome == "kept" and not orphaned:
                continue
            conn.execute(
                """INSERT INTO annotation_history (annotation_id, start, "end", quote, prefix,
                       suffix, outcome, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    id_,
                    None if orphaned else start,
                    None if orphaned else end,
                    quote,
                    prefix,
                    suffix,
                    placement.outcome,
                    stamp,
                ),
            )
            new = placement.selector
            if new is None:
                orphans.append(id_)
                conn.execute(
                    'UPDATE annotations SET orphaned = 1, start = NULL, "end" = NULL, '
                    "updated_at = ? WHERE id = ?",
                    (stamp, id_),
                )
            else:
                conn.execute(
                    'UPDATE annotations SET orphaned = 0, start = ?, "end" = ?, quote = ?, '
                    "prefix = ?, suffix = ?, updated_at = ? WHERE id = ?",
                    (new.start, new.end, new.exact, new.prefix, new.suffix, stamp, id_),
                )
        conn.execute(
            "DELETE FROM mention_suggestions WHERE article_id = ? AND state <> 'rejected'",
            (article_id,),
        )
        conn.execute(
            "UPDATE articles SET text = ?, original = coalesce(?, original), content_hash = ?, "
            "updated_at = ? WHERE id = ?",
            (text, original, digest, stamp, article_id),
        )
    return UpdateReport(
        article_id,
        counts["kept"],
        counts["moved"],
        counts["fuzzy"],
        counts["orphaned"],
        tuple(orphans),
    )
