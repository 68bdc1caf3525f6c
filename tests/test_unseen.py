"""Merging events gathers each new source or status once, in the order first read."""

from __future__ import annotations

from geomap.events.unseen import Seen, add_unseen


def test_only_items_not_yet_gathered_are_appended_in_order() -> None:
    gathered, seen = ["a", "b"], {}
    add_unseen(gathered, ["b", "c", "a", "d"], seen, "k")
    add_unseen(gathered, ["d", "e"], seen, "k")
    assert gathered == ["a", "b", "c", "d", "e"]


def test_each_event_keeps_its_own_items() -> None:
    first, second, seen = ["a"], ["b"], {}
    add_unseen(first, ["b"], seen, 1)
    add_unseen(second, ["a", "b"], seen, 2)
    assert (first, second) == (["a", "b"], ["b", "a"])


def test_the_set_of_an_event_is_made_once_and_kept_up_to_date() -> None:
    gathered, seen = ["a"], {}
    add_unseen(gathered, ["b"], seen, "k")
    kept = seen["k"]
    add_unseen(gathered, ["c"], seen, "k")
    assert seen["k"] is kept and kept == {"a", "b", "c"}


def test_seen_is_a_plain_dict() -> None:
    seen: Seen = {}
    add_unseen([], [1, 2], seen, ("figure", 2024))
    assert seen == {("figure", 2024): {1, 2}}
