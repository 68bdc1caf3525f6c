"""Online tiles first, the offline basemap by itself when they fail: after a few tile errors with
no tile loaded, or when none has loaded a while after opening, the page swaps the base layers (a
reader can still switch back in the layer control)."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template

ERRORS = 3  # tile errors, with more errors than loads, before the page gives up on the tiles
WAIT_MS = 8000  # no tile loaded this long after opening: the tiles are taken as unreachable


class TileFallback(MacroElement):
    """Swap `tiles` for `offline` on `map` when the tiles cannot be had; the swap happens once."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map, tiles, offline) {
    var errors = 0, loads = 0, done = false;
    function fallBack() {
        if (done || !map.hasLayer(tiles)) return;
        done = true;
        map.removeLayer(tiles);
        map.addLayer(offline);
        map.getContainer().dataset.baseLayer = "offline";
    }
    map.getContainer().dataset.baseLayer = "online";
    tiles.on("tileload", function () { loads += 1; });
    tiles.on("tileerror", function () {
        errors += 1;
        if (errors >= {{ this.errors }} && errors > loads) fallBack();
    });
    setTimeout(function () { if (!loads) fallBack(); }, {{ this.wait }});
    map.on("baselayerchange", function (e) {  // a reader's choice ends the watch
        done = true;
        map.getContainer().dataset.baseLayer = e.layer === tiles ? "online" : "offline";
    });
})({{ this._parent.get_name() }}, {{ this.tiles.get_name() }}, {{ this.offline.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, tiles: folium.map.Layer, offline: folium.map.Layer, *, errors: int = ERRORS,
                 wait_ms: int = WAIT_MS) -> None:
        super().__init__()
        self._name = "TileFallback"
        self.tiles, self.offline = tiles, offline
        self.errors, self.wait = int(errors), int(wait_ms)
