"""An offline background of country shapes around the data (the page loads no map tiles)."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geomap.naturalearth import countries

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


def basemap_geojson(
    bounds: tuple[float, float, float, float], *, tolerance: float | None = None
) -> dict[str, Any]:
    """Countries around (west, south, east, north), clipped to a margin as wide as the area itself
    (at least 15°), and simplified the more the wider that is (0.005° for the Amur region)."""
    west, south, east, north = bounds
    margin_x = max(15.0, east - west, north - south)
    margin_y = margin_x * 0.7  # the Mercator map shows more degrees of longitude than latitude
    clip = (
        max(west - margin_x, -180.0),
        max(south - margin_y, -85.0),
        min(east + margin_x, 180.0),
        min(north + margin_y, 85.0),
    )
    if tolerance is None:
        tolerance = max(0.005, (clip[2] - clip[0]) / 6000)
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
        shape = shapely.transform(shape, lambda xy: np.round(xy, 3 if tolerance < 0.02 else 2))
        if not shape.is_empty:
            features.append({"type": "Feature", "geometry": mapping(shape), "properties": {"style": STYLE}})
    return {"type": "FeatureCollection", "features": features}
