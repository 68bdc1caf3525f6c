"""Layer specs (how to draw a source) loaded from TOML, and the built-in layers of a build."""

from __future__ import annotations

import importlib.resources
import json
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import geopandas as gpd

from geomap.errors import GeomapError

SYMBOLS = ("marker", "circle", "line", "polygon")
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
_COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?|[a-zA-Z]{3,20}")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
# The page's own CSS classes are geomap-<word>; a layer's features carry geomap-<name>.
RESERVED_NAMES = frozenset({"basemap", "evidence", "legend", "panel", "popup", "sources", "swatch", "title"})
_ICON = re.compile(r"[a-z0-9-]{1,40}")
_DASH = re.compile(r"[0-9 ,.]{1,40}")

_TOP_KEYS = {"name", "title", "source", "symbol", "style", "popup", "tooltip", "legend", "show", "z", "fit"}
_REQUIRED = ("name", "title", "source", "symbol")


def _color(v: object) -> bool:
    return isinstance(v, str) and _COLOR.fullmatch(v) is not None


def _number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v >= 0


def _names(n: int | None) -> Callable[[object], bool]:
    def check(v: object) -> bool:
        return isinstance(v, list) and (n is None or len(v) == n) and all(isinstance(x, str) and x for x in v)

    return check


# style key -> (check, what was expected)
_STYLE: dict[str, tuple[Callable[[object], bool], str]] = {
    "color": (_color, "a CSS colour (#rrggbb or a name)"),
    "fill_color": (_color, "a CSS colour (#rrggbb or a name)"),
    "icon": (
        lambda v: isinstance(v, str) and _ICON.fullmatch(v) is not None,
        "a Font Awesome icon name such as 'user'",
    ),
    "radius": (_number, "a number of pixels"),
    "min_radius": (_number, "a number of pixels"),
    "weight": (_number, "a number of pixels"),
    "opacity": (lambda v: _number(v) and v <= 1, "a number from 0 to 1"),
    "fill_opacity": (lambda v: _number(v) and v <= 1, "a number from 0 to 1"),
    "dash_array": (
        lambda v: isinstance(v, str) and _DASH.fullmatch(v) is not None,
        "an SVG dash pattern such as '6 4'",
    ),
    "radius_field": (lambda v: isinstance(v, str) and bool(v), "a column name"),
    "radius_group": (_names(None), "a list of column names"),
    "radius_scale": (lambda v: v in ("sqrt", "log"), "'sqrt' (area ∝ value) or 'log'"),
    "connect": (_names(2), "two column prefixes, e.g. ['side_a', 'side_b']"),
    "simplify": (_number, "a tolerance in degrees"),
}


@dataclass(frozen=True)
class LayerSpec:
    """How to draw one layer: where its rows come from, the symbol, style, popup and legend."""

    name: str  # short id, also the CSS class suffix: geomap-<name>
    title: str  # shown in the layer control
    source: str  # "events:visits", "naturalearth:border:CN-RU"
    symbol: str  # marker | circle | line | polygon
    style: Mapping[str, Any] = field(default_factory=dict)
    popup: tuple[tuple[str, str], ...] = ()  # (column, label)
    tooltip: str = ""  # template such as "{who} in {name}"
    legend: str = ""  # legend label; the title when empty
    show: bool = True  # shown when the page opens
    z: int = 0  # drawing and listing order, lowest first
    fit: bool = True  # the map's initial view includes this layer
    path: str = ""  # the file the spec was read from, for messages

    def fields(self) -> list[str]:
        """Every column the spec reads (popup, tooltip, sizing, connecting lines)."""
        cols = [column for column, _ in self.popup] + template_fields(self.tooltip)
        cols += [self.style["radius_field"]] if "radius_field" in self.style else []
        cols += list(self.style.get("radius_group", []))
        for side in self.style.get("connect", []):
            cols += [f"{side}_lat", f"{side}_lon"]
        return list(dict.fromkeys(cols))


class Layer(NamedTuple):
    """Rows to draw (a GeoDataFrame in EPSG:4326) and the spec saying how."""

    data: gpd.GeoDataFrame
    spec: LayerSpec


def template_fields(template: str) -> list[str]:
    """The column names a tooltip template such as '{who} in {name}' refers to."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as err:
        raise ValueError(f"malformed template {template!r}: {err}") from None
    out = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"template fields must be plain column names, got {{{name}}}")
        out.append(name)
    return out


def _fail(path: str, key: str, expected: str, got: object) -> GeomapError:
    return GeomapError(f"{path}: key {key!r} must be {expected}, got {got!r}")


def parse_spec(data: Mapping[str, Any], path: str) -> LayerSpec:
    """Validate a spec's TOML table; errors name the file and the key."""
    for key in data:
        if key not in _TOP_KEYS:
            raise GeomapError(f"{path}: unknown key {key!r} (expected one of {sorted(_TOP_KEYS)})")
    for key in _REQUIRED:
        if key not in data:
            raise GeomapError(f"{path}: missing key {key!r}")
    for key in ("title", "source", "tooltip", "legend"):
        if key in data and not isinstance(data[key], str):
            raise _fail(path, key, "a string", data[key])
    if not isinstance(data["name"], str) or not _NAME.fullmatch(data["name"]):
        raise _fail(path, "name", "a lower-case id (letters, digits and _)", data["name"])
    if data["name"] in RESERVED_NAMES:
        raise _fail(path, "name", f"a name other than {sorted(RESERVED_NAMES)}", data["name"])
    if data["symbol"] not in SYMBOLS:
        raise _fail(path, "symbol", f"one of {list(SYMBOLS)}", data["symbol"])
    for key in ("show", "fit"):
        if key in data and not isinstance(data[key], bool):
            raise _fail(path, key, "true or false", data[key])
    if "z" in data and (not isinstance(data["z"], int) or isinstance(data["z"], bool)):
        raise _fail(path, "z", "an integer", data["z"])
    style = data.get("style", {})
    if not isinstance(style, dict):
        raise _fail(path, "style", "a table", style)
    for key, value in style.items():
        if key not in _STYLE:
            raise GeomapError(f"{path}: unknown key 'style.{key}' (expected one of {sorted(_STYLE)})")
        check, expected = _STYLE[key]
        if not check(value):
            raise _fail(path, f"style.{key}", expected, value)
    if data["symbol"] == "marker" and style.get("color", "blue") not in MARKER_COLORS:
        raise _fail(
            path, "style.color", f"a marker colour, one of {sorted(MARKER_COLORS)}", style.get("color")
        )
    popup = data.get("popup", [])
    if not _popup_ok(popup):
        raise _fail(path, "popup", "a list of [column, label] pairs of strings", popup)
    tooltip = data.get("tooltip", "")
    try:
        template_fields(tooltip)
    except ValueError as err:
        raise GeomapError(f"{path}: key 'tooltip': {err}") from None
    return LayerSpec(
        name=data["name"],
        title=data["title"],
        source=data["source"],
        symbol=data["symbol"],
        style=dict(style),
        popup=tuple((column, label) for column, label in popup),
        tooltip=tooltip,
        legend=data.get("legend", ""),
        show=data.get("show", True),
        z=data.get("z", 0),
        fit=data.get("fit", True),
        path=path,
    )


def _popup_ok(popup: object) -> bool:
    return isinstance(popup, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair) for pair in popup
    )


def load_spec(path: str | Path) -> LayerSpec:
    """Read and validate one layer spec file."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as err:
        raise GeomapError(f"{path}: cannot read layer spec: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise GeomapError(f"{path}: invalid TOML: {err}") from None
    return parse_spec(data, str(path))


@lru_cache(maxsize=1)
def builtin_specs() -> tuple[LayerSpec, ...]:
    """The packaged specs (geomap/data/layers/*.toml), in drawing order."""
    folder = importlib.resources.files("geomap") / "data" / "layers"
    specs = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            specs.append(parse_spec(data, f"geomap/data/layers/{entry.name}"))
    return tuple(sorted(specs, key=lambda s: (s.z, s.name)))


def _events(arg: str, tables: Mapping[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame | None:
    table = tables.get(arg)
    if table is None:
        return None
    return places_by_place(table) if arg == "places" else table


def _naturalearth(arg: str, tables: Mapping[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    from geomap.naturalearth import shared_border

    kind, _, pair = arg.partition(":")
    a, _, b = pair.partition("-")
    if kind != "border" or not a or not b:
        raise ValueError("expected naturalearth:border:<A>-<B>, e.g. naturalearth:border:CN-RU")
    return shared_border(a, b)


# source scheme -> reader(argument, tables); None means "nothing to draw for this build"
_READERS: dict[str, Callable[[str, Mapping[str, gpd.GeoDataFrame]], gpd.GeoDataFrame | None]] = {
    "events": _events,
    "naturalearth": _naturalearth,
}


def read_source(spec: LayerSpec, tables: Mapping[str, gpd.GeoDataFrame]) -> Layer | None:
    """The spec's rows as a Layer in EPSG:4326, or None when its table is absent."""
    scheme, _, arg = spec.source.partition(":")
    reader = _READERS.get(scheme)
    if reader is None:
        raise GeomapError(
            f"{spec.path}: key 'source': unknown source {spec.source!r} "
            f"(expected one of {sorted(s + ':...' for s in _READERS)})"
        )
    try:
        data = reader(arg, tables)
    except ValueError as err:
        raise GeomapError(f"{spec.path}: key 'source': {err}") from None
    if data is None:
        return None
    return Layer(_prepare(data, spec), spec)


def _prepare(data: gpd.GeoDataFrame, spec: LayerSpec) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326, drop rows without a geometry, check the spec's columns exist."""
    if not isinstance(data, gpd.GeoDataFrame) or data.geometry.name not in data:
        raise GeomapError(f"{spec.path}: layer {spec.name!r}: {spec.source} has no geometry")
    if data.crs is None:
        data = data.set_crs("EPSG:4326")
    elif data.crs.to_epsg() != 4326:
        data = data.to_crs("EPSG:4326")
    data = data[data.geometry.notna() & ~data.geometry.is_empty].reset_index(drop=True)
    if len(data):
        missing = [c for c in spec.fields() if c not in data.columns]
        if missing:
            raise GeomapError(
                f"{spec.path}: layer {spec.name!r} reads columns {missing} that {spec.source} does not have"
            )
    return data


def layers_from_specs(specs: Iterable[LayerSpec], tables: Mapping[str, gpd.GeoDataFrame]) -> list[Layer]:
    """One Layer per spec whose source has data for this build, in (z, name) order."""
    layers = [layer for spec in specs if (layer := read_source(spec, tables)) is not None]
    return sorted(layers, key=lambda layer: (layer.spec.z, layer.spec.name))


def builtin_layers(tables: Mapping[str, gpd.GeoDataFrame]) -> list[Layer]:
    """The built-in layers (border, places, crossings, traffic, visits) over the event tables."""
    return layers_from_specs(builtin_specs(), tables)


def places_by_place(mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per resolved place from the mentions table: counts and a sentence per document."""
    columns = [
        "place_id",
        "name",
        "kind",
        "country",
        "mentions",
        "documents",
        "confidence",
        "sources",
        "geometry",
    ]
    if mentions.empty:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs="EPSG:4326")
    rows = []
    ordered = mentions.sort_values(["place_id", "doc", "start"], kind="stable")
    for place_id, group in ordered.groupby("place_id", sort=True):
        first = group.iloc[0]
        per_doc = group.drop_duplicates("doc")
        sources = [
            {"doc": str(r["doc"]), "title": "", "date": "", "sentence": str(r["sentence"])}
            for _, r in per_doc.iterrows()
        ]
        rows.append(
            {
                "place_id": place_id,
                "name": first["name"],
                "kind": first["kind"],
                "country": first["country"],
                "mentions": len(group),
                "documents": len(per_doc),
                "confidence": float(group["confidence"].max()),
                "sources": json.dumps(sources, ensure_ascii=False),
                "geometry": first.geometry,
            }
        )
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=mentions.crs)
