"""The mark colours: one for each of the core's actor kinds, in both palettes."""

from __future__ import annotations

from briefing.core import ACTOR_KINDS
from briefing.ui.theme import DARK, LIGHT


def test_every_actor_kind_has_its_mention_colour() -> None:
    for colours in (LIGHT, DARK):
        assert list(colours.mentions) == list(ACTOR_KINDS)
        assert len({c.name() for c in colours.mentions.values()}) == len(ACTOR_KINDS)
        for kind in ACTOR_KINDS:
            assert colours.mention(kind) == colours.mentions[kind]
    assert LIGHT.mention("no such kind") == LIGHT.mentions["other"]
