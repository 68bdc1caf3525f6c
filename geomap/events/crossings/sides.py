"""The two sides of a crossing: places in neighbouring countries, each near the line they share.

A named place counts as a side only when it lies within NEAR_KM of a land border of its country
(Natural Earth admin-0, geomap.borders); two named places must be in neighbouring countries and within
PAIR_KM of each other. One side is enough: the other is the curated crossing's, else the neighbouring
country itself."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from geomap import borders
from geomap.model import Place

NEAR_KM = 45.0  # a side lies this close to the border line, at most
PAIR_KM = 110.0  # two sides lie this close to each other, at most
SIDE_KINDS = {"city", "town", "building", "venue", "checkpoint", "bridge", "terminal",
              "river crossing", "island", "mountain"}
CROSSING_KINDS = {"bridge", "checkpoint", "terminal", "river crossing"}


@dataclass(frozen=True)
class Sides:
    """A validated pair of sides: `a` named in the text, `b` named or inferred."""

    a: Place
    b: Place | None
    b_country: str  # the country across the line (b's when b is known)
    named: int  # how many sides the text named (1 or 2)
    border_km: float = 0.0  # how far the named side(s) lie from the line


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dlon = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _country(p: Place) -> str:
    return p.country if len(p.country) == 2 else ""


def _usable(p: Place) -> bool:
    return p.kind in SIDE_KINDS and bool(_country(p))


def pair(options_a: list[Place], options_b: list[Place], within: set[str] = frozenset()) -> Sides | None:
    """The best reading of two names as the two sides of one crossing, None when none fits; with
    `within` (the countries a document names), one side at least lies in one of them."""
    best: tuple[float, Sides] | None = None
    for i, a in enumerate(options_a[:6]):
        for j, b in enumerate(options_b[:6]):
            if not (_usable(a) and _usable(b)) or _country(a) == _country(b):
                continue
            if not borders.are_neighbours(a.country, b.country) or km(a, b) > PAIR_KM:
                continue
            if within and a.country not in within and b.country not in within:
                continue
            da = borders.border_km(a.lat, a.lon, a.country, b.country)
            db = borders.border_km(b.lat, b.lon, a.country, b.country)
            if da > NEAR_KM or db > NEAR_KM:
                continue
            score = da + db + 25.0 * (i + j)
            if best is None or score < best[0]:
                best = (score, Sides(a, b, b.country, 2, max(da, db)))
    return best[1] if best else None


def single(options: list[Place], prefer: set[str] = frozenset()) -> Sides | None:
    """The first reading of one name as a place near a land border; the country across is the nearest
    neighbour, or a neighbour the document names (prefer) when its border is as near. When the document
    names countries, the side lies in one of them, and a reading on the border between two of them goes
    first ("Betong" in a story on two countries is their border town, not a namesake on another border)."""
    readings = []
    for a in options[:6]:
        if not _usable(a) or prefer and a.country not in prefer and not _faces(a, prefer):
            continue
        other, dist = borders.nearest_border(a.lat, a.lon, a.country)
        if dist > NEAR_KM:
            continue
        for cc in sorted(prefer - {a.country}):
            d2 = borders.border_km(a.lat, a.lon, a.country, cc)
            if d2 <= NEAR_KM:
                other, dist = cc, d2
                break
        found = Sides(a, None, other, 1, dist)
        if other in prefer:
            return found
        readings.append(found)
    return readings[0] if readings else None


def _faces(a: Place, countries: set[str]) -> bool:
    """Whether the place lies near its border with one of the countries ("the crossing at Islam Qala"
    in a story that names only Iran: the Afghan town faces Iran)."""
    return any(borders.border_km(a.lat, a.lon, a.country, cc) <= NEAR_KM for cc in countries - {a.country})


def country_place(gazetteer: Any, code: str) -> Place | None:
    """The country itself as a place (the side across the line when no town is named)."""
    if not code:
        return None
    try:
        return gazetteer.get(f"country:{code}")
    except Exception:  # noqa: BLE001 - a gazetteer without countries: no place for the other side
        return None
