"""Warnings for a corpus that yields an empty map, each with the reason, so a run that "worked" but
found nothing does not look like a bug or pass unnoticed."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from geomap.errors import InputWarning

NO_PLACES = (
    "no place names found in {docs}: the map has no places or events "
    "(none of their capitalised names is a place in the gazetteer; are they articles?)"
)
NO_EVENTS = (
    "no visits, crossings or traffic figures found in {docs} ({mentions}): the map shows the places only "
    "(events need a person with a role at a place, a crossing named with its sides, or a figure with its "
    "unit)"
)


def plural(n: int, word: str) -> str:
    """'1 document', '3 documents'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def empty_reasons(n_documents: int, n_mentions: int, n_events: int) -> list[str]:
    """One message per thing the corpus lacks: places (then nothing else is said), or events."""
    docs = plural(n_documents, "document")
    if n_mentions == 0:
        return [NO_PLACES.format(docs=docs)]
    if n_events == 0:
        return [NO_EVENTS.format(docs=docs, mentions=plural(n_mentions, "place mention"))]
    return []


def warn_if_empty(n_documents: int, n_mentions: int, event_counts: Sequence[int]) -> None:
    """Warn (InputWarning) when the corpus gave no places or no events."""
    for message in empty_reasons(n_documents, n_mentions, sum(event_counts)):
        warnings.warn(message, InputWarning, stacklevel=3)
