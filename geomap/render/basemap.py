"""An offline background around the data (the page loads no map tiles): land and international borders
(Natural Earth 1:10m countries, from an installed package) and the main rivers and lakes (Natural
Earth 1:50m, from a pinned npm package in the asset cache; left out, with a warning, when unavailable)."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geomap.naturalearth import countries
from geomap.render.water import water

STYLE = {
    "className": "geomap-basemap",
    "color": "#9a9a9a",
    "weight": 0.8,
    "opacity": 1.0,
    "fill": True,
    "fillColor": "#f6f3ec",
    "fillOpacity": 1.0,
    "interactive": False,
}

WATER = "#7fb2d9"
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
    "fillColor": "#dde8ee",  # the page's sea colour
    "fillOpacity": 1.0,
    "interactive": False,
}


def basemap_extent(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The area the basemap covers around the data's (west, south, east, north): a margin of at least
    30° and 3 times the data's size, wider than the opening view on common screens (up to 2560 px)."""
    west, south, east, north = bounds
    margin_x = max(30.0, 3 * (east - west), 3 * (north - south))
    margin_y = margin_x * 0.7  # the Mercator map shows more degrees of longitude than latitude
    return (
        max(west - margin_x, -180.0),
        max(south - margin_y, -85.0),
        min(east + margin_x, 180.0),
        min(north + margin_y, 85.0),
    )


def basemap_geojson(
    bounds: tuple[float, float, float, float], *, tolerance: float | None = None
) -> dict[str, Any]:
    """Countries over `basemap_extent(bounds)`, simplified to about a pixel at the opening zoom
    (0.01° for the Amur region, coarser for data that spans a continent)."""
    if tolerance is None:
        west, south, east, north = bounds
        tolerance = max(0.005, (east - west) / 2000, (north - south) / 1400)
    clip = basemap_extent(bounds)
    tolerance = max(tolerance, (clip[2] - clip[0]) / 8000)
    table = countries()
    near = table[table.intersects(shapely.box(*clip))].sort_values(["code", "name"])
    features = []
    for geom in near.geometry:
        # Islands smaller than a few pixels at the opening zoom only weigh the page down.
        parts = [p for p in shapely.get_parts(geom) if p.area >= (4 * tolerance) ** 2]
        if not parts:
            continue
        shape = shapely.clip_by_rect(
            shapely.multipolygons(parts).simplify(tolerance, preserve_topology=True), *clip
        )
        shape = shapely.transform(shape, lambda xy: np.round(xy, 3 if tolerance < 0.01 else 2))
        if not shape.is_empty:
            features.append({"type": "Feature", "geometry": mapping(shape), "properties": {"style": STYLE}})
    features += water_features(clip, tolerance)
    return {"type": "FeatureCollection", "features": features}


def water_features(clip: tuple[float, float, float, float], tolerance: float) -> list[dict[str, Any]]:
    """Lakes, then rivers, inside `clip`, simplified like the countries (drawn over the land)."""
    found = water()
    box = shapely.box(*clip)
    features = []
    for kind, style, dimension in (("lakes", LAKE_STYLE, 2), ("rivers", RIVER_STYLE, 1)):
        for geom in found[kind]:
            if not geom.intersects(box):
                continue
            shape = shapely.clip_by_rect(geom.simplify(tolerance, preserve_topology=True), *clip)
            shape = shapely.transform(shape, lambda xy: np.round(xy, 3 if tolerance < 0.01 else 2))
            # Clipping and repairs can leave stray points (Leaflet would draw markers) or slivers.
            parts = [
                p
                for p in shapely.get_parts(shapely.get_parts(shape))
                if shapely.get_dimensions(p) == dimension
            ]
            if parts:
                shape = shapely.multipolygons(parts) if dimension == 2 else shapely.multilinestrings(parts)
                features.append(
                    {"type": "Feature", "geometry": mapping(shape), "properties": {"style": style}}
                )
    return features
