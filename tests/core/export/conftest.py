"""The worked example's briefing (WORKED-EXAMPLE.md), shared by the export tests."""

from __future__ import annotations

import pytest

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample

SECTIONS = ("The designation", "SenseTime's response", "Beijing's reaction")
LAYOUT = {SECTIONS[0]: ("c1", "c5", "c3"), SECTIONS[1]: ("c2", "c6"), SECTIONS[2]: ("c4",)}
NOTE = 'The company says it "remains committed" to listing in Hong Kong and will refund investors.'


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def worked(library: Library, sample: SampleLoaded) -> int:
    """The briefing of WORKED-EXAMPLE.md: three sections, the six claims, one note."""
    b = library.briefings.new(
        "SenseTime IPO and US sanctions",
        bluf="The US Treasury's designation of SenseTime forced the company to postpone its "
        "US$767 million Hong Kong listing; SenseTime denies the accusation and Beijing "
        "threatens countermeasures.",
        author="A. Analyst",
        date="2021-12-15",
    )
    for heading, keys in LAYOUT.items():
        library.briefings.add_claims(b, [sample.claims[k] for k in keys], section=heading)
        if heading == SECTIONS[1]:
            library.briefings.add_note(b, NOTE, section=heading)
    return b
