"""A starter spec for a data file (`geomap layers new`): symbol, coordinates, tooltip and popup guessed."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

from geomap.errors import GeomapError
from geomap.layers.files import TABLE_SUFFIXES, coordinate_columns, delimiter, read_file
from geomap.layers.load import spec_from_text
from geomap.layers.prepare import geometry_kinds, symbol_for
from geomap.layers.problems import LayerWarning
from geomap.layers.schema import _name
from geomap.layers.sources import Context, read_source
from geomap.layers.spec import LayerSpec

POPUP_COLUMNS = 8
MARKERS_UP_TO = 25  # more points than this are drawn as circles, which stay readable in a crowd
NAME_LIKE = ("name", "title", "label", "name_en", "place", "station", "city", "id")
STYLES = {
    "marker": {"color": "blue", "icon": "circle"},
    "circle": {"color": "#08519c", "fill_color": "#6baed6", "fill_opacity": 0.7, "radius": 6, "weight": 1},
    "line": {"color": "#d94801", "weight": 3, "opacity": 0.9},
    "polygon": {"color": "#54278f", "fill_color": "#9e9ac8", "fill_opacity": 0.35, "weight": 1.5},
}


def _toml(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)


def _label(column: str) -> str:
    words = column.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else column


def _pick(columns: list[str], names: tuple[str, ...]) -> str:
    lower = {c.lower(): c for c in columns}
    found = next((lower[n] for n in names if n in lower), None)
    return found or next((c for c in columns if "name" in c.lower()), "")


def _coordinate_columns(path: Path) -> dict[str, str]:
    """The [read] keys a CSV needs: its lat/lon or WKT columns, as detection finds them."""
    import pandas as pd

    if path.suffix.lower() not in TABLE_SUFFIXES:
        return {}
    return coordinate_columns(pd.read_csv(path, nrows=0, sep=delimiter(path, "utf-8")).columns, {})


def starter_text(name: str, data_path: Path, spec_path: Path) -> str:
    """The TOML of a spec that draws data_path, for a spec file at spec_path."""
    with warnings.catch_warnings():  # dropped rows are reported once, by write_starter's read_source
        warnings.simplefilter("ignore", LayerWarning)
        data = read_file(data_path, {}, str(data_path))
    columns = [str(c) for c in data.columns if c != data.geometry.name]
    read = _coordinate_columns(data_path)
    kinds = geometry_kinds(data) or {"point"}
    symbol = symbol_for(kinds)
    if symbol == "circle" and len(data) <= MARKERS_UP_TO:
        symbol = "marker"
    shown = [c for c in columns if c not in read.values()]
    title_column = _pick([c for c in shown if c.isidentifier()], NAME_LIKE)
    source = Path(os.path.relpath(data_path.resolve(), spec_path.resolve().parent)).as_posix()
    title = _label(name)
    lines = [
        f"# Starter spec for {data_path.name}, written by `geomap layers new`: edit freely.",
        "# Keys: layers/README.md. Check it with `geomap layers validate`.",
        f"name = {_toml(name)}",
        f"title = {_toml(title)}",
        f"source = {_toml(source)}",
        f"symbol = {_toml(symbol)}  # from the geometries: {', '.join(sorted(kinds))}",
        f"legend = {_toml(title)}",
    ]
    if title_column:
        lines.append(f"tooltip = {_toml('{' + title_column + '}')}")
    popup = shown[:POPUP_COLUMNS]
    lines.append("popup = [")
    lines += [f"    [{_toml(c)}, {_toml(_label(c))}]," for c in popup]
    z = 45 if symbol in ("marker", "circle") else 5  # points over the built-in layers, lines and areas under
    lines += ["]", "show = true", f"z = {z}", "", "[style]"]
    lines += [f"{k} = {_toml(v)}" for k, v in STYLES[symbol].items()]
    if read:
        lines += ["", "[read]"] + [f"{k} = {_toml(v)}" for k, v in read.items()]
        if data.crs is None:
            lines.append('# crs = "EPSG:3857"  # if the coordinates are not longitude/latitude')
    return "\n".join(lines) + "\n"


def write_starter(name: str, data_path: str | Path, out: str | Path | None = None) -> tuple[Path, LayerSpec]:
    """Write a starter spec beside the data (or at `out`); never over an existing file."""
    try:
        _name(name)
    except ValueError as err:
        raise GeomapError(f"NAME {name!r}: expected {err}") from None
    data_path = Path(data_path)
    spec_path = Path(out) if out else data_path.with_name(f"{name}.toml")
    if spec_path.suffix != ".toml":
        raise GeomapError(f"-o {spec_path}: expected a .toml file name (specs are found by it)")
    if spec_path.exists():
        raise GeomapError(f"{spec_path}: exists already; remove it or choose another name or -o")
    if not data_path.is_file():
        raise GeomapError(f"--from {data_path}: no such file")
    text = starter_text(name, data_path, spec_path)
    spec, problems = spec_from_text(text, str(spec_path))
    if spec is None:  # a bug here, not the user's: say what was generated
        raise GeomapError("; ".join(map(str, problems)))
    read_source(spec, context=Context())  # reads as a build would: what fails there fails here
    try:
        with open(spec_path, "x", encoding="utf-8") as f:
            f.write(text)
    except OSError as err:
        raise GeomapError(f"{spec_path}: cannot write: {err.strerror or err}") from None
    return spec_path, spec
