"""Where the reader was in each article, so an article opens again where it was left, and
which article of each library was open last, so a library opens on it again.

Kept in the app's settings (not the library: it is this reader's place on this computer,
not part of the record), per library file, as the canonical offset of the first line in
view: an offset survives a wider or narrower window, where a scroll bar's value would not.
The most recent READ_KEEP articles are kept; the oldest go first.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings

READ_KEEP = 500


class ReadingPositions:
    def __init__(self, settings: QSettings, library_path: Path) -> None:
        self._settings = settings
        # fsencode: a file name need not be UTF-8 (the same bytes as before when it is).
        digest = hashlib.sha1(os.fsencode(library_path.resolve())).hexdigest()[:16]
        self._key = f"reading/{digest}"  # this library's group
        self._positions: dict[str, int] | None = None

    def _load(self) -> dict[str, int]:
        if self._positions is None:
            try:
                loaded = json.loads(str(self._settings.value(f"{self._key}/places", "{}")))
            except ValueError:
                loaded = {}
            self._positions = {
                str(k): v
                for k, v in (loaded.items() if isinstance(loaded, dict) else ())
                if isinstance(v, int) and not isinstance(v, bool) and v >= 0
            }
        return self._positions

    def last(self) -> int | None:
        value = self._settings.value(f"{self._key}/last")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last(self, article_id: int) -> None:
        self._settings.setValue(f"{self._key}/last", article_id)

    def recall(self, article_id: int) -> int | None:
        return self._load().get(str(article_id))

    def remember(self, article_id: int, offset: int) -> None:
        positions = self._load()
        positions.pop(str(article_id), None)
        if offset > 0:  # the top is where an article opens anyway
            positions[str(article_id)] = offset  # last in: the most recent
        while len(positions) > READ_KEEP:
            positions.pop(next(iter(positions)))
        self._settings.setValue(f"{self._key}/places", json.dumps(positions))
