"""Importing: files, folders and pasted text become articles.

A batch is one transaction and each input a savepoint inside it: a bad file rolls back
alone, is reported with its reason, and the batch goes on. Cancelling rolls the whole batch
back (one user action, one transaction). A text already in the library (same normalised
text) is reported as a duplicate of the article that holds it and not stored again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core.articles.rows import content_hash, date_columns
from briefing.core.clock import now
from briefing.core.dates import PartialDate, parse_optional
from briefing.core.errors import ImportFailed, InvalidInput
from briefing.core.importing.decoding import NotText, decode
from briefing.core.importing.extracted import Extracted, ExtractedChanges, NoArticleText
from briefing.core.importing.files import expand, format_for
from briefing.core.importing.text import parse_text
from briefing.core.journal import new_uid
from briefing.core.progress import NoProgress, Progress
from briefing.core.text_input import has_surrogates, printable
from briefing.core.urls import checked_url, web_address

if TYPE_CHECKING:
    from briefing.core.library import Library

MAX_BYTES = 16 * 1024 * 1024
STDIN = "-"

_INSERT = """
    INSERT INTO articles (title, title_proposed, outlet, agency, author, dateline, date,
        date_start, date_end, url, language, source_format, source_path, content_hash,
        imported_at, text, original, uid)
    VALUES (:title, :title_proposed, :outlet, :agency, :author, :dateline, :date,
        :date_start, :date_end, :url, :language, :source_format, :source_path,
        :content_hash, :imported_at, :text, :original, :uid)
"""


@dataclass(frozen=True)
class Metadata:
    """What the reader gives or corrects at import time; None leaves the found value."""

    title: str | None = None
    outlet: str | None = None
    date: PartialDate | None = None
    url: str | None = None

    @classmethod
    def from_strings(
        cls,
        *,
        title: str | None = None,
        outlet: str | None = None,
        date: str | None = None,
        url: str | None = None,
    ) -> Metadata:
        if title is not None and not title.strip():
            raise InvalidInput("the title cannot be empty")
        if url is not None and url.strip():
            url = checked_url(url, "the article's URL")
        return cls(title=title, outlet=outlet, date=parse_optional(date), url=url)

    def apply(self, article: Extracted) -> Extracted:
        changes: ExtractedChanges = {}
        if self.title is not None:
            changes["title"] = " ".join(self.title.split())
            changes["title_proposed"] = False
        if self.outlet is not None:
            changes["outlet"] = self.outlet.strip() or None
        if self.date is not None:
            changes["date"] = self.date
        if self.url is not None:
            changes["url"] = self.url.strip() or None
        return article.with_changes(**changes) if changes else article


@dataclass(frozen=True)
class ImportResult:
    """The outcome for one input. `id` is the new article, or the one it duplicates."""

    path: str
    status: str  # "imported", "duplicate" or "failed"
    id: int | None = None
    reason: str | None = None
    title: str | None = None
    uid: str | None = None  # the article's, when there is one


class ImportService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def files(
        self,
        paths: list[str | Path],
        *,
        metadata: Metadata | None = None,
        progress: Progress | None = None,
        on_result: Callable[[ImportResult], None] | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (recursively). Every input gets a result, in order.

        `on_result` hears of each input as soon as it is done, so a front end can report a
        bad file while the batch goes on; the batch commits only at the end.
        """
        progress = progress or NoProgress()
        metadata = metadata or Metadata()
        inputs: list[tuple[str, Path | None]] = []
        results: dict[int, ImportResult] = {}
        for given in paths:
            path = Path(given)
            # A name with bytes that are not UTF-8 is reported (and stored) escaped; the
            # file is still read by its real name (core/text_input.py).
            shown = printable(str(given))
            if not path.exists():
                results[len(inputs)] = ImportResult(
                    shown, "failed", reason="no such file or folder"
                )
                inputs.append((shown, None))
            elif path.is_dir():
                found = expand([path])
                if not found:
                    results[len(inputs)] = ImportResult(
                        shown, "failed", reason="no .txt, .md or .html files in this folder"
                    )
                    inputs.append((shown, None))
                inputs.extend((printable(str(f)), f) for f in found)
            else:
                inputs.append((shown, path))

        total = len(inputs)
        with self._library.transaction():
            for index, (name, file) in enumerate(inputs):
                progress.check()
                if file is not None:
                    results[index] = self._import_one(name, file, metadata)
                if on_result is not None:
                    on_result(results[index])
                progress.update(index + 1, total, name)
        return [results[i] for i in range(total)]

    def preview_text(self, text: str) -> Extracted:
        """What importing this pasted text would find (title, dateline, agency, date),
        without importing it: the paste dialog proposes it for the reader to correct."""
        return parse_text(text)

    def text(
        self,
        data: str | bytes,
        *,
        name: str = STDIN,
        source_format: str | None = None,
        metadata: Metadata | None = None,
    ) -> ImportResult:
        """Import one pasted or piped text. HTML is recognised by its opening tag."""
        return self.texts([(name, data)], source_format=source_format, metadata=metadata)[0]

    def texts(
        self,
        items: list[tuple[str, str | bytes]],
        *,
        source_format: str | None = None,
        metadata: Metadata | None = None,
    ) -> list[ImportResult]:
        metadata = metadata or Metadata()
        with self._library.transaction():
            return [
                self._import_one(printable(name), data, metadata, source_format)
                for name, data in items
            ]

    # One input ---------------------------------------------------------------------------

    def _import_one(
        self,
        name: str,
        content: Path | str | bytes,
        metadata: Metadata,
        source_format: str | None = None,
    ) -> ImportResult:
        """`content` is a file or the data itself; a file is read here, so that one that
        cannot be read fails alone and the batch goes on."""
        path = content if isinstance(content, Path) else None
        try:
            data = _read(content) if isinstance(content, Path) else content
            article = metadata.apply(_extract(data, path, source_format))
        except ImportFailed as exc:
            return ImportResult(name, "failed", reason=exc.reason)
        except OSError as exc:
            return ImportResult(name, "failed", reason=f"cannot read it ({exc.strerror or exc})")
        digest = content_hash(article.text)
        try:
            with self._library.transaction() as conn:
                existing = conn.execute(
                    "SELECT id, title, uid FROM articles WHERE content_hash = ?", (digest,)
                ).fetchone()
                if existing:
                    return ImportResult(
                        name,
                        "duplicate",
                        existing[0],
                        f"same text as article {existing[0]}",
                        existing[1],
                        existing[2],
                    )
                row = _row(article, digest, path)
                cursor = conn.execute(_INSERT, row)
        except sqlite3.IntegrityError as exc:  # pragma: no cover - guarded by the lookup above
            return ImportResult(name, "failed", reason=f"could not be stored ({exc})")
        return ImportResult(
            name, "imported", cursor.lastrowid, None, article.title, str(row["uid"])
        )


def extract_file(path: Path) -> Extracted:
    """What importing `path` would store, without storing it (for corrected versions)."""
    try:
        return _extract(_read(path), path, None)
    except OSError as exc:
        raise ImportFailed(
            printable(str(path)), f"cannot read it ({exc.strerror or exc})"
        ) from None


def _read(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailed(
            printable(str(path)),
            f"too large for an article ({size / 1_048_576:.0f} MB; the limit is "
            f"{MAX_BYTES // 1_048_576} MB)",
        )
    return path.read_bytes()


def _extract(data: str | bytes, path: Path | None, source_format: str | None) -> Extracted:
    name = printable(str(path)) if path else STDIN
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ImportFailed(
                name, f"too large for an article (the limit is {MAX_BYTES // 1_048_576} MB)"
            )
        if not data:
            raise ImportFailed(name, "the file is empty")
        fmt = source_format or (format_for(path) if path else None) or _sniff(data)
        if fmt == "text" and _sniff(data) == "html" and path is None:
            fmt = "html"
        try:
            text = decode(data, html=fmt == "html")
        except NotText as exc:
            raise ImportFailed(name, str(exc)) from None
    else:
        if has_surrogates(data):
            raise ImportFailed(name, "the text is not valid Unicode (it holds lone surrogates)")
        text = data
        fmt = source_format or _sniff(text.encode("utf-8", "replace")[:512])
    if not text.strip():
        raise ImportFailed(name, "the file holds no text, only blank space")
    try:
        # The HTML and Markdown readers are imported when a page of theirs comes: trafilatura
        # and lxml take half a second to import, which opening a library should not pay.
        if fmt == "html":
            from briefing.core.importing.html import parse_html

            article = parse_html(text)
        elif fmt == "markdown":
            from briefing.core.importing.markdown_text import parse_markdown

            article = parse_markdown(text)
        else:
            article = parse_text(text)
    except NoArticleText as exc:
        raise ImportFailed(name, str(exc)) from None
    if not article.text.strip():
        raise ImportFailed(name, "no text left once markup and control characters are removed")
    return article


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (b"<body" in head and b"</" in head):
        return "html"
    return "text"


def _row(article: Extracted, digest: str, path: Path | None) -> dict[str, object]:
    return {
        "title": article.title,
        "title_proposed": int(article.title_proposed),
        "outlet": article.outlet,
        "agency": article.agency,
        "author": article.author,
        "dateline": article.dateline,
        **date_columns(article.date),
        "url": web_address(article.url),  # a page's own `javascript:` address is no address
        "language": article.language,
        "source_format": article.source_format,
        "source_path": printable(str(path.resolve())) if path else None,
        "content_hash": digest,
        "imported_at": now(),
        "text": article.text,
        "original": article.original,
        "uid": new_uid(),
    }


__all__ = ["ImportResult", "ImportService", "Metadata"]
