"""Changes: the value every write yields, and how two of them combine."""

from __future__ import annotations

import pytest

from briefing.core.changes import Changes, Kind


def test_asking_a_changes_value() -> None:
    changes = Changes.of(added={"claim": [3]}, updated={Kind.ACTOR: [1, 2]}, version=7)
    assert changes.touches("claim") and changes.touches(Kind.ACTOR)
    assert not changes.touches("article", "briefing")
    assert changes.touches()
    assert changes.ids("actor") == {1, 2} and changes.added_ids("claim") == {3}
    assert changes.deleted_ids("claim") == frozenset()
    assert bool(changes) and not bool(Changes(version=7))
    assert Changes(full=True).touches("tag")
    assert changes.as_json() == {
        "since": 0,
        "version": 7,
        "full": False,
        "added": {"claim": [3]},
        "updated": {"actor": [1, 2]},
        "deleted": {},
    }


def test_no_ids_of_a_kind_do_not_touch_it() -> None:
    """An empty generator is truthy: one was kept as a kind that changed, with no ids."""
    changes = Changes.of(added={"claim": (i for i in ())}, updated={"actor": []}, version=7)
    assert not changes.touches("claim") and not changes.touches("actor")
    assert not changes and changes.as_json()["added"] == {}


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        Changes.of(added={"claims": [1]})


def test_combining_follows_what_happened_in_order() -> None:
    first = Changes.of(added={"claim": [1, 2]}, updated={"actor": [5]}, version=10)
    later = Changes.of(
        updated={"claim": [1], "actor": [6]}, deleted={"claim": [2], "actor": [5]}, version=12
    )
    both = first | later
    # 1 was added then edited: still new to whoever saw neither. 2 came and went: never seen.
    assert both.added_ids("claim") == {1}
    assert both.deleted_ids("claim") == frozenset()
    assert both.updated_ids("actor") == {6} and both.deleted_ids("actor") == {5}
    assert both.version == 12


def test_a_record_deleted_and_brought_back_is_updated() -> None:
    gone = Changes.of(deleted={"annotation": [9]}, version=3)
    back = Changes.of(added={"annotation": [9]}, version=4)
    both = gone | back
    assert both.updated_ids("annotation") == {9}
    assert not both.added_ids("annotation") and not both.deleted_ids("annotation")
    assert (Changes(version=1) | Changes(version=2, full=True)).full
