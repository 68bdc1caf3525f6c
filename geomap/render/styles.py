"""Field-driven styles: a colour per feature (by category or on a numeric scale), circle radii, heat weights.

Numeric colour scales interpolate between the spec's `colors`: "linear" places a value by where it lies
between the layer's smallest and largest, "quantile" by its rank among the layer's values (so skewed
figures spread over the whole range). Radii grow with `radius_field` from `min_radius` to
`max_radius` (or `radius`): "sqrt" makes the area proportional to the value, "log" and "linear" place
the value's log or the value itself between the two radii.
"""

from __future__ import annotations

import importlib.resources
import json
import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from geomap.layers import MARKER_COLORS, LayerSpec
from geomap.render.formats import is_missing, map_distinct
from geomap.render.unit_families import Family, unit_family

DEFAULT_COLOR = "#3388ff"  # Leaflet's blue, for paths with no colour in their spec
DEFAULT_MARKER_COLOR = "blue"
DEFAULT_OTHER = "#999999"  # categories missing from a color_map
DEFAULT_SCALE = ("#ffffcc", "#fd8d3c", "#800026")  # yellow to dark red, for numbers without `colors`
HEAT_GRADIENT = {0.4: "blue", 0.6: "cyan", 0.7: "lime", 0.8: "yellow", 1.0: "red"}  # Leaflet.heat's
# Colours reach CSS (legend swatches) and SVG attributes: only these forms get there.
_CSS_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]{3,20}")


def safe_color(value: Any, fallback: str = DEFAULT_OTHER) -> str:
    """A CSS colour as given when it is one (#hex or a name), else the fallback."""
    text = value.strip() if isinstance(value, str) else ""
    return text if _CSS_COLOR.fullmatch(text) else fallback


@lru_cache(maxsize=1)
def _named_colors() -> dict[str, str]:
    """CSS colour names -> #rrggbb, from the table branca (a folium dependency) ships."""
    try:
        names = json.loads((importlib.resources.files("branca") / "_cnames.json").read_text("utf-8"))
    except (OSError, ValueError):
        names = {}
    return {str(k).lower(): str(v) for k, v in names.items()} | {"rebeccapurple": "#663399"}


def rgb(color: str) -> tuple[int, int, int] | None:
    """A #hex or named CSS colour as (r, g, b); None when it is neither (alpha is ignored)."""
    text = _named_colors().get(color.strip().lower(), color.strip())
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits[:3])
    if len(digits) not in (6, 8):
        return None
    try:
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    except ValueError:
        return None


def interpolate(colors: Sequence[str], t: float) -> str:
    """The colour a fraction t (0 to 1) of the way along evenly spaced colours, as #rrggbb."""
    stops = [c for c in (rgb(x) for x in colors) if c is not None] or [(153, 153, 153)]
    t = min(1.0, max(0.0, t)) * (len(stops) - 1)
    i = min(int(t), max(len(stops) - 2, 0))
    a, b = stops[i], stops[min(i + 1, len(stops) - 1)]
    return "#" + "".join(f"{round(x + (y - x) * (t - i)):02x}" for x, y in zip(a, b, strict=True))


def base_color(spec: LayerSpec) -> str:
    """The layer's one colour as CSS (awesome-markers' palette names become their hex colours)."""
    symbol_default = DEFAULT_MARKER_COLOR if spec.symbol in ("marker", "cluster") else DEFAULT_COLOR
    color = safe_color(spec.style.get("color", symbol_default), DEFAULT_COLOR)
    return MARKER_COLORS.get(color, color) if spec.symbol in ("marker", "cluster") else color


def uses_palette_markers(spec: LayerSpec) -> bool:
    """True when awesome-markers can draw the layer's markers: one colour, from its fixed palette."""
    color = spec.style.get("color", DEFAULT_MARKER_COLOR)
    return not spec.style.get("color_field") and color in MARKER_COLORS


def category_key(value: Any) -> str | None:
    """A cell as the key a color_map is written with: 'road bridge', '3' for 3.0, 'true'; None if missing."""
    if is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def category_color(value: Any, color_map: Mapping[str, str], default: str) -> str:
    """The colour a color_map gives a value (exact key, else case-insensitive), else the default."""
    key = category_key(value)
    if key is None:
        return default
    if key in color_map:
        return safe_color(color_map[key], default)
    folded = {str(k).casefold(): v for k, v in color_map.items()}
    return safe_color(folded[key.casefold()], default) if key.casefold() in folded else default


def _to_float(value: Any) -> float:
    """A number or a string holding one as a float; NaN for anything else, ±inf and booleans."""
    if isinstance(value, bool | np.bool_) or is_missing(value):
        return math.nan
    if isinstance(value, int | float | np.integer | np.floating | str):
        try:
            number = float(value)
        except (ValueError, OverflowError):
            return math.nan
        return number if math.isfinite(number) else math.nan
    return math.nan


def numbers(data: pd.DataFrame, column: str) -> pd.Series:
    """A column as floats: numbers and numeric strings kept, anything else NaN."""
    if column not in data:
        return pd.Series(np.nan, index=data.index, dtype=float)
    return pd.Series([_to_float(v) for v in data[column]], index=data.index, dtype=float)


class NumericScale(NamedTuple):
    """A numeric colour scale over one layer's values: its colours, range and how values are placed."""

    colors: tuple[str, ...]
    low: float
    high: float
    kind: str  # linear | quantile
    middle: float  # the median, shown in the legend of a quantile scale


def numeric_scale(data: pd.DataFrame, spec: LayerSpec) -> NumericScale | None:
    """The layer's numeric colour scale, None when it has none or no numbers in its colour field."""
    s = spec.style
    field = s.get("color_field")
    if not field or s.get("color_map"):
        return None
    values = numbers(data, field).dropna()
    if values.empty:
        return None
    colors = tuple(c for c in s.get("colors", ()) if isinstance(c, str) and rgb(safe_color(c, "")))
    colors = colors if len(colors) >= 2 else DEFAULT_SCALE
    return NumericScale(
        colors, float(values.min()), float(values.max()), str(s.get("color_scale", "linear")),
        float(values.median()),
    )  # fmt: skip


def _positions(values: pd.Series, scale: NumericScale) -> pd.Series:
    """Each value's place on the scale, 0 to 1 (NaN stays NaN)."""
    if scale.high == scale.low:
        return values.where(values.isna(), 0.5)
    if scale.kind == "quantile":
        return (values.rank(method="average") - 1) / max(values.count() - 1, 1)
    return (values - scale.low) / (scale.high - scale.low)


def feature_colors(data: pd.DataFrame, spec: LayerSpec) -> list[str] | None:
    """One colour per row from the layer's color_field, or None when the layer has one colour."""
    s = spec.style
    field = s.get("color_field")
    if not field:
        return None
    default = safe_color(s.get("color_default", DEFAULT_OTHER))
    if s.get("color_map"):
        cells = data[field] if field in data else pd.Series(None, index=data.index, dtype=object)
        return map_distinct(cells.tolist(), lambda v: category_color(v, s["color_map"], default))
    scale = numeric_scale(data, spec)
    if scale is None:
        return [default] * len(data)
    positions = _positions(numbers(data, field), scale)
    return [default if math.isnan(t) else interpolate(scale.colors, t) for t in positions]


def used_categories(data: pd.DataFrame, spec: LayerSpec) -> tuple[list[tuple[str, str]], bool]:
    """The color_map's (category, colour) pairs in spec order, only those some row has once the layer
    has rows (a ten-status map keeps a short legend), and whether any row fell to the default."""
    s = spec.style
    color_map, field = s.get("color_map") or {}, s.get("color_field")
    default = safe_color(s.get("color_default", DEFAULT_OTHER))
    pairs = [(str(k), safe_color(v, default)) for k, v in color_map.items()]
    if not field or field not in data or data.empty:
        return pairs, False
    folded = {str(k).casefold(): str(k) for k in color_map}
    found: set[str | None] = set()
    cells = data[field]
    distinct = cells.drop_duplicates().tolist() if cells.map(_hashable).all() else cells.tolist()
    for value in distinct:
        key = category_key(value)
        found.add(None if key is None else key if key in color_map else folded.get(key.casefold()))
    return [(k, c) for k, c in pairs if k in found], None in found


def _hashable(value: Any) -> bool:
    """Whether a cell can be deduplicated (lists and dicts cannot)."""
    return isinstance(value, str | int | float | bool | np.generic) or value is None


def radius_range(spec: LayerSpec) -> tuple[float, float]:
    """(smallest, largest) circle radius in pixels."""
    s = spec.style
    largest = float(s.get("max_radius", s.get("radius", 8)))
    smallest = float(s.get("min_radius", min(4.0, largest)))
    return min(smallest, largest), largest


def radii(data: pd.DataFrame, spec: LayerSpec) -> list[float]:
    """Circle radii in pixels: constant, or scaled by radius_field within each radius_group (and, with
    radius_units, within each unit family, its units converted to the family's base unit)."""
    s = spec.style
    smallest, largest = radius_range(spec)
    field = s.get("radius_field")
    if not field or data.empty:
        return [float(s.get("radius", largest))] * len(data)
    values = scaled_values(data, spec)
    top = values.groupby(group_keys(data, spec)).transform("max")
    kind = s.get("radius_scale", "sqrt")
    if kind == "log":
        out = smallest + (largest - smallest) * np.log1p(values) / np.log1p(top)
    elif kind == "linear":
        out = smallest + (largest - smallest) * values / top
    else:  # area proportional to the value
        out = largest * np.sqrt(values / top)
    return [round(max(smallest, float(r)), 2) if not math.isnan(r) else smallest for r in out]


def _families(data: pd.DataFrame, spec: LayerSpec) -> list[Family] | None:
    """Each row's unit family when the spec names a radius_units column, else None."""
    column = spec.style.get("radius_units")
    if not column or column not in data:
        return None
    return map_distinct(data[column].tolist(), unit_family)


def scaled_values(data: pd.DataFrame, spec: LayerSpec) -> pd.Series:
    """The positive radius_field values (NaN otherwise), in their family's base unit with radius_units."""
    values = numbers(data, spec.style["radius_field"]).where(lambda v: v > 0)
    families = _families(data, spec)
    if families is not None:
        values = values * np.array([f.factor for f in families], dtype=float)
    return values


def group_keys(data: pd.DataFrame, spec: LayerSpec) -> pd.Series:
    """Each row's radius group (the radius_group columns and the unit family joined), '' for all when
    there is none."""
    columns = [c for c in spec.style.get("radius_group", []) if c in data]
    families = _families(data, spec)
    if not columns and families is None:
        return pd.Series("", index=data.index)
    keys = data[columns].astype(str) if columns else pd.DataFrame(index=data.index)
    if families is not None:
        keys = keys.assign(__family=[f.name for f in families])
    return keys.agg("\x1f".join, axis=1)


def largest_values(data: pd.DataFrame, spec: LayerSpec) -> list[tuple[list[Any], float]]:
    """The largest radius_field value of each radius group (group cells, value), in group order; with
    radius_units the cells end with the group's unit Family and the value is in its base unit."""
    field = spec.style.get("radius_field")
    if not field or data.empty:
        return []
    values = scaled_values(data, spec).to_numpy()
    keys = group_keys(data, spec).to_numpy()
    columns = [c for c in spec.style.get("radius_group", []) if c in data]
    families = _families(data, spec)
    out = []
    for key in sorted(set(keys)):
        members = np.where((keys == key) & ~np.isnan(values))[0]
        if len(members):
            top = members[np.argmax(values[members])]
            cells = [data[c].iloc[top] for c in columns] + ([families[top]] if families is not None else [])
            out.append((cells, float(values[top])))
    return out


def heat_weights(data: pd.DataFrame, spec: LayerSpec) -> list[float]:
    """Each row's heat intensity, 0 to 1: weight_field over its largest value (missing or ≤ 0 -> 0),
    or 1 for every row without a weight_field."""
    field = spec.style.get("weight_field")
    if not field:
        return [1.0] * len(data)
    values = numbers(data, field).where(lambda v: v > 0)
    top = values.max()
    if not top or math.isnan(top):
        return [0.0] * len(data)
    return [0.0 if math.isnan(v) else round(float(v / top), 6) for v in values]


def heat_gradient(spec: LayerSpec) -> dict[float, str]:
    """Leaflet.heat's colour stops: the spec's `colors` spread from 0.4 to 1, else the plugin's own."""
    colors = [safe_color(c) for c in spec.style.get("colors", [])]
    if len(colors) < 2:
        return dict(HEAT_GRADIENT)
    step = 0.6 / (len(colors) - 1)
    return {round(0.4 + i * step, 4): c for i, c in enumerate(colors)}
