"""Hand-made inputs for the extractor tests: mentions found by exact names, and a tiny gazetteer."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from geomap.errors import GeomapError
from geomap.gazetteer.sources import CrossingRecord
from geomap.model import Document, Mention, Place
from geomap.sentences import split_sentences


def make_document(text: str, date: str | None = None, name: str = "doc.txt", title: str = "") -> Document:
    """A Document from a string (id from the name and a hash of the text, like the corpus loader)."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    stem = name.rsplit(".", 1)[0]
    return Document(id=f"{stem}-{digest}", path=name, title=title or text.split("\n", 1)[0][:80],
                    date=date, source=name, text=text)


def find_mentions(doc: Document, names: Mapping[str, Place]) -> list[Mention]:
    """A mention for every whole-word occurrence of each name (longest names first, no overlaps)."""
    spans = split_sentences(doc.text) or [(0, len(doc.text))]
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            ss, se = next(((a, b) for a, b in spans if a <= s < b), (0, len(doc.text)))
            out.append(Mention(doc.id, s, e, doc.text[s:e], doc.text[ss:se], ss, names[name], 1.0))
    return sorted(out, key=lambda m: m.start)


@dataclass
class MiniGazetteer:
    """Just enough of Gazetteer for the extractors: get, lookup, parent, children, crossings."""

    places: list[Place]
    parents: dict[str, str] = field(default_factory=dict)
    records: list[CrossingRecord] = field(default_factory=list)

    def get(self, place_id: str) -> Place:
        """The place with this id; GeomapError when unknown."""
        for p in self.places:
            if p.id == place_id:
                return p
        raise GeomapError(f"unknown place id {place_id!r}")

    def lookup(self, name: str) -> list[Place]:
        """Places whose main name is this name (case-insensitive)."""
        return [p for p in self.places if p.name.lower() == name.lower()]

    def parent(self, place_id: str) -> str:
        """Id of the place a landmark lies in ("" when none)."""
        return self.parents.get(place_id, "")

    def children(self, place_id: str) -> list[Place]:
        """Landmarks recorded as lying in or on this place."""
        return [self.get(c) for c, p in self.parents.items() if p == place_id]

    def crossings(self) -> list[CrossingRecord]:
        """The curated crossings given."""
        return list(self.records)


def crossing_record(place: Place, side_a: Place | None, side_b: Place | None, mode: str) -> CrossingRecord:
    """A curated-crossing row for a MiniGazetteer."""
    return CrossingRecord(place_id=place.id, name=place.name, mode=mode, status="", opened="",
                          side_a=side_a.id if side_a else "", side_a_name=side_a.name if side_a else "",
                          side_b=side_b.id if side_b else "", side_b_name=side_b.name if side_b else "",
                          source="hand-made")


def mentions_by_doc(docs: Iterable[Document], names: Mapping[str, Place]) -> dict[str, list[Mention]]:
    """find_mentions for every document, keyed by document id (the shape extract_events takes)."""
    return {d.id: find_mentions(d, names) for d in docs}


def events_of(text: str, date: str | None, names: Mapping[str, Place], gazetteer: object):
    """The events extract_events reads from one hand-made document, its places found by exact name."""
    from geomap.events import extract_events

    doc = make_document(text, date)
    return extract_events([doc], mentions_by_doc([doc], names), gazetteer)
