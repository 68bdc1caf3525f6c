"""Where a layer's rows come from: event tables, Natural Earth, files, Python callables, plugins."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geomap.errors import GeomapError
from geomap.layers.aggregate import aggregated
from geomap.layers.borders import border_lines, event_pairs
from geomap.layers.files import read_file
from geomap.layers.locate import at_key
from geomap.layers.places import places_by_place
from geomap.layers.prepare import prepare
from geomap.layers.spec import Layer, LayerSpec, source_kind
from geomap.layers.status import status_rows


class LayerSourceError(GeomapError):
    """A plugin or callable failed: the build leaves its layer out, unless strict."""


@dataclass
class Context:
    """What sources read besides files: the event tables of this build and data frames given in code."""

    tables: Mapping[str, Any] | None = None  # None: no extraction was run
    frames: Mapping[str, Any] = field(default_factory=dict)


def spec_folder(spec: LayerSpec) -> Path:
    """The folder a spec's relative paths start from: the spec file's (the current one for code)."""
    return Path(spec.path).parent if spec.path else Path(".")


def source_path(spec: LayerSpec) -> Path:
    """The file a file source names, relative paths resolved against the spec's folder."""
    _, arg = source_kind(spec.source)
    path = Path(arg).expanduser()
    return path if path.is_absolute() else spec_folder(spec) / path


def _events(spec: LayerSpec, arg: str, ctx: Context) -> tuple[Any, str] | None:
    if arg == "status":  # the crossings' dated status events, one row each
        crossings = (ctx.tables or {}).get("crossings")
        return None if crossings is None else (status_rows(crossings), "the crossings' status events")
    table = (ctx.tables or {}).get(arg)
    if table is None:
        return None
    return (places_by_place(table) if arg == "places" else table), f"the {arg} table"


def _naturalearth(spec: LayerSpec, arg: str, ctx: Context) -> tuple[Any, str]:
    from geomap.naturalearth import shared_border

    if arg == "borders":  # the borders the events are on (China–Russia without event tables)
        pairs = event_pairs(ctx.tables)
        return border_lines(pairs), "the Natural Earth borders of the events"
    a, _, b = arg.removeprefix("border:").partition("-")
    return shared_border(a, b), f"the Natural Earth {a.upper()}–{b.upper()} border"


def _file(spec: LayerSpec, arg: str, ctx: Context) -> tuple[Any, str]:
    path = source_path(spec)
    return read_file(
        path, spec.read, at_key(spec.path, "source") if not path.is_file() else spec.path
    ), path.name


def _import(spec: LayerSpec, target: str) -> Callable[..., Any]:
    """module:function imported, with the spec's folder first on sys.path while importing."""
    module_name, _, attr = target.partition(":")
    folder = str(spec_folder(spec).resolve())
    sys.path.insert(0, folder)
    try:
        obj: Any = importlib.import_module(module_name)
    except (Exception, SystemExit) as err:  # sys.exit() in the module is its failure, not the build's
        raise LayerSourceError(
            f"{at_key(spec.path, 'source')}: python:{target}: cannot import {module_name!r}: "
            f"{type(err).__name__}: {err}"
        ) from None
    finally:
        sys.path.remove(folder)
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise LayerSourceError(
                f"{at_key(spec.path, 'source')}: python:{target}: {module_name} has no {attr!r}"
            )
        obj = getattr(obj, part)
    if not callable(obj):
        raise LayerSourceError(f"{at_key(spec.path, 'source')}: python:{target} is not callable")
    return obj


def call_source(spec: LayerSpec, function: Callable[..., Any], label: str) -> Any:
    """The function's answer with read.args as keyword arguments; failures name it and the spec."""
    try:
        data = function(**dict(spec.read.get("args", {})))
    except (Exception, SystemExit) as err:  # sys.exit() in the function is its failure, not the build's
        raise LayerSourceError(
            f"{spec.path}: layer {spec.name!r}: {label} raised {type(err).__name__}: {err}"
        ) from None
    if not isinstance(data, pd.DataFrame):
        raise LayerSourceError(
            f"{spec.path}: layer {spec.name!r}: {label} returned {type(data).__name__}, "
            "expected a GeoDataFrame or a DataFrame with lat/lon (or WKT) columns"
        )
    return data


def _python(spec: LayerSpec, arg: str, ctx: Context) -> tuple[Any, str]:
    label = f"python:{arg}"
    return call_source(spec, _import(spec, arg), label), label


def _plugin(spec: LayerSpec, arg: str, ctx: Context) -> tuple[Any, str]:
    from geomap.layers.plugins import plugins

    provided = plugins().layers
    layer = provided.get(arg)
    if layer is None:
        raise LayerSourceError(
            f"{at_key(spec.path, 'source')}: no installed plugin provides a layer named {arg!r} "
            f"(plugins provide: {sorted(provided)})"
        )
    label = f"plugin {layer.plugin!r} layer {arg!r}"
    return call_source(spec, layer.function, label), label


def _frame(spec: LayerSpec, arg: str, ctx: Context) -> tuple[Any, str]:
    if arg not in ctx.frames:
        raise GeomapError(f"{at_key(spec.path, 'source')}: frame: sources are data given to Map.add_layer")
    return ctx.frames[arg], "the data given"


READERS: dict[str, Callable[[LayerSpec, str, Context], tuple[Any, str] | None]] = {
    "events": _events,
    "naturalearth": _naturalearth,
    "file": _file,
    "python": _python,
    "plugin": _plugin,
    "frame": _frame,
}


def read_source(
    spec: LayerSpec, tables: Mapping[str, Any] | None = None, *, context: Context | None = None,
    strict: bool = False,
) -> Layer | None:
    """The spec's rows as a Layer in EPSG:4326, or None when its event table is not part of this build;
    strict makes rows that cannot be drawn fatal instead of left out."""
    ctx = context or Context(tables=tables)
    kind, arg = source_kind(spec.source)
    reader = READERS.get(kind)
    if reader is None:
        raise GeomapError(f"{at_key(spec.path, 'source')}: unknown source {spec.source!r}")
    read = reader(spec, arg, ctx)
    if read is None:
        return None
    data, label = read
    try:
        quiet = kind in ("events", "naturalearth")
        return aggregated(Layer(prepare(data, spec, label, quiet=quiet, strict=strict), spec))
    except GeomapError as err:
        if kind in ("python", "plugin"):  # outside code answered with rows geomap cannot draw
            raise LayerSourceError(str(err)) from None
        raise
