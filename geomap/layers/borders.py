"""The borders the events are on: which pairs of neighbouring countries, their lines, the map's title.

Read in order, the first that names a pair wins: the crossings' side countries and the countries of
traffic figures about two places (both border events), else the neighbouring countries most
mentioned in the articles. A build without event tables keeps the China–Russia border of the
bundled example, so layer-only maps draw what they always drew.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import pandas as pd

DEFAULT_PAIRS = (("CN", "RU"),)
MAX_PAIRS = 6  # more lines than this is no longer "the border the articles are about"
TOP_COUNTRIES = 6  # the most mentioned countries whose neighbouring pairs the places fallback reads
TITLE_PAIRS = 4  # a title names this many borders at most
TITLE_SUFFIX = ": visits, crossings and traffic"


def _code(value: Any) -> str:
    """A cell as an upper-case alpha-2 code, '' when it is not one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    code = str(value).strip().upper()
    return code if len(code) == 2 and code.isalpha() else ""


def _ordered(pairs: Counter[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring pairs, most reported first (then by code), at most MAX_PAIRS."""
    from geomap.naturalearth import neighbours

    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [pair for pair, _ in ranked if neighbours(*pair)][:MAX_PAIRS]


def _pair(a: str, b: str) -> tuple[str, str] | None:
    return tuple(sorted((a, b))) if a and b and a != b else None  # type: ignore[return-value]


def crossing_pairs(crossings: pd.DataFrame | None) -> Counter[tuple[str, str]]:
    """(A, B) side countries of each crossing that names both."""
    found: Counter[tuple[str, str]] = Counter()
    if crossings is None or not {"side_a_country", "side_b_country"} <= set(crossings.columns):
        return found
    for a, b in zip(crossings["side_a_country"], crossings["side_b_country"], strict=True):
        if pair := _pair(_code(a), _code(b)):
            found[pair] += 1
    return found


def place_countries(places: pd.DataFrame | None) -> dict[str, str]:
    """place id -> country code, from the mentions table."""
    if places is None or not {"place_id", "country"} <= set(places.columns):
        return {}
    return {str(p): c for p, v in zip(places["place_id"], places["country"], strict=True) if (c := _code(v))}


def traffic_pairs(traffic: pd.DataFrame | None, countries: Mapping[str, str]) -> Counter[tuple[str, str]]:
    """(A, B) countries of each figure about two places in different countries."""
    found: Counter[tuple[str, str]] = Counter()
    if traffic is None or "subject" not in traffic.columns:
        return found
    for subject in traffic["subject"]:
        ids = [s for s in str(subject or "").split(";") if s]
        codes = {countries.get(i, "") for i in ids} - {""}
        if len(ids) == 2 and len(codes) == 2:
            found[_pair(*sorted(codes))] += 1  # type: ignore[index]
    return found


def mentioned_pairs(places: pd.DataFrame | None) -> Counter[tuple[str, str]]:
    """Neighbouring pairs among the most mentioned countries, weighed by the less mentioned of the two."""
    found: Counter[tuple[str, str]] = Counter()
    if places is None or "country" not in places.columns:
        return found
    counts = Counter(c for v in places["country"] if (c := _code(v)))
    top = [c for c, _ in counts.most_common(TOP_COUNTRIES)]
    for i, a in enumerate(top):
        for b in top[i + 1:]:
            found[_pair(a, b)] = min(counts[a], counts[b])  # type: ignore[index]
    return found


def event_pairs(tables: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """The neighbouring country pairs the events are on, most reported first; DEFAULT_PAIRS without
    tables, [] when the tables name no two neighbours."""
    if tables is None:
        return list(DEFAULT_PAIRS)
    countries = place_countries(tables.get("places"))
    border_events = crossing_pairs(tables.get("crossings")) + traffic_pairs(tables.get("traffic"), countries)
    pairs = _ordered(border_events)
    if pairs:
        return pairs
    weights = mentioned_pairs(tables.get("places"))
    mentioned = _ordered(weights)
    return [p for p in mentioned if weights[p] * 2 >= weights[mentioned[0]]]


def named_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(A, B, 'Name A–Name B') with each pair's names in alphabetical order, sorted by that name."""
    from geomap.naturalearth import country_name

    out = []
    for a, b in pairs:
        (na, ca), (nb, cb) = sorted([(country_name(a), a), (country_name(b), b)])
        out.append((ca, cb, f"{na}–{nb}"))
    return sorted(set(out), key=lambda item: item[2])


def border_lines(pairs: Iterable[tuple[str, str]]) -> gpd.GeoDataFrame:
    """Every pair's shared border from Natural Earth, one row per merged line."""
    from geomap.naturalearth import shared_border

    frames = [shared_border(a, b) for a, b, _ in named_pairs(pairs)]
    if not frames:
        return gpd.GeoDataFrame(columns=["a", "b", "name", "length_km", "geometry"], geometry="geometry",
                                crs="EPSG:4326")  # fmt: skip
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4326")


def border_title(pairs: Iterable[tuple[str, str]]) -> str:
    """'Finland–Russia border: visits, crossings and traffic', 'Borders: China–Kazakhstan, China–Russia',
    or 'Visits, crossings and traffic' when no border is known."""
    names = [name for _, _, name in named_pairs(pairs)]
    if not names:
        return TITLE_SUFFIX.removeprefix(": ").capitalize()
    if len(names) == 1:
        return f"{names[0]} border{TITLE_SUFFIX}"
    if len(names) > TITLE_PAIRS:
        return "Borders: " + ", ".join(names[: TITLE_PAIRS - 1]) + f" and {len(names) - TITLE_PAIRS + 1} more"
    return "Borders: " + ", ".join(names)
