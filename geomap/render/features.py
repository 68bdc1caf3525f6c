"""A layer's rows as what the page draws: GeoJSON features (geometry, symbol, escaped popup and
tooltip, time) or, for a heat layer, weighted points."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, mapping

from geomap.layers import Layer, LayerSpec
from geomap.render.formats import is_missing, iso_time
from geomap.render.labels import label_html
from geomap.render.styles import base_color, feature_colors, heat_weights, radii, uses_palette_markers
from geomap.render.symbols import POINT_RADIUS, marker_options, path_style, pin_options
from geomap.render.text import DocumentIndex, popup_html, tooltip_html

PRECISION = 6  # decimal places of coordinates (~0.1 m)
CIRCLE_PANE = "geomap-circles"  # the pane of every circle layer's point symbols


def event_key(spec: LayerSpec, index: int) -> str:
    """The id that ties a row's symbol on the map to its line in the list of events."""
    return f"{spec.name}:{index}"


def fan_shifts(geoms: list[shapely.Geometry], spacing: float = 16.0) -> list[float]:
    """Pixel shifts that spread markers on the same point side by side, so each can be clicked."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, geom in enumerate(geoms):
        if geom is not None and geom.geom_type == "Point":
            groups.setdefault((round(geom.x, 5), round(geom.y, 5)), []).append(i)
    shifts = [0.0] * len(geoms)
    for members in groups.values():
        for k, i in enumerate(members):
            shifts[i] = (k - (len(members) - 1) / 2) * spacing
    return shifts


def _round(geom: shapely.Geometry, tolerance: float | None) -> shapely.Geometry:
    if tolerance:
        geom = geom.simplify(tolerance, preserve_topology=True)
    return shapely.transform(geom, lambda xy: np.round(xy, PRECISION))


def _side(row: dict[str, Any], side: str) -> tuple[float, float] | None:
    lat, lon = row.get(f"{side}_lat"), row.get(f"{side}_lon")
    if is_missing(lat) or is_missing(lon):
        return None
    return float(lon), float(lat)


def connect_line(row: dict[str, Any], sides: list[str], through: shapely.Geometry) -> LineString | None:
    """The line from one side to the other through the feature's point, when both sides are known."""
    a, b = _side(row, sides[0]), _side(row, sides[1])
    if a is None or b is None:
        return None
    middle = [(through.x, through.y)] if through.geom_type == "Point" else []
    coords = [a, *middle, b]
    return LineString(coords) if len(set(coords)) > 1 else None


def shape_of(geom: shapely.Geometry) -> str:
    """point, line or polygon: the highest dimension among a geometry's parts."""
    dims = shapely.get_dimensions(geom)
    return "polygon" if dims >= 2 else "line" if dims == 1 else "point"


def feature_symbol(
    spec: LayerSpec, shape: str, *, color: str | None, palette: bool, size: float, shift: float
) -> dict[str, Any]:
    """How one feature is drawn: a marker or pin on points of a marker layer, else a path style."""
    if spec.symbol in ("marker", "cluster") and shape == "point":
        if palette:
            return {"marker": marker_options(spec, shift)}
        return {"pin": pin_options(spec, color or base_color(spec), shift)}
    style = path_style(spec, color=color, shape=shape)
    if shape == "point":
        style["radius"] = size if spec.symbol == "circle" else POINT_RADIUS
    return {"style": style}


def layer_geojson(layer: Layer, docs: DocumentIndex) -> dict[str, Any]:
    """The layer as a FeatureCollection whose properties hold only escaped HTML, styles and, for a
    dated layer, each feature's ISO `time` (null when it has none): all JSON-safe."""
    data, spec = layer.data, layer.spec
    rows = data.drop(columns=data.geometry.name).to_dict("records")
    geoms = list(data.geometry)
    colors = feature_colors(data, spec)
    sizes = radii(data, spec) if spec.symbol == "circle" else [0.0] * len(rows)
    palette = uses_palette_markers(spec)
    time_column = spec.time
    order = sorted(range(len(rows)), key=lambda i: -sizes[i])  # big circles below small ones
    features = []
    for i in order:
        row, geom = rows[i], geoms[i]
        if geom is None or geom.is_empty:
            continue
        tooltip = tooltip_html(row, spec)
        props: dict[str, Any] = {"popup": popup_html(row, spec, docs, tooltip), "tooltip": tooltip}
        if label := label_html(row, spec):
            props["label"] = label  # the place's name, written beside the symbol (labels.py)
        props["ev"] = event_key(spec, i)  # ties the symbol to its row in the list of events
        color = colors[i] if colors else None
        shape = shape_of(geom)
        props.update(feature_symbol(spec, shape, color=color, palette=palette, size=sizes[i], shift=0.0))
        # (markers on one point stack: the page spreads them when one is clicked, see render/reach.py)
        if spec.symbol == "circle" and shape == "point":  # every layer's circles in one pane, so that
            props["style"]["pane"] = CIRCLE_PANE  # the page can draw the smaller on top of the larger
        if time_column:
            props["time"] = iso_time(row.get(time_column))
            end = iso_time(row.get(spec.time_end)) if spec.time_end else None
            if end and props["time"] and end > props["time"]:
                props["time_end"] = end
        features.append(_feature(_round(geom, spec.style.get("simplify")), props))
        if "connect" in spec.style:
            line = connect_line(row, list(spec.style["connect"]), geom)
            if line is not None:
                link = {
                    "popup": props["popup"],
                    "tooltip": props["tooltip"],
                    "style": path_style(spec, "link"),
                    **({"time": props["time"]} if time_column else {}),  # filtered with its feature
                }
                features.append(_feature(_round(line, None), link))
    return {"type": "FeatureCollection", "features": features}


def _inner_point(geom: shapely.Geometry) -> shapely.Point:
    """A point that stands for a geometry: itself, a line's middle, or a point inside a polygon."""
    if geom.geom_type == "Point":
        return geom
    if geom.geom_type in ("LineString", "LinearRing"):
        return geom.interpolate(0.5, normalized=True)
    return geom.representative_point()


def heat_points(layer: Layer) -> list[list[float]]:
    """[lat, lon, weight] per point of a heat layer (a line or polygon counts at a point inside it);
    rows of weight 0 are left out, as they would add nothing."""
    out = []
    for geom, weight in zip(layer.data.geometry, heat_weights(layer.data, layer.spec), strict=True):
        if geom is None or geom.is_empty or weight <= 0:
            continue
        parts = shapely.get_parts(geom) if geom.geom_type == "MultiPoint" else [geom]
        for part in parts:
            point = _inner_point(part)
            out.append([round(point.y, PRECISION), round(point.x, PRECISION), weight])
    return out


def _feature(geom: shapely.Geometry, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": mapping(geom), "properties": props}


def layer_bounds(layer: Layer) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the layer's features and connected sides, None if empty."""
    if layer.data.empty:
        return None
    xs, ys = [], []
    west, south, east, north = layer.data.total_bounds
    xs += [west, east]
    ys += [south, north]
    for side in layer.spec.style.get("connect", []):
        for col, out in ((f"{side}_lon", xs), (f"{side}_lat", ys)):
            if col in layer.data:
                out += [float(v) for v in pd.to_numeric(layer.data[col], errors="coerce").dropna()]
    return min(xs), min(ys), max(xs), max(ys)
