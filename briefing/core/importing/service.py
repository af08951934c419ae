"""Importing: files, folders and pasted text become articles.

A large import commits as it goes, in short transactions: the inputs are read and parsed
outside any transaction, on a helper thread a little ahead of the storing (reading.py: the
two share two cores), and each batch of them (at most 500 articles, 2 MB of text, or a
quarter of a second of reading) is stored in one transaction of its own (storing.py says
how, and why the search index is built there, a batch at a time). So another writer (the
app's other copy, the command line, a script) waits a fraction of a second for the library,
never for the whole import; every commit is journaled and announced like any other.

A bad file is reported with its reason and the batch goes on. Cancelling stops before the
next input: the inputs already taken into the batch are stored (what the helper read
beyond them is dropped, never half stored), everything stored stays, and `ImportCancelled`
says how much that is. A text already in the library (same normalised text) is reported as a
duplicate of the article that holds it and not stored again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core.articles.rows import content_hash
from briefing.core.dates import PartialDate, parse_optional
from briefing.core.errors import Cancelled, ImportFailed, InvalidInput
from briefing.core.importing.decoding import NotText, decode
from briefing.core.importing.extracted import Extracted, ExtractedChanges, NoArticleText
from briefing.core.importing.files import expand, format_for
from briefing.core.importing.reading import ReadAhead
from briefing.core.importing.storing import Parsed, Stored, row, store
from briefing.core.importing.text import parse_text
from briefing.core.progress import NoProgress, Progress
from briefing.core.text_input import has_surrogates, printable
from briefing.core.urls import checked_url

if TYPE_CHECKING:
    from briefing.core.library import Library

MAX_BYTES = 16 * 1024 * 1024
STDIN = "-"

# A batch ends at whichever comes first. Storing 500 articles of news (about 1.5 MB) takes
# some 100 ms at 100k articles, 2 MB of longer texts about as long: the write lock is held
# well under a quarter second. Slow inputs (HTML pages) end a batch by time instead, so
# that progress and Cancel lose at most that much reading.
BATCH_ARTICLES = 500
BATCH_BYTES = 2 * 1024 * 1024
BATCH_SECONDS = 0.25
# Between two batches, while another program has the library open (core/presence.py), the
# write lock is left free this long, so that a writer waiting for it gets it. SQLite's busy
# wait polls for the lock, at most 100 ms apart; the storing thread, with the next batch
# read ahead, would take the lock again within microseconds and starve it. 50 ms: a waiting
# writer's poll falls in about every other pause. Alone, the import does not pause.
SHARED_PAUSE = 0.05


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


class ImportCancelled(Cancelled):
    """An import its user stopped. What it stored before stopping stays in the library.

    `results` has one result per input handled, in order (each imported or duplicate one
    committed); `total` is how many inputs there were; `kept` says it in words.
    """

    def __init__(self, results: list[ImportResult], total: int) -> None:
        self.results = results
        self.total = total
        self.imported = sum(r.status == "imported" for r in results)
        noun = "article" if self.imported == 1 else "articles"
        self.kept = (
            f"the {self.imported:,} {noun} imported before it stopped "
            f"{'is' if self.imported == 1 else 'are'} kept"
            if self.imported
            else "nothing was imported"
        )
        super().__init__(
            f"import cancelled after {len(results):,} of {total:,} inputs; {self.kept}"
        )


@dataclass(frozen=True)
class _Input:
    name: str
    content: Path | str | bytes | None  # a file, the data itself, or None: failed already
    failure: ImportResult | None = None


class ImportService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def files(
        self,
        paths: Sequence[str | Path],
        *,
        metadata: Metadata | None = None,
        progress: Progress | None = None,
        on_result: Callable[[ImportResult], None] | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (recursively). Every input gets a result, in order.

        The batch commits as it goes (see the module docstring). `on_result` hears of each
        input once it is stored (or failed), in order, so a front end can report while the
        batch goes on. Cancelling (`progress.check()` raising `Cancelled`) raises
        `ImportCancelled`, which holds the results of what was kept.
        """
        inputs: list[_Input] = []
        for given in paths:
            path = Path(given)
            # A name with bytes that are not UTF-8 is reported (and stored) escaped; the
            # file is still read by its real name (core/text_input.py).
            shown = printable(str(given))
            if not path.exists():
                failed = ImportResult(shown, "failed", reason="no such file or folder")
                inputs.append(_Input(shown, None, failed))
            elif path.is_dir():
                found = expand([path])
                if not found:
                    reason = "no .txt, .md or .html files in this folder"
                    inputs.append(_Input(shown, None, ImportResult(shown, "failed", reason=reason)))
                inputs.extend(_Input(printable(str(f)), f) for f in found)
            else:
                inputs.append(_Input(shown, path))
        return self._run(inputs, metadata, None, progress, on_result)

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
        items: Sequence[tuple[str, str | bytes]],
        *,
        source_format: str | None = None,
        metadata: Metadata | None = None,
        progress: Progress | None = None,
        on_result: Callable[[ImportResult], None] | None = None,
    ) -> list[ImportResult]:
        """Import texts given as (name, data), as `files` imports files."""
        inputs = [_Input(printable(name), data) for name, data in items]
        return self._run(inputs, metadata, source_format, progress, on_result)

    # The batch ---------------------------------------------------------------------------

    def _run(
        self,
        inputs: list[_Input],
        metadata: Metadata | None,
        source_format: str | None,
        progress: Progress | None,
        on_result: Callable[[ImportResult], None] | None,
    ) -> list[ImportResult]:
        progress = progress or NoProgress()
        metadata = metadata or Metadata()
        with self._library.syncing_once():
            return self._batches(inputs, metadata, source_format, progress, on_result)

    def _batches(
        self,
        inputs: list[_Input],
        metadata: Metadata,
        source_format: str | None,
        progress: Progress,
        on_result: Callable[[ImportResult], None] | None,
    ) -> list[ImportResult]:
        results: list[ImportResult] = []
        pending: list[Parsed | ImportResult] = []
        size = 0
        started = time.monotonic()
        total = len(inputs)
        reader = ReadAhead(
            inputs,
            lambda item: item.failure or _parse(item, metadata, source_format),
            lambda read: read.size if isinstance(read, Parsed) else 0,
        )
        try:
            with reader as reads:
                for index, item in enumerate(inputs):
                    progress.check()
                    if not pending:
                        started = time.monotonic()
                    read = next(reads)
                    pending.append(read)
                    if isinstance(read, Parsed):
                        size += read.size
                    if (
                        len(pending) >= BATCH_ARTICLES
                        or size >= BATCH_BYTES
                        or time.monotonic() - started >= BATCH_SECONDS
                    ):
                        self._commit(pending, results, on_result)
                        pending, size = [], 0
                        if self._library.others():
                            time.sleep(SHARED_PAUSE)
                    progress.update(index + 1, total, item.name)
        except Cancelled:
            self._commit(pending, results, on_result)
            raise ImportCancelled(results, total) from None
        self._commit(pending, results, on_result)
        self._library.reclaim_space()  # when the index's merges left much free
        return results

    def _commit(
        self,
        pending: list[Parsed | ImportResult],
        results: list[ImportResult],
        on_result: Callable[[ImportResult], None] | None,
    ) -> None:
        """Store what was read in one transaction, then report each input in order."""
        parsed = [p for p in pending if isinstance(p, Parsed)]
        stored: dict[int, Stored] = {}
        if parsed:
            with self._library.transaction() as conn:
                stored = {id(s.parsed): s for s in store(conn, parsed)}
        for item in pending:
            result = item if isinstance(item, ImportResult) else _result(stored[id(item)])
            results.append(result)
            if on_result is not None:
                on_result(result)


def _parse(item: _Input, metadata: Metadata, source_format: str | None) -> Parsed | ImportResult:
    """Read and understand one input; a file is read here, so that one that cannot be read
    fails alone and the batch goes on."""
    content = item.content
    assert content is not None  # inputs without content carry their failure
    path = content if isinstance(content, Path) else None
    try:
        data = _read(content) if isinstance(content, Path) else content
        article = metadata.apply(_extract(data, path, source_format))
    except ImportFailed as exc:
        return ImportResult(item.name, "failed", reason=exc.reason)
    except OSError as exc:
        return ImportResult(item.name, "failed", reason=f"cannot read it ({exc.strerror or exc})")
    digest = content_hash(article.text)
    return Parsed(item.name, article, digest, path, row(article, digest, path))


def _result(stored: Stored) -> ImportResult:
    name = stored.parsed.name
    if stored.reason is not None:
        return ImportResult(name, "failed", reason=stored.reason)
    if stored.duplicate:
        reason = f"same text as article {stored.id}"
        return ImportResult(name, "duplicate", stored.id, reason, stored.title, stored.uid)
    return ImportResult(name, "imported", stored.id, None, stored.title, stored.uid)


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
        fmt = source_format or _sniff(text[:512].encode("utf-8", "replace"))
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


__all__ = ["ImportCancelled", "ImportResult", "ImportService", "Metadata"]
