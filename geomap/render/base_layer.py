"""Online tiles when the page can reach them, else the offline basemap: the page opens on the offline
basemap, asks for one tile of the opening view, and shows the tiles once it loads; if tiles then keep
failing (a few errors, more than loads) it goes back to the offline basemap. A reader's own choice
in the layer control ends the watch. Offline, the page makes that one request and no more."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template

ERRORS = 3  # tile errors, with more errors than loads, before the page gives up on the tiles
WAIT_MS = 8000  # the probe tile not loaded by then: the tiles are taken as unreachable


class TileFallback(MacroElement):
    """Show `tiles` instead of `offline` on `map` when a tile loads; back to `offline` when they fail."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map, tiles, offline) {
    var container = map.getContainer(), watching = true, swapping = false;
    var errors = 0, loads = 0;
    function show(layer, other, name) {
        if (!watching || map.hasLayer(layer)) return;
        swapping = true;
        map.removeLayer(other);
        map.addLayer(layer);
        swapping = false;
        container.dataset.baseLayer = name;
    }
    container.dataset.baseLayer = "offline";
    tiles.on("tileload", function () { loads += 1; });
    tiles.on("tileerror", function () {
        errors += 1;
        if (errors >= {{ this.errors }} && errors > loads) {
            show(offline, tiles, "offline");
            watching = false;
        }
    });
    map.on("baselayerchange", function (e) {  // a reader's choice ends the watch
        if (swapping) return;
        watching = false;
        container.dataset.baseLayer = e.layer === tiles ? "online" : "offline";
    });
    // One tile of the opening view, as the tile layer would ask for it.
    var zoom = Math.round(map.getZoom()), at = map.project(map.getCenter(), zoom).divideBy(256).floor();
    var subdomains = tiles.options.subdomains || "";
    var url = L.Util.template(tiles._url, L.extend({}, tiles.options, {
        x: at.x, y: at.y, z: zoom, r: "", s: subdomains[Math.abs(at.x + at.y) % subdomains.length] || ""
    }));
    var probe = new Image(), timer = setTimeout(function () { probe.src = ""; }, {{ this.wait }});
    probe.onload = function () {
        clearTimeout(timer);
        show(tiles, offline, "online");
    };
    probe.onerror = function () { clearTimeout(timer); };
    probe.src = url;
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
