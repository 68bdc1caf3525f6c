"""Where a traffic figure goes: the crossing its sentence is about, else its paragraph's or document's,
else a named place, else the pair of countries."""

from __future__ import annotations

import math
import re
from collections import Counter

from geomap.events.context import DocContext, Sentence
from geomap.model import Place

BETWEEN = re.compile(r"\bbetween\s+$", re.I)
SMALL_KINDS = ("continent", "river", "sea", "ocean")
# A place the sentence puts its figure at: "at X", "through X", "in X", "via X".
LOCATIVE = re.compile(r"\b(?:at|through|via|across|in|near)\s+(?:the\s+)?$", re.I)
NEAR_KM = 50.0
# A section heading inside an article (the first line is the title): Markdown '#' lines.
HEADING = re.compile(r"\s*#{1,6}\s")
# Shorter names are too often a common word read as a place to say what a whole document is about.
MIN_NAME = 4
# A wire story's dateline ("CITYNAME, Dec. 3 (Agency) --"): where it was filed, not what it is about.
DATELINE = re.compile(r",?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?(?:\([^)]{1,40}\)\s*)?(?:--|–|—)")


def _dedupe(places: list[Place]) -> list[Place]:
    out: list[Place] = []
    for p in places:
        if p.id not in {x.id for x in out}:
            out.append(p)
    return out


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dlon = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


class Placer:
    """Answers "what is this sentence's figure about" for one document."""

    def __init__(self, ctx: DocContext, crossings: dict[int, list[Place]]) -> None:
        self.ctx = ctx
        self.crossings = crossings  # sentence index -> crossing places named in it
        counts = Counter(p.id for ps in crossings.values() for p in ps)
        by_id = {p.id: p for ps in crossings.values() for p in ps}
        self.doc_crossing = by_id[counts.most_common(1)[0][0]] if counts else None
        local = [m.place for m in ctx.mentions if m.place.kind not in (*SMALL_KINDS, "country", "admin1")
                 and len(m.text) >= MIN_NAME and not DATELINE.match(ctx.doc.text, m.end)]
        places = Counter(p.id for p in local)
        first = {p.id: i for i, p in reversed(list(enumerate(local)))}
        top = sorted(places, key=lambda pid: (-places[pid], first[pid]))
        self.headings = [x for x in ctx.sentences[1:] if HEADING.match(x.text)]
        self.doc_place = next((p for p in local if p.id == top[0]), None) if top else None
        # Answers kept per town and per document: asked again for every figure.
        self._near: dict[str, Place | None] = {}
        self._doc_country: str | None = None

    def subject(self, s: Sentence) -> list[Place]:
        """The crossing of the sentence, the last one named earlier in its paragraph, a named place, ..."""
        here = self.crossings.get(s.index)
        if here:
            return here[:1]
        pair = self._pair(s)
        if pair:
            return pair
        owner = self._owner(s)
        if owner is not None:  # "Eastford's exports": the sentence says whose figure it is
            return [owner]
        at = self._located(s)
        if at is not None:  # "at Eastford", "through Eastford": the sentence says where
            return [self._crossing_at(at) or at]
        earlier = [x for x in self.ctx.sentences if x.para == s.para and x.index < s.index]
        for x in reversed(earlier):
            if self.crossings.get(x.index):
                return self.crossings[x.index][:1]
        section = self._section_place(s)
        if section is not None:  # "## Eastford: ..." heads the part of the article the figure is in
            return [self._crossing_at(section) or section]
        if self.doc_crossing is not None:
            return [self.doc_crossing]
        named = self._named(s)
        local = [p for p in named if p.kind not in ("country", "admin1")]
        if local:
            return local[:1]
        for x in reversed(earlier):
            local = [p for p in self._named(x) if p.kind not in ("country", "admin1")]
            if local:
                return local[:1]
        if self.doc_place is not None:
            return [self.doc_place]
        return named[:2] or self.main_countries()


    def _located(self, s: Sentence) -> Place | None:
        """A town the sentence puts its subject at ("at Eastford", "through Eastford", "Eastford carries")."""
        text = self.ctx.doc.text
        for m in self.ctx.mentions_in(s):
            if m.place.kind in (*SMALL_KINDS, "country", "admin1") or len(m.text) < MIN_NAME:
                continue
            before = text[max(s.start, m.start - 25):m.start]
            if LOCATIVE.search(before) or not text[s.start:m.start].strip():
                return m.place
        return None

    def _section_place(self, s: Sentence) -> Place | None:
        """The town named by the Markdown heading of the section the sentence is in."""
        heading = next((h for h in reversed(self.headings) if h.index < s.index), None)
        if heading is None:
            return None
        for m in self.ctx.mentions_in(heading):
            if m.place.kind not in (*SMALL_KINDS, "country", "admin1") and len(m.text) >= MIN_NAME:
                return m.place
        return None

    def _crossing_at(self, place: Place) -> Place | None:
        """A crossing of the document within a short distance of a named town (the town's crossing)."""
        if place.id not in self._near:
            near = [(_km(place, c), c) for cs in self.crossings.values() for c in cs]
            near = [(d, c) for d, c in near if d <= NEAR_KM]
            self._near[place.id] = min(near, key=lambda dc: dc[0])[1] if near else None
        return self._near[place.id]

    def _pair(self, s: Sentence) -> list[Place]:
        """ "between X and Y", "X-Y trade": the two places a figure is between."""
        text = self.ctx.doc.text
        mentions = [m for m in self.ctx.mentions_in(s) if m.place.kind not in SMALL_KINDS]
        for i, m in enumerate(mentions[:-1]):
            nxt = mentions[i + 1]
            if BETWEEN.search(text[max(s.start, m.start - 10):m.start]) and \
                    re.fullmatch(r"\s+and\s+", text[m.end:nxt.start]) and m.place.id != nxt.place.id:
                return [m.place, nxt.place]
            dash = re.fullmatch(r"\s*[–-]\s*", text[m.end:nxt.start])
            if m.place.kind == nxt.place.kind == "country" and dash:
                return [m.place, nxt.place]
        return []

    def _owner(self, s: Sentence) -> Place | None:
        text = self.ctx.doc.text
        for m in self.ctx.mentions_in(s):
            if m.place.kind not in SMALL_KINDS and m.place.kind != "country" and \
                    re.match(r"['’]s\b", text[m.end:m.end + 2]):
                return m.place
        return None

    def _named(self, s: Sentence) -> list[Place]:
        text = self.ctx.doc.text
        mentions = [m for m in self.ctx.mentions_in(s) if m.place.kind not in SMALL_KINDS]
        owners = [m.place for m in mentions if re.match(r"['’]s\b", text[m.end:m.end + 2])]
        cities = [m.place for m in mentions if m.place.kind not in ("country", "admin1")]
        countries = [m.place for m in mentions if m.place.kind == "country"]
        return _dedupe(owners + cities + countries)

    def main_countries(self) -> list[Place]:
        """The document's two most named countries (or its single most named place)."""
        ms = self.ctx.mentions
        counts = Counter(m.place.id for m in ms if m.place.kind == "country")
        by_id = {m.place.id: m.place for m in ms}
        top = [by_id[pid] for pid, _ in counts.most_common(2)]
        if top:
            return top
        anyplace = Counter(m.place.id for m in ms).most_common(1)
        return [by_id[anyplace[0][0]]] if anyplace else []

    def country(self, s: Sentence) -> str:
        """The ISO country the sentence's places are in (else the document's most named country)."""
        for m in self.ctx.mentions_in(s):
            if len(m.place.country) == 2:
                return m.place.country
        for sub in self.subject(s):
            if len(sub.country) == 2:
                return sub.country
        if self._doc_country is None:
            counts = Counter(m.place.country for m in self.ctx.mentions if len(m.place.country) == 2)
            self._doc_country = counts.most_common(1)[0][0] if counts else ""
        return self._doc_country
