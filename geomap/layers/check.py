"""Checking specs end to end: the spec itself, then that its source reads and has the columns it names."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd

from geomap.errors import GeomapError
from geomap.layers.load import read_spec_files
from geomap.layers.places import COLUMNS as PLACE_COLUMNS
from geomap.layers.prepare import check_columns
from geomap.layers.sources import Context, read_source
from geomap.layers.spec import LayerSpec, source_kind
from geomap.layers.status import COLUMNS as STATUS_COLUMNS


def event_columns(table: str) -> list[str]:
    """The columns an event table has (docs/tables.md), without running an extraction."""
    from geomap.tables import COLUMNS

    derived = {"places": PLACE_COLUMNS, "status": STATUS_COLUMNS}
    return derived.get(table) or [*COLUMNS[table], "geometry"]


def source_problems(spec: LayerSpec, context: Context | None = None) -> list[str]:
    """What goes wrong reading the spec's source (none for a good one); event tables checked by schema."""
    kind, arg = source_kind(spec.source)
    try:
        if kind == "events" and (context is None or context.tables is None):
            empty = gpd.GeoDataFrame(columns=event_columns(arg), geometry="geometry")
            check_columns(empty, spec, f"the {arg} table")
        else:
            read_source(spec, context=context or Context())
    except GeomapError as err:
        return str(err).splitlines()
    return []


def check_specs(specs: Sequence[LayerSpec], context: Context | None = None) -> list[str]:
    """Every problem reading the specs' sources, one line each."""
    return [line for spec in specs for line in source_problems(spec, context)]


def check_paths(paths: Sequence[str | Path]) -> tuple[list[LayerSpec], list[str]]:
    """The specs in the files/folders and every problem with them or their sources."""
    specs, problems = read_spec_files(paths)
    return specs, [str(p) for p in problems] + check_specs(specs)
