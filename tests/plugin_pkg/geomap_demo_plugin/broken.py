"""A plugin whose hook fails: geomap must report it and go on with the other plugins."""

import pluggy

hookimpl = pluggy.HookimplMarker("geomap")


@hookimpl
def geomap_layers():
    raise RuntimeError("the broken demo plugin fails on purpose")
