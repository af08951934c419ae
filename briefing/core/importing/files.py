"""Which files an import means: the paths given, and folders walked recursively."""

from __future__ import annotations

import os
from pathlib import Path

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def format_for(path: Path) -> str:
    """The reader for a file: by its extension, plain text when it has none we know."""
    return FORMATS.get(path.suffix.lower(), "text")


def expand(paths: list[Path]) -> list[Path]:
    """Files named directly are kept whatever their extension (the import says if one is
    not text); folders contribute their .txt, .md and .html files, hidden ones skipped,
    in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(_walk(path))
        else:
            out.append(path)
    return out


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and Path(name).suffix.lower() in FORMATS:
                found.append(Path(root, name))
    return found
