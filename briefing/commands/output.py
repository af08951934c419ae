"""Printing for the CLI: JSON for scripts, aligned text for people, one-line errors."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from briefing.core import Kind, printable

if TYPE_CHECKING:
    from briefing.core import Library, PartialDate


def fail(message: str) -> None:
    """An error for a person: one line on stderr, bytes that are not text shown escaped (an
    argument quoted back in a usage error may hold them)."""
    print(f"briefing: {printable(' '.join(message.split()))}", file=sys.stderr)


def counted(n: int, noun: str) -> str:
    """ "1 mention", "2 mentions": a count with its noun, for messages."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def date_text(date: PartialDate | None) -> str:
    return date.iso() if date else ""


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, wrap_last: bool = True
) -> None:
    """Columns padded to their widest cell; the last column cut to the terminal's width."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 0
    for row in [list(headers), *cells]:
        line = "  ".join(v.ljust(widths[i]) for i, v in enumerate(row[:-1]))
        last = row[-1]
        if line:
            line += "  "
        if wrap_last and width and len(line) + len(last) > width:
            last = last[: max(10, width - len(line) - 1)] + "…"
        print((line + last).rstrip())


def stamped(library: Library, kind: Kind | str, value: Any) -> Any:
    """A record's JSON (or a list of them) with who created and last changed each record,
    and when: `created_by`, `changed_by`, `changed_at` (null when not known)."""
    items = value if isinstance(value, list) else [value]
    found = library.provenance.of(kind, [item["id"] for item in items])
    for item in items:
        known = found.get(item["id"])
        item["created_by"] = known.created_by if known else None
        item["changed_by"] = known.changed_by if known else None
        item["changed_at"] = known.changed_at if known else None
    return value
