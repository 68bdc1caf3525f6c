"""A layer's rows as the GeoJSON the page draws: geometry, Leaflet style, escaped popup/tooltip."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, mapping

from geomap.layers import MARKER_COLORS, Layer, LayerSpec
from geomap.render.text import DocumentIndex, is_missing, popup_html, tooltip_html

PRECISION = 6  # decimal places of coordinates (~0.1 m)
_DEFAULT_COLOR = {"marker": "blue", "circle": "#3388ff", "line": "#3388ff", "polygon": "#3388ff"}


def css_class(spec: LayerSpec, part: str = "") -> str:
    """The CSS class every drawn feature of a layer carries: geomap-<name>[-part]."""
    return f"geomap-{spec.name}" + (f"-{part}" if part else "")


def pane_name(spec: LayerSpec) -> str:
    """The Leaflet pane the layer's paths are drawn in (markers stay in the marker pane)."""
    return css_class(spec)


def pane_z(spec: LayerSpec) -> int:
    """The pane's z-index: above the basemap (250), below markers (600), in spec z order."""
    return max(401, min(599, 400 + spec.z))


def path_style(spec: LayerSpec, part: str = "") -> dict[str, Any]:
    """Leaflet path options (camelCase) for the layer's circles, lines or polygons."""
    s = spec.style
    color = s.get("color", _DEFAULT_COLOR[spec.symbol])
    if spec.symbol == "marker":
        color = MARKER_COLORS.get(color, color)
    style: dict[str, Any] = {
        "className": css_class(spec, part),
        "pane": pane_name(spec),
        "color": color,
        "weight": s.get("weight", 2),
        "opacity": s.get("opacity", 1.0),
    }
    if "dash_array" in s and (part == "link" or spec.symbol in ("line", "polygon")):
        style["dashArray"] = s["dash_array"]
    if spec.symbol in ("circle", "polygon") and not part:
        style.update(fill=True, fillColor=s.get("fill_color", color), fillOpacity=s.get("fill_opacity", 0.4))
    else:
        style["fill"] = False
    return style


def marker_options(spec: LayerSpec, shift: float = 0.0) -> dict[str, Any]:
    """Options of L.AwesomeMarkers.icon for the layer's markers, drawn `shift` pixels to the right."""
    fan = {
        "iconAnchor": [17 - shift, 42],
        "shadowAnchor": [10 - shift, 12],
        "popupAnchor": [1 + shift, -32],
    }
    return {
        **(fan if shift else {}),
        "icon": spec.style.get("icon", "circle"),
        "prefix": "fa",
        "iconColor": "white",
        "markerColor": spec.style.get("color", "blue"),
        "className": f"awesome-marker {css_class(spec)}",
    }


def fan_shifts(geoms: list[shapely.Geometry], spacing: float = 16.0) -> list[float]:
    """Pixel shifts that spread markers on the same point side by side, so each can be clicked."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, geom in enumerate(geoms):
        if geom.geom_type == "Point":
            groups.setdefault((round(geom.x, 5), round(geom.y, 5)), []).append(i)
    shifts = [0.0] * len(geoms)
    for members in groups.values():
        for k, i in enumerate(members):
            shifts[i] = (k - (len(members) - 1) / 2) * spacing
    return shifts


def radii(data: pd.DataFrame, spec: LayerSpec) -> list[float]:
    """Circle radii in pixels: constant, or scaled by radius_field within each radius_group."""
    s = spec.style
    largest = float(s.get("radius", 8))
    smallest = float(s.get("min_radius", min(4.0, largest)))
    field = s.get("radius_field")
    if not field or data.empty:
        return [largest] * len(data)
    values = pd.to_numeric(data[field], errors="coerce").where(lambda v: v > 0)
    group_cols = list(s.get("radius_group", []))
    keys = (
        data[group_cols].astype(str).agg("\x1f".join, axis=1)
        if group_cols
        else pd.Series("", index=data.index)
    )
    top = values.groupby(keys).transform("max")
    if s.get("radius_scale", "sqrt") == "log":
        frac = np.log1p(values) / np.log1p(top)
        out = smallest + (largest - smallest) * frac
    else:  # area proportional to the value
        out = largest * np.sqrt(values / top)
    return [round(max(smallest, r), 2) if not math.isnan(r) else smallest for r in out]


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


def layer_geojson(layer: Layer, docs: DocumentIndex) -> dict[str, Any]:
    """The layer as a FeatureCollection whose properties hold only escaped HTML and styles."""
    data, spec = layer.data, layer.spec
    rows = data.drop(columns=data.geometry.name).to_dict("records")
    geoms = list(data.geometry)
    sizes = radii(data, spec) if spec.symbol == "circle" else [0.0] * len(rows)
    shifts = fan_shifts(geoms) if spec.symbol == "marker" else [0.0] * len(rows)
    order = sorted(range(len(rows)), key=lambda i: -sizes[i])  # big circles below small ones
    features = []
    for i in order:
        row, geom = rows[i], geoms[i]
        props: dict[str, Any] = {"popup": popup_html(row, spec, docs), "tooltip": tooltip_html(row, spec)}
        if spec.symbol == "marker":
            props["marker"] = marker_options(spec, shifts[i])
        else:
            props["style"] = path_style(spec)
        if spec.symbol == "circle":
            props["style"]["radius"] = sizes[i]
        features.append(_feature(_round(geom, spec.style.get("simplify")), props))
        if "connect" in spec.style:
            line = connect_line(row, list(spec.style["connect"]), geom)
            if line is not None:
                link = {
                    "popup": props["popup"],
                    "tooltip": props["tooltip"],
                    "style": path_style(spec, "link"),
                }
                features.append(_feature(_round(line, None), link))
    return {"type": "FeatureCollection", "features": features}


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
