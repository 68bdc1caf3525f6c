"""Specs to drawable layers: each spec read in turn, a failing plugin or callable left out unless strict."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from geomap.layers.load import builtin_specs
from geomap.layers.problems import LayerFailedWarning
from geomap.layers.sources import Context, LayerSourceError, read_source
from geomap.layers.spec import Layer, LayerSpec


def build_layers(specs: Iterable[LayerSpec], context: Context, *, strict: bool = False) -> list[Layer]:
    """One Layer per spec with rows for this build, in (z, name) order; failing sources fatal if strict."""
    layers = []
    for spec in specs:
        try:
            layer = read_source(spec, context=context, strict=strict)
        except LayerSourceError as err:
            if strict:
                raise
            warnings.warn(f"{err} (layer {spec.name!r} left out)", LayerFailedWarning, stacklevel=2)
            continue
        if layer is not None:
            layers.append(layer)
    return sorted(layers, key=lambda layer: (layer.spec.z, layer.spec.name))


def layers_from_specs(specs: Iterable[LayerSpec], tables: Mapping[str, Any]) -> list[Layer]:
    """One Layer per spec whose source has data for this build (strict), in (z, name) order."""
    return build_layers(specs, Context(tables=tables), strict=True)


def builtin_layers(tables: Mapping[str, Any]) -> list[Layer]:
    """The built-in layers (border, places, crossings, traffic, visits) over the event tables."""
    return layers_from_specs(builtin_specs(), tables)
