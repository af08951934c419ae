"""What every part of the core needs to know about article rows: the checks made before
writing something that points at an article, a text's identity, and how dates are stored.

Here rather than in the articles service so that the modules below it (tags, annotations,
sources, importing) can use them without importing the services above them.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata

from briefing.core.dates import PartialDate
from briefing.core.errors import NotFound


def require_article(conn: sqlite3.Connection, article_id: int) -> None:
    """NotFound unless the article exists: checked before writing anything that points at it."""
    if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        raise NotFound(f"no article with id {article_id}")


def article_text(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return str(row[0])


def content_hash(text: str) -> str:
    """The identity of a text for duplicate detection.

    Unicode-normalised (NFC) with all runs of white space folded to one space, so the same
    story saved with other line ends, wrapping or trailing spaces is one article.
    """
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def date_columns(date: PartialDate | None) -> dict[str, str | None]:
    if date is None:
        return {"date": None, "date_start": None, "date_end": None}
    return {"date": date.iso(), "date_start": date.first_day(), "date_end": date.last_day()}
