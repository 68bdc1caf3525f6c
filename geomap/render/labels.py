"""Names of the places events are about, written beside their symbols where they fit.

A layer whose spec has a `label` template (e.g. "{name}") gives each feature an escaped label. The
page places them greedily (most reported place first) at the first of eight spots around the symbol
that overlaps no data symbol, no label already placed and no map control, and stays inside the
map; a label that fits nowhere is left out. Placement re-runs whenever the view or the shown
features change, so it holds at every zoom.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from branca.element import MacroElement
from folium.template import Template

from geomap.layers import LayerSpec
from geomap.render.formats import MISSING
from geomap.render.text import fill_template, template_columns

_LIST = re.compile(r"\s*;\s*")  # a cell naming several places ("Heihe;Blagoveshchensk")
PAIR_DASH = "–"  # how a label joins the places of a pair


def label_html(row: Mapping[str, Any], spec: LayerSpec) -> str:
    """The feature's label as escaped HTML, '' when the spec has none or its cells are empty; a cell
    listing places (separated by ';') reads as a pair, 'Heihe–Blagoveshchensk'."""
    if not spec.label:
        return ""
    columns = template_columns(spec.label)
    cells = {
        name: PAIR_DASH.join(p for p in _LIST.split(v) if p) if isinstance(v, str) else v
        for name in columns
        for v in [row.get(name)]
    }
    # Punctuation left by empty cells goes; not ';', which ends an escaped entity.
    return fill_template(spec.label, cells).replace(MISSING, "").strip(" ,:–-()")


CSS = """
.geomap-label { position: absolute; left: 0; top: 0; white-space: nowrap;
  font: 600 12px/1.25 system-ui, sans-serif; color: #1f2328;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.geomap-label.geomap-label-wrapped { white-space: normal; line-height: 1.15; }
"""

# `spots` give a label's top-left corner (container pixels) from the symbol's box `s` and the label's
# size: right, left, above, below, then the four corners.
_TEMPLATE = Template(
    "{% macro header(this, kwargs) %}<style>"
    + CSS
    + r"""</style>{% endmacro %}
{% macro script(this, kwargs) %}
(function (map) {
    // px between symbol and label, and from the edge; labels at most; width of a wrapped long name
    var GAP = 3, EDGE = 2, MOST = 200, WRAP = 130;
    var pane = map.createPane("geomap-labels");
    pane.style.zIndex = 640;
    pane.style.pointerEvents = "none";
    var spots = [
        function (s, w, h) { return [s.right + GAP, (s.top + s.bottom - h) / 2]; },
        function (s, w, h) { return [s.left - GAP - w, (s.top + s.bottom - h) / 2]; },
        function (s, w, h) { return [(s.left + s.right - w) / 2, s.top - GAP - h]; },
        function (s, w, h) { return [(s.left + s.right - w) / 2, s.bottom + GAP]; },
        function (s, w, h) { return [s.right, s.top - h]; },
        function (s, w, h) { return [s.left - w, s.top - h]; },
        function (s, w, h) { return [s.right, s.bottom]; },
        function (s, w, h) { return [s.left - w, s.bottom]; }
    ];
    function box(el, origin) {
        var r = el.getBoundingClientRect();
        return {left: r.left - origin.left, top: r.top - origin.top,
                right: r.right - origin.left, bottom: r.bottom - origin.top};
    }
    function hits(a, b) {
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }
    function symbols() {
        var out = [];
        map.eachLayer(function (layer) {
            var el = layer._icon || (layer instanceof L.CircleMarker ? layer._path : null);
            if (el && el.isConnected && el.getClientRects().length) { out.push({layer: layer, el: el}); }
        });
        return out;
    }
    var timer = null;
    function place() {
        timer = null;
        pane.innerHTML = "";
        var container = map.getContainer(), origin = container.getBoundingClientRect();
        var size = map.getSize(), shift = map.containerPointToLayerPoint([0, 0]);
        var found = symbols(), taken = [], wanted = Object.create(null), order = [];
        var view = {left: 0, top: 0, right: size.x, bottom: size.y};
        found.forEach(function (sym) {
            var b = box(sym.el, origin);
            if (!hits(b, view)) { return; }  // off screen: neither in the way nor labelled
            taken.push(b);
            var p = sym.layer.feature && sym.layer.feature.properties;
            if (!p || !p.label) { return; }
            if (!wanted[p.label]) {
                wanted[p.label] = {html: p.label, box: b, count: 0};
                order.push(wanted[p.label]);
            }
            wanted[p.label].count += 1;
        });
        container.querySelectorAll(".leaflet-control").forEach(function (el) {
            if (el.getClientRects().length) { taken.push(box(el, origin)); }
        });
        order.sort(function (a, b) { return b.count - a.count || a.box.top - b.box.top; });
        var placed = 0;
        function fit(label, want) {
            var w = label.offsetWidth, h = label.offsetHeight;
            for (var i = 0; i < spots.length; i++) {
                var xy = spots[i](want.box, w, h);
                var b = {left: xy[0], top: xy[1], right: xy[0] + w, bottom: xy[1] + h};
                var inside = b.left >= EDGE && b.top >= EDGE
                    && b.right <= size.x - EDGE && b.bottom <= size.y - EDGE;
                if (inside && !taken.some(function (t) { return hits(b, t); })) {
                    taken.push(b);
                    L.DomUtil.setPosition(label, L.point(xy[0], xy[1]).add(shift));
                    return true;
                }
            }
            return false;
        }
        var placed = 0;
        order.slice(0, MOST).forEach(function (want) {
            var label = L.DomUtil.create("div", "geomap-label", pane);
            label.innerHTML = want.html;
            var long = label.offsetWidth > WRAP && /\s/.test(label.textContent);
            var ok = fit(label, want);
            if (!ok && long) {  // a long name may fit on two or three lines
                label.className += " geomap-label-wrapped";
                label.style.width = WRAP + "px";
                ok = fit(label, want);
            }
            if (ok) { placed += 1; } else { pane.removeChild(label); }
        });
        container.setAttribute("data-geomap-labels", String(placed));
    }
    function later() {
        if (timer === null) { timer = setTimeout(place, 30); }
    }
    map.on("zoomstart", function () { pane.innerHTML = ""; });
    map.on("zoomend resize overlayadd overlayremove layeradd layerremove", later);
    map.geomapPlaceLabels = place;
    map.whenReady(later);
})({{ this._parent.get_name() }});
{% endmacro %}
"""
)


class PlaceLabels(MacroElement):
    """The page script that places the features' labels (see the module's note), and their style."""

    _template = _TEMPLATE

    def __init__(self) -> None:
        super().__init__()
        self._name = "PlaceLabels"
