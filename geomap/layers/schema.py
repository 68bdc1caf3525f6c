"""The spec schema as pydantic models, checks across keys, and errors as one-line problems."""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainValidator, StrictBool, StrictInt, StrictStr
from pydantic import ValidationError as PydanticError

from geomap.layers.problems import Problem, found, key_name
from geomap.layers.spec import (
    EVENT_TABLES,
    MARKER_COLORS,
    MAX_FORMAT_PRECISION,
    MAX_FORMAT_WIDTH,
    POINT_SYMBOLS,
    RESERVED_NAMES,
    LayerSpec,
    PopupField,
    source_kind,
    template_fields,
    valid_format,
)

_COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?|[a-zA-Z]{3,20}")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
_ICON = re.compile(r"[a-z0-9-]{1,40}")
_DASH = re.compile(r"[0-9 ,.]{1,40}")
_DOTTED = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
_CALLABLE = re.compile(rf"{_DOTTED}:{_DOTTED}")
_BORDER = re.compile(r"border:[A-Za-z]{2}-[A-Za-z]{2}|borders")
_PLUGIN = re.compile(r"[A-Za-z0-9_.-]{1,80}")
SOURCE_HINT = (
    "a source such as 'events:visits', 'naturalearth:border:CN-RU', a file path ('rail.geojson'), "
    "'python:package.module:function' or 'plugin:NAME'"
)


def _check(ok: Callable[[Any], bool], expected: str) -> PlainValidator:
    def validate(value: Any) -> Any:
        if not ok(value):
            raise ValueError(expected)
        return value

    return PlainValidator(validate)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v >= 0


def _is_text(v: object) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _is_columns(v: object) -> bool:
    return isinstance(v, list | tuple) and all(_is_text(x) for x in v)


def _is_crs(v: object) -> bool:
    if not _is_text(v):
        return False
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        CRS.from_user_input(v)
    except CRSError:
        return False
    return True


def _is_encoding(v: object) -> bool:
    try:
        return _is_text(v) and codecs.lookup(str(v)) is not None
    except LookupError:
        return False


def _name(v: object) -> str:
    if not isinstance(v, str) or not _NAME.fullmatch(v):
        raise ValueError("a lower-case id: a letter, then letters, digits or _ (40 at most)")
    if v in RESERVED_NAMES:
        raise ValueError(f"a name other than {sorted(RESERVED_NAMES)} (the page's own)")
    return v


def _source(v: object) -> str:
    if not _is_text(v):
        raise ValueError(SOURCE_HINT)
    kind, arg = source_kind(str(v))
    problem = {
        "unknown": f"{SOURCE_HINT} (there is no {arg!r} source)",
        "events": f"one of {[f'events:{t}' for t in EVENT_TABLES]}" if arg not in EVENT_TABLES else "",
        "naturalearth": "'naturalearth:border:<A>-<B>' (ISO country codes), e.g. "
        "'naturalearth:border:CN-RU', or 'naturalearth:borders' (the borders the events are on)"
        if not _BORDER.fullmatch(arg)
        else "",
        "python": "'python:package.module:function'" if not _CALLABLE.fullmatch(arg) else "",
        "plugin": "'plugin:NAME' with the name of a layer a plugin provides"
        if not _PLUGIN.fullmatch(arg)
        else "",
        "file": "a file path" if not arg.strip() else "",
    }.get(kind, "")
    if problem:
        raise ValueError(problem)
    return str(v)


def _template(v: object) -> str:
    if not isinstance(v, str):
        raise ValueError("a template string such as '{name}: {value:,.0f}'")
    template_fields(v)  # its ValueError says what was expected
    return v


def _popup_entry(v: object) -> PopupField:
    expected = "[column, label] or [column, label, format] or {column = ..., label = ..., format = ...}"
    if isinstance(v, Mapping):
        if set(v) - {"column", "label", "format"} or not {"column", "label"} <= set(v):
            raise ValueError(expected)
        parts = [v["column"], v["label"], v.get("format", "")]
    elif isinstance(v, list | tuple) and len(v) in (2, 3):
        parts = list(v) + [""] * (3 - len(v))
    else:
        raise ValueError(expected)
    column, label, fmt = parts
    if not (_is_text(column) and isinstance(label, str) and isinstance(fmt, str)):
        raise ValueError(expected + " of strings")
    if fmt and not valid_format(fmt):
        raise ValueError(
            f"{expected}, with a number format (',.0f', '.1%'; width <= {MAX_FORMAT_WIDTH}, precision <= "
            f"{MAX_FORMAT_PRECISION}) or a date pattern ('%Y-%m')"
        )
    return PopupField(column, label, fmt)


def _str_keys(v: object) -> object:
    return {str(k): x for k, x in v.items()} if isinstance(v, Mapping) else v


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and pattern.fullmatch(v) is not None


Color = Annotated[str, _check(_matches(_COLOR), "a CSS colour (#rrggbb or a name)")]
Icon = Annotated[str, _check(_matches(_ICON), "a Font Awesome icon name such as 'user'")]
Dashes = Annotated[str, _check(_matches(_DASH), "an SVG dash pattern such as '6 4'")]
Pixels = Annotated[float, _check(_is_number, "a number of pixels (0 or more)")]
Degrees = Annotated[float, _check(_is_number, "a tolerance in degrees")]
Fraction = Annotated[float, _check(lambda v: _is_number(v) and v <= 1, "a number from 0 to 1")]
Column = Annotated[str, _check(_is_text, "a column name")]
Columns = Annotated[list[str], _check(_is_columns, "a list of column names")]
OptionalColumn = Annotated[str, _check(lambda v: v == "" or _is_text(v), "a column name")]
Sides = Annotated[
    list[str],
    _check(lambda v: _is_columns(v) and len(v) == 2, "two column prefixes, e.g. ['side_a', 'side_b']"),
]


class StyleModel(BaseModel):
    """The `[style]` table: how features are drawn."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    color: Color | None = None
    fill_color: Color | None = None
    icon: Icon | None = None
    radius: Pixels | None = None
    min_radius: Pixels | None = None
    max_radius: Pixels | None = None
    weight: Pixels | None = None
    opacity: Fraction | None = None
    fill_opacity: Fraction | None = None
    dash_array: Dashes | None = None
    radius_field: Column | None = None
    radius_group: Columns | None = None
    radius_scale: Literal["sqrt", "log", "linear"] | None = None
    radius_units: Column | None = None  # one radius scale per unit family of this column's units
    color_field: Column | None = None
    color_map: Annotated[dict[str, Color], BeforeValidator(_str_keys)] | None = None
    color_default: Color | None = None
    color_scale: Literal["linear", "quantile"] | None = None
    colors: list[Color] | None = None
    weight_field: Column | None = None
    blur: Pixels | None = None
    cluster_radius: Pixels | None = None
    connect: Sides | None = None
    simplify: Degrees | None = None


class ReadModel(BaseModel):
    """The `[read]` table: how to read the source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    layer: StrictStr = ""
    lat: OptionalColumn = ""
    lon: OptionalColumn = ""
    wkt: OptionalColumn = ""
    crs: Annotated[str, _check(lambda v: v == "" or _is_crs(v), "a CRS such as 'EPSG:3857'")] = ""
    encoding: Annotated[
        str, _check(lambda v: v == "" or _is_encoding(v), "a text encoding such as 'cp1251'")
    ] = ""
    args: dict[str, Any] = {}


_GROUP_KEY = re.compile(r"[^:]+(?::(?:year|month|day))?")
GroupKeys = Annotated[
    list[str],
    _check(lambda v: _is_columns(v) and len(v) >= 1 and all(_GROUP_KEY.fullmatch(x) for x in v),
           "a list of column names, each optionally cut to ':year', ':month' or ':day'"),
]
_NOUN = re.compile(r"[a-z][a-z ]{0,30}")
Noun = Annotated[str, _check(_matches(_NOUN), "a lower-case noun such as 'report'")]


class AggregateModel(BaseModel):
    """The `[aggregate]` table: big tables drawn as one symbol per group of rows (aggregate.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    by: GroupKeys
    min_rows: Annotated[int, _check(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
                                    "a number of rows (1 or more)")] = 2000
    value: OptionalColumn = ""
    names: Columns = []
    count: Noun = "report"
    legend: StrictStr = ""


class SpecModel(BaseModel):
    """A whole spec: one TOML file, or the keyword arguments of Map.add_layer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, PlainValidator(_name)]
    title: StrictStr
    source: Annotated[str, PlainValidator(_source)]
    symbol: Literal["marker", "circle", "line", "polygon", "heat", "cluster"]
    style: StyleModel = StyleModel()
    popup: list[Annotated[PopupField, PlainValidator(_popup_entry)]] = []
    popup_html: Columns = []
    tooltip: Annotated[str, PlainValidator(_template)] = ""
    label: Annotated[str, PlainValidator(_template)] = ""
    legend: StrictStr = ""
    show: StrictBool = True
    z: StrictInt = 0
    fit: StrictBool = True
    time: OptionalColumn = ""
    time_end: OptionalColumn = ""
    read: ReadModel = ReadModel()
    aggregate: AggregateModel | None = None


TABLE_KEYS = {
    (): list(SpecModel.model_fields),
    ("style",): list(StyleModel.model_fields),
    ("read",): list(ReadModel.model_fields),
    ("aggregate",): list(AggregateModel.model_fields),
}
MISSING_HINT = {
    "name": "a lower-case id such as 'rail_lines'",
    "title": "the title shown in the layer control",
    "source": SOURCE_HINT,
    "symbol": "one of 'marker', 'circle', 'line', 'polygon', 'heat', 'cluster'",
}
_TYPE_EXPECTED = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
    "list_type": "a list",
}


def cross_problems(m: SpecModel) -> list[tuple[tuple[str | int, ...], str]]:
    """Checks that span keys: colour by field, symbol-specific style keys, reading options."""
    s, out = m.style, []
    if m.symbol == "marker" and s.color is not None and not s.color_field and s.color not in MARKER_COLORS:
        out.append(
            (
                ("style", "color"),
                f"expected a marker colour, one of {sorted(MARKER_COLORS)}, found {found(s.color)}",
            )
        )
    if s.color_map is not None and s.color_scale is not None:
        out.append(
            (
                ("style", "color_scale"),
                "expected either color_map (categories) or color_scale (numbers), not both",
            )
        )
    for key in ("color_map", "color_scale", "color_default"):
        if getattr(s, key) is not None and not s.color_field:
            out.append((("style", key), "needs style.color_field: the column whose values pick the colour"))
    if s.colors is not None:
        if len(s.colors) < 2:
            out.append(
                (("style", "colors"), f"expected a list of 2 colours or more, found {found(s.colors)}")
            )
        if s.color_map is not None:
            out.append(
                (("style", "colors"), "expected no colors with color_map (it gives each value's colour)")
            )
        elif not s.color_field and m.symbol != "heat":
            out.append((("style", "colors"), "needs style.color_field (or symbol 'heat', for its gradient)"))
    for key, symbol in (("blur", "heat"), ("weight_field", "heat"), ("cluster_radius", "cluster")):
        if getattr(s, key) is not None and m.symbol != symbol:
            out.append((("style", key), f"applies to symbol {symbol!r} only, not to {m.symbol!r}"))
    for key in ("radius_group", "radius_scale", "radius_units"):
        if getattr(s, key) is not None and not s.radius_field:
            out.append((("style", key), "needs style.radius_field: the column that sizes the circles"))
    if s.min_radius is not None and s.max_radius is not None and s.min_radius > s.max_radius:
        out.append(
            (("style", "min_radius"), f"expected at most max_radius ({s.max_radius}), found {s.min_radius}")
        )
    if s.connect is not None and m.symbol not in POINT_SYMBOLS:
        out.append(
            (
                ("style", "connect"),
                f"applies to point symbols ({', '.join(POINT_SYMBOLS)}) only, not to {m.symbol!r}",
            )
        )
    if m.aggregate is not None and m.symbol not in POINT_SYMBOLS:
        points = ", ".join(POINT_SYMBOLS)
        out.append((("aggregate",), f"applies to point symbols ({points}) only, not to {m.symbol!r}"))
    shown = [f.column for f in m.popup]
    for i, column in enumerate(m.popup_html):
        if column not in shown:
            out.append((("popup_html", i), f"expected a column of popup, one of {shown}, found {column!r}"))
    return out + _read_problems(m)


def _read_problems(m: SpecModel) -> list[tuple[tuple[str | int, ...], str]]:
    kind, arg = source_kind(m.source)
    r, out = m.read, []
    callable_ = kind in ("python", "plugin", "frame")
    table = callable_ or (kind == "file" and arg.lower().endswith((".csv", ".tsv", ".txt")))
    if bool(r.lat) != bool(r.lon):
        out.append((("read", "lat" if r.lat else "lon"), "needs read.lat and read.lon together"))
    for key in ("lat", "lon", "wkt"):
        if getattr(r, key) and not table:
            out.append(
                (
                    ("read", key),
                    "applies to CSV files and python:/plugin: sources only "
                    "(other files carry their geometries)",
                )
            )
    if r.wkt and r.lat:
        out.append((("read", "wkt"), "expected either read.wkt or read.lat/read.lon, not both"))
    if r.layer and kind != "file":
        out.append((("read", "layer"), "applies to file sources only (a GeoPackage or KML layer name)"))
    if r.encoding and kind != "file":
        out.append((("read", "encoding"), "applies to file sources only"))
    if r.crs and kind not in ("file", "python", "plugin", "frame"):
        out.append((("read", "crs"), "applies to file, python: and plugin: sources only"))
    if r.args and not callable_:
        out.append(
            (("read", "args"), "applies to python: and plugin: sources only (the function's arguments)")
        )
    return out


Describe = Callable[[Sequence[str | int]], str]


def toml_key(loc: Sequence[str | int]) -> str:
    """How a TOML spec's problem names its key: key 'style.color'."""
    return f"key {key_name(loc)!r}"


def problems_from_error(
    err: PydanticError, where: str, line_of: Callable[[Sequence[str | int]], int | None], describe: Describe
) -> list[Problem]:
    """One Problem per pydantic error: the key, what was expected, what was found."""
    out = []
    for e in err.errors():
        loc = tuple(e["loc"])
        kind = e["type"]
        if kind == "missing":
            hint = MISSING_HINT.get(key_name(loc), "")
            text = f"missing {describe(loc)}" + (f" ({hint})" if hint else "")
        elif kind == "extra_forbidden":
            allowed = TABLE_KEYS.get(loc[:-1], [])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"expected one of {allowed}"
            text = f"unknown {describe(loc)} ({hint})"
        else:
            if kind == "value_error":
                expected = str(e.get("ctx", {}).get("error", e["msg"]))
            else:
                expected = _TYPE_EXPECTED.get(kind) or e["msg"].removeprefix("Input should be ")
            text = f"{describe(loc)}: expected {expected}, found {found(e['input'])}"
        out.append(Problem(where, text, line_of(loc)))
    return out


def validate_spec(
    data: Mapping[str, Any],
    where: str,
    *,
    line_of: Callable[[Sequence[str | int]], int | None] = lambda loc: None,
    describe: Describe = toml_key,
) -> tuple[LayerSpec | None, list[Problem]]:
    """The spec a mapping describes, or None and every problem with it."""
    try:
        m = SpecModel.model_validate(data)
    except PydanticError as err:
        return None, by_line(problems_from_error(err, where, line_of, describe))
    problems = [Problem(where, f"{describe(loc)}: {text}", line_of(loc)) for loc, text in cross_problems(m)]
    if problems:
        return None, by_line(problems)
    return to_spec(m, where), []


def by_line(problems: list[Problem]) -> list[Problem]:
    """Problems in the order of their lines (those without a line last)."""
    return sorted(problems, key=lambda p: p.line or 1 << 30)


def to_spec(m: SpecModel, path: str) -> LayerSpec:
    """The plain LayerSpec the rest of geomap reads."""
    return LayerSpec(
        name=m.name,
        title=m.title,
        source=m.source,
        symbol=m.symbol,
        style=m.style.model_dump(exclude_unset=True),
        popup=tuple(m.popup),
        popup_html=tuple(m.popup_html),
        tooltip=m.tooltip,
        label=m.label,
        legend=m.legend or m.title,
        show=m.show,
        z=m.z,
        fit=m.fit,
        time=m.time,
        time_end=m.time_end,
        read=m.read.model_dump(exclude_unset=True),
        aggregate=m.aggregate.model_dump(exclude_unset=True) if m.aggregate else {},
        path=path,
    )
