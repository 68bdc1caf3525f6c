"""Merging visit reports: within a document, then across documents, city over country."""

from __future__ import annotations

from dataclasses import dataclass, field

from geomap.events.occasions import AREA_KINDS
from geomap.events.unseen import Seen, add_unseen
from geomap.model import Place, Provenance


@dataclass
class Report:
    """One sentence's evidence of a visit, before merging."""

    who: str
    place: Place  # a city, or a country/admin1 when no city is named
    first: str | None
    last: str | None
    date_text: str
    explicit: bool  # the date was written (or the tense says "now"), not just the document date
    occasions: list[tuple[int, int, str]]  # (document rank, offset, phrase): sorted into text order
    confidence: float
    doc_id: str
    rank: int  # the document's position in the corpus
    pos: int  # offset of the evidence, to find the nearest report in the same document
    strong: bool
    sources: list[Provenance] = field(default_factory=list)
    venues: list[Place] = field(default_factory=list)
    planned: bool = False  # announced for the future at publication, not yet made
    companions: list[str] = field(default_factory=list)  # people who only accompany the visitor

    @property
    def is_area(self) -> bool:
        """A country- or region-level report, which a city-level one absorbs."""
        return self.place.kind in AREA_KINDS


def overlap(a: Report, b: Report) -> bool:
    """Whether two reports' dates can be the same visit (both undated, or overlapping)."""
    if a.first is None or b.first is None:
        return a.first is None and b.first is None
    return a.first <= (b.last or b.first) and b.first <= (a.last or a.first)


def absorb(into: Report, other: Report, seen: Seen | None = None) -> None:
    """Merge other's evidence into `into`, keeping the narrowest written date. seen: the sources of each
    report merged into so far, by id, kept by the caller across its merges (a visit a wire story reports
    in thousands of documents then merges in linear time)."""
    if other.explicit and other.first is not None:
        if not into.explicit or into.first is None:
            into.first, into.last, into.date_text, into.explicit = (
                other.first, other.last, other.date_text, True)
        elif overlap(into, other):
            lo, hi = max(into.first, other.first), min(into.last or into.first, other.last or other.first)
            if lo <= hi and (lo, hi) != (into.first, into.last):
                narrower_text = other.date_text if (other.first, other.last) == (lo, hi) else into.date_text
                into.first, into.last, into.date_text = lo, hi, narrower_text
    elif into.first is None and other.first is not None:
        into.first, into.last, into.date_text = other.first, other.last, other.date_text
    into.occasions += other.occasions
    add_unseen(into.sources, other.sources, {} if seen is None else seen, id(into))
    into.venues += [v for v in other.venues if v not in into.venues]
    into.strong = into.strong or other.strong
    into.planned = into.planned and other.planned
    into.companions += [c for c in other.companions if c not in into.companions]
    into.confidence = 1 - (1 - into.confidence) * (1 - other.confidence)


def in_area(city: Place, area: Place) -> bool:
    """Whether a city lies in a country or admin1 area."""
    if area.kind == "country":
        return city.country == area.country or city.country in area.id
    if area.kind == "admin1":
        return bool(city.admin1) and area.id.endswith(city.admin1)
    return False


def merge_doc(reports: list[Report]) -> list[Report]:
    """Within one document: undated-by-text reports join the nearest written-date report."""
    kept: list[Report] = []
    seen: Seen = {}
    for r in sorted(reports, key=lambda r: (not r.explicit, r.pos)):
        same = [k for k in kept if k.who == r.who and k.place.id == r.place.id]
        target = None
        if r.explicit:
            target = next((k for k in same if overlap(k, r)), None)
        elif same:
            target = min(same, key=lambda k: abs(k.pos - r.pos))
        if target is None:
            kept.append(r)
        else:
            absorb(target, r, seen)
    # A country-level report joins a city-level (else a region-level) report in that country with
    # compatible dates; a region-level one joins a city in it.
    cities = [k for k in kept if not k.is_area]
    regions = [k for k in kept if k.place.kind == "admin1"]
    out = []
    for r in kept:
        if r.is_area:
            finer = cities + (regions if r.place.kind == "country" else [])
            targets = [c for c in finer if c.who == r.who and in_area(c.place, r.place) and overlap(c, r)]
            if targets:
                absorb(min(targets, key=lambda c: (not overlap(c, r), abs(c.pos - r.pos))), r, seen)
                continue
        out.append(r)
    return out


def merge_corpus(reports: list[Report]) -> list[Report]:
    """Across documents: same person and place with overlapping dates; undated ones join a sole match.
    The reports kept are looked up by person (and place), in the order kept: linear in the corpus."""
    kept: list[Report] = []
    seen: Seen = {}
    by_place: dict[tuple[str, str], list[Report]] = {}  # (who, place id) -> reports kept, in order
    by_who: dict[str, list[Report]] = {}

    def keep(r: Report) -> None:
        kept.append(r)
        by_place.setdefault((r.who, r.place.id), []).append(r)
        by_who.setdefault(r.who, []).append(r)

    dated = [r for r in reports if r.first is not None]
    undated = [r for r in reports if r.first is None]
    for r in dated:
        target = next((k for k in by_place.get((r.who, r.place.id), ()) if overlap(k, r)), None)
        if target is None:
            keep(r)
        else:
            absorb(target, r, seen)
    for r in undated:
        same = list(by_place.get((r.who, r.place.id), ()))
        if r.is_area and not same:
            same = [k for k in by_who.get(r.who, ()) if not k.is_area and in_area(k.place, r.place)]
        if len(same) == 1:
            absorb(same[0], r, seen)
        else:
            keep(r)
    # Country-level visits on the same days as a city-level visit in that country.
    out = []
    for r in kept:
        if r.is_area:
            target = next((c for c in by_who[r.who] if not c.is_area and in_area(c.place, r.place)
                           and overlap(c, r)), None)  # fmt: skip
            if target is not None:
                absorb(target, r, seen)
                continue
        out.append(r)
    return out
