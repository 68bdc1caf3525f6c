"""What `geomap layers list` shows: each discovered layer with its feature count and spec file."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GeomapError
from geomap.layers.discover import discover
from geomap.layers.problems import LayerFailedWarning
from geomap.layers.sources import Context, read_source
from geomap.layers.spec import LayerSpec, source_kind


@dataclass(frozen=True)
class LayerRow:
    """One line of the listing."""

    name: str
    title: str
    source: str
    symbol: str
    features: str  # a count, '-' when not counted (event layers without articles), 'error'
    path: str
    overrides: tuple[str, ...] = ()  # spec files this one replaced


def count(spec: LayerSpec, context: Context) -> str:
    """The layer's feature count as text; failures are warned and shown as 'error'."""
    if source_kind(spec.source)[0] == "events" and context.tables is None:
        return "-"
    try:
        layer = read_source(spec, context=context)
    except GeomapError as err:
        warnings.warn(str(err), LayerFailedWarning, stacklevel=2)
        return "error"
    return str(len(layer.data)) if layer is not None else "0"


def layer_rows(extra: Sequence[str | Path] = (), articles: Sequence[str | Path] = ()) -> list[LayerRow]:
    """The layers a build would draw (in z order), counting features; event layers only with articles."""
    found = discover(extra)
    for failure in found.failures:
        warnings.warn(failure, LayerFailedWarning, stacklevel=2)
    tables = None
    if articles and any(source_kind(s.source)[0] == "events" for s in found.specs):
        from geomap.pipeline import run

        tables = run(list(articles)).tables
    context = Context(tables=tables)
    return [
        LayerRow(s.name, s.title, s.source, s.symbol, count(s, context), s.path,
                 tuple(found.overridden.get(s.name, ())))  # fmt: skip
        for s in found.specs
    ]
