"""Rule-based event extraction: visits, border crossings and reported traffic, with provenance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from geomap.model import Crossing, Document, Mention, Traffic, Visit

__all__ = ["Events", "extract_events"]
# Characters of a corpus read with every document's analysis kept (about 70 bytes a character);
# a larger corpus is read in passes that hold one document's analysis at a time.
HOLD_CHARS = 2_000_000


@dataclass
class Events:
    """Everything extracted from a corpus."""

    visits: list[Visit] = field(default_factory=list)
    crossings: list[Crossing] = field(default_factory=list)
    traffic: list[Traffic] = field(default_factory=list)


def extract_events(docs: list[Document], mentions: Mapping[str, list[Mention]], gazetteer: Any, *,
                   hold_chars: int = HOLD_CHARS) -> Events:
    """Read visits, crossings and traffic figures from documents and their resolved place mentions.

    A corpus of up to hold_chars characters is read with every document's analysis kept for the three
    readers; a larger one is read in rounds (geomap.events.rounds) that make each document's analysis
    afresh and drop it, so memory stays that of one document's analysis plus what is found. Both give
    the same events."""
    from geomap.events.crossings import extract_crossings
    from geomap.events.occasion_dates import narrow_visit_dates
    from geomap.events.pipeline import contexts_for
    from geomap.events.traffic import extract_traffic
    from geomap.events.visits import extract_visits

    if sum(len(d.text) for d in docs) > hold_chars:
        from geomap.events.rounds import extract_in_rounds, groups_of

        return extract_in_rounds(groups_of(docs, mentions, len(docs)), gazetteer)
    contexts = contexts_for(docs, mentions, gazetteer)
    crossings, by_sentence = extract_crossings(contexts)
    traffic = extract_traffic(contexts, by_sentence)
    visits = extract_visits(contexts)
    narrow_visit_dates(visits)
    return Events(visits=visits, crossings=crossings, traffic=traffic)
