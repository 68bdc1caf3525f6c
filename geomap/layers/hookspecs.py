"""The hooks a geomap plugin implements; plugins register under the entry-point group `geomap.layers`."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("geomap")
hookimpl = pluggy.HookimplMarker("geomap")


@hookspec
def geomap_layers():
    """Layers this plugin provides: (name, function) pairs, or dicts with name, function and spec keys."""


@hookspec
def geomap_layer_specs():
    """Paths of the layer spec (TOML) files this plugin ships."""
