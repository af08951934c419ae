"""The allow-list of link schemes, at input and at export."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library
from briefing.core.urls import checked_url, is_linkable, link_target, web_address

DISGUISED = [
    "JaVaScRiPt:alert(1)",
    "java&#115;cript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    " javascript:alert(1)",
    "javascript\u200b:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
    "/relative/path",
]


@pytest.mark.parametrize("value", DISGUISED)
def test_disguised_schemes_are_never_links(value: str) -> None:
    assert not is_linkable(value)
    assert link_target(value) is None
    assert web_address(value) is None
    with pytest.raises(InvalidInput, match="must start with http://, https:// or mailto:"):
        checked_url(value, "a source's URL")


def test_good_addresses() -> None:
    assert checked_url("  https://a.example/x?y=1&z=2 ") == "https://a.example/x?y=1&z=2"
    assert checked_url("HTTPS://A.EXAMPLE/") == "HTTPS://A.EXAMPLE/"
    assert checked_url("mailto:desk@a.example") == "mailto:desk@a.example"
    assert checked_url("") is None and checked_url(None) is None
    with pytest.raises(InvalidInput, match="not a complete address"):
        checked_url("https://")
    # A stored value is judged as it is: a leading space is a disguise there.
    assert not is_linkable(" https://a.example/")


def test_link_targets_are_plain_ascii() -> None:
    assert link_target("https://a.example/a b/(c)'d") == "https://a.example/a%20b/%28c%29%27d"
    assert link_target("https://münchen.example/ü") == "https://xn--mnchen-3ya.example/%C3%BC"
    assert link_target("https://a.example/%20done") == "https://a.example/%20done"
    assert link_target("https://a.example/?a=1&copy;=2") == "https://a.example/?a=1&copy%3B=2"


def test_sources_and_articles_refuse_other_schemes(library: Library) -> None:
    with pytest.raises(InvalidInput, match="source's URL must start with"):
        library.sources.add("Bad", url="JaVaScRiPt:alert(1)")
    assert library.sources.list() == []
    (result,) = library.imports.texts([("a.txt", b"Some article text here.")])
    with pytest.raises(InvalidInput, match="article's URL"):
        library.articles.edit(result.id, url="data:text/html,x")
    assert library.articles.get(result.id).url is None
    assert library.articles.edit(result.id, url=" https://a.example/ ").url == "https://a.example/"
    assert library.sources.add("Good", url="https://a.example/").url == "https://a.example/"
