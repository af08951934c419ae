"""Writing the team's records into the local library: the one path a sync writes through.

Every write happens inside the sync's transaction (one per batch), so the journal's triggers
file it, the library announces it as a `Changes` (the app's views refresh through
`library_changed` as for any edit) and a failure leaves the batch unwritten. A record is
found by uid; a field is written only when it differs, so the full-text indexes are touched
only for what changed. What a record names is found by uid too, through the redirects an
actor or tag merge left (here or in the team); a name that is nowhere is left out (a tag, a
subject) or leaves the field empty (a speaker), never invented.

Deleting goes through the services' own helpers, so that briefings keep what a deleted claim
said (snapshots) exactly as when the analyst deletes it: deletion.py.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from briefing.core.articles.rows import date_columns
from briefing.core.changes import Kind
from briefing.core.dates import parse_stored
from briefing.core.rowid import inserted_id
from briefing.core.team.deletion import delete_here
from briefing.core.team.records import TABLES, Data, local_ids

if TYPE_CHECKING:
    from briefing.core.library import Library


class Missing(Exception):
    """A record names one that is not here (its article, for an annotation)."""

    def __init__(self, kind: Kind, uid: str) -> None:
        super().__init__(f"{kind} {uid} is not in this library")
        self.kind = kind
        self.uid = uid


class Applier:
    def __init__(self, library: Library, conn: sqlite3.Connection) -> None:
        self._library = library
        self._conn = conn
        # Redirects the team told of (merged actors and tags), beside the local ones.
        self.redirects: dict[tuple[Kind, str], str] = {}

    # Finding ----------------------------------------------------------------------------------

    def local_id(self, kind: Kind, uid: str) -> int | None:
        row = self._conn.execute(f"SELECT id FROM {TABLES[kind]} WHERE uid = ?", (uid,)).fetchone()
        return int(row[0]) if row else None

    def resolve(self, kind: Kind, uid: str | None) -> int | None:
        """The local id of what `uid` names now, following merges; None when it is nowhere."""
        seen = set()
        while uid is not None and uid not in seen:
            seen.add(uid)
            found = self.local_id(kind, uid)
            if found is not None:
                return found
            into = self.redirects.get((kind, uid))
            if into is None:
                row = self._conn.execute(
                    "SELECT into_uid FROM record_redirects WHERE kind = ? AND uid = ?",
                    (str(kind), uid),
                ).fetchone()
                into = row[0] if row else None
            uid = into
        return None

    # Writing ----------------------------------------------------------------------------------

    def upsert(self, kind: Kind, uid: str, data: Data, current: Data | None) -> int:
        """Make the record with this uid say `data` (`current`: what it says now, if here)."""
        return int(getattr(self, f"_upsert_{TABLES[kind]}")(uid, data, current or {}))

    def _changed(self, data: Data, current: Data, columns: dict[str, Any]) -> dict[str, Any]:
        return {c: v for c, v in columns.items() if c not in current or current[c] != data.get(c)}

    def _write_row(
        self, table: str, uid: str, columns: dict[str, Any], changed: dict[str, Any]
    ) -> int:
        found = self.local_id_by_table(table, uid)
        if found is None:
            names = [*columns, "uid"]
            cursor = self._conn.execute(
                f"INSERT INTO {table} ({', '.join(_q(n) for n in names)}) "
                f"VALUES ({', '.join('?' * len(names))})",
                [*columns.values(), uid],
            )
            return inserted_id(cursor)
        if changed:
            self._conn.execute(
                f"UPDATE {table} SET {', '.join(f'{_q(c)} = ?' for c in changed)} WHERE id = ?",
                [*changed.values(), found],
            )
        return found

    def local_id_by_table(self, table: str, uid: str) -> int | None:
        row = self._conn.execute(f"SELECT id FROM {table} WHERE uid = ?", (uid,)).fetchone()
        return int(row[0]) if row else None

    def _set(self, table: str, owner: str, owner_id: int, column: str, wanted: set[Any]) -> None:
        """Make the rows of a link table for one owner be exactly `wanted`."""
        have = {
            r[0]
            for r in self._conn.execute(
                f"SELECT {column} FROM {table} WHERE {owner} = ?", (owner_id,)
            )
        }
        for value in have - wanted:
            self._conn.execute(
                f"DELETE FROM {table} WHERE {owner} = ? AND {column} = ?", (owner_id, value)
            )
        for value in wanted - have:
            self._conn.execute(
                f"INSERT OR IGNORE INTO {table} ({owner}, {column}) VALUES (?, ?)",
                (owner_id, value),
            )

    def _tag_ids(self, uids: list[str]) -> set[int]:
        return {i for i in (self.resolve(Kind.TAG, u) for u in uids) if i is not None}

    def _upsert_tags(self, uid: str, data: Data, current: Data) -> int:
        columns = {"name": data["name"]}
        return self._write_row("tags", uid, columns, self._changed(data, current, columns))

    def insert_articles(self, records: list[tuple[str, Data]]) -> None:
        """Articles that are nowhere here yet, in one statement: a library downloading the
        team pays for the full-text index, not for a round of look-ups per article."""
        if not records:
            return
        rows = []
        for uid, data in records:
            columns = _article_columns(data)
            columns.update(date_columns(parse_stored(data.get("date"))))
            columns["uid"] = uid
            rows.append(columns)
        names = list(rows[0])
        self._conn.executemany(
            f"INSERT INTO articles ({', '.join(_q(n) for n in names)}) "
            f"VALUES ({', '.join('?' * len(names))})",
            [[row[n] for n in names] for row in rows],
        )
        tagged = [(uid, data["tags"]) for uid, data in records if data.get("tags")]
        if tagged:
            ids = local_ids(self._conn, Kind.ARTICLE, [uid for uid, _ in tagged])
            self._conn.executemany(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                [(ids[uid], t) for uid, tags in tagged for t in self._tag_ids(tags)],
            )

    def _upsert_articles(self, uid: str, data: Data, current: Data) -> int:
        columns = _article_columns(data)
        changed = self._changed(data, current, columns)
        if "title_proposed" in changed and current.get("title_proposed") == data.get(
            "title_proposed"
        ):
            del changed["title_proposed"]
        dates = date_columns(parse_stored(data.get("date")))
        columns.update(dates)
        if not current or current.get("date") != data.get("date"):
            changed.update(dates)
        article_id = self._write_row("articles", uid, columns, changed)
        if not current or current.get("tags") != data.get("tags"):
            self._set(
                "article_tags",
                "article_id",
                article_id,
                "tag_id",
                self._tag_ids(data.get("tags", [])),
            )
        return article_id

    def _upsert_actors(self, uid: str, data: Data, current: Data) -> int:
        columns = {k: data.get(k) for k in ("name", "kind", "description", "created_at")}
        columns["description"] = columns["description"] or ""
        actor_id = self._write_row("actors", uid, columns, self._changed(data, current, columns))
        if not current or current.get("aliases") != data.get("aliases"):
            wanted = set()
            for alias, article, case_sensitive in data.get("aliases", []):
                article_id = self.resolve(Kind.ARTICLE, article) if article else None
                if article and article_id is None:
                    continue  # bound to an article that is gone
                wanted.add((alias, article_id, int(bool(case_sensitive))))
            have = {
                (r[1], r[2], r[3]): r[0]
                for r in self._conn.execute(
                    "SELECT id, alias, article_id, case_sensitive FROM actor_aliases "
                    "WHERE actor_id = ?",
                    (actor_id,),
                )
            }
            for key, alias_id in have.items():
                if key not in wanted:
                    self._conn.execute("DELETE FROM actor_aliases WHERE id = ?", (alias_id,))
            for alias, article_id, case_sensitive in wanted - set(have):
                self._conn.execute(
                    "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, article_id, "
                    "case_sensitive) VALUES (?, ?, ?, ?)",
                    (actor_id, alias, article_id, case_sensitive),
                )
        return actor_id

    def _upsert_sources(self, uid: str, data: Data, current: Data) -> int:
        columns = {
            k: data.get(k)
            for k in ("kind", "title", "url", "publisher", "date", "grade", "note", "created_at")
        }
        columns["note"] = columns["note"] or ""
        changed = self._changed(data, current, columns)
        columns["article_id"] = self.resolve(Kind.ARTICLE, data.get("article"))
        if not current or current.get("article") != data.get("article"):
            changed["article_id"] = columns["article_id"]
        return self._write_row("sources", uid, columns, changed)

    def _upsert_annotations(self, uid: str, data: Data, current: Data) -> int:
        article_id = self.resolve(Kind.ARTICLE, data["article"])
        if article_id is None:
            raise Missing(Kind.ARTICLE, data["article"])
        columns = {
            k: data.get(k)
            for k in ("kind", "start", "end", "quote", "prefix", "suffix", "note", "created_at")
        }
        columns["orphaned"] = int(bool(data.get("orphaned")))
        columns["note"] = columns["note"] or ""
        changed = self._changed(data, current, columns)
        if "orphaned" in changed and current.get("orphaned") == data.get("orphaned"):
            del changed["orphaned"]
        columns["article_id"] = article_id
        if not current or current.get("article") != data.get("article"):
            changed["article_id"] = article_id
        annotation_id = self._write_row("annotations", uid, columns, changed)
        if not current or current.get("tags") != data.get("tags"):
            self._set(
                "annotation_tags",
                "annotation_id",
                annotation_id,
                "tag_id",
                self._tag_ids(data.get("tags", [])),
            )
        if data["kind"] == "mention":
            actor_id = self.resolve(Kind.ACTOR, data.get("actor"))
            if actor_id is None:
                self._conn.execute("DELETE FROM mentions WHERE annotation_id = ?", (annotation_id,))
            elif current.get("actor") != data.get("actor") or not current:
                self._conn.execute(
                    "INSERT INTO mentions (annotation_id, actor_id) VALUES (?, ?) "
                    "ON CONFLICT (annotation_id) DO UPDATE SET actor_id = excluded.actor_id",
                    (annotation_id, actor_id),
                )
        if data["kind"] == "claim":
            self._write_claim(annotation_id, data, current)
        return annotation_id

    def _write_claim(self, claim_id: int, data: Data, current: Data) -> None:
        speaker = self.resolve(Kind.ACTOR, data.get("speaker"))
        if not current or any(
            current.get(k) != data.get(k) for k in ("speaker", "status", "grade")
        ):
            self._conn.execute(
                "INSERT INTO claims (annotation_id, speaker_id, status, grade) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (annotation_id) DO UPDATE SET speaker_id = excluded.speaker_id, "
                "status = excluded.status, grade = excluded.grade",
                (claim_id, speaker, data.get("status") or "asserted", data.get("grade")),
            )
        if not current or current.get("about") != data.get("about"):
            about = {self.resolve(Kind.ACTOR, a) for a in data.get("about", [])}
            self._set("claim_about", "claim_id", claim_id, "actor_id", about - {None})
        if not current or current.get("sources") != data.get("sources"):
            wanted = {}
            for source, relation in data.get("sources", []):
                source_id = self.resolve(Kind.SOURCE, source)
                if source_id is not None:
                    wanted[source_id] = relation
            have = dict(
                self._conn.execute(
                    "SELECT source_id, relation FROM claim_sources WHERE claim_id = ?", (claim_id,)
                ).fetchall()
            )
            for source_id in set(have) - set(wanted):
                self._conn.execute(
                    "DELETE FROM claim_sources WHERE claim_id = ? AND source_id = ?",
                    (claim_id, source_id),
                )
            for source_id, relation in wanted.items():
                if have.get(source_id) != relation:
                    self._conn.execute(
                        "INSERT INTO claim_sources (claim_id, source_id, relation) VALUES (?, ?, ?)"
                        " ON CONFLICT (claim_id, source_id) DO UPDATE SET relation = "
                        "excluded.relation",
                        (claim_id, source_id, relation),
                    )

    def set_links(self, claim_id: int, links: list[list[str]]) -> None:
        """A claim's links to others, once every claim of the batch is here."""
        wanted = set()
        for to_uid, relation in links:
            to_id = self.resolve(Kind.CLAIM, to_uid)
            if to_id is not None and to_id != claim_id:
                wanted.add((to_id, relation))
        have = set(
            self._conn.execute(
                "SELECT to_claim_id, relation FROM claim_links WHERE from_claim_id = ?",
                (claim_id,),
            ).fetchall()
        )
        for to_id, relation in have - wanted:
            self._conn.execute(
                "DELETE FROM claim_links WHERE from_claim_id = ? AND to_claim_id = ? "
                "AND relation = ?",
                (claim_id, to_id, relation),
            )
        for to_id, relation in wanted - have:
            self._conn.execute(
                "INSERT OR IGNORE INTO claim_links (from_claim_id, to_claim_id, relation) "
                "VALUES (?, ?, ?)",
                (claim_id, to_id, relation),
            )

    def _upsert_briefings(self, uid: str, data: Data, current: Data) -> int:
        columns = {k: data.get(k) for k in ("title", "author", "date", "bluf", "created_at")}
        columns["author"] = columns["author"] or ""
        columns["bluf"] = columns["bluf"] or ""
        changed = self._changed(data, current, columns)
        columns["shared"] = 1
        changed["shared"] = 1
        briefing_id = self._write_row("briefings", uid, columns, changed)
        if not current or current.get("sections") != data.get("sections"):
            self._conn.execute(
                "DELETE FROM briefing_sections WHERE briefing_id = ?", (briefing_id,)
            )
            for position, section in enumerate(data.get("sections", []), start=1):
                section_id = inserted_id(
                    self._conn.execute(
                        "INSERT INTO briefing_sections (briefing_id, position, heading) "
                        "VALUES (?, ?, ?)",
                        (briefing_id, position, section.get("heading") or ""),
                    )
                )
                for index, item in enumerate(section.get("items", []), start=1):
                    claim_id = self.resolve(Kind.CLAIM, item.get("claim"))
                    self._conn.execute(
                        "INSERT INTO briefing_items (section_id, position, kind, claim_id, text, "
                        "quote_snapshot, speaker_snapshot, citation_snapshot) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            section_id,
                            index,
                            item["kind"],
                            claim_id,
                            item.get("text") or "",
                            item.get("quote"),
                            item.get("speaker"),
                            item.get("citation"),
                        ),
                    )
        return briefing_id

    def adopt(self, kind: Kind, local_id: int, uid: str) -> None:
        """The team knows this record under another uid (the same article imported by two
        analysts, the same actor made twice): take the team's."""
        self._conn.execute(f"UPDATE {TABLES[kind]} SET uid = ? WHERE id = ?", (uid, local_id))

    # Deleting ---------------------------------------------------------------------------------

    def delete(self, kind: Kind, local_id: int, *, merged_into: str | None = None) -> None:
        """Delete a record here as the analyst would (deletion.py); an actor or tag the team
        merged into another is folded into that one when it is here."""
        merges = kind in (Kind.ACTOR, Kind.TAG)
        kept = self.resolve(kind, merged_into) if merges and merged_into else None
        delete_here(self._library, self._conn, kind, local_id, kept)

    def unshare(self, briefing_id: int) -> None:
        """The team withdrew a shared briefing: this library keeps its copy, private."""
        self._conn.execute("UPDATE briefings SET shared = 0 WHERE id = ?", (briefing_id,))


def _article_columns(data: Data) -> dict[str, Any]:
    columns = {
        k: data.get(k)
        for k in (
            "title outlet agency author dateline url language source_format "
            "content_hash imported_at text original"
        ).split()
    }
    columns["title_proposed"] = int(bool(data.get("title_proposed")))
    return columns


def _q(name: str) -> str:
    return f'"{name}"'
