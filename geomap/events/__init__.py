"""Rule-based event extraction: visits, border crossings and reported traffic, with provenance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from geomap.model import Crossing, Document, Mention, Traffic, Visit

__all__ = ["Events", "extract_events"]


@dataclass
class Events:
    """Everything extracted from a corpus."""

    visits: list[Visit] = field(default_factory=list)
    crossings: list[Crossing] = field(default_factory=list)
    traffic: list[Traffic] = field(default_factory=list)


def extract_events(docs: list[Document], mentions: Mapping[str, list[Mention]], gazetteer: Any) -> Events:
    """Read visits, crossings and traffic figures from documents and their resolved place mentions."""
    from geomap.events.crossings import extract_crossings
    from geomap.events.occasion_dates import narrow_visit_dates
    from geomap.events.pipeline import contexts_for
    from geomap.events.traffic import extract_traffic
    from geomap.events.visits import extract_visits

    contexts = contexts_for(docs, mentions, gazetteer)
    crossings, by_sentence = extract_crossings(contexts)
    traffic = extract_traffic(contexts, by_sentence)
    visits = extract_visits(contexts)
    narrow_visit_dates(visits)
    return Events(visits=visits, crossings=crossings, traffic=traffic)
