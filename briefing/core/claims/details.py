"""A page of claims' subjects, sources and links, loaded in a few queries for many claims.

Listing a thousand claims must not cost three thousand queries: each loader takes the ids of
a page of claims and returns, per claim, what hangs off it.
"""

from __future__ import annotations

import sqlite3

from briefing.core.claims.model import ActorRef, ClaimLink, LinkedSource


def _in(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def load_about(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[ActorRef, ...]]:
    out: dict[int, list[ActorRef]] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            f"""SELECT b.claim_id, a.id, a.name
                FROM claim_about b JOIN actors a ON a.id = b.actor_id
                WHERE b.claim_id IN ({_in(chunk)}) ORDER BY a.name COLLATE NOCASE""",
            chunk,
        )
        for claim_id, actor_id, name in rows:
            out.setdefault(claim_id, []).append(ActorRef(actor_id, name))
    return {k: tuple(v) for k, v in out.items()}


def load_sources(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[LinkedSource, ...]]:
    out: dict[int, list[LinkedSource]] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            f"""SELECT l.claim_id, s.id, s.title, l.relation, s.kind, s.grade, s.publisher, s.date,
                       s.url
                FROM claim_sources l JOIN sources s ON s.id = l.source_id
                WHERE l.claim_id IN ({_in(chunk)}) ORDER BY s.id""",
            chunk,
        )
        for claim_id, *rest in rows:
            out.setdefault(claim_id, []).append(LinkedSource(*rest))
    return {k: tuple(v) for k, v in out.items()}


def load_links(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[ClaimLink, ...]]:
    out: dict[int, list[ClaimLink]] = {}
    for chunk in _chunks(ids):
        marks = _in(chunk)
        rows = conn.execute(
            f"""SELECT from_claim_id, to_claim_id, relation FROM claim_links
                WHERE from_claim_id IN ({marks}) OR to_claim_id IN ({marks})
                ORDER BY from_claim_id, to_claim_id""",
            chunk + chunk,
        )
        wanted = set(chunk)
        for source, target, relation in rows:
            if source in wanted:
                out.setdefault(source, []).append(ClaimLink(target, relation, True))
            if target in wanted:
                out.setdefault(target, []).append(ClaimLink(source, relation, False))
    return {k: tuple(v) for k, v in out.items()}


def _chunks(ids: list[int], size: int = 400) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
