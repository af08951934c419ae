"""Opening a search hit where the reader wants it: at the hit, with the query's words lit.

An article opens (selected in the library list when listed there) scrolled to the first
place the words occur, every occurrence marked; a claim or note opens revealed and flashed
as the annotation panel reveals it, with the words marked around it; an actor opens its
page. The words' places come from the same index the search used (core.search_terms), so
what the search matched is what is marked, stemming and diacritics included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.core import BriefingError, SearchHit
from briefing.ui import errors

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def open_hit(window: MainWindow, hit: SearchHit, query: str) -> bool:
    """Open `hit` in `window`; False (with a message) when it could not be opened."""
    if hit.kind == "actor":
        return _open_actor(window, hit.id)
    if hit.article_id is None:
        return False
    if hit.kind in ("claim", "note"):
        if not window.show_annotation(hit.article_id, hit.id):
            return False
        window.reader.terms.show(_spans(window, hit.article_id, query), scroll=False)
        return True
    if not window.open_article(hit.article_id, select=True):
        return False
    window.show_reader()
    window.reader.terms.show(_spans(window, hit.article_id, query))
    return True


def _spans(window: MainWindow, article_id: int, query: str) -> list[tuple[int, int]]:
    try:
        return window.library.search.term_spans(article_id, query)
    except BriefingError as exc:
        errors.show_error(window, exc)
        return []


def _open_actor(window: MainWindow, actor_id: int) -> bool:
    # Imported when used: the actor pages are a window of their own, not part of start-up.
    try:
        from briefing.ui.actors import open_actors
    except ImportError:
        errors.show_status(window, "Actor pages are not available in this version")
        return False
    open_actors(window, actor_id)
    return True
