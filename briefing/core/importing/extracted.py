"""What a reader of one input (text, Markdown, HTML) hands to the import service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from briefing.core.dates import PartialDate


@dataclass(frozen=True)
class Extracted:
    """An article as found in one input, before it is stored.

    `text` is the canonical text every annotation offset will point into. `title_proposed`
    says the title was guessed from the text (the UI offers it for correction).
    """

    text: str
    source_format: str
    title: str = ""
    title_proposed: bool = False
    outlet: str | None = None
    agency: str | None = None
    author: str | None = None
    dateline: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    language: str | None = None
    original: str | None = None

    def with_changes(self, **changes: Unpack[ExtractedChanges]) -> Extracted:
        # What dataclasses.replace does, without its walk over the fields' definitions: a
        # third of the time, twice per article in an import (no field is init=False).
        fields: dict[str, Any] = {**self.__dict__, **changes}
        return Extracted(**fields)


class ExtractedChanges(TypedDict, total=False):
    """The fields a reader may fill in or correct after the first pass, each with its type."""

    title: str
    title_proposed: bool
    outlet: str | None
    agency: str | None
    dateline: str | None
    date: PartialDate | None
    url: str | None


class NoArticleText(ValueError):
    """A page in which the extractor found no article text."""
