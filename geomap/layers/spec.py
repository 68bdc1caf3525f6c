"""LayerSpec and Layer: what a validated spec says (source, symbol, style, popup) and the rows it draws."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import geopandas as gpd

SYMBOLS = ("marker", "circle", "line", "polygon", "heat", "cluster")
POINT_SYMBOLS = ("marker", "circle", "heat", "cluster")
# awesome-markers draws markers in a fixed palette; other symbols take any CSS colour.
MARKER_COLORS = {
    "red": "#d63e2a",
    "darkred": "#a23336",
    "lightred": "#eb7d7f",
    "orange": "#f69730",
    "beige": "#ffcb92",
    "green": "#72b026",
    "darkgreen": "#728224",
    "lightgreen": "#bbf970",
    "blue": "#38aadd",
    "darkblue": "#0067a3",
    "lightblue": "#8adaff",
    "purple": "#d252b9",
    "darkpurple": "#5b396b",
    "pink": "#ff91ea",
    "cadetblue": "#436978",
    "white": "#fbfbfb",
    "gray": "#575757",
    "lightgray": "#a3a3a3",
    "black": "#303030",
}
# The page's own CSS classes are geomap-<word>; a layer's features carry geomap-<name>.
RESERVED_NAMES = frozenset({"basemap", "evidence", "legend", "panel", "popup", "sources", "swatch", "title"})


class PopupField(NamedTuple):
    """One row of a popup: the column, its label, and a number format (',.0f') or strftime pattern."""

    column: str
    label: str
    format: str = ""


@dataclass(frozen=True)
class LayerSpec:
    """How to draw one layer: where its rows come from, the symbol, style, popup and legend."""

    name: str  # short id, also the CSS class suffix: geomap-<name>
    title: str  # shown in the layer control
    source: str  # "events:visits", "naturalearth:border:CN-RU", "rail.geojson", "python:m:f", "plugin:x"
    symbol: str  # marker | circle | line | polygon | heat | cluster
    style: Mapping[str, Any] = field(default_factory=dict)  # only the keys the spec sets
    popup: tuple[PopupField, ...] = ()
    popup_html: tuple[str, ...] = ()  # popup columns whose values are HTML, shown sanitised (an allowlist)
    tooltip: str = ""  # template such as "{name}: {value:,.0f}"
    label: str = ""  # template of the place name written beside each symbol, e.g. "{name}"
    legend: str = ""  # legend label (the title unless the spec says otherwise)
    show: bool = True  # shown when the page opens
    z: int = 0  # drawing and listing order, lowest first
    fit: bool = True  # the map's initial view includes this layer
    time: str = ""  # a column of dates (feeds a time slider)
    time_end: str = ""  # a column of end dates: a row then spans time..time_end
    read: Mapping[str, Any] = field(default_factory=dict)  # reading options: layer, lat, lon, wkt, crs...
    aggregate: Mapping[str, Any] = field(default_factory=dict)  # big tables: a symbol per group
    path: str = ""  # the file the spec was read from (or where it was made), for messages

    def field_keys(self) -> list[tuple[str, str]]:
        """(key, column) for every column the spec reads, e.g. ('popup[2]', 'value')."""
        out = [(f"popup[{i}]", f.column) for i, f in enumerate(self.popup)]
        out += [("tooltip", name) for name in template_fields(self.tooltip)]
        out += [("label", name) for name in template_fields(self.label)]
        s = self.style
        keys = ("radius_field", "radius_units", "color_field", "weight_field")
        out += [(f"style.{key}", s[key]) for key in keys if key in s]
        out += [(f"style.radius_group[{i}]", c) for i, c in enumerate(s.get("radius_group", []))]
        for i, side in enumerate(s.get("connect", [])):
            out += [(f"style.connect[{i}]", f"{side}_lat"), (f"style.connect[{i}]", f"{side}_lon")]
        out += [("time", self.time)] if self.time else []
        out += [("time_end", self.time_end)] if self.time_end else []
        agg = self.aggregate
        out += [(f"aggregate.by[{i}]", entry.partition(":")[0]) for i, entry in enumerate(agg.get("by", []))]
        out += [("aggregate.value", agg["value"])] if agg.get("value") else []
        out += [(f"aggregate.names[{i}]", c) for i, c in enumerate(agg.get("names", []))]
        return out

    def fields(self) -> list[str]:
        """Every column the spec reads (popup, tooltip, sizing, colouring, connecting lines, time)."""
        return list(dict.fromkeys(column for _, column in self.field_keys()))


class Layer(NamedTuple):
    """Rows to draw (a GeoDataFrame in EPSG:4326) and the spec saying how."""

    data: gpd.GeoDataFrame
    spec: LayerSpec


def template_fields(template: str) -> list[str]:
    """The column names a template such as '{who} in {name}: {value:,.0f}' refers to."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as err:
        raise ValueError(f"a template with balanced braces ({err})") from None
    out = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + "}"
            raise ValueError(f"plain column names in braces, optionally with a format, not {shown}")
        if spec and not valid_format(spec):
            raise ValueError(
                f"a number format (',.0f'; width <= {MAX_FORMAT_WIDTH}, precision <= {MAX_FORMAT_PRECISION}) "
                f"or a date pattern ('%Y-%m') after ':', not {spec!r}"
            )
        out.append(name)
    return out


# Widths and precisions past these only pad or allocate: '{name:>999999999}' would build a 1 GB string
# for every row, so a spec asking for one is refused before anything is formatted.
MAX_FORMAT_WIDTH = 100
MAX_FORMAT_PRECISION = 20
_FORMAT_SPEC = re.compile(
    r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[_,]?(?:\.(?P<precision>\d+))?[bcdeEfFgGnosxX%]?", re.S
)
_STRFTIME_WIDTH = re.compile(r"%[-_0^#]*\d")


def valid_format(spec: str) -> bool:
    """True for a strftime pattern (has '%') or a format spec some number or text accepts, with a
    width and precision within bounds."""
    if "%" in spec and not spec.endswith("%"):
        return "{" not in spec and "}" not in spec and not _STRFTIME_WIDTH.search(spec)
    parts = _FORMAT_SPEC.fullmatch(spec)
    if parts is None or int(parts["width"] or 0) > MAX_FORMAT_WIDTH:
        return False
    if int(parts["precision"] or 0) > MAX_FORMAT_PRECISION:
        return False
    for sample in (1, 1.5, "x"):
        try:
            format(sample, spec)
        except ValueError:
            continue
        return True
    return False


EVENT_TABLES = ("places", "visits", "crossings", "traffic", "status")  # status: from crossings
SCHEMES = ("events", "naturalearth", "python", "plugin", "frame", "file")


def source_kind(source: str) -> tuple[str, str]:
    """('events', 'visits'), ('python', 'pkg.mod:fn'), ('plugin', 'x'), ('file', 'rail.geojson')...

    A path has no scheme (or 'file:'); one-letter schemes are Windows drives, so paths too."""
    scheme, sep, arg = source.partition(":")
    if sep and scheme in SCHEMES:
        return scheme, arg
    if sep and len(scheme) > 1 and scheme.isalpha():
        return "unknown", scheme
    return "file", source
