"""Border crossings: a crossing noun or landmark, matched to the gazetteer's curated crossings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from geomap.events.context import DocContext, Sentence
from geomap.events.quantities import find_quantities
from geomap.model import Crossing, Place, Provenance

# Crossing nouns, most specific first, with the mode each implies.
NOUNS: list[tuple[str, re.Pattern[str]]] = [
    ("customs terminal", re.compile(r"\b(?:customs(?:\s+and\s+logistics)?|logistics)\s+terminals?\b|"
                                    r"\bcustoms\s+(?:posts?|points?|clearance\s+(?:centres?|centers?|zones?))\b",
                                    re.I)),
    ("rail bridge", re.compile(r"\b(?:rail(?:way)?|railroad|train)\s+bridges?\b", re.I)),
    ("road bridge", re.compile(r"\b(?:road|highway|automobile|motorway|car|cross-border)\s+bridges?\b",
                               re.I)),
    ("river", re.compile(r"\bpontoon(?:\s+bridges?)?\b|\bice\s+(?:road|crossing)s?\b|\bhovercraft\b",
                         re.I)),
    ("road bridge", re.compile(r"\bbridges?\b", re.I)),
    ("ferry", re.compile(r"\bferr(?:y|ies)\b", re.I)),
    ("checkpoint", re.compile(r"\b(?:border\s+)?(?:check-?points?|toll\s+stations?|ports?\s+of\s+entry|"
                              r"border\s+crossings?|crossing\s+points?|border\s+posts?|border\s+ports?|"
                              r"land\s+ports?|highway\s+ports?|road\s+ports?)\b", re.I)),
]
CROSSING_KINDS = {"bridge", "checkpoint", "terminal", "river crossing"}
KIND_MODE = {"bridge": "road bridge", "checkpoint": "checkpoint", "terminal": "customs terminal",
             "river crossing": "river"}
STATUS_WORDS = re.compile(
    r"\b(?P<w>newly[- ](?:built|opened|constructed)|brand[- ]new|under construction|reopened|re-opened|"
    r"closed|shut(?: down)?|suspended|resumed|halted|idle|deserted|empty|busy|congested|jammed|"
    r"opened)\b", re.I)
MOVEMENT = re.compile(
    r"\b(?P<noun>trucks?|lorries|lorry|buses|bus|cars?|vehicles?|coach(?:es)?|passengers|travell?ers)\s+"
    r"(?P<verb>wait(?:s|ing)?(?:\s+to\s+(?:pass|cross)(?:\s+through)?)?|queue(?:s|d)?|queuing|"
    r"pass(?:es|ing)?(?:\s+through)?|cross(?:es|ing)?|drive(?:s)?(?:\s+across)?)\b", re.I)
HOUR = re.compile(r"\b(?:for|in|within|per|an|one|each)\s+(?:an?\s+|one\s+)?hour\b", re.I)
DEFINITE = re.compile(r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)


@dataclass
class _Sighting:
    """One sentence's evidence of a crossing, before merging."""

    place: Place
    side_a: Place | None
    side_b: Place | None
    mode: str
    status: list[str]
    confidence: float
    sentence: tuple[str, int]  # (doc id, sentence index)
    sources: list[Provenance] = field(default_factory=list)


class _Curated:
    """The gazetteer's curated crossings and landmark children, looked up by place id."""

    def __init__(self, gazetteer: Any) -> None:
        self.gaz = gazetteer
        getter = getattr(gazetteer, "crossings", None)
        self.records = list(getter()) if getter else []
        self.by_id = {r.place_id: r for r in self.records}

    def get(self, place_id: str) -> Place | None:
        """The place with this id, None when unknown."""
        if not place_id or self.gaz is None:
            return None
        try:
            return self.gaz.get(place_id)
        except Exception:  # noqa: BLE001 - an unknown id is simply not used
            return None

    def parent(self, place_id: str) -> str:
        """Id of the place a landmark lies on or in ("" when none)."""
        getter = getattr(self.gaz, "parent", None)
        return getter(place_id) if getter else ""

    def children(self, place_id: str) -> list[Place]:
        """Landmarks recorded as lying on a crossing (its checkpoints, its terminal)."""
        getter = getattr(self.gaz, "children", None)
        return list(getter(place_id)) if getter else []

    def record_for(self, place_id: str):
        """The curated crossing a place is, or lies on (following parents)."""
        seen: set[str] = set()
        while place_id and place_id not in seen:
            if place_id in self.by_id:
                return self.by_id[place_id]
            seen.add(place_id)
            place_id = self.parent(place_id)
        return None

    def sides(self, record) -> tuple[Place | None, Place | None]:
        """The two side places of a curated crossing (None when not in the gazetteer)."""
        if record is None:
            return None, None
        return self.get(record.side_a), self.get(record.side_b)


def _mode_fits(noun_mode: str, record_mode: str) -> int:
    """How well a curated crossing's mode fits the noun: 2 exact, 1 plausible, 0 not at all."""
    if noun_mode == record_mode:
        return 2
    if noun_mode == "road bridge":
        return 2 if "bridge" in record_mode and "rail" not in record_mode else 0
    if noun_mode in ("ferry", "river"):
        return 2 if record_mode in ("river", "ferry") else 0
    if noun_mode == "checkpoint":
        return 2 if record_mode == "road" else 1
    if noun_mode == "customs terminal":
        return 1
    return 0


def _status(ctx: DocContext, s: Sentence) -> list[str]:
    """Observations stated in the sentence: newly built, closed, queues, no vehicle in an hour."""
    out: list[str] = []
    for m in STATUS_WORDS.finditer(s.text):
        out.append(re.sub(r"[- ]+", " ", m.group("w").lower()))
    zeros = [q for q in find_quantities(s.text) if q.kind == "count" and q.value == 0]
    for q in zeros:
        if re.match(r"vehicle|car|truck|lorr|bus", q.unit):
            out.append("no vehicle seen in an hour" if HOUR.search(s.text) else "no vehicle seen")
    for m in MOVEMENT.finditer(s.text):
        if not any(q.start <= m.start() < q.end + 3 for q in zeros):  # "not a single vehicle crossing"
            out.append(f"{m.group('noun').lower()} {m.group('verb').lower()}")
    return out


def _located_country(ctx: DocContext) -> str:
    """The country the document reports from: places written "in City, Country", else the most named."""
    text = ctx.doc.text
    counts: Counter[str] = Counter()
    for m in ctx.mentions:
        if m.place.kind in ("city", "town") and re.match(r",\s+[A-Z]", text[m.end:m.end + 3]) and \
                re.search(r"\b(?:in|at|from)\s+$", text[max(0, m.start - 6):m.start]):
            counts[m.place.country] += 1
    if not counts:
        counts.update(m.place.country for m in ctx.mentions if m.place.kind in ("city", "town"))
    return counts.most_common(1)[0][0] if counts else ""


def _pick_child(cur: _Curated, ctx: DocContext, record, kind: str) -> tuple[Place | None, float]:
    """The checkpoint or terminal on a crossing; at two ends, the one in the document's country."""
    kids = [p for p in cur.children(record.place_id) if p.kind == kind]
    if len(kids) == 1:
        return kids[0], 1.0
    if not kids:
        return None, 1.0
    country = _located_country(ctx)
    here = [k for k in kids if k.country == country]
    return (here[0], 0.8) if here else (sorted(kids, key=lambda p: p.id)[0], 0.6)


def _record_by_sides(cur: _Curated, places: list[Place], mode: str):
    """Curated crossings whose two sides (or one, if only one is named) are among the places."""
    ids = {p.id for p in places}
    scored = []
    for r in cur.records:
        both = r.side_a in ids and r.side_b in ids
        one = bool({r.side_a, r.side_b} & ids - {""})
        fit = _mode_fits(mode, r.mode)
        if fit and (both or one):
            scored.append((2 if both else 1, fit, r))
    if not scored:
        return None, 0.0
    scored.sort(key=lambda t: (-t[0], -t[1], t[2].place_id))
    best = scored[0]
    rivals = [t for t in scored if t[:2] == best[:2]]
    if best[0] == 1 and len(rivals) > 1:
        return None, 0.0  # one town, several crossings: too vague
    return best[2], (0.85 if best[0] == 2 else 0.6) * (1.0 if best[1] == 2 else 0.85)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _synthetic(places: list[Place], mode: str, noun: str) -> tuple[Place, Place, Place] | None:
    """A crossing not in the gazetteer, between two named towns in different countries."""
    towns = [p for p in places if p.kind in ("city", "town")]
    kind = {"customs terminal": "terminal", "checkpoint": "checkpoint", "ferry": "river crossing",
            "river": "river crossing"}.get(mode, "bridge")
    for a in towns:
        for b in towns:
            if a.country and b.country and a.country < b.country:
                place = Place(f"crossing:{_slug(a.name)}-{_slug(b.name)}-{_slug(mode)}",
                              f"{a.name}–{b.name} {noun.lower()}", kind, (a.lat + b.lat) / 2,
                              (a.lon + b.lon) / 2, f"{a.country}/{b.country}",
                              source="not in the gazetteer: midpoint of the two towns named")
                return place, a, b
    return None


def _order_sides(a: Place | None, b: Place | None) -> tuple[Place | None, Place | None]:
    """China side first, Russia side second, as the curated table does; else as given."""
    if a is not None and b is not None and a.country == "RU" and b.country == "CN":
        return b, a
    return a, b


def _sentence_sightings(ctx: DocContext, s: Sentence, cur: _Curated,
                        recent: list[_Sighting]) -> list[_Sighting]:
    text = ctx.doc.text
    mentions = ctx.mentions_in(s)
    places = [m.place for m in mentions if m.place.kind in ("city", "town", "country")]
    status: list[str] = []
    out: list[_Sighting] = []
    covered: list[tuple[int, int]] = []

    def add(place: Place, a: Place | None, b: Place | None, mode: str, conf: float, start: int,
            end: int) -> None:
        a, b = _order_sides(a, b)
        prov = ctx.provenance(s, start, end)
        out.append(_Sighting(place, a, b, mode, status, conf, (ctx.doc.id, s.index), [prov]))

    for m in mentions:
        if m.place.kind in CROSSING_KINDS:
            record = cur.record_for(m.place.id)
            a, b = cur.sides(record)
            mode = KIND_MODE.get(m.place.kind, "checkpoint")
            if record is not None and record.place_id == m.place.id:
                mode = record.mode if record.mode not in ("road", "rail") else "checkpoint"
            add(m.place, a, b, mode, 0.9, m.start, m.end)
            covered.append((m.start, m.end))
    nouns: list[tuple[int, int, str]] = []
    for mode, rx in NOUNS:
        for nm in rx.finditer(text, s.start, s.end):
            span = nm.span()
            if any(span[0] < e and st < span[1] for st, e in covered + [(a, b) for a, b, _ in nouns]):
                continue
            nouns.append((span[0], span[1], mode))
    nouns.sort()
    has_bridge = any("bridge" in mode for _, _, mode in nouns)
    for start, end, mode in nouns:
        lookup_mode = "road bridge" if mode == "checkpoint" and has_bridge else mode
        record, conf = _record_by_sides(cur, places, lookup_mode)
        if record is None and not places and DEFINITE.search(text[max(s.start, start - 30):start]):
            # "the bridge", "the checkpoint on the bridge": the last crossing of that kind named.
            earlier = [r for r in recent + out if _mode_fits(lookup_mode, r.mode) == 2 or r.mode == mode]
            prev = earlier[-1] if earlier else None
            record = cur.record_for(prev.place.id) if prev else None
            if prev is not None and record is None:
                add(prev.place, prev.side_a, prev.side_b, prev.mode, 0.6, start, end)
                continue
            conf = 0.6
        if record is None:
            made = _synthetic(places, mode, text[start:end])
            if made:
                add(made[0], made[1], made[2], mode, 0.5, start, end)
            continue
        place = cur.get(record.place_id)
        a, b = cur.sides(record)
        if mode in ("checkpoint", "customs terminal") and "bridge" in record.mode:
            child, factor = _pick_child(cur, ctx, record, "terminal" if mode == "customs terminal"
                                        else "checkpoint")
            if child is not None:
                place, conf = child, conf * factor
        if place is not None:
            add(place, a, b, mode, conf, start, end)
    if out:
        status += _status(ctx, s)  # the list every sighting of this sentence shares
    return out


def _merge(sightings: list[_Sighting]) -> list[Crossing]:
    merged: dict[str, _Sighting] = {}
    for sg in sightings:
        key = sg.place.id
        if key not in merged:
            merged[key] = _Sighting(sg.place, sg.side_a, sg.side_b, sg.mode, list(sg.status),
                                    sg.confidence, sg.sentence, list(sg.sources))
            continue
        into = merged[key]
        into.status += [x for x in sg.status if x not in into.status]
        into.sources += [p for p in sg.sources if p not in into.sources]
        into.confidence = 1 - (1 - into.confidence) * (1 - sg.confidence)
        into.side_a = into.side_a or sg.side_a
        into.side_b = into.side_b or sg.side_b
    out = [
        Crossing(place=m.place, side_a=m.side_a, side_b=m.side_b, mode=m.mode,
                 status="; ".join(dict.fromkeys(m.status)), confidence=round(min(m.confidence, 0.99), 3),
                 sources=m.sources)
        for m in merged.values()
    ]
    out.sort(key=lambda c: c.place.id)
    return out


SentenceCrossings = dict[tuple[str, int], list[Place]]


def extract_crossings(contexts: list[DocContext]) -> tuple[list[Crossing], SentenceCrossings]:
    """Crossings merged across documents, and the crossing places named in each sentence."""
    gazetteer = contexts[0].gazetteer if contexts else None
    cur = _Curated(gazetteer)
    sightings: list[_Sighting] = []
    for ctx in contexts:
        recent: list[_Sighting] = []
        for s in ctx.sentences:
            found = _sentence_sightings(ctx, s, cur, recent)
            recent += found
        sightings += recent
    by_sentence: SentenceCrossings = {}
    for sg in sightings:
        places = by_sentence.setdefault(sg.sentence, [])
        if sg.place not in places:
            places.append(sg.place)
    return _merge(sightings), by_sentence
