"""Land borders between countries (Natural Earth admin-0): who neighbours whom, and how far a point is
from the line two countries share. Built once from the shared vertices of the country outlines and
cached as points every ~2 km, so a question costs one vectorised distance, never a shapely union."""

from __future__ import annotations

import math
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from geomap.cache import cache_root

STEP_KM = 2.0  # spacing of the points a shared border is sampled at
_FORMAT = 1
EARTH_KM = 6371.0


def _cache_file() -> Path:
    return cache_root() / f"borders-v{_FORMAT}.npz"


def _km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances in km from one point to many."""
    p1, p2 = math.radians(lat), np.radians(lats)
    h = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def _densify(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Points from a to b (lon, lat) every STEP_KM or so, a included, b excluded."""
    span = float(_km(a[1], a[0], np.array([b[1]]), np.array([b[0]]))[0])
    n = max(1, math.ceil(span / STEP_KM))
    t = np.arange(n)[:, None] / n
    return a + (b - a) * t


def _build() -> dict[str, np.ndarray]:
    """Sample every shared border of Natural Earth's admin-0 outlines (vertices two countries share)."""
    import shapely

    from geomap.naturalearth import countries

    table = countries()
    rings: list[tuple[str, np.ndarray]] = []
    for code, geom in zip(table["code"], table.geometry, strict=True):
        for ring in shapely.get_parts(geom.boundary):
            rings.append((str(code), shapely.get_coordinates(ring)))
    owners: dict[tuple[int, int], set[str]] = {}
    keyed = []
    for code, xy in rings:
        keys = [tuple(k) for k in np.round(xy * 1e6).astype(np.int64).tolist()]
        keyed.append((code, xy, keys))
        for k in keys:
            owners.setdefault(k, set()).add(code)
    pieces: dict[tuple[str, str], list[np.ndarray]] = {}
    for code, xy, keys in keyed:
        for i in range(len(keys) - 1):
            shared = (owners[keys[i]] & owners[keys[i + 1]]) - {code}
            for other in shared:
                if code < other:
                    pieces.setdefault((code, other), []).append(_densify(xy[i], xy[i + 1]))
    pairs, lons, lats, starts = [], [], [], [0]
    for (a, b), parts in sorted(pieces.items()):
        pts = np.concatenate(parts)
        pairs.append(f"{a}{b}")
        lons.append(pts[:, 0])
        lats.append(pts[:, 1])
        starts.append(starts[-1] + len(pts))
    return {"pairs": np.array(pairs), "starts": np.array(starts, dtype=np.int64),
            "lon": np.concatenate(lons), "lat": np.concatenate(lats)}


@lru_cache(maxsize=1)
def _data() -> dict[str, np.ndarray]:
    path = _cache_file()
    if path.exists():
        try:
            with np.load(path) as z:
                return {k: z[k] for k in z.files}
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt
    data = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, **data)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache folder: rebuilt next time
    return data


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray, tuple[float, float, float, float]]]:
    d = _data()
    out = {}
    for i, pair in enumerate(d["pairs"].tolist()):
        s, e = int(d["starts"][i]), int(d["starts"][i + 1])
        lat, lon = d["lat"][s:e], d["lon"][s:e]
        box = (float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max())) if e > s \
            else (0.0, 0.0, 0.0, 0.0)
        out[(pair[:2], pair[2:])] = (lat, lon, box)
    return out


def _lower_bound_km(lat: float, lon: float, box: tuple[float, float, float, float]) -> float:
    """A cheap lower bound of the distance from a point to anything inside a lat/lon box."""
    dlat = max(box[0] - lat, lat - box[1], 0.0)
    dlon = max(box[2] - lon, lon - box[3], 0.0)
    dlon = min(dlon, 360.0 - dlon)
    flat = 111.0 * math.hypot(dlat, dlon * max(math.cos(math.radians(min(abs(lat) + dlat, 90.0))), 0.0))
    return min(flat, 300.0)  # the flat estimate is a lower bound only for short distances


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """Country code -> the codes of the countries it shares a land border with."""
    out: dict[str, set[str]] = {}
    for a, b in _index():
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def are_neighbours(a: str, b: str) -> bool:
    """Whether two countries (ISO alpha-2) share a land border."""
    return b.upper() in neighbours().get(a.upper(), frozenset())


@lru_cache(maxsize=65536)
def border_km(lat: float, lon: float, a: str, b: str) -> float:
    """Distance in km from a point to the land border of countries a and b (inf when they share none)."""
    key = tuple(sorted((a.upper(), b.upper())))
    pts = _index().get(key)  # type: ignore[arg-type]
    if pts is None or not len(pts[0]):
        return math.inf
    return float(_km(lat, lon, pts[0], pts[1]).min())


def _bound(lat: float, lon: float, a: str, b: str) -> float:
    pts = _index().get(tuple(sorted((a.upper(), b.upper()))))  # type: ignore[arg-type]
    return math.inf if pts is None or not len(pts[0]) else _lower_bound_km(lat, lon, pts[2])


@lru_cache(maxsize=65536)
def nearest_border(lat: float, lon: float, country: str) -> tuple[str, float]:
    """The neighbour of `country` whose shared border is nearest the point, and how far (km)."""
    best = ("", math.inf)
    others = sorted(neighbours().get(country.upper(), ()), key=lambda o: (_bound(lat, lon, country, o), o))
    for other in others:
        if _bound(lat, lon, country, other) >= best[1]:
            break
        d = border_km(lat, lon, country, other)
        if d < best[1]:
            best = (other, d)
    return best


def shared_borders() -> list[tuple[str, str, np.ndarray, np.ndarray]]:
    """Every shared land border as (a, b, latitudes, longitudes) of its points every ~STEP_KM."""
    return [(a, b, lat, lon) for (a, b), (lat, lon, _box) in sorted(_index().items())]
