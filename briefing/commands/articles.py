"""`briefing import`, `list`, `show`, `article edit` and `delete`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import article_id, path, positive_int
from briefing.commands.output import counted, date_text, fail, print_json, print_table, stamped
from briefing.commands.terminal import TerminalProgress
from briefing.core import ARTICLE_SORT_KEYS as SORT_KEYS, InvalidInput, Kind

if TYPE_CHECKING:
    from briefing.core import Article, ArticleSummary, ImportResult, Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "import",
        help="import articles from files, folders or standard input",
        description="Import .txt, .md and .html files, folders (recursively), or '-' for "
        "standard input. Each input is reported as imported, duplicate or failed; a bad file "
        "does not stop the batch. Exit status 2 if any input failed.",
    )
    p.add_argument(
        "paths", nargs="+", type=path, metavar="PATH", help="a file, a folder, or - for stdin"
    )
    p.add_argument("--title", help="the title (one input only)")
    p.add_argument("--outlet", help="the outlet that published it")
    p.add_argument("--date", help="publication date: 2021-12-14, 2021-12, 2021 or --12-14")
    p.add_argument("--url", help="where it was published")
    p.add_argument(
        "--format",
        choices=("text", "markdown", "html"),
        help="how to read standard input (default: guessed)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print only failures and the summary")
    p.add_argument("--json", action="store_true", help="one object per input, for scripts")
    p.set_defaults(run=run_import)

    p = commands.add_parser("list", help="list the articles in the library")
    p.add_argument("--sort", choices=sorted(SORT_KEYS), default="date", help="default: date")
    p.add_argument("--reverse", action="store_true", help="reverse the order")
    p.add_argument("--outlet", help="only articles from this outlet")
    p.add_argument("--tag", help="only articles tagged so (or holding a claim tagged so)")
    p.add_argument(
        "--actor",
        metavar="ACTOR",
        help="only articles mentioning this actor or holding a claim by or about it",
    )
    p.add_argument("--limit", type=positive_int, help="at most this many")
    p.add_argument("--json", action="store_true", help="a list of objects, for scripts")
    p.set_defaults(run=run_list)

    p = commands.add_parser("show", help="show one article with its metadata and text")
    p.add_argument("id", type=article_id, metavar="ID")
    p.add_argument("--json", action="store_true", help="an object, for scripts")
    p.set_defaults(run=run_show)

    p = commands.add_parser("article", help="work on one article: edit, update")
    sub = p.add_subparsers(
        dest="article_command", metavar="COMMAND", required=True, parser_class=type(p)
    )
    e = sub.add_parser("edit", help="correct an article's metadata ('' clears a field)")
    e.add_argument("id", type=article_id, metavar="ID")
    for field, text in (
        ("title", "the title"),
        ("outlet", "the outlet"),
        ("agency", "the news agency"),
        ("author", "the author"),
        ("dateline", "the dateline place"),
        ("date", "2021-12-14, 2021-12, 2021 or --12-14"),
        ("url", "the URL"),
        ("language", "language code, e.g. en"),
    ):
        e.add_argument(f"--{field}", help=text)
    e.add_argument("--json", action="store_true", help="the edited article, as `show --json`")
    e.set_defaults(run=run_edit)
    u = sub.add_parser("update", help="replace the text with a corrected version; re-anchor")
    u.add_argument("id", type=article_id, metavar="ID")
    u.add_argument(
        "file", type=path, metavar="FILE", help="the corrected version (.txt, .md or .html)"
    )
    u.add_argument("--json", action="store_true", help="the counts, for scripts")
    u.set_defaults(run=run_update)

    p = commands.add_parser("delete", help="delete articles and their annotations")
    p.add_argument("ids", nargs="+", type=article_id, metavar="ID")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask")
    p.add_argument("--json", action="store_true", help="what was deleted, for scripts")
    p.set_defaults(run=run_delete)


# import ------------------------------------------------------------------------------------


def run_import(args: argparse.Namespace, library: Library) -> int:
    # Here, not atop: the importers load trafilatura and the decoders.
    from briefing.core import STDIN, Metadata

    inputs = args.paths
    if args.title is not None and len(inputs) > 1:
        raise InvalidInput("--title names one article: give a single input with it")
    metadata = Metadata.from_strings(
        title=args.title, outlet=args.outlet, date=args.date, url=args.url
    )
    results: list[ImportResult] = []
    progress = TerminalProgress()

    def report(result: ImportResult) -> None:
        results.append(result)
        if args.json:
            return
        progress.finish()
        _print_import_line(result, quiet=args.quiet)

    files = [p for p in inputs if p != STDIN]
    if STDIN in inputs:
        if inputs.count(STDIN) > 1:
            raise InvalidInput("standard input can be read only once")
        report(
            library.imports.text(
                sys.stdin.buffer.read(), source_format=args.format, metadata=metadata
            )
        )
    if files:
        before = library.articles.count()
        try:
            library.imports.files(files, metadata=metadata, progress=progress, on_result=report)
        except KeyboardInterrupt:
            # The import commits as it goes: what was stored stays, and the reader is told.
            progress.finish()
            kept = counted(library.articles.count() - before, "article")
            fail(f"interrupted; kept what was imported before it stopped ({kept})")
            return 130
    progress.finish()

    if args.json:
        print_json([_import_json(r) for r in results])
    else:
        counts = {
            s: sum(r.status == s for r in results) for s in ("imported", "duplicate", "failed")
        }
        if len(results) > 1 or args.quiet:
            print(
                f"{counts['imported']} imported, {counts['duplicate']} duplicate, "
                f"{counts['failed']} failed"
            )
    return 2 if any(r.status == "failed" for r in results) else 0


def _print_import_line(result: ImportResult, *, quiet: bool) -> None:
    if result.status == "failed":
        fail(f"{result.path}: {result.reason}")
    elif quiet:
        return
    elif result.status == "imported":
        print(f"imported   {result.id:>6}  {result.title}  ({result.path})")
    else:
        print(f"duplicate  {result.id:>6}  {result.path} is already article {result.id}")


def _import_json(result: ImportResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "status": result.status,
        "id": result.id,
        "uid": result.uid,
        "reason": result.reason,
        "title": result.title,
    }


# list, show -------------------------------------------------------------------------------


def run_list(args: argparse.Namespace, library: Library) -> int:
    descending = None
    if args.reverse:
        descending = args.sort not in ("date", "imported", "claims")
    articles = library.articles.list(
        sort=args.sort, descending=descending, outlet=args.outlet, limit=args.limit
    )
    if args.json:
        print_json(stamped(library, Kind.ARTICLE, [summary_json(a) for a in articles]))
    elif articles:
        print_table(
            ("ID", "DATE", "OUTLET", "CLAIMS", "TITLE"),
            [
                (a.id, date_text(a.date), a.outlet or a.agency or "", a.claims, a.title)
                for a in articles
            ],
        )
    elif args.outlet or args.tag or args.actor:
        print("No articles match.", file=sys.stderr)
    else:
        print("The library is empty: add articles with 'briefing import PATH'.", file=sys.stderr)
    return 0


def summary_json(article: ArticleSummary) -> dict[str, Any]:
    return {
        "id": article.id,
        "uid": article.uid,
        "title": article.title,
        "title_proposed": article.title_proposed,
        "outlet": article.outlet,
        "agency": article.agency,
        "date": date_text(article.date) or None,
        "imported_at": article.imported_at,
        "claims": article.claims,
    }


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "uid": article.uid,
        "title": article.title,
        "title_proposed": article.title_proposed,
        "outlet": article.outlet,
        "agency": article.agency,
        "author": article.author,
        "dateline": article.dateline,
        "date": date_text(article.date) or None,
        "date_parts": article.date.as_dict() if article.date else None,
        "url": article.url,
        "language": article.language,
        "source_format": article.source_format,
        "source_path": article.source_path,
        "content_hash": article.content_hash,
        "imported_at": article.imported_at,
        "updated_at": article.updated_at,
        "annotations": article.annotations,
        "text": article.text,
    }


def run_show(args: argparse.Namespace, library: Library) -> int:
    article = library.articles.get(args.id)
    if args.json:
        print_json(stamped(library, Kind.ARTICLE, article_json(article)))
        return 0
    title = article.title + ("  (proposed title)" if article.title_proposed else "")
    print(title)
    print("=" * min(len(article.title), 78))
    fields = (
        ("Outlet", article.outlet),
        ("Agency", article.agency),
        ("Author", article.author),
        ("Dateline", article.dateline),
        ("Date", date_text(article.date)),
        ("URL", article.url),
        ("Article", f"{article.id}, imported {article.imported_at}"),
    )
    for label, value in fields:
        if value:
            print(f"{label + ':':<10}{value}")
    print()
    print(article.text)
    return 0


# edit, delete ------------------------------------------------------------------------------


def run_edit(args: argparse.Namespace, library: Library) -> int:
    fields = ("title", "outlet", "agency", "author", "dateline", "date", "url", "language")
    changes = {f: getattr(args, f) for f in fields if getattr(args, f) is not None}
    if not changes:
        raise InvalidInput("nothing to change: give --title, --date, --outlet, ... (see --help)")
    article = library.articles.edit(args.id, **changes)
    if args.json:
        print_json(stamped(library, Kind.ARTICLE, article_json(article)))
    else:
        print(f"article {article.id}: {', '.join(sorted(changes))} updated")
    return 0


def run_update(args: argparse.Namespace, library: Library) -> int:
    report = library.articles.update(args.id, args.file)
    if args.json:
        print_json(
            {
                "article": report.article_id,
                "kept": report.kept,
                "moved": report.moved,
                "fuzzy": report.fuzzy,
                "orphaned": report.orphaned,
                "orphaned_ids": list(report.orphaned_ids),
            }
        )
    else:
        print(
            f"article {report.article_id} updated: {report.kept} kept, {report.moved} moved, "
            f"{report.fuzzy} placed fuzzily, {report.orphaned} orphaned"
        )
        if report.orphaned_ids:
            ids = ", ".join(map(str, report.orphaned_ids))
            print(f"orphaned annotations (kept with their last quote): {ids}")
    return 0


def run_delete(args: argparse.Namespace, library: Library) -> int:
    previews = [library.articles.deletion_preview(i) for i in dict.fromkeys(args.ids)]
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput("not deleting without confirmation: add --yes")
        for p in previews:
            print(
                f"article {p.id}: {p.title} ({counted(p.annotations, 'annotation')})",
                file=sys.stderr,
            )
        total = sum(p.annotations for p in previews)
        question = (
            f"Delete {counted(len(previews), 'article')} and {counted(total, 'annotation')}? [y/N] "
        )
        print(question, end="", file=sys.stderr, flush=True)
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            print("Nothing deleted.", file=sys.stderr)
            return 1
    deleted = library.articles.delete([p.id for p in previews])
    if args.json:
        print_json(
            [
                {"id": d.id, "uid": d.uid, "title": d.title, "annotations": d.annotations}
                for d in deleted
            ]
        )
    else:
        for d in deleted:
            print(f"deleted article {d.id}: {d.title} ({counted(d.annotations, 'annotation')})")
    return 0
