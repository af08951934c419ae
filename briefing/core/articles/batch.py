"""Setting the outlet, agency or date of many articles at once, and tagging them: one
transaction, and undoable.

Everything is checked before anything is written (an unreadable date, an empty tag), so bad
input changes nothing. The result keeps, per article, the stored values it replaced and the
tags it newly put on, so that `revert_batch_edit()` puts back exactly what was there: a tag
an article had already is left on when the edit is undone.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.core.articles.rows import date_columns
from briefing.core.changes import Changes
from briefing.core.clock import now
from briefing.core.dates import PartialDate, parse_optional
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.tags import clean_tag, tag_id

if TYPE_CHECKING:
    from briefing.core.library import Library

BATCH_FIELDS = ("outlet", "agency", "date")
_CHUNK = 500


@dataclass(frozen=True)
class BatchEdit:
    """What a batch edit did: enough to undo it, and what it changed."""

    article_ids: tuple[int, ...]
    # Per article, the stored columns it replaced (the date is three: date, start, end).
    before: tuple[tuple[int, tuple[tuple[str, object], ...]], ...]
    fields: tuple[tuple[str, str | None], ...]  # as asked (a date in ISO form)
    tags: tuple[str, ...]  # as asked
    # Per article, the tags this edit put on it (those it had already are not here).
    tagged: tuple[tuple[int, tuple[str, ...]], ...]
    changes: Changes = field(default_factory=Changes)


def batch_edit(
    library: Library,
    article_ids: Iterable[int],
    fields: Mapping[str, str | PartialDate | None],
    tags: Iterable[str] = (),
) -> BatchEdit:
    """Set `fields` (outlet, agency, date: a value of None or "" clears it) on every
    article and add `tags`; one transaction. An unknown id fails it all."""
    ids = tuple(dict.fromkeys(article_ids))
    if not ids:
        raise InvalidInput("no articles to edit")
    values = _columns(fields)
    names = list(dict.fromkeys(clean_tag(t) for t in tags))
    if not values and not names:
        raise InvalidInput("nothing to set: give an outlet, an agency, a date or tags")
    columns = list(values)
    before: list[tuple[int, tuple[tuple[str, object], ...]]] = []
    tagged: list[tuple[int, tuple[str, ...]]] = []
    with library.transaction() as conn:
        found: dict[int, tuple[object, ...]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            select = ", ".join(["id", *columns, "updated_at"])
            for row in conn.execute(f"SELECT {select} FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = tuple(row[1:])
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(f"no article with id {missing[0]}")
        if values:
            stamp = now()
            assignments = ", ".join(f"{c} = ?" for c in [*columns, "updated_at"])
            for article_id in ids:
                old = found[article_id]
                if all(old[i] == values[c] for i, c in enumerate(columns)):
                    continue  # already so: left alone, not stamped as changed
                before.append((article_id, tuple(zip([*columns, "updated_at"], old, strict=True))))
                conn.execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    [*values.values(), stamp, article_id],
                )
        if names:
            tag_ids = {name: tag_id(conn, name) for name in names}
            for article_id in ids:
                added = tuple(
                    name
                    for name in names
                    if conn.execute(
                        "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                        (article_id, tag_ids[name]),
                    ).rowcount
                )
                if added:
                    tagged.append((article_id, added))
    asked = tuple((name, _text(name, values)) for name in BATCH_FIELDS if name in fields)
    return BatchEdit(ids, tuple(before), asked, tuple(names), tuple(tagged), library.last_changes)


def revert_batch_edit(library: Library, edit: BatchEdit) -> Changes:
    """Put back what `edit` replaced, and take off the tags it added; one transaction."""
    with library.transaction() as conn:
        for article_id, old in edit.before:
            assignments = ", ".join(f"{c} = ?" for c, _ in old)
            conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?",
                [v for _, v in old] + [article_id],
            )
        for article_id, names in edit.tagged:
            for name in names:
                conn.execute(
                    "DELETE FROM article_tags WHERE article_id = ? AND tag_id ="
                    " (SELECT id FROM tags WHERE name = ? COLLATE NOCASE)",
                    (article_id, name),
                )
    return library.last_changes


def redo_batch_edit(library: Library, edit: BatchEdit) -> BatchEdit:
    """Do `edit` again (after an undo), as it was first asked."""
    return batch_edit(library, edit.article_ids, dict(edit.fields), edit.tags)


def _text(name: str, values: dict[str, object]) -> str | None:
    value = values[name]
    return None if value is None else str(value)


def _columns(fields: Mapping[str, str | PartialDate | None]) -> dict[str, object]:
    unknown = set(fields) - set(BATCH_FIELDS)
    if unknown:
        raise InvalidInput(f"cannot set {', '.join(sorted(unknown))} on many articles at once")
    values: dict[str, object] = {}
    for name, value in fields.items():
        if name == "date":
            date = value if isinstance(value, PartialDate) else parse_optional(value)
            values.update(date_columns(date))
        else:
            text = " ".join(str(value).split()) if value is not None else ""
            values[name] = text or None
    return values


__all__: builtins.list[str] = ["BatchEdit", "batch_edit", "redo_batch_edit", "revert_batch_edit"]
