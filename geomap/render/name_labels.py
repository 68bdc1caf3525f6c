"""The offline basemap's place names on the page: text laid out by the browser at each zoom, the
higher-ranked first, a name left out where it would overlap one already placed; shown only while
the offline basemap is (online tiles carry their own names)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import folium
from branca.element import MacroElement
from folium.template import Template

from geomap.render.place_names import PlaceName
from geomap.render.safe import script_string

PANE = "geomap-names"
PANE_Z = 390  # over the basemap (250), under every data layer (401-599) and marker (600)
KINDS = {"country": 0, "capital": 1, "city": 2}

CSS = """
.leaflet-geomap-names-pane { pointer-events: none; }
.geomap-name { position: absolute; white-space: nowrap; font: 12px/1 system-ui, sans-serif;
  color: #3d3d3d; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.geomap-name-capital { font-weight: 600; }
.geomap-name-dot { position: absolute; width: 5px; height: 5px; margin: -3.5px 0 0 -3.5px;
  border-radius: 50%; background: #555; border: 1px solid #fff; }
.geomap-name-dot-capital { background: #fff; border: 1.5px solid #333; }
.geomap-name-country { font-size: 11px; letter-spacing: 0.12em; text-transform: uppercase;
  color: #5b5048; font-weight: 600; }
"""

_TEMPLATE = Template(
    """
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
(function (map, base) {
    var names = JSON.parse({{ this.data }});
    var pane = map.getPane({{ this.pane|tojson }}) || map.createPane({{ this.pane|tojson }});
    pane.style.zIndex = {{ this.z }};
    var box = L.DomUtil.create("div", "geomap-names", pane);
    box.setAttribute("aria-hidden", "true");
    var KIND_NAMES = ["country", "capital", "city"];
    var SAME = 40;  // px: a data label this near a city of the same name already names it
    var measure = document.createElement("canvas").getContext("2d");
    var FONTS = ["600 11px system-ui, sans-serif", "600 12px system-ui, sans-serif",
                 "12px system-ui, sans-serif"];
    function width(text, kind) {
        measure.font = FONTS[kind];
        return measure.measureText(kind === 0 ? text.toUpperCase() : text).width
            + (kind === 0 ? text.length * 1.4 : 0);
    }
    function free(taken, r) {
        for (var i = 0; i < taken.length; i++) {
            var t = taken[i];
            if (r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3]) return false;
        }
        return true;
    }
    // What a name must not cover: the map's controls, its markers and small symbols (not lines
    // or areas, whose boxes span the map), as boxes in the map's pixels.
    function obstacles() {
        var root = map.getContainer(), at = root.getBoundingClientRect(), out = [];
        var symbols = ".leaflet-control, .leaflet-marker-icon, .leaflet-interactive, .leaflet-tooltip, "
            + ".geomap-label, .geomap-label-leader";
        root.querySelectorAll(symbols)
            .forEach(function (el) {
                if (el.closest(".leaflet-geomap-basemap-pane")) return;
                var r = el.getBoundingClientRect();
                if (!r.width && !r.height) return;
                if (el.tagName.toLowerCase() === "path" && (r.width > 120 || r.height > 120)) return;
                if (r.width > 400 && r.height > 300) return;  // a layer's box over the whole map
                out.push([r.left - at.left, r.top - at.top, r.right - at.left, r.bottom - at.top]);
            });
        return out;
    }
    function layout() {
        box.textContent = "";
        if (!map.hasLayer(base)) return;
        var zoom = map.getZoom(), size = map.getSize(), blocked = obstacles(), taken = [], placed = {};
        var centre = map.getCenter();
        // Places the data's own labels name (labels.py): not named twice
        var own = (map.geomapLabelled || []).map(function (o) {
            return {text: o.text, at: map.latLngToContainerPoint([o.lat, o.lng])};
        });
        function named(text, p) {
            return own.some(function (o) {
                return o.text === text && Math.abs(o.at.x - p.x) < SAME && Math.abs(o.at.y - p.y) < SAME;
            });
        }
        var chosen = names.filter(function (n) { return n[4] <= zoom + 0.01 && zoom < n[5]; });
        // Among the names of one rank, those nearer the middle of the view first.
        chosen.sort(function (a, b) {
            return a[6] - b[6] || (Math.abs(a[1] - centre.lat) + Math.abs(a[2] - centre.lng))
                - (Math.abs(b[1] - centre.lat) + Math.abs(b[2] - centre.lng));
        });
        chosen.forEach(function (n) {
            var kind = n[3];
            if (kind === 0 && placed[n[0]]) return;  // a country named once in view
            var p = map.latLngToContainerPoint([n[1], n[2]]);
            if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return;
            if (kind !== 0 && named(n[0], p)) return;
            var w = width(n[0], kind) + 2, h = 13, spots;
            if (kind === 0) {
                spots = [[p.x - w / 2, p.y - h / 2]];
            } else {  // beside its dot: right, left, above, below
                spots = [[p.x + 6, p.y - h / 2], [p.x - 6 - w, p.y - h / 2],
                         [p.x - w / 2, p.y - 4 - h], [p.x - w / 2, p.y + 4]];
            }
            for (var i = 0; i < spots.length; i++) {
                var r = [spots[i][0] - 2, spots[i][1] - 1, spots[i][0] + w + 2, spots[i][1] + h + 1];
                var inside = r[0] >= 0 && r[1] >= 0 && r[2] <= size.x && r[3] <= size.y;
                var spot = [p.x - 4, p.y - 4, p.x + 4, p.y + 4];
                // A name clears the map's symbols and the other names; a city's dot may sit under
                // the symbol that marks the same place, not under another name.
                if (!inside || !free(blocked, r) || !free(taken, r) || !free(taken, spot)) continue;
                taken.push(r);
                if (kind !== 0) taken.push(spot);
                placed[n[0]] = true;
                var el = L.DomUtil.create("div", "geomap-name geomap-name-" + KIND_NAMES[kind], box);
                el.textContent = n[0];
                var at = map.containerPointToLayerPoint([spots[i][0], spots[i][1]]);
                L.DomUtil.setPosition(el, at);
                if (kind !== 0) {  // the dot on the place, whichever side its name is on
                    var dot = L.DomUtil.create("div", "geomap-name-dot geomap-name-dot-" + KIND_NAMES[kind],
                                               box);
                    L.DomUtil.setPosition(dot, map.containerPointToLayerPoint(p));
                }
                return;
            }
        });
    }
    map.on("zoomstart", function () { box.style.display = "none"; });
    // After the map's own handlers: its symbols are moved to the new view first.
    var pending = null;
    function later() {
        clearTimeout(pending);
        pending = setTimeout(function () {
            box.style.display = "";
            layout();
            box.dataset.layouts = (Number(box.dataset.layouts) || 0) + 1;  // for tests: one more done
        }, 0);
    }
    map.on("zoomend moveend resize baselayerchange overlayadd overlayremove", later);
    map.geomapLayoutNames = later;  // again once the data's labels are placed (labels.py)
    base.on("add remove", later);
    map.whenReady(later);
})({{ this._parent.get_name() }}, {{ this.base.get_name() }});
{% endmacro %}
"""
)


class NameLabels(MacroElement):
    """Place names over the offline basemap layer `base` (a folium layer on the same map)."""

    _template = _TEMPLATE

    def __init__(self, names: Sequence[PlaceName], base: folium.map.Layer) -> None:
        super().__init__()
        self._name = "NameLabels"
        self.base = base
        self.pane, self.z, self.css = PANE, PANE_Z, CSS
        rows = [[n.name, n.lat, n.lon, KINDS[n.kind], n.min_zoom, n.max_zoom, n.rank] for n in names]
        # A string the page parses: names from a data file are never read as script or as Jinja.
        self.data = script_string(json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
