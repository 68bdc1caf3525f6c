"""What an event gathers as others merge into it (sources, status events): each new item appended
once, in the order first read, in time linear in all the items, so a wire story repeated in
thousands of documents merges in one pass."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

Seen = dict[Hashable, set[Any]]  # the items of each event merged into so far, by a key of the caller's


def add_unseen(items: list[Any], more: Sequence[Any], seen: Seen, key: Hashable) -> None:
    """Append to items (those of the event merged into, kept in seen under key) the ones of more it
    lacks. The set under key is made once, on the first merge into that event."""
    have = seen.get(key)
    if have is None:
        have = seen[key] = set(items)
    new = [x for x in more if x not in have]
    items += new
    have.update(new)
