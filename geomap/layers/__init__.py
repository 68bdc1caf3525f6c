"""Layers: TOML specs (validated), their sources read into EPSG:4326 GeoDataFrames, plugins, discovery.

A spec says where rows come from (`source`) and how to draw them (`symbol`, `style`, `popup`...);
see layers/README.md for the keys. Modules: spec (the records), schema (validation), load (files),
locate (line numbers), sources/files/prepare (reading), plugins/hookspecs, discover, build, starter.
"""

from geomap.layers.build import build_layers, builtin_layers, layers_from_specs
from geomap.layers.discover import Discovery, discover, select
from geomap.layers.hookspecs import hookimpl
from geomap.layers.load import builtin_specs, load_spec, parse_spec
from geomap.layers.places import places_by_place
from geomap.layers.problems import LayerFailedWarning, LayerWarning, SpecError
from geomap.layers.sources import Context, LayerSourceError, read_source
from geomap.layers.spec import (
    MARKER_COLORS,
    RESERVED_NAMES,
    SYMBOLS,
    Layer,
    LayerSpec,
    PopupField,
    template_fields,
)

__all__ = [
    "MARKER_COLORS",
    "RESERVED_NAMES",
    "SYMBOLS",
    "Context",
    "Discovery",
    "Layer",
    "LayerFailedWarning",
    "LayerSourceError",
    "LayerSpec",
    "LayerWarning",
    "PopupField",
    "SpecError",
    "build_layers",
    "builtin_layers",
    "builtin_specs",
    "discover",
    "hookimpl",
    "layers_from_specs",
    "load_spec",
    "parse_spec",
    "places_by_place",
    "read_source",
    "select",
    "template_fields",
]
