"""The services a library carries (`library.articles`, `.search`, `.claims`...), each made
on first use.

Apart from the library itself (core/library.py: the file, its connections, transactions and
changes) because they are the domain built on it, not part of it: each service works through
the library's public methods alone, and its module is imported only when first asked for,
so a script that only opens a library does not pay for trafilatura. `Library` inherits this
class, so `library.articles` is an attribute of the library, the same object on every use.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from briefing.core.actors.mentions import MentionService
    from briefing.core.actors.service import ActorService
    from briefing.core.annotations.service import AnnotationService
    from briefing.core.articles.service import ArticleService
    from briefing.core.backup_service import BackupService
    from briefing.core.briefings.service import BriefingService
    from briefing.core.claims.service import ClaimService
    from briefing.core.importing.service import ImportService
    from briefing.core.library import Library
    from briefing.core.provenance import ProvenanceService
    from briefing.core.search.service import SearchService
    from briefing.core.settings import SettingsService
    from briefing.core.sources import SourceService
    from briefing.core.tags import TagService
    from briefing.core.team.service import TeamService


class LibraryServices:
    """The services of one library, as its attributes (Library inherits them)."""

    @property
    def _library(self) -> Library:
        return cast("Library", self)  # this class is only ever Library's own base

    @cached_property
    def articles(self) -> ArticleService:
        # Imported here: the services import this module, and a script that only opens a
        # library should not pay for trafilatura.
        from briefing.core.articles.service import ArticleService

        return ArticleService(self._library)

    @cached_property
    def imports(self) -> ImportService:
        from briefing.core.importing.service import ImportService

        return ImportService(self._library)

    @cached_property
    def search(self) -> SearchService:
        from briefing.core.search.service import SearchService

        return SearchService(self._library)

    @cached_property
    def annotations(self) -> AnnotationService:
        from briefing.core.annotations.service import AnnotationService

        return AnnotationService(self._library)

    @cached_property
    def claims(self) -> ClaimService:
        from briefing.core.claims.service import ClaimService

        return ClaimService(self._library)

    @cached_property
    def actors(self) -> ActorService:
        from briefing.core.actors.service import ActorService

        return ActorService(self._library)

    @cached_property
    def mentions(self) -> MentionService:
        from briefing.core.actors.mentions import MentionService

        return MentionService(self._library)

    @cached_property
    def sources(self) -> SourceService:
        from briefing.core.sources import SourceService

        return SourceService(self._library)

    @cached_property
    def briefings(self) -> BriefingService:
        from briefing.core.briefings.service import BriefingService

        return BriefingService(self._library)

    @cached_property
    def backups(self) -> BackupService:
        from briefing.core.backup_service import BackupService

        return BackupService(self._library)

    @cached_property
    def tags(self) -> TagService:
        from briefing.core.tags import TagService

        return TagService(self._library)

    @cached_property
    def settings(self) -> SettingsService:
        """The library's own settings: `settings.user_name`, who signs its exports."""
        from briefing.core.settings import SettingsService

        return SettingsService(self._library)

    @cached_property
    def provenance(self) -> ProvenanceService:
        """Who created and last changed each record, and when."""
        from briefing.core.provenance import ProvenanceService

        return ProvenanceService(self._library)

    @cached_property
    def team(self) -> TeamService:
        """The team library this one syncs with, through PostgreSQL (core/team/)."""
        from briefing.core.team.service import TeamService

        return TeamService(self._library)
