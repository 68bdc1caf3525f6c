"""Counts and lists as a reader says them: "1 mention", "3 mentions"; "China and Russia"."""

from __future__ import annotations

from collections.abc import Sequence


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` with the noun in the singular for one, else the plural (noun + "s" unless given)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def and_list(items: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C": the items as a sentence names them."""
    items = [str(i) for i in items if str(i)]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
