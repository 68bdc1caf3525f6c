"""Plugins: entry points of group `geomap.layers`, each loaded and asked alone."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pluggy

from geomap.layers import hookspecs

GROUP = "geomap.layers"
_state: dict[str, Any] = {}  # the plugin manager and its load failures, made on first use


@dataclass(frozen=True)
class PluginLayer:
    """A layer's data function from a plugin, with the spec keys it came with (None: data only)."""

    name: str
    function: Callable[..., Any]
    plugin: str
    spec: Mapping[str, Any] | None = None


@dataclass
class Plugins:
    """What the installed plugins provide, and one line per plugin that failed to load or answer."""

    layers: dict[str, PluginLayer] = field(default_factory=dict)
    spec_files: list[tuple[str, Path]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _error(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}"


def plugin_manager() -> pluggy.PluginManager:
    """The plugin manager with every `geomap.layers` entry point that loads registered."""
    if "pm" not in _state:
        pm = pluggy.PluginManager("geomap")
        pm.add_hookspecs(hookspecs)
        failures = []
        # pm.load_setuptools_entrypoints(GROUP) would stop at the first plugin that fails to import.
        for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
            if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
                continue
            try:
                pm.register(ep.load(), name=ep.name)
            except Exception as err:
                failures.append(f"plugin {ep.name!r} ({ep.value}): cannot load: {_error(err)}")
        _state.update(pm=pm, failures=failures)
    return _state["pm"]


def reset_plugins() -> None:
    """Forget the loaded plugins (after installing or removing one), so the next use looks again."""
    _state.clear()


def _layer_item(item: object, plugin: str) -> PluginLayer:
    """One item of a geomap_layers() answer; ValueError says what was expected."""
    expected = "(name, function) pairs or dicts with 'name' and 'function'"
    if isinstance(item, tuple | list) and len(item) == 2:
        name, function, spec = item[0], item[1], None
    elif isinstance(item, Mapping) and "name" in item and "function" in item:
        name, function = item["name"], item["function"]
        spec = (
            {k: v for k, v in item.items() if k != "function"} if set(item) - {"name", "function"} else None
        )
    else:
        raise ValueError(f"returned {item!r} (expected {expected})")
    if not isinstance(name, str) or not name or not callable(function):
        raise ValueError(f"returned {item!r} (expected {expected}: a name string and a callable)")
    return PluginLayer(name, function, plugin, spec)


def plugins() -> Plugins:
    """Ask every plugin for its layers and spec files; failures are collected, never raised."""
    pm = plugin_manager()
    found = Plugins(failures=list(_state["failures"]))
    for impl in reversed(pm.hook.geomap_layers.get_hookimpls()):  # in registration order
        plugin = impl.plugin_name
        try:
            answer = impl.function()
            items = [
                _layer_item(item, plugin)
                for item in (answer if isinstance(answer, list | tuple) else [answer])
            ]
        except Exception as err:
            found.failures.append(f"plugin {plugin!r}: geomap_layers() {_failure(err)}")
            continue
        for layer in items:
            if layer.name in found.layers:
                first = found.layers[layer.name].plugin
                found.failures.append(
                    f"plugin {plugin!r}: layer {layer.name!r} is provided by plugin {first!r} too"
                )
            else:
                found.layers[layer.name] = layer
    for impl in reversed(pm.hook.geomap_layer_specs.get_hookimpls()):
        plugin = impl.plugin_name
        try:
            answer = impl.function()
            paths = [Path(p) for p in (answer if isinstance(answer, list | tuple) else [answer])]
        except Exception as err:
            found.failures.append(f"plugin {plugin!r}: geomap_layer_specs() {_failure(err)}")
            continue
        found.spec_files += [(plugin, p) for p in paths]
    return found


def _failure(err: Exception) -> str:
    return (
        str(err)
        if isinstance(err, ValueError) and str(err).startswith("returned")
        else f"raised {_error(err)}"
    )
