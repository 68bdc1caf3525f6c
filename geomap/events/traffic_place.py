"""Where a traffic figure goes: the crossing its sentence is about, else its paragraph's or document's,
else a named place, else the pair of countries."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cached_property

from geomap.events.context import DocContext, Sentence
from geomap.events.sieve import quick_rx
from geomap.model import Place

BETWEEN = quick_rx(r"\bbetween\s+$", re.I)
SMALL_KINDS = ("continent", "river", "sea", "ocean")
# A place the sentence puts its figure at: "at X", "through X", "in X", "via X".
LOCATIVE = quick_rx(r"(?<![^\W\d_])(?:at|through|via|across|in|into|near|en|por|cerca\s+de|w|we|przez|przy|"
                    r"в|во|через|у)\s+(?:the\s+)?$", re.I)
NEAR_KM = 50.0
# A sentence that says where in its first characters ("In Eastford, ...") sets the place for the next ones.
OPENING = 40
# Words of a crossing's name that do not name it ("Eastford–Westgrad road bridge": only the towns do).
GENERIC_NAME_WORDS = {"border", "crossing", "crossings", "bridge", "checkpoint", "road", "railway", "rail",
                      "port", "international", "land", "gate", "point", "entry", "station", "ferry",
                      "terminal", "customs", "highway", "pass", "friendship"}
# A place that is the subject of a handling verb is where the figure is: "Eastford moved 2 million tonnes".
HANDLES = re.compile(r"\s+(?:alone\s+|itself\s+|also\s+|then\s+)?(?:moved|handled|carried|processed|cleared|"
                     r"recorded|registered|logged|saw|received|shipped|served|accounted\s+for|has\s+handled|"
                     r"had\s+handled|handles|moves|carries|processes|clears|sees|receives|serves|"
                     r"обслужил\w*|пропустил\w*|обработал\w*|перевез\w*|"
                     r"movi[oó]|recibi[oó]|registr[oó]|obsłużył\w*|odprawił\w*)\b", re.I)
# "trade with Syria", "exports to China": a figure between the document's country and the one named.
PARTNER = quick_rx(r"\b(?:trade|turnover|commerce|exports?|imports?|shipments?|"
                   r"торговл\w*|товарооборот\w*|comercio|handel\w*)\s+(?:\w+\s+)?"
                   r"(?:with|to|from|с|со|con|z|ze)\s+(?:the\s+)?$", re.I)
# A section heading inside an article (the first line is the title): Markdown '#' lines.
HEADING = re.compile(r"\s*#{1,6}\s")
# What a sentence's opening mention may follow (list bullets), and its next word in lower case.
BULLETS = re.compile(r"^[-*•\s]+")
LOWER_NEXT = re.compile(r"\s+[a-z]")
# "X and Y", "X–Y": two places a figure is between; "X's": whose figure it is.
AND_BETWEEN = re.compile(r"\s+and\s+")
DASH_BETWEEN = re.compile(r"\s*[–-]\s*")
POSSESSIVE = re.compile(r"['’]s\b")
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
        self._town_country = {m.text.lower(): m.place.country for m in ctx.mentions
                              if len(m.place.country) == 2 and m.place.kind not in ("country", "admin1")}
        # Answers kept per town and per document: asked again for every figure.
        self._near: dict[str, Place | None] = {}
        # Each crossing once (by id and position, first naming kept): the candidates of _crossing_at.
        self._distinct: dict[tuple[str, float, float], Place] = {}
        for p in (p for ps in crossings.values() for p in ps):
            self._distinct.setdefault((p.id, p.lat, p.lon), p)
        self._paragraphs: dict[int, list[Sentence]] = {}
        for x in ctx.sentences:
            self._paragraphs.setdefault(x.para, []).append(x)
        self._doc_country: str | None = None
        self._subjects: dict[int, list[Place]] = {}  # sentence index -> its subject (asked by country too)

    @cached_property
    def headings(self) -> list[Sentence]:
        """The document's Markdown section headings (found when first asked)."""
        return [x for x in self.ctx.sentences[1:] if HEADING.match(x.text)]

    @cached_property
    def doc_place(self) -> Place | None:
        """The local place the document names most (earliest on ties), not counting datelines."""
        ctx = self.ctx
        local = [m.place for m in ctx.mentions if m.place.kind not in (*SMALL_KINDS, "country", "admin1")
                 and len(m.text) >= MIN_NAME and not DATELINE.match(ctx.doc.text, m.end)]
        places = Counter(p.id for p in local)
        first = {p.id: i for i, p in reversed(list(enumerate(local)))}
        top = sorted(places, key=lambda pid: (-places[pid], first[pid]))
        return next((p for p in local if p.id == top[0]), None) if top else None

    def subject(self, s: Sentence) -> list[Place]:
        """Where a sentence's figure is (see _subject); read once per sentence of the document."""
        if s.index not in self._subjects:
            self._subjects[s.index] = self._subject(s)
        return list(self._subjects[s.index])

    def _subject(self, s: Sentence) -> list[Place]:
        """Where a sentence's figure is: the crossing it names, the place it is about (its subject, a pair,
        an owner, "at X"), the crossing or place its paragraph named before, the crossing the crossing
        reader carried to it, a trade partner, the section's or document's crossing, a named place..."""
        here = self.crossings.get(s.index)
        if here and self._names(s, here[0]):
            return here[:1]
        own = self._own(s)
        if own:
            return own
        earlier = [x for x in self._paragraphs.get(s.para, []) if x.index < s.index]
        for x in reversed(earlier):
            named = [c for c in self.crossings.get(x.index, []) if self._names(x, c)]
            if named:
                return named[:1]
            opener = self._sentence_subject(x) or self._located(x, OPENING)
            at = self._crossing_at(opener) if opener is not None else None
            if at is not None:  # "Upper Lars is the only road crossing..." then figures: that crossing
                return [at]
        if here:  # a crossing the crossing reader carried to the sentence ("the bridge")
            return here[:1]
        partner = self._partner(s)
        if partner:
            return partner
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

    def _own(self, s: Sentence) -> list[Place]:
        """The place the sentence itself says its figure is about, if it says."""
        first = self._sentence_subject(s)
        if first is not None:  # "Eastford handles 2 million passengers a year": the sentence is about it
            return [self._crossing_at(first) or first]
        pair = self._pair(s)
        if pair:
            return pair
        owner = self._owner(s)
        if owner is not None:  # "Eastford's exports": the sentence says whose figure it is
            return [owner]
        at = self._located(s)
        if at is not None:  # "at Eastford", "through Eastford": the sentence says where
            return [self._crossing_at(at) or at]
        return []

    def _located(self, s: Sentence, within: int | None = None) -> Place | None:
        """A town the sentence puts its subject at ("at Eastford", "through Eastford", "Eastford carries"),
        in its first `within` characters when given."""
        text = self.ctx.doc.text
        for m in self.ctx.mentions_in(s):
            if m.place.kind in (*SMALL_KINDS, "country", "admin1") or len(m.text) < MIN_NAME or \
                    within is not None and m.start - s.start > within:
                continue
            before = text[max(s.start, m.start - 25):m.start]
            if LOCATIVE.search(before) or not text[s.start:m.start].strip():
                return m.place
        return None

    def _names(self, s: Sentence, crossing: Place) -> bool:
        """Whether a sentence names a crossing (or a place at it), not just refers back to it."""
        for m in self.ctx.mentions_in(s):
            if m.place.id == crossing.id or m.place.kind not in (*SMALL_KINDS, "country", "admin1") and \
                    _km(m.place, crossing) <= NEAR_KM:
                return True
        words = {w for w in re.split(r"[\s–—/()-]+", crossing.name.lower()) if len(w) >= MIN_NAME}
        return any(w in s.text.lower() for w in words - GENERIC_NAME_WORDS)

    def _sentence_subject(self, s: Sentence) -> Place | None:
        """The local place a sentence opens with, or that handles its figure ("Eastford moved ...")."""
        text = self.ctx.doc.text
        for m in self.ctx.mentions_in(s):
            if m.place.kind in (*SMALL_KINDS, "country", "admin1") or len(m.text) < MIN_NAME:
                continue
            opening = not BULLETS.sub("", text[s.start:m.start])
            if HANDLES.match(text, m.end) or opening and LOWER_NEXT.match(text, m.end, m.end + 3):
                return m.place
        return None

    def _partner(self, s: Sentence) -> list[Place]:
        """ "Trade with Syria": the document's other main country and the partner named."""
        text = self.ctx.doc.text
        if any(LOCATIVE.search(text[max(s.start, m.start - 25):m.start]) for m in self.ctx.mentions_in(s)
               if m.place.kind not in (*SMALL_KINDS, "country", "admin1")):
            return []  # "trade with Syria through Eastford": the town says where
        for m in self.ctx.mentions_in(s):
            if m.place.kind == "country" and PARTNER.search(text[max(s.start, m.start - 40):m.start]):
                home = [c for c in self.main_countries() if c.kind == "country" and c.id != m.place.id]
                return [home[0], m.place] if home else []
        return []

    def _section_place(self, s: Sentence) -> Place | None:
        """The town named by the Markdown heading of the section the sentence is in."""
        heading = next((h for h in reversed(self.headings) if h.index < s.index), None)
        if heading is None:
            return None
        for m in self.ctx.mentions_in(heading):
            if m.place.kind not in (*SMALL_KINDS, "country", "admin1") and len(m.text) >= MIN_NAME:
                return m.place
        return None

    def place_of(self, place: Place) -> Place:
        """Where a figure said of a named place is: the document's crossing at that town, else the place."""
        return self._crossing_at(place) or place

    def _crossing_at(self, place: Place) -> Place | None:
        """A crossing of the document within a short distance of a named town (the town's crossing)."""
        if place.id not in self._near:
            near = [(_km(place, c), c) for c in self._distinct.values()]
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
                    AND_BETWEEN.fullmatch(text, m.end, nxt.start) and m.place.id != nxt.place.id:
                return [m.place, nxt.place]
            dash = DASH_BETWEEN.fullmatch(text, m.end, nxt.start)
            if m.place.kind == nxt.place.kind == "country" and dash:
                return [m.place, nxt.place]
        return []

    def _owner(self, s: Sentence) -> Place | None:
        text = self.ctx.doc.text
        for m in self.ctx.mentions_in(s):
            if m.place.kind not in SMALL_KINDS and m.place.kind != "country" and \
                    POSSESSIVE.match(text, m.end, m.end + 2):
                return m.place
        return None

    def _named(self, s: Sentence) -> list[Place]:
        text = self.ctx.doc.text
        mentions = [m for m in self.ctx.mentions_in(s) if m.place.kind not in SMALL_KINDS]
        owners = [m.place for m in mentions if POSSESSIVE.match(text, m.end, m.end + 2)]
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
        """The ISO country the sentence's places are in (else the document's most named country); a
        crossing named after its town on one side ("Eastford ICP") is in that town's country."""
        for m in self.ctx.mentions_in(s):
            if len(m.place.country) == 2:
                return m.place.country
            words = m.text.lower().split()
            side = next((self._town_country[w] for w in words if w in self._town_country), "")
            if side:
                return side
        for sub in self.subject(s):
            if len(sub.country) == 2:
                return sub.country
        if self._doc_country is None:
            counts = Counter(m.place.country for m in self.ctx.mentions if len(m.place.country) == 2)
            self._doc_country = counts.most_common(1)[0][0] if counts else ""
        return self._doc_country
