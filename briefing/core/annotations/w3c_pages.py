"""Which article a page of an annotation file names: resolved once per page, by URL, else
by content hash, else by the quotes of all its annotations (the article that holds most of
them), so that one annotation whose quote changed slightly is not lost because it alone
would have found no article."""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.core.annotations.w3c_read import Item
    from briefing.core.library import Library


class Pages:
    """Resolves each page a file names to one article, once."""

    def __init__(self, library: Library, items: list[Item]) -> None:
        self._conn = library.connection()
        self._pages: dict[tuple[str, ...], list[Item]] = {}
        for item in items:
            self._pages.setdefault(item.page, []).append(item)
        self._resolved: dict[tuple[str, ...], tuple[int | None, str]] = {}
        self._by_normal_url: dict[str, int] | None = None

    def resolve(self, item: Item) -> tuple[int | None, str]:
        key = item.page
        if key not in self._resolved:
            self._resolved[key] = self._find(item, self._pages[key])
        return self._resolved[key]

    def _find(self, item: Item, same: list[Item]) -> tuple[int | None, str]:
        if item.source:
            found = self._by_url(item.source)
            if found is not None:
                return found, ""
        if item.hypothesis:
            return None, f"no article for URL {item.source}"
        digest = item.content_hash
        if digest is None and item.source and item.source.startswith("urn:sha256:"):
            digest = item.source.removeprefix("urn:sha256:")
        if digest:
            row = self._conn.execute(
                "SELECT id FROM articles WHERE content_hash = ?", (digest,)
            ).fetchone()
            if row:
                return row[0], ""
        return self._by_quotes([i.exact for i in same if i.exact])

    def _by_url(self, url: str) -> int | None:
        row = self._conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
        if row:
            return int(row[0])
        if not url.lower().startswith(("http://", "https://")):
            return None
        if self._by_normal_url is None:
            rows = self._conn.execute("SELECT id, url FROM articles WHERE url IS NOT NULL")
            self._by_normal_url = {}
            for article_id, address in rows:
                self._by_normal_url.setdefault(normal_url(address), article_id)
        return self._by_normal_url.get(normal_url(url))

    def _by_quotes(self, quotes: list[str]) -> tuple[int | None, str]:
        """The article that holds the most of a page's quotes (the quotes of one page are all
        in one article; a slightly changed one is in none, and must not decide)."""
        votes: Counter[int] = Counter()
        for quote in dict.fromkeys(quotes):
            votes.update(self._holding(quote))
        if not votes:
            return None, "no article in the library matches its target (URL, content hash or quote)"
        ranked = votes.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None, f"its quotes are in {len(votes)} articles alike; cannot tell which"
        return ranked[0][0], ""

    def _holding(self, quote: str) -> list[int]:
        phrase = '"' + quote.replace('"', '""') + '"'
        try:
            candidates = [
                r[0]
                for r in self._conn.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 50", (phrase,)
                )
            ]
        except sqlite3.OperationalError:  # a quote the index cannot take matches nothing here
            return []
        return [
            i
            for i in candidates
            if quote
            in self._conn.execute("SELECT text FROM articles WHERE id = ?", (i,)).fetchone()[0]
        ]


def normal_url(url: str) -> str:
    """An address as two tools may each have written it: http or https alike, host in
    lower case, no default port, no fragment, no trailing slash."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    path = parts.path.rstrip("/")
    return urllib.parse.urlunsplit(("http", host, path, parts.query, ""))
