"""Border crossings read from what the text says: a crossing noun with its names, or a curated crossing
named outright; sides validated as real neighbours (sides.py); status as dated events (status.py)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from operator import attrgetter

from geomap.events.context import DocContext, Sentence
from geomap.events.crossings.cues import (
    DEFINITE,
    FACING,
    FACING_CUES,
    INDEFINITE,
    SAME_CROSSING,
    SAME_SIDES,
    SAME_SIDES_BEFORE,
)
from geomap.events.crossings.dateline import dateline_place
from geomap.events.crossings.find import Cue, Name, Namer, anaphors, crossing_cues, modes_in
from geomap.events.crossings.records import Curated, curated
from geomap.events.crossings.sides import CROSSING_KINDS, Sides, country_place, km, pair, single
from geomap.events.crossings.status import again, by_clause, status_events, status_text
from geomap.events.crossings.structures import NUMBERED, names_record, numbered, structure_place
from geomap.events.quantities import find_quantities
from geomap.events.unseen import Seen, add_unseen
from geomap.model import Crossing, Mention, Place, Provenance, StatusEvent

__all__ = ["extract_crossings", "family"]

KIND_MODE = {"bridge": "road bridge", "checkpoint": "road", "terminal": "customs terminal",
             "river crossing": "river"}
MODE_KIND = {"road bridge": "bridge", "rail bridge": "bridge", "customs terminal": "terminal",
             "river": "river crossing",
             "ferry": "river crossing"}
FAMILIES = (("rail", r"rail|train"), ("river", r"river|ferry|pontoon|ice"), ("pipeline", r"pipeline"),
            ("cableway", r"cable"), ("terminal", r"terminal"), ("pedestrian", r"pedestrian"))
FACING_KM = 30.0  # two one-sided reports whose sides lie this close across the line are one crossing
# Words before a noun that refer to a crossing named before; "a road bridge" too when the noun says its mode
_THE = re.compile(rf"\b(?:{DEFINITE})\s+(?:[\w-]+\s+){{0,2}}$", re.I)
_THE_OR_A = re.compile(rf"\b(?:{DEFINITE}|{INDEFINITE})\s+(?:[\w-]+\s+){{0,2}}$", re.I)
_BARE = re.compile(r"bridges?|мост\w*", re.I)  # nouns whose default mode the text did not say
CURATED = "landmark:"  # ids of curated crossings: each is a crossing of its own, never merged into another
_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}")  # "A, the main crossing"
_SIBLING = re.compile(r",\s+(?:and\s+)?(?:the\s+)?$")  # a name after a comma: the next item of a list
RECENT_SENTENCES = 3  # "the border post": the crossing named last if this recent, else the headline's
_DATE_LINE = re.compile(r"date\s+\d{4}-\d\d-\d\d\s*$")  # the first line of a stored article
AROUND_KM = 20.0  # a structure placed by a town not named with it: the town lies this close to the line
SAME_SITE_KM = 2.0  # "the bridge ... the border station of A": a noun with no mode names the crossing at hand
_RIVER = re.compile(r"\s+(?:[Rr]iver|[Vv]alley|[Mm]ountains?|[Pp]ass)\b")  # "the Tumen River" is no town
_FACING = re.compile(FACING, re.I)
_SAME_SIDES = re.compile(SAME_SIDES, re.I)
_SAME_CROSSING = re.compile(SAME_CROSSING, re.I)
_SAME_SIDES_BEFORE = re.compile(SAME_SIDES_BEFORE)
_POSSESSIVE = re.compile(r"['’]s?$")
_CAPITALS = re.compile(r"[ ]+[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.-]*(?:[ ][A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.-]*){0,2}")
_SINGULAR = re.compile(r"\b(?:it|its|this|that)\b", re.I)  # a status of one crossing, not of all
_ONE = re.compile(r"(?<=[a-z])s$|(?<=point)s(?=\s)|(?<=port)s(?=\s+of\b)")  # English plurals only
_NONE = re.compile(r"\b(?:no|not|zero|0|single)\b", re.I)
_START = attrgetter("start")
_VEHICLES = ("vehicle", "car", "truck", "lorr", "bus")  # the units an idle crossing's count of none is in
_VEHICLE_UNIT = re.compile("|".join(_VEHICLES))
_HOUR = re.compile(r"\b(?:for|in|within|per|an|one|each)\s+(?:an?\s+|one\s+)?hour\b", re.I)


@lru_cache(maxsize=256)
def family(mode: str) -> str:
    """The kind of traffic a mode carries: rail, river, pipeline, cableway, terminal, pedestrian or road."""
    for fam, rx in FAMILIES:
        if re.search(rx, mode or ""):
            return fam
    return "road"


@dataclass
class _Sighting:
    """One sentence's evidence of a crossing, before merging."""

    key: str
    place: Place
    side_a: Place | None
    side_b: Place | None
    mode: str
    generic: bool  # the text named no mode: a merge may give it one
    confidence: float
    sentence: tuple[str, int]  # (doc id, sentence index)
    sources: list[Provenance] = field(default_factory=list)
    status: list[StatusEvent] = field(default_factory=list)
    side_ids: frozenset[str] = frozenset()
    own_name: bool = False  # a crossing with a name of its own merges by that name
    sided_by_name: bool = False  # ... and by its side, when the side was named with it ("X Bridge in Y")


def _shallow_copy(sg: _Sighting) -> _Sighting:
    """copy.copy(sg) without its trip through __reduce_ex__: a new sighting with the same field values."""
    seen = object.__new__(_Sighting)
    seen.__dict__.update(sg.__dict__)
    return seen


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _made_place(sides: Sides, mode: str, label: str, proper: str = "") -> Place:
    """A crossing no curated row lists: at its named side, or midway between two named sides."""
    a, b = sides.a, sides.b
    if proper:
        lat, lon = ((a.lat + b.lat) / 2, (a.lon + b.lon) / 2) if b is not None else (a.lat, a.lon)
        ident = f"{_slug(proper)}-{'-'.join(sorted({a.country.lower(), sides.b_country.lower()}))}"
        where = "a crossing with a name of its own, at the sides named beside it"
    elif b is not None:
        lat, lon = (a.lat + b.lat) / 2, (a.lon + b.lon) / 2
        ident = "-".join(sorted((_slug(a.name), _slug(b.name))))
        where = "midpoint of the two sides named"
    else:
        lat, lon, ident, where = a.lat, a.lon, _slug(a.name), "the side named"
    cc = "/".join(sorted({a.country, sides.b_country} - {""}))
    return Place(f"crossing:{ident}-{family(mode)}", label, MODE_KIND.get(mode, "checkpoint"), lat, lon, cc,
                 source=f"not in the gazetteer: {where}")


def _best_sides(opts: list[list[Place]], prefer: set[str]) -> Sides | None:
    """The first pair of these names that reads as neighbouring sides, else the first single side."""
    for i in range(len(opts)):
        for j in range(i + 1, len(opts)):
            if (sides := pair(opts[i], opts[j], prefer)) is not None:
                return sides
    return next((x for o in opts if (x := single(o, prefer)) is not None), None)


def _by_sentence(sentences: list[Sentence], mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Mentions (in order of start) by the index of the sentence each starts in, or of the sentence
    before when it starts between two (as DocContext.sentence_at reads it), bisected without a call each."""
    out: dict[int, list[Mention]] = {}
    starts = [x.start for x in sentences]
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        out.setdefault(sentences[i if i > 0 else 0].index, []).append(m)
    return out


class _Reader:
    """Reads one document's crossings sentence by sentence."""

    def __init__(self, ctx: DocContext, cur: Curated) -> None:
        self.ctx = ctx
        self.cur = cur
        self.namer = Namer(ctx, cur)
        self.found: list[_Sighting] = []
        self.headline_found: list[_Sighting] = []  # those of found that are the headline's, in order
        self.last_with: dict[str, int] = {}  # place id -> the last sighting found with it as crossing or side
        self.pending: list[tuple[Sentence, list[Cue], list[StatusEvent]]] = []
        self.cue_spans: list[tuple[int, int]] = []  # the crossing nouns of the sentence being read
        self.reopening = False  # the story tells of a reopening (its crossings' openings of the day are)
        self.headline = next((x.index for x in ctx.sentences if not _DATE_LINE.match(x.text)), -1)
        self.countries = {m.place.country for m in ctx.mentions if m.place.kind == "country"}
        spans = [(m.start, m.end) for m in ctx.mentions]
        inflected = cur.side_names().mentions(ctx.doc.text, ctx.doc.id, spans)
        for m in inflected:  # "w Miednikach": a side town in a case form the gazetteer does not list
            self.namer.by_start.setdefault(m.start, m)
            self.namer.by_end.setdefault(m.end, m)
        self.per_sentence = _by_sentence(ctx.sentences, sorted([*ctx.mentions, *inflected], key=_START))

    @cached_property
    def named(self) -> set[str]:
        """Ids and lower-cased names of the places the document names (read for a namesake only)."""
        return {m.place.id for m in self.ctx.mentions} | {m.place.name.lower() for m in self.ctx.mentions}

    def _mentions_in(self, s: Sentence) -> list[Mention]:
        """The sentence's place mentions (grouped once per document, not scanned per call)."""
        return self.per_sentence.get(s.index, [])

    def _here(self, place: Place) -> bool:
        """Whether a curated crossing lies on a border of a country the document names (a "Friendship
        Bridge" in an article about Estonia is not the one on the Yalu)."""
        return not self.countries or bool(set(place.country.split("/")) & self.countries)

    def _namesake(self, m: Mention) -> Place:
        """Of the curated crossings sharing a generic name ("Friendship Bridge"), the one whose side towns
        the document names, else whose two countries it names; the geoparser's pick on a tie."""
        same = [m.place] + [p for r in self.cur.named_by_part(m.text)
                            if r.place_id != m.place.id and (p := self.cur.get(r.place_id)) is not None]
        if len(same) < 2:
            return m.place

        def fit(p: Place) -> tuple[int, int, bool]:
            record = self.cur.record_for(p.id)
            if record is None:
                return 0, 0, p.id == m.place.id
            sides = {record.side_a, record.side_b, record.side_a_name.split(" (")[0].lower(),
                     record.side_b_name.split(" (")[0].lower()} - {""}
            both = set(self.cur.countries(record)) <= self.countries
            return len(sides & self.named), both, p.id == m.place.id
        return max(same, key=fit)

    def _sighting(self, s: Sentence, key: str, place: Place, a: Place | None, b: Place | None, mode: str,
                  generic: bool, conf: float, start: int, end: int) -> _Sighting:
        ids = frozenset(p.id for p in (a, b) if p is not None and p.kind != "country")
        return _Sighting(key, place, a, b, mode, generic, conf, (self.ctx.doc.id, s.index),
                         [self.ctx.provenance(s, start, end)], [], ids)

    def _from_record(self, s: Sentence, record, mode: str, generic: bool, conf: float, start: int,
                     end: int) -> _Sighting | None:
        place = self.cur.get(record.place_id)
        if place is None:
            return None
        a, b = self.cur.sides(record)
        use = record.mode if generic and record.mode else mode
        return self._sighting(s, record.place_id, place, a, b, use, generic and not record.mode, conf, start,
                              end)

    def _landmark(self, s: Sentence, place: Place, start: int, end: int) -> _Sighting:
        """A curated crossing named outright (a checkpoint on a bridge counts as the bridge)."""
        record = self.cur.record_for(place.id)
        mode = KIND_MODE.get(place.kind, "road")
        if record is not None and place.kind != "terminal":
            found = self._from_record(s, record, record.mode or mode, False, 0.9, start, end)
            if found is not None:
                return found
        a, b = self.cur.sides(record) if record is not None else (None, None)
        return self._sighting(s, place.id, place, a, b, mode, False, 0.9, start, end)

    def _sides(self, cue: Cue, group: list[Name]) -> Sides | Place | None:
        """What one group of names reads as: a curated crossing place named outright, validated sides, or
        nothing."""
        for name in group:  # a curated crossing or its checkpoint named with the noun
            lm = next((p for p in name.options[:1] if p.kind in CROSSING_KINDS and self._here(p)), None)
            if lm is not None:
                return lm
        sides: Sides | None = None
        if len(group) >= 2:
            sides = pair(group[0].options, group[1].options, self.countries)
        if sides is None and not cue.weak:
            singles = [x for n in group if (x := single(n.options, self.countries)) is not None]
            sides = min(singles, key=lambda x: x.border_km, default=None)
        return sides

    def _from_names(self, s: Sentence, cue: Cue, group: list[Name]) -> _Sighting | None:
        """A crossing from one group of names, when they read as real neighbouring sides."""
        if cue.plural and cue.groups == [group] and len(group) == 1 and not cue.proper:
            return None  # "the lakeside crossings": several crossings at one place, none named
        found = self._sides(cue, group)
        if isinstance(found, Place):
            at = self._landmark(s, found, min(n.start for n in group), cue.end)
            record = self.cur.record_for(at.key)
            named_apart = record is not None and cue.name and group in cue.after
            if named_apart and not names_record(cue.name, record):  # "the Lotus Gate at the A–B bridge"
                return self._structure(s, at, cue.name, cue.mode or "road", cue.start, cue.end)
            return at
        if found is None or cue.table_only and self.cur.find(found, cue.mode or "road", not cue.mode) is None:
            return None
        start, end = min(n.start for n in group), max(n.end for n in group)
        listed = len(cue.groups) > 1 and group in cue.groups or len(cue.after) > 1 and group in cue.after
        label = f"{self.ctx.doc.text[start:end]} {_one(cue.noun)}" if listed else ""
        own_mode = modes_in(self.ctx.doc.text, start, end)[:1] if listed and not cue.mode else []
        if own_mode:  # "crossings (A–B), (C Jetty–D Jetty)": an item may say its own mode
            cue = replace(cue, mode=own_mode[0])
        return self._made(s, cue, found, start, end, label=label)

    def _proper(self, s: Sentence, cue: Cue) -> _Sighting | None:
        """A crossing with a name of its own ("Harmony Bridge", "Harmony Bridge II"), see _proper_at."""
        found = self._proper_at(s, cue)
        text = self.ctx.doc.text
        first = text.startswith(cue.name, cue.start)  # "Puente Aurora": the name goes on after the noun
        at = cue.start + len(cue.name) if first else cue.end
        if found is not None and (numbered := self._numbered(s, found, cue.name, at)) is not None:
            return numbered
        return found

    def _proper_at(self, s: Sentence, cue: Cue) -> _Sighting | None:
        """A crossing with a name of its own ("Harmony Bridge"): sides from the names with it, else the
        sentence's places that read as neighbours near the line, nearest to the name first."""
        after = [g for g in cue.after if not NUMBERED.match(self.ctx.doc.text, cue.end, g[0].end + 1)]
        for group in cue.groups + after:
            found = self._sides(cue, group)
            if isinstance(found, Place):
                at = self._landmark(s, found, cue.start, cue.end)
                record = self.cur.record_for(at.key)
                if group in cue.groups or record is None or names_record(cue.name, record):
                    return at
                return self._structure(s, at, cue.name, cue.mode or "road", cue.start, cue.end)
            if found is not None:  # "Northgate Integrated Check Post" is named after its side
                named_after_side = group in cue.groups
                made = self._made(s, cue, found, min(n.start for n in group), cue.end,
                                  proper=not named_after_side)
                if made is not None:
                    made.sided_by_name = True
                return made
        skip = (cue.start - len(cue.name), cue.end)
        here = [m for m in self._mentions_in(s)
                if not skip[0] <= m.start < skip[1] and self._nearest_cue(m, cue)]
        here.sort(key=lambda m: abs(m.start - cue.start))
        here = [m for m in here
                if not self.namer._adjective(m, m.text) and not _RIVER.match(self.ctx.doc.text, m.end)]
        opts = [self.namer.options(m, m.text) for m in here]
        if opts and abs(here[0].start - cue.start) < 60 and (sides := single(opts[0], self.countries)):
            return self._made(s, cue, sides, cue.start, cue.end, proper=True) \
                if sides.border_km <= AROUND_KM else None
        found = _best_sides(opts, self.countries)
        if found is None:  # the sentences just before, nearest first, their places other crossings' sides not
            earlier = [x for x in self.ctx.sentences[max(0, s.index - 2):s.index]][::-1]
            taken = {i for sg in self.found for i in sg.side_ids}
            for e in earlier:
                ms = [m for m in self._mentions_in(e)[::-1]
                      if not self.namer._adjective(m, m.text) and m.place.id not in taken]
                found = found or _best_sides([self.namer.options(m, m.text) for m in ms], self.countries)
        if found is not None and found.border_km > AROUND_KM:
            return None  # a town of the sentence well inside the country is not where the structure stands
        return self._made(s, cue, found, cue.start, cue.end, proper=True) if found else None

    def _nearest_cue(self, m: Mention, cue: Cue) -> bool:
        """Whether of the sentence's crossing nouns this one is nearest the place ("A crossing near X,
        the B Bridge, and the C Bridge near Y": X is not the B Bridge's)."""
        def gap(c: tuple[int, int]) -> int:
            return max(c[0] - m.end, m.start - c[1], 0)
        mine = gap((cue.start, cue.end))
        return all(gap(c) >= mine for c in self.cue_spans)

    def _pair_in_sentence(self, s: Sentence, cue: Cue) -> _Sighting | None:
        """A crossing noun with no name ("a ferry runs on the A-B route"): two places of the sentence,
        only when they read as neighbouring sides near the line."""
        ms = [m for m in self._mentions_in(s) if not self.namer._adjective(m, m.text)]
        if len(ms) < 2:
            return None
        opts = [self.namer.options(m, m.text) for m in ms]
        for i in range(len(opts)):
            for j in range(i + 1, len(opts)):
                if (sides := pair(opts[i], opts[j], self.countries)) is not None:
                    return self._made(s, cue, sides, cue.start, cue.end)
        return None

    def _made(self, s: Sentence, cue: Cue, sides: Sides, start: int, end: int,
              proper: bool = False, label: str = "") -> _Sighting | None:
        """The sighting of a crossing between validated sides: the curated row when one fits."""
        start, end = min(start, cue.start), max(end, cue.end)
        generic = not cue.mode
        mode = cue.mode or "road"
        record = self.cur.find(sides, mode, generic)
        conf = 0.8 if sides.named == 2 else 0.65
        if record is not None:
            found = self._from_record(s, record, mode, generic, conf + 0.1, start, end)
            name = label or cue.name
            if proper and found is not None and not names_record(name, record):
                return self._structure(s, found, name, cue.mode or found.mode, start, end)
            return found
        b = sides.b or country_place(self.ctx.gazetteer, sides.b_country)
        words = self.ctx.doc.text[start:end]
        label = label or (cue.name if proper else re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I))
        place = _made_place(sides, mode, label, label if proper else "")
        found = self._sighting(s, place.id, place, sides.a, b, mode, generic, conf, start, end)
        found.own_name = proper
        return found

    def _structure(self, s: Sentence, base: _Sighting, name: str, mode: str, start: int,
                   end: int) -> _Sighting:
        """A structure with a name of its own at a known crossing ("the Maitri Bridge" beside an ICP,
        "Bridge II" beside "Bridge I"): a crossing of its own, at that crossing's place and sides."""
        place = structure_place(base.place, name, MODE_KIND.get(mode, "checkpoint"), family(mode))
        found = self._sighting(s, place.id, place, base.side_a, base.side_b, mode, False, 0.6, start, end)
        found.own_name = True
        return found

    def _named_structure(self, s: Sentence, cue: Cue, here: list[_Sighting]) -> _Sighting | None:
        """ "The new 'Harmony' cargo gate at Northgate": a name that is no place, before a crossing noun,
        at the crossing this sentence (else the one before it in the paragraph) is about."""
        if len(cue.groups) != 1 or len(cue.groups[0]) != 1 or cue.groups[0][0].options or cue.plural:
            return None
        name = cue.groups[0][0]
        if name.start == s.start or _POSSESSIVE.search(name.text) or self.namer.is_demonym(name.text):
            return None  # "China's railway": whose it is, not its name
        before = self.ctx.doc.text[s.start:name.start]
        if here and (_SIBLING.search(before) or _one(cue.noun) in before.lower()):
            return None  # "the crossing near A, the Harmony Bridge, and ...", "the A checkpoint, then the
            # Harmony checkpoint": an item of a list, not a part of the crossing before it
        base = self._base(s, cue, here)
        if base is None:
            return None
        record = self.cur.record_for(base.key)
        if record is not None and names_record(name.text, record):
            return replace(base, sources=[self.ctx.provenance(s, name.start, cue.end)], status=[])
        label = f"{name.text} {self.ctx.doc.text[cue.start:cue.end]}"
        return self._structure(s, base, label, cue.mode or "road", name.start, cue.end)

    def _base(self, s: Sentence, cue: Cue, here: list[_Sighting]) -> _Sighting | None:
        """The known crossing a named structure belongs to: the last one of this sentence, else the one a
        border town of the sentence stands for, else the last one of the paragraph or sentence before."""
        if here:
            return here[-1]
        towns = sorted(self._mentions_in(s), key=lambda m: abs(m.start - cue.start))
        base = next((x for m in towns if (x := self._at_town(s, m)) is not None), None)
        if base is None and self.found:
            prev = self.found[-1]
            near = prev.sentence[1] >= s.index - 1 or self.ctx.sentences[prev.sentence[1]].para == s.para
            base = prev if near or _SAME_CROSSING.search(s.text) else None  # "within the same pair"
        return base

    def _listed_structures(self, s: Sentence, cue: Cue, here: list[_Sighting]) -> list[_Sighting]:
        """ "Two more entrances, Upper Mill–Lower Mill and Fox Hollow–Hare Hill": pairs of names after a
        plural noun that are no border towns (one at least unknown), each a structure at the crossing at
        hand."""
        if not cue.plural or not cue.after or cue.groups or any(len(g) != 2 for g in cue.after):
            return []
        for a, b in cue.after:
            if a.options and b.options or any(self.namer.is_demonym(n.text) for n in (a, b)):
                return []
            sides = [single(n.options, self.countries) for n in (a, b)]
            if any(x is not None and x.b_country in self.countries for x in sides):
                return []  # a town on the border the document is about names a crossing of its own
        base = self._base(s, cue, here)
        if base is None:
            return []
        noun = re.sub(r"(?<=[a-z])s$", "", self.ctx.doc.text[cue.start:cue.end])
        return [self._structure(s, base, f"{a.text}–{b.text} {noun}", cue.mode or "road", a.start, b.end)
                for a, b in cue.after]

    def _numbered(self, s: Sentence, base: _Sighting, name: str, at: int) -> _Sighting | None:
        """ "Northgate Bridge II": a numbered structure other than the first is a crossing of its own."""
        found = numbered(self.ctx.doc.text, at, s.end)
        if found is None:
            return None
        return self._structure(s, base, f"{name} {found[0]}", base.mode, at, found[1])

    def _facing(self, s: Sentence) -> list[_Sighting]:
        """ "A, opposite B", "A, which faces B": the crossing between two towns set face to face, when
        they read as neighbouring sides (a town named with a curated crossing first)."""
        out: list[_Sighting] = []
        if not self.ctx.may_contain(s, FACING_CUES):
            return out
        for fm in _FACING.finditer(self.ctx.doc.text, s.start, s.end):
            here = [m for m in self._mentions_in(s) if not self.namer._adjective(m, m.text)]
            before = [m for m in here if m.end <= fm.start()][::-1][:3]
            after = next((m for m in here if m.start >= fm.end()), None)
            if after is None:
                continue
            other = self.namer.options(after, after.text)
            best: _Sighting | None = None
            for m in before:
                if (at := self._town_facing(s, m, after.place.country)) is not None:
                    best = at  # a town with a curated crossing facing that country
                    break
                sides = pair(self.namer.options(m, m.text), other, self.countries)
                if sides is None:
                    continue
                cue = Cue(m.start, after.end, fm.group(), "", [], [], False, False)
                label = f"{sides.a.name}–{sides.b.name}" if sides.b is not None else sides.a.name
                made = self._made(s, cue, sides, m.start, after.end, label=label)
                curated = made is not None and made.key.startswith(CURATED)
                if made is not None and (best is None or curated > best.key.startswith(CURATED)):
                    best = made
            if best is not None and all(best.key != o.key for o in out):
                out.append(best)
        return out

    def _town_facing(self, s: Sentence, m: Mention, across: str) -> _Sighting | None:
        """The one curated road crossing of a border town towards the country across."""
        records = [r for r in self.cur.by_side_of(m.place) if across in self.cur.countries(r)
                   and family(r.mode or "road") == "road"]
        if len({r.place_id for r in records}) != 1:
            return None
        return self._from_record(s, records[0], records[0].mode or "road", False, 0.7, m.start, m.end)

    def _same_sides(self, s: Sentence, cue: Cue) -> _Sighting | None:
        """ "The older ferry at the same two towns": a crossing of the noun's mode between the two sides
        of the crossing named last."""
        text = self.ctx.doc.text
        same = _SAME_SIDES.match(text, cue.end, s.end) or _SAME_SIDES_BEFORE.search(text, s.start, cue.start)
        if not same:
            return None
        prev = next((p for p in reversed(self.found) if p.side_a is not None and p.side_a.kind != "country"),
                    None)
        if prev is None:
            return None
        a, b = prev.side_a, prev.side_b if prev.side_b is not None and prev.side_b.kind != "country" else None
        others = sorted(set(prev.place.country.split("/")) - {a.country})
        across = b.country if b is not None else (others[0] if others else "")
        if not across:
            return None
        sides = Sides(a, b, across, 2 if b is not None else 1)
        label = f"{a.name}–{b.name} {cue.noun.lower()}" if b is not None else ""
        return self._made(s, cue, sides, cue.start, cue.end, label=label)

    def _refer_back(self, s: Sentence, noun: str, start: int, end: int, mode: str = "") -> _Sighting | None:
        """ "The bridge", "this crossing": the last crossing of a fitting kind this document named, unless
        that one was named a while back and the headline names another (the story's own crossing)."""
        # the last fitting one read backwards, the headline's among the headline's sightings only (not
        # every sighting so far filtered for each noun: a long document names hundreds)
        prev = next((x for x in reversed(self.found) if _fits(x, noun, mode)), None)
        if prev is None:
            return None
        if prev.sentence[1] < s.index - RECENT_SENTENCES:
            prev = next((x for x in self.headline_found if _fits(x, noun, mode)), prev)
        return self._again(prev, 0.6, s, start, end)

    def _again(self, prev: _Sighting, conf: float, s: Sentence, start: int, end: int) -> _Sighting:
        """The crossing of an earlier sighting seen again in sentence s (at start..end), with no status yet
        (a shallow copy, as dataclasses.replace makes, without its per-call field checks)."""
        seen = _shallow_copy(prev)
        seen.confidence, seen.sentence = conf, (self.ctx.doc.id, s.index)
        seen.sources, seen.status = [self.ctx.provenance(s, start, end)], []
        return seen

    def _all_of(self, s: Sentence, fams: set[str]) -> list[_Sighting]:
        """ "Its road and rail crossings": every crossing of these modes the document named so far."""
        out: list[_Sighting] = []
        keys: set[str] = set()
        for prev in self.found:
            if (not fams or family(prev.mode) in fams) and prev.key not in keys:
                keys.add(prev.key)
                out.append(self._again(prev, 0.5, s, s.start, s.end))
        return out

    def finish(self) -> None:
        """Statuses of sentences that spoke of crossings before naming any (a lead): the crossings named
        later, all of the modes said for a plural noun, else the first one."""
        for s, cues, events in self.pending:
            found = self._all_of(s, {family(c.mode) for c in cues if c.mode})
            if not any(c.plural for c in cues):
                found = found[:1]
            for sg in found:
                sg.status = list(events)
            self.found += found
        if self.reopening:
            for sg in self.found:
                sg.status = [again(e, self.ctx.doc.date) for e in sg.status]

    def _carried(self, s: Sentence) -> list[_Sighting]:
        """A status reported with no crossing named ("It opened in 1959"): the crossing the paragraph
        (or the sentence before) is about."""
        prev = self.found[-1]
        index = prev.sentence[1]
        if index != s.index - 1 and self.ctx.sentences[index].para != s.para:
            return []
        last = [sg for sg in self.found if sg.sentence[1] == index and sg.status]  # "both closed; traffic
        if len(last) < 2 or _SINGULAR.search(s.text):  # resumed": all of them; "it reopened": the last one
            last = [prev]
        out: list[_Sighting] = []
        for sg in last:
            if all(o.key != sg.key for o in out):
                out.append(self._again(sg, 0.5, s, s.start, s.end))
        return out

    def _by_side(self, s: Sentence) -> list[_Sighting]:
        """Crossings of this document whose side is named in a sentence that reports a status, else the
        one curated crossing at a named border town ("guards shut Northgate")."""
        out = []
        for m in self._mentions_in(s):
            last = self.last_with.get(m.place.id)
            if last is not None:
                prev = self.found[last]
                if all(o.key != prev.key for o in out):
                    out.append(self._again(prev, 0.5, s, m.start, m.end))
        if not out:
            for m in self._mentions_in(s):
                found = self._at_town(s, m)
                if found is not None and all(o.key != found.key for o in out):
                    out.append(found)
        return out

    def _table_name(self, s: Sentence, cue: Cue) -> _Sighting | None:
        """ "El puente Colombia", "the bridge Harmony": the noun and the capitalised words after it
        are a curated crossing's name (languages that write the noun first, in lower case); "el Puente
        Fronterizo Colombia" without its first word too."""
        text = self.ctx.doc.text
        run = _CAPITALS.match(text, cue.end, s.end)
        if run is None or self.ctx.gazetteer is None:
            return None
        words = run.group().split()
        names = [text[cue.start:run.end()]]
        names += [f"{cue.noun} {' '.join(words[1:])}"] if len(words) > 1 else []
        for name in names:
            try:
                found = self.ctx.gazetteer.lookup(name)
            except Exception:  # noqa: BLE001 - a lookup failure means no such crossing
                return None
            place = next((p for p in found if p.kind in CROSSING_KINDS and self._here(p)), None)
            if place is not None:
                return self._landmark(s, place, cue.start, run.end())
        return None

    def _dateline_crossing(self, s: Sentence, cue: Cue) -> _Sighting | None:
        """The curated crossing of the border town a story is datelined at ("NORTHGATE, Ruritania —"),
        for a crossing noun that points back with nothing named before it."""
        town = self.dateline_town
        if town is None:
            return None
        found = self._at_town(s, replace(town, start=cue.start, end=cue.end))
        return replace(found, confidence=0.5) if found is not None else None

    @property
    def dateline_town(self) -> Mention | None:
        """The place of the dateline at the head of the story, read once (all-capital words, a dash)."""
        if not hasattr(self, "_dateline"):
            self._dateline = dateline_place(self.ctx)
        return self._dateline

    def _apposed(self, s: Sentence, cue: Cue) -> _Sighting | None:
        """ "Northgate, the main crossing on ...": the curated crossing of the town the noun is set beside."""
        text = self.ctx.doc.text
        for m in self._mentions_in(s):
            if m.end < cue.start and _APPOSITION.fullmatch(text, m.end, cue.start):
                return self._at_town(s, m)
        return None

    def _at_town(self, s: Sentence, m: Mention) -> _Sighting | None:
        """The curated crossing a border town stands for, when the document names both its countries and
        the town has one crossing of the sentence's mode (road when no mode word)."""
        if m.place.kind in ("country", "admin1", "continent", "river", "region"):
            return None
        records = [r for r in self.cur.by_side_of(m.place)
                   if set(self.cur.countries(r)) <= self.countries
                   or (len(self.countries) == 1 and self.countries & set(self.cur.countries(r)))]
        if not records:
            return None
        modes = modes_in(self.ctx.doc.text, s.start, s.end)
        fam = family(modes[0]) if modes else "road"
        fits = [r for r in records if family(r.mode or "road") == fam]
        if len({r.place_id for r in fits}) != 1:
            return None
        return self._from_record(s, fits[0], fits[0].mode or fam, False, 0.5, m.start, m.end)

    def sentence(self, s: Sentence) -> list[_Sighting]:
        out: list[_Sighting] = []
        taken: list[tuple[int, int]] = []
        for m in self._mentions_in(s):
            if m.place.kind in CROSSING_KINDS and self._here(m.place):
                found = self._landmark(s, self._namesake(m), m.start, m.end)
                out.append(self._numbered(s, found, m.text, m.end) or found)
                taken.append((m.start, m.end))
        unnamed: list[Cue] = []
        cues = crossing_cues(self.ctx, s, self.namer, taken)
        self.cue_spans = [(c.start, c.end) for c in cues]
        for cue in cues:
            if cue.table_only:  # "the Northgate port": only a town with a curated crossing
                made = [x for g in cue.groups if (x := self._from_names(s, cue, g)) is not None]
                out += [x for x in made if all(x.key != o.key for o in out)]
                continue
            if (named := self._table_name(s, cue)) is not None:
                made = [named]
            elif cue.proper and not cue.weak:
                made = [x] if (x := self._proper(s, cue)) is not None else []
            else:
                made = [x for g in cue.groups if (x := self._from_names(s, cue, g)) is not None]
                if not made:
                    made = [x for g in cue.after if (x := self._from_names(s, cue, g)) is not None]
            if not made and (named := self._named_structure(s, cue, out)) is not None:
                made = [named]
            if not made:
                made = self._listed_structures(s, cue, out)
            out += [x for x in made if all(x.key != o.key for o in out)
                    and (cue.mode or x.own_name or all(km(x.place, o.place) > SAME_SITE_KM for o in out))]
            if not cue.groups and not cue.after and not made:
                back = self._same_sides(s, cue) or self._apposed(s, cue)
                det = _THE if not cue.mode or cue.weak else _THE_OR_A
                if back is None and det.search(self.ctx.doc.text[max(s.start, cue.start - 30):cue.start]):
                    bare = _BARE.fullmatch(cue.noun)  # "the bridge" may be a rail one
                    back = self._refer_back(s, cue.noun.lower(), cue.start, cue.end, "" if bare else cue.mode)
                    if back is None and not cue.plural:  # "this border point" of a story datelined there
                        back = self._dateline_crossing(s, cue)
                if back is None and not cue.weak and not cue.plural:
                    back = self._pair_in_sentence(s, cue)
                if back is not None and all(back.key != o.key for o in out):
                    out.append(back)
                elif back is None and not cue.weak:
                    unnamed.append(cue)
        out += [x for x in self._facing(s) if all(x.key != o.key for o in out)]
        events = status_events(self.ctx, s)
        self.reopening = self.reopening or any(e.what == "reopened" and not e.planned for e in events)
        if events and not out:
            out = self._by_side(s)
        if events and not out and any(c.plural for c in unnamed) and self.found:
            out = self._all_of(s, {family(c.mode) for c in unnamed if c.mode})
        if events and not out and unnamed and not self.found:
            self.pending.append((s, unnamed, events))  # "X reopened its crossings": named further on
        if not out:
            for start, end, noun in anaphors(self.ctx, s):
                back = self._refer_back(s, noun, start, end)
                if back is not None:
                    out.append(back)
                    break
        if events and not out and self.found:
            out = self._carried(s)
        if out and _names_vehicles(s.text) and _NONE.search(s.text):
            events += _observations(s)
        named = [[p.quote_start for p in sg.sources if p.sentence == s.text] for sg in out]
        for sg, own in zip(out, by_clause(self.ctx.doc.text, s, events, named), strict=True):
            sg.status = own
        for sg in out:
            for pid in (*sg.side_ids, sg.place.id):
                self.last_with[pid] = len(self.found)
            self.found.append(sg)
            if sg.sentence[1] == self.headline:
                self.headline_found.append(sg)
        return out


def _fits(prev: _Sighting, noun: str, mode: str) -> bool:
    """Whether a crossing named before can be the one "the bridge" / "the rail crossing" points back to."""
    if mode and family(mode) != family(prev.mode) and not prev.generic:
        return False
    if "bridge" in noun and "bridge" not in prev.mode and prev.place.kind != "bridge":
        return False
    if "terminal" in noun and family(prev.mode) != "terminal":
        return False
    return "ferry" not in noun or family(prev.mode) == "river"


def _one(noun: str) -> str:
    """The noun of one item of a list ("the A, B and C checkpoints": the A checkpoint)."""
    return _ONE.sub("", noun.lower())


def _names_vehicles(text: str) -> bool:
    """Whether a count of vehicles can be in the text: a count's unit is its noun lower-cased, so one of
    _VEHICLES is in the text's lower case (a cheap test before the figures are read)."""
    low = text.lower()
    return any(unit in low for unit in _VEHICLES)


def _observations(s: Sentence) -> list[StatusEvent]:
    """An hour with no vehicle crossing: the crossing stood idle."""
    zeros = [q for q in find_quantities(s.text) if q.kind == "count" and q.value == 0 and
             _VEHICLE_UNIT.match(q.unit)]
    if not zeros:
        return []
    q = zeros[0]
    note = "no vehicle seen in an hour" if _HOUR.search(s.text) else "no vehicle seen"
    return [StatusEvent("idle", None, None, False, note, s.start + q.start, s.start + q.end)]


def _facing(a: _Sighting, b: _Sighting) -> bool:
    """Two crossings each named by one side, the sides facing each other across the same border
    ("ICP Northgate" and "Southbank ICP"): one crossing."""
    if a.own_name or b.own_name or len(a.side_ids) != 1 or len(b.side_ids) != 1:
        return False
    made = a.key.startswith("crossing:") and b.key.startswith("crossing:")
    if not made or family(a.mode) != family(b.mode):
        return False
    pa, pb = a.side_a, b.side_a
    if pa is None or pb is None or a.side_b is None or b.side_b is None or pa.country == pb.country:
        return False
    return a.side_b.country == pb.country and b.side_b.country == pa.country and km(pa, pb) <= FACING_KM


def _merge(sightings: list[_Sighting]) -> tuple[list[Crossing], dict[int, Place]]:
    """One crossing per key; a crossing named by one side joins the one with that side and mode, or the
    one named by the side facing it. Also returns each sighting's crossing place (by id of sighting)."""
    groups: dict[str, _Sighting] = {}
    statuses: Seen = {}  # each group's status events and sources so far (geomap.events.unseen)
    sources: Seen = {}
    alias: dict[tuple[str, str], str] = {}
    home: dict[int, str] = {}
    ordered = sorted(sightings, key=lambda sg: (-len(sg.side_ids), sg.generic))
    for sg in ordered:
        key = sg.key
        fam = family(sg.mode)
        if key not in groups and not sg.own_name and not sg.key.startswith(CURATED):
            target = next((alias[(i, fam)] for i in sorted(sg.side_ids) if (i, fam) in alias), None)
            if target is None and sg.generic:
                target = next((alias[(i, f)] for f in ("road", "rail", "river") for i in sorted(sg.side_ids)
                               if (i, f) in alias), None)
            if target is None:
                target = next((k for k, g in groups.items() if _facing(g, sg)), None)
                if target is not None:
                    g = groups[target]
                    g.side_b = sg.side_a
                    g.side_ids = g.side_ids | sg.side_ids
                    g.place = replace(g.place, lat=(g.side_a.lat + sg.side_a.lat) / 2,
                                      lon=(g.side_a.lon + sg.side_a.lon) / 2)
                    for i in sg.side_ids:
                        alias.setdefault((i, fam), target)
            if target is not None and len(sg.side_ids) <= len(groups[target].side_ids):
                key = target
        home[id(sg)] = key
        if key not in groups:
            groups[key] = replace(sg, sources=list(sg.sources), status=list(sg.status))
            for i in sg.side_ids if not sg.own_name or sg.sided_by_name else ():
                alias.setdefault((i, fam), key)
            continue
        into = groups[key]
        add_unseen(into.status, sg.status, statuses, key)
        add_unseen(into.sources, sg.sources, sources, key)
        into.confidence = 1 - (1 - into.confidence) * (1 - sg.confidence)
        into.side_a = into.side_a or sg.side_a
        into.side_b = into.side_b or sg.side_b
    out = []
    for g in groups.values():
        events = sorted(g.status, key=lambda e: (e.date or "9999", e.quote_start))
        out.append(Crossing(place=g.place, side_a=g.side_a, side_b=g.side_b, mode=g.mode,
                            status=status_text(events), confidence=round(min(g.confidence, 0.99), 3),
                            sources=sorted(g.sources, key=lambda p: (p.doc_id, p.quote_start)),
                            status_events=events))
    out.sort(key=lambda c: (c.place.id, c.mode))
    return out, {i: groups[k].place for i, k in home.items()}


SentenceCrossings = dict[tuple[str, int], list[Place]]


def extract_crossings(contexts: Iterable[DocContext]) -> tuple[list[Crossing], SentenceCrossings]:
    """Crossings merged across documents, and the crossing places named in each sentence. The contexts
    may be a stream: each is read once and not kept."""
    sightings: list[_Sighting] = []
    cur = None
    for ctx in contexts:
        if cur is None:
            cur = curated(ctx.gazetteer)
        sightings += doc_sightings(ctx, cur)
    return merge_sightings(sightings)


def doc_sightings(ctx: DocContext, cur: Curated) -> list[_Sighting]:
    """Every crossing one document names, before any merging (cur: the curated crossing table)."""
    reader = _Reader(ctx, cur)
    for s in ctx.sentences:
        reader.sentence(s)
    reader.finish()
    return reader.found


def merge_sightings(sightings: list[_Sighting]) -> tuple[list[Crossing], SentenceCrossings]:
    """One crossing per key across documents, and the crossing places named in each sentence."""
    merged, place_of = _merge(sightings)
    by_sentence: SentenceCrossings = {}
    for sg in sightings:
        places = by_sentence.setdefault(sg.sentence, [])
        if place_of[id(sg)] not in places:
            places.append(place_of[id(sg)])
    return merged, by_sentence
