"""The headless core of Briefing: the library and everything done to it. Never imports Qt.

from briefing.core import Library
with Library.open("news.sqlite") as library:
    library.imports.files(["articles/"])
    for hit in library.search.run("sanction*"):
        print(hit.title, hit.marked_snippet())
"""

from briefing.core.articles.service import Article, ArticleSummary, DeletedArticle
from briefing.core.dates import PartialDate
from briefing.core.errors import (
    BriefingError,
    Cancelled,
    ImportFailed,
    InvalidInput,
    LibraryUnavailable,
    MigrationFailed,
    NotFound,
)
from briefing.core.importing.service import ImportResult, Metadata
from briefing.core.library import Library
from briefing.core.search.service import SearchHit

__all__ = [
    "Article",
    "ArticleSummary",
    "BriefingError",
    "Cancelled",
    "DeletedArticle",
    "ImportFailed",
    "ImportResult",
    "InvalidInput",
    "Library",
    "LibraryUnavailable",
    "Metadata",
    "MigrationFailed",
    "NotFound",
    "PartialDate",
    "SearchHit",
]
