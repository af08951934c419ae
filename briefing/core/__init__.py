"""The headless core of Briefing: the library and everything done to it. Never imports Qt.

    from briefing.core import Library
    with Library.open("news.sqlite") as library:
        library.imports.files(["articles/"])
        for hit in library.search.run("sanction*"):
            print(hit.title, hit.marked_snippet())

One door: `Library` and its services (`library.articles`, `.imports`, `.search`,
`.annotations`, `.claims`, `.actors`, `.mentions`, `.sources`, `.tags`, `.briefings`,
`.backups`; `Library.list_backups` and `Library.restore_backup` for a file that may not open)
are the whole API, and the names below are the values they take and return. The app and the command
line import from here and nowhere deeper (tests/test_layering.py holds them to it); the
modules inside are the implementation, free to change.

Every write commits one transaction and announces what it changed as a `Changes` value
(`library.add_listener`, `library.last_changes`); `library.changes_since(version)` answers
the same for any commit by anyone, from the change journal.

Names are loaded when first used (PEP 562), so `import briefing.core` stays cheap for a
script that only searches: the importers and the exporters cost a second to import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.core.actors.aliases import ActorAlias
    from briefing.core.actors.deletion import DeletedActor
    from briefing.core.actors.kind_guess import (
        KindGuess as ActorKindGuess,
        KindGuesser as ActorKindGuesser,
        guess_kind as guess_actor_kind,
    )
    from briefing.core.actors.mentions import Mention, Suggestion, SuggestReport
    from briefing.core.actors.merge import MergeRecord
    from briefing.core.actors.model import KINDS as ACTOR_KINDS, Actor, ActorListing, Alias
    from briefing.core.actors.page import (
        LIMIT as ACTOR_PAGE_LIMIT,
        ActorPage,
        Capped,
        PageAlias,
        PageClaim,
        Passage,
    )
    from briefing.core.actors.suggesting import SuggestCancelled
    from briefing.core.annotations.model import Annotation, Span
    from briefing.core.annotations.refs import AnnotationRefs
    from briefing.core.annotations.restore import AnnotationSnapshot
    from briefing.core.annotations.w3c_import import W3CImportReport
    from briefing.core.articles.batch import BatchEdit
    from briefing.core.articles.service import (
        SORT_KEYS as ARTICLE_SORT_KEYS,
        Article,
        ArticleSummary,
        DeletedArticle,
    )
    from briefing.core.articles.trash import ArticleSnapshot
    from briefing.core.articles.update import UpdateReport
    from briefing.core.atomic_files import atomic_target, write_atomically
    from briefing.core.backup_folder import (
        Backup,
        RestoreReport,
    )
    from briefing.core.backups import (
        FREE_MARGIN as BACKUP_FREE_MARGIN,
        SHARE_OF_DISK as BACKUP_SHARE_OF_DISK,
    )
    from briefing.core.briefings.model import (
        Briefing,
        BriefingItem,
        BriefingSection,
        BriefingSummary,
    )
    from briefing.core.briefings.placement import Placement, drop_placements, placements_of
    from briefing.core.bundled import resources_dir
    from briefing.core.changes import NO_CHANGES, Changes, Kind
    from briefing.core.claims.model import (
        CLAIM_RELATIONS,
        GRADE_MEANINGS as CLAIM_GRADE_MEANINGS,
        SOURCE_RELATIONS,
        STATUSES,
        UNSET,
        ActorRef,
        Claim,
        Unset,
    )
    from briefing.core.claims.row_order import (
        NO_SPEAKER,
        UNGRADED,
        ClaimFilter,
        filter_rows,
        sort_rows,
    )
    from briefing.core.claims.rows import ClaimRow
    from briefing.core.claims.state import ClaimState, NewActor, NewSource
    from briefing.core.dates import PartialDate, parse_optional
    from briefing.core.errors import (
        BackupFailed,
        BriefingError,
        Cancelled,
        ImportFailed,
        InvalidInput,
        LibraryBusy,
        LibraryDamaged,
        LibraryEmpty,
        LibraryReadOnly,
        LibraryUnavailable,
        MigrationFailed,
        NotFound,
        TeamUnavailable,
    )
    from briefing.core.export.csl import render_csl
    from briefing.core.export.document import ExportDocument, human_date
    from briefing.core.export.html import render_html
    from briefing.core.export.markdown import MarkdownOptions, render_markdown, render_pandoc
    from briefing.core.importing.extracted import Extracted
    from briefing.core.importing.service import STDIN, ImportCancelled, ImportResult, Metadata
    from briefing.core.journal import JournalEntry
    from briefing.core.library import Library
    from briefing.core.library_paths import resolve_library_path
    from briefing.core.presence import Holder
    from briefing.core.progress import NoProgress, Progress
    from briefing.core.provenance import Provenance
    from briefing.core.sample import SampleLoaded
    from briefing.core.search.hit import SearchHit
    from briefing.core.search.query import prefix_last
    from briefing.core.search.service import (
        DEFAULT_LIMIT as SEARCH_DEFAULT_LIMIT,
        KINDS as SEARCH_KINDS,
        SearchResults,
    )
    from briefing.core.sources import (
        GRADE_MEANINGS as SOURCE_GRADE_MEANINGS,
        KINDS as SOURCE_KINDS,
        Source,
    )
    from briefing.core.team import KEEP as TEAM_KEEP
    from briefing.core.team.conflicts import Conflict as TeamConflict
    from briefing.core.team.service import TeamStatus
    from briefing.core.team.sync import SyncReport as TeamSyncReport
    from briefing.core.text_input import check_text, has_surrogates, printable

_EXPORTS: dict[str, tuple[str, str]] = {
    "ACTOR_KINDS": ("actors.model", "KINDS"),
    "ACTOR_PAGE_LIMIT": ("actors.page", "LIMIT"),
    "ARTICLE_SORT_KEYS": ("articles.service", "SORT_KEYS"),
    "Actor": ("actors.model", "Actor"),
    "ActorAlias": ("actors.aliases", "ActorAlias"),
    "ActorKindGuess": ("actors.kind_guess", "KindGuess"),
    "ActorKindGuesser": ("actors.kind_guess", "KindGuesser"),
    "ActorListing": ("actors.model", "ActorListing"),
    "ActorPage": ("actors.page", "ActorPage"),
    "ActorRef": ("claims.model", "ActorRef"),
    "Alias": ("actors.model", "Alias"),
    "Annotation": ("annotations.model", "Annotation"),
    "AnnotationRefs": ("annotations.refs", "AnnotationRefs"),
    "AnnotationSnapshot": ("annotations.restore", "AnnotationSnapshot"),
    "Article": ("articles.service", "Article"),
    "ArticleSummary": ("articles.service", "ArticleSummary"),
    "BACKUP_FREE_MARGIN": ("backups", "FREE_MARGIN"),
    "BACKUP_SHARE_OF_DISK": ("backups", "SHARE_OF_DISK"),
    "Backup": ("backup_folder", "Backup"),
    "BackupFailed": ("errors", "BackupFailed"),
    "Briefing": ("briefings.model", "Briefing"),
    "BriefingError": ("errors", "BriefingError"),
    "BriefingItem": ("briefings.model", "BriefingItem"),
    "BriefingSection": ("briefings.model", "BriefingSection"),
    "BriefingSummary": ("briefings.model", "BriefingSummary"),
    "CLAIM_GRADE_MEANINGS": ("claims.model", "GRADE_MEANINGS"),
    "CLAIM_RELATIONS": ("claims.model", "CLAIM_RELATIONS"),
    "Cancelled": ("errors", "Cancelled"),
    "Capped": ("actors.page", "Capped"),
    "Changes": ("changes", "Changes"),
    "Claim": ("claims.model", "Claim"),
    "ClaimFilter": ("claims.row_order", "ClaimFilter"),
    "ClaimRow": ("claims.rows", "ClaimRow"),
    "ClaimState": ("claims.state", "ClaimState"),
    "DeletedActor": ("actors.deletion", "DeletedActor"),
    "ArticleSnapshot": ("articles.trash", "ArticleSnapshot"),
    "BatchEdit": ("articles.batch", "BatchEdit"),
    "DeletedArticle": ("articles.service", "DeletedArticle"),
    "ExportDocument": ("export.document", "ExportDocument"),
    "Extracted": ("importing.extracted", "Extracted"),
    "Holder": ("presence", "Holder"),
    "ImportFailed": ("errors", "ImportFailed"),
    "ImportCancelled": ("importing.service", "ImportCancelled"),
    "ImportResult": ("importing.service", "ImportResult"),
    "InvalidInput": ("errors", "InvalidInput"),
    "JournalEntry": ("journal", "JournalEntry"),
    "Kind": ("changes", "Kind"),
    "Library": ("library", "Library"),
    "LibraryBusy": ("errors", "LibraryBusy"),
    "LibraryDamaged": ("errors", "LibraryDamaged"),
    "LibraryEmpty": ("errors", "LibraryEmpty"),
    "LibraryReadOnly": ("errors", "LibraryReadOnly"),
    "LibraryUnavailable": ("errors", "LibraryUnavailable"),
    "MarkdownOptions": ("export.markdown", "MarkdownOptions"),
    "Mention": ("actors.mentions", "Mention"),
    "MergeRecord": ("actors.merge", "MergeRecord"),
    "Metadata": ("importing.service", "Metadata"),
    "MigrationFailed": ("errors", "MigrationFailed"),
    "NO_CHANGES": ("changes", "NO_CHANGES"),
    "NO_SPEAKER": ("claims.row_order", "NO_SPEAKER"),
    "NewActor": ("claims.state", "NewActor"),
    "NewSource": ("claims.state", "NewSource"),
    "NoProgress": ("progress", "NoProgress"),
    "NotFound": ("errors", "NotFound"),
    "PageAlias": ("actors.page", "PageAlias"),
    "PageClaim": ("actors.page", "PageClaim"),
    "PartialDate": ("dates", "PartialDate"),
    "Passage": ("actors.page", "Passage"),
    "Placement": ("briefings.placement", "Placement"),
    "Progress": ("progress", "Progress"),
    "RestoreReport": ("backup_folder", "RestoreReport"),
    "SEARCH_DEFAULT_LIMIT": ("search.service", "DEFAULT_LIMIT"),
    "SEARCH_KINDS": ("search.service", "KINDS"),
    "SOURCE_GRADE_MEANINGS": ("sources", "GRADE_MEANINGS"),
    "SOURCE_KINDS": ("sources", "KINDS"),
    "SOURCE_RELATIONS": ("claims.model", "SOURCE_RELATIONS"),
    "STATUSES": ("claims.model", "STATUSES"),
    "STDIN": ("importing.service", "STDIN"),
    "SampleLoaded": ("sample", "SampleLoaded"),
    "SearchHit": ("search.hit", "SearchHit"),
    "SearchResults": ("search.service", "SearchResults"),
    "prefix_last": ("search.query", "prefix_last"),
    "Source": ("sources", "Source"),
    "Span": ("annotations.model", "Span"),
    "SuggestCancelled": ("actors.suggesting", "SuggestCancelled"),
    "SuggestReport": ("actors.mentions", "SuggestReport"),
    "Suggestion": ("actors.mentions", "Suggestion"),
    "TEAM_KEEP": ("team", "KEEP"),
    "TeamConflict": ("team.conflicts", "Conflict"),
    "TeamStatus": ("team.service", "TeamStatus"),
    "TeamSyncReport": ("team.sync", "SyncReport"),
    "TeamUnavailable": ("errors", "TeamUnavailable"),
    "Provenance": ("provenance", "Provenance"),
    "UNGRADED": ("claims.row_order", "UNGRADED"),
    "UNSET": ("claims.model", "UNSET"),
    "Unset": ("claims.model", "Unset"),
    "UpdateReport": ("articles.update", "UpdateReport"),
    "W3CImportReport": ("annotations.w3c_import", "W3CImportReport"),
    "atomic_target": ("atomic_files", "atomic_target"),
    "check_text": ("text_input", "check_text"),
    "drop_placements": ("briefings.placement", "drop_placements"),
    "filter_rows": ("claims.row_order", "filter_rows"),
    "guess_actor_kind": ("actors.kind_guess", "guess_kind"),
    "has_surrogates": ("text_input", "has_surrogates"),
    "human_date": ("export.document", "human_date"),
    "parse_optional": ("dates", "parse_optional"),
    "placements_of": ("briefings.placement", "placements_of"),
    "printable": ("text_input", "printable"),
    "render_csl": ("export.csl", "render_csl"),
    "render_html": ("export.html", "render_html"),
    "render_markdown": ("export.markdown", "render_markdown"),
    "render_pandoc": ("export.markdown", "render_pandoc"),
    "resolve_library_path": ("library_paths", "resolve_library_path"),
    "resources_dir": ("bundled", "resources_dir"),
    "sort_rows": ("claims.row_order", "sort_rows"),
    "write_atomically": ("atomic_files", "write_atomically"),
}

__all__ = [
    "ACTOR_KINDS",
    "ACTOR_PAGE_LIMIT",
    "ARTICLE_SORT_KEYS",
    "Actor",
    "ActorAlias",
    "ActorKindGuess",
    "ActorKindGuesser",
    "ActorListing",
    "ActorPage",
    "ActorRef",
    "Alias",
    "Annotation",
    "AnnotationRefs",
    "AnnotationSnapshot",
    "Article",
    "ArticleSummary",
    "BACKUP_FREE_MARGIN",
    "BACKUP_SHARE_OF_DISK",
    "Backup",
    "BackupFailed",
    "Briefing",
    "BriefingError",
    "BriefingItem",
    "BriefingSection",
    "BriefingSummary",
    "CLAIM_GRADE_MEANINGS",
    "CLAIM_RELATIONS",
    "Cancelled",
    "Capped",
    "Changes",
    "Claim",
    "ClaimFilter",
    "ClaimRow",
    "ClaimState",
    "DeletedActor",
    "ArticleSnapshot",
    "BatchEdit",
    "DeletedArticle",
    "ExportDocument",
    "Extracted",
    "Holder",
    "ImportCancelled",
    "ImportFailed",
    "ImportResult",
    "InvalidInput",
    "JournalEntry",
    "Kind",
    "Library",
    "LibraryBusy",
    "LibraryDamaged",
    "LibraryEmpty",
    "LibraryReadOnly",
    "LibraryUnavailable",
    "MarkdownOptions",
    "Mention",
    "MergeRecord",
    "Metadata",
    "MigrationFailed",
    "NO_CHANGES",
    "NO_SPEAKER",
    "NewActor",
    "NewSource",
    "NoProgress",
    "NotFound",
    "PageAlias",
    "PageClaim",
    "PartialDate",
    "Passage",
    "Placement",
    "Progress",
    "RestoreReport",
    "SEARCH_DEFAULT_LIMIT",
    "SEARCH_KINDS",
    "SOURCE_GRADE_MEANINGS",
    "SOURCE_KINDS",
    "SOURCE_RELATIONS",
    "STATUSES",
    "STDIN",
    "SampleLoaded",
    "SearchHit",
    "SearchResults",
    "prefix_last",
    "Source",
    "Span",
    "SuggestCancelled",
    "SuggestReport",
    "Suggestion",
    "TEAM_KEEP",
    "TeamConflict",
    "TeamStatus",
    "TeamSyncReport",
    "TeamUnavailable",
    "Provenance",
    "UNGRADED",
    "UNSET",
    "Unset",
    "UpdateReport",
    "W3CImportReport",
    "atomic_target",
    "check_text",
    "drop_placements",
    "filter_rows",
    "guess_actor_kind",
    "has_surrogates",
    "human_date",
    "parse_optional",
    "placements_of",
    "printable",
    "render_csl",
    "render_html",
    "render_markdown",
    "render_pandoc",
    "resolve_library_path",
    "resources_dir",
    "sort_rows",
    "write_atomically",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'briefing.core' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"briefing.core.{module}"), attribute)
    globals()[name] = value  # the next lookup is a plain one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
