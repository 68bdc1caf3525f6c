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
    bounds: tuple[float, float, float, float], *, margin: float = 15.0, tolerance: float = 0.005
) -> dict[str, Any]:
    """Countries within `margin` degrees of (west, south, east, north), clipped and simplified."""
    west, south, east, north = bounds
    clip = (
        max(west - margin, -180.0),
        max(south - margin / 2, -85.0),
        min(east + margin, 180.0),
        min(north + margin / 2, 85.0),
    )
    table = countries()
    near = table[table.intersects(shapely.box(*clip))].sort_values(["code", "name"])
    features = []
    for geom in near.geometry:
        shape = shapely.clip_by_rect(geom.simplify(tolerance, preserve_topology=True), *clip)
        shape = shapely.transform(shape, lambda xy: np.round(xy, 3))
        if not shape.is_empty:
            features.append({"type": "Feature", "geometry": mapping(shape), "properties": {"style": STYLE}})
    return {"type": "FeatureCollection", "features": features}
