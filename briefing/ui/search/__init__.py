"""Library search (issue 7): a field in the toolbar (Ctrl+K) and a results page that takes the
library list's place while a query is typed.

    page.py          the page: filters, count line, results; what typing and keys do
    field.py         the toolbar's field
    searcher.py      the core's search off the GUI thread, newest question only
    filters.py       actor, tag, outlet, date range
    results_model.py / results_view.py / delegate.py   the hits as a list, drawn
    opening.py       opening a hit at the hit, the query's words marked in the reader
"""

from __future__ import annotations

from briefing.ui.search.page import SearchPage

__all__ = ["SearchPage"]
