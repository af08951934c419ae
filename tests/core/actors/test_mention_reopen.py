"""Undoing a reject: a rejected suggestion goes back to pending."""

from __future__ import annotations

from briefing.core import Library


def test_reopen_puts_a_rejected_suggestion_back(library: Library, sample_article: int) -> None:
    library.actors.add("SenseTime", kind="organisation")
    library.mentions.suggest(sample_article)
    first = library.mentions.pending(article_id=sample_article)[0]
    library.mentions.reject([first.id])
    assert first.id not in {s.id for s in library.mentions.pending(article_id=sample_article)}
    assert library.mentions.reopen([first.id]) == 1
    assert first.id in {s.id for s in library.mentions.pending(article_id=sample_article)}
    assert library.mentions.reopen([first.id]) == 0
