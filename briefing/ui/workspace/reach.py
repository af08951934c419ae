"""Which of a library change the workspace must read again: the list of briefings, the
open briefing, and whether the preview's rendered page is out of date.

Apart from the window (window.py) because it is a question about the data, not about any
widget: every write, from this window, another window or another copy of Briefing, comes
as a `Changes` value, and most reach nothing here. The open briefing is reached by a change
to itself or to what it quotes (a claim, or an actor, article or source such a claim names,
or a claim it links to): the preview renders those live. A change to its own fields only
(title, bottom line, author, date) leaves the preview's page as it is, since the preview
shows the fields as typed: no full render mid-typing.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core import Briefing, Changes, Kind, Library, NotFound


@dataclass(frozen=True)
class Reach:
    list_: bool  # the list of briefings
    briefing: bool  # the open briefing
    preview: bool  # the preview's cached page (reached only with the briefing)


def reach(
    changes: Changes, library: Library, briefing_id: int | None, briefing: Briefing | None
) -> Reach:
    """What `changes` reach of a workspace with `briefing_id` open (`briefing`, as last read;
    it may be None while the id is set, for a briefing deleted elsewhere)."""
    listed = changes.touches(Kind.BRIEFING)
    opened = changes.full or (
        briefing_id is not None
        and (briefing_id in changes.ids(Kind.BRIEFING) or quotes(briefing, changes))
    )
    return Reach(listed, opened, opened and not only_fields_changed(library, briefing, changes))


def quotes(briefing: Briefing | None, changes: Changes) -> bool:
    """Whether a claim `briefing` quotes (or links to), or an actor, article or source such
    a claim names, is among `changes`: the preview renders them live."""
    if briefing is None:
        return False
    claims, actors, articles, sources = set(), set(), set(), set()
    for item in briefing.items:
        if item.claim_id is not None:
            claims.add(item.claim_id)
        snapshot = item.snapshot
        if snapshot is None:
            continue
        articles.add(snapshot.article.id)
        actors.update(a.id for a in snapshot.about)
        if snapshot.speaker is not None:
            actors.add(snapshot.speaker.id)
        sources.update(s.id for s in snapshot.sources)
        claims.update(link.claim_id for link in snapshot.links)
    return bool(
        claims & changes.ids(Kind.CLAIM)
        or actors & changes.ids(Kind.ACTOR)
        or articles & changes.ids(Kind.ARTICLE)
        or sources & changes.ids(Kind.SOURCE)
    )


def only_fields_changed(library: Library, briefing: Briefing | None, changes: Changes) -> bool:
    """Whether all that changed is `briefing`'s own fields (title, bottom line, author,
    date): told by the changes and by comparing its sections, not by any text."""
    if briefing is None or changes.full or changes.added or changes.deleted:
        return False
    if set(changes.updated) != {Kind.BRIEFING}:
        return False
    if changes.updated_ids(Kind.BRIEFING) != {briefing.id}:
        return False
    try:
        now = library.briefings.get(briefing.id)
    except NotFound:
        return False
    return now.sections == briefing.sections
