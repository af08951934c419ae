"""The sample library: the worked example, fully annotated, loaded through the public services.

It is data (resources/sample/worked-example.json), not code, so the app's first run and
`briefing sample` show exactly what a reader could have made by hand; loading it through the
same services checks it on every test run. All of it is one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.annotations.model import Span
from briefing.core.bundled import resources_dir
from briefing.core.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from briefing.core.library import Library


@dataclass(frozen=True)
class SampleLoaded:
    article_id: int
    actors: int
    sources: int
    claims: dict[str, int]  # the sample's claim keys ("c1") to their ids


def load_sample(library: Library) -> SampleLoaded:
    folder = resources_dir() / "sample"
    data = json.loads((folder / "worked-example.json").read_text("utf-8"))
    spec = data["article"]
    text = (folder / spec["file"]).read_bytes()
    with library.transaction():
        (result,) = library.imports.texts([(spec["file"], text)])
        article_id = result.id
        if result.status != "imported" or article_id is None:  # imported always has an id
            raise InvalidInput(f"the sample is already in this library (article {result.id})")
        library.articles.edit(article_id, title=spec["title"], date=spec["date"])
        library.tags.tag_article(article_id, spec["tags"])

        for actor in data["actors"]:
            try:
                library.actors.resolve(actor["name"])
            except NotFound:
                library.actors.add(
                    actor["name"],
                    kind=actor["kind"],
                    aliases=actor.get("aliases", ()),
                    description=actor.get("description", ""),
                )
            for alias in actor.get("article_aliases", ()):
                library.actors.add_alias(actor["name"], alias, article_id=article_id)

        sources = {}
        for source in data["sources"]:
            sources[source["key"]] = library.sources.add(
                source["title"],
                kind=source["kind"],
                publisher=source.get("publisher"),
                date=source.get("date"),
                grade=source.get("grade"),
                article_id=article_id if source.get("article") else None,
                note=source.get("note", ""),
            ).id

        claims = {}
        for claim in data["claims"]:
            claims[claim["key"]] = library.claims.add(
                article_id,
                Span(quote=claim["quote"]),
                speaker=claim["speaker"],
                about=claim["about"],
                status=claim["status"],
                grade=claim["grade"],
                note=claim.get("note", ""),
                tags=claim.get("tags", ()),
                sources=[(sources[key], relation) for key, relation in claim["sources"]],
            ).id
        for source_key, relation, target_key in data["links"]:
            library.claims.link(claims[source_key], claims[target_key], relation)

        for mention in data["mentions"]:
            library.mentions.add(
                article_id,
                mention["actor"],
                Span(quote=mention["quote"], occurrence=mention.get("occurrence")),
            )
        for highlight in data["highlights"]:
            library.annotations.add(article_id, "highlight", Span(quote=highlight["quote"]))
        for note in data["notes"]:
            library.annotations.add(
                article_id, "note", Span(quote=note["quote"]), note=note["note"]
            )
    return SampleLoaded(article_id, len(data["actors"]), len(sources), claims)
