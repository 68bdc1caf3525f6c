"""What one feature is drawn as: Leaflet path options, an awesome-markers icon, or a coloured pin.

awesome-markers only has a fixed palette (layers.MARKER_COLORS). A marker or cluster layer with one
palette colour keeps those markers; a layer coloured by a field, or with any other CSS colour, is drawn
with pins of the same shape made by L.divIcon (a CSS drop filled with the colour, the Font Awesome
glyph on it), so a category's colour is exactly the one its legend shows.
"""

from __future__ import annotations

import math
import re
from typing import Any

from geomap.layers import LayerSpec
from geomap.render.safe import html_text
from geomap.render.styles import base_color, safe_color

POINT_RADIUS = 4.0  # points in a line or polygon layer are drawn as small circles of this radius
# A pin is a square of this size turned 45° with one sharp corner, which lies this far down: the point.
PIN_SIZE = (24, 29)
_ICON = re.compile(r"[a-z0-9-]{1,40}")
_DASH = re.compile(r"[0-9 ,.]{1,40}")


def css_class(spec: LayerSpec, part: str = "") -> str:
    """The CSS class every drawn feature of a layer carries: geomap-<name>[-part]."""
    return f"geomap-{spec.name}" + (f"-{part}" if part else "")


def pane_name(spec: LayerSpec) -> str:
    """The Leaflet pane the layer's paths are drawn in (markers stay in the marker pane)."""
    return css_class(spec)


def pane_z(spec: LayerSpec) -> int:
    """The pane's z-index: above the basemap (250), below markers (600), in spec z order."""
    return max(401, min(599, 400 + spec.z))


def _number(value: Any, default: float) -> float:
    """A style's number as given, or the default for anything that is not a finite number."""
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return value if ok else default


def icon_name(spec: LayerSpec) -> str:
    """The layer's Font Awesome glyph ('circle' unless the spec names a valid one)."""
    icon = spec.style.get("icon", "circle")
    return icon if isinstance(icon, str) and _ICON.fullmatch(icon) else "circle"


def natural_shape(spec: LayerSpec) -> str:
    """The shape a layer's symbol stands for (point, line or polygon), as drawn in its legend."""
    return {"circle": "point", "polygon": "polygon", "heat": "point"}.get(spec.symbol, "line")


def path_style(
    spec: LayerSpec, part: str = "", *, color: str | None = None, shape: str | None = None
) -> dict[str, Any]:
    """Leaflet path options (camelCase) for a feature of the given shape (point, line or polygon;
    the symbol's own by default) in the layer, coloured `color` when its colour comes from a field."""
    s = spec.style
    shape = shape or natural_shape(spec)
    stroke = base_color(spec)
    fill = safe_color(s.get("fill_color"), stroke)
    if color is not None and not part:
        fill = color
        if shape == "line" or "color" not in s:  # an explicit colour stays the outline of shapes
            stroke = color
    style: dict[str, Any] = {
        "className": css_class(spec, part),
        "pane": pane_name(spec),
        "color": stroke,
        "weight": _number(s.get("weight"), 2),
        "opacity": _number(s.get("opacity"), 1.0),
    }
    dash = s.get("dash_array")
    dashed = part == "link" or (shape != "point" and spec.symbol in ("line", "polygon"))
    if dashed and isinstance(dash, str) and _DASH.fullmatch(dash):
        style["dashArray"] = dash
    fills = not part and (shape == "point" or (shape == "polygon" and spec.symbol != "line"))
    if fills:
        style.update(fill=True, fillColor=fill, fillOpacity=_number(s.get("fill_opacity"), 0.4))
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
        "icon": icon_name(spec),
        "prefix": "fa",
        "iconColor": "white",
        "markerColor": spec.style.get("color", "blue"),
        "className": f"awesome-marker {css_class(spec)}",
    }


def pin_html(color: str, icon: str) -> str:
    """The pin's inner HTML: a drop filled with `color` holding a white Font Awesome glyph (escaped)."""
    return (
        f'<div class="geomap-pin-drop" style="background-color: {html_text(safe_color(color))}">'
        f'<i class="fa fa-{html_text(icon)}"></i></div>'
    )


def pin_options(spec: LayerSpec, color: str, shift: float = 0.0) -> dict[str, Any]:
    """Options of L.divIcon for a pin in any CSS colour, drawn `shift` pixels to the right."""
    size, tip = PIN_SIZE
    return {
        "html": pin_html(color, icon_name(spec)),
        "className": f"geomap-pin {css_class(spec)}",
        "iconSize": [size, size],
        "iconAnchor": [size / 2 - shift, tip],
        "popupAnchor": [shift, -tip + 4],
        "tooltipAnchor": [size / 2 + shift, -size / 2],
    }
