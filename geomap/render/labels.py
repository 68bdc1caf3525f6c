"""Names of the places events are about, written beside their symbols where they fit.

A layer whose spec has a `label` template (e.g. "{name}") gives each feature an escaped label. The
page places them greedily (most reported place first) at the first of eight spots around the symbol
that overlaps no data symbol, no label already placed and no map control, and stays inside the
map: beside the symbol, then a long name wrapped on lines, then farther out with a leader line. On
the page, a name that fits nowhere is read from its symbol's tooltip and its row in the list of
events (zooming in makes room); in a report figure it becomes a numbered callout, the number
explained under the legend, so no event place goes unnamed. Placement re-runs whenever the view or
the shown features change, so it holds at every zoom.
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
.geomap-label.geomap-label-wrapped { white-space: normal; line-height: 1.15; overflow-wrap: anywhere; }
.geomap-label.geomap-label-callout { min-width: 16px; height: 16px; padding: 0 3px; box-sizing: border-box;
  border-radius: 8px; background: #1f2328; color: #fff; text-shadow: none; text-align: center;
  font: 700 11px/16px system-ui, sans-serif; }
.geomap-label-leader { position: absolute; left: 0; top: 0; height: 0; border-top: 1.5px solid #3a3f45;
  transform-origin: 0 0; }
.geomap-label-key { margin-top: 4px; }
.geomap-label-key ul { margin: 2px 0 0; padding-left: 0; list-style: none; }
.geomap-label-key li { margin: 1px 0; }
.geomap-label-key-n { display: inline-block; min-width: 1.4em; height: 1.4em; margin-right: 0.4em;
  border-radius: 0.7em; background: #1f2328; color: #fff; font-weight: 700; line-height: 1.4em;
  text-align: center; font-size: 0.9em; }
"""

# `spots` give a label's top-left corner (container pixels) from the symbol's box `s`, the label's
# size and a distance `d` beyond the usual gap: right, left, above, below, then the four corners.
# Labels are tried next to the symbol, then wrapped on lines, then farther out with a leader line;
# a name that fits nowhere becomes a numbered callout, the number explained in the legend's key.
_TEMPLATE = Template(
    "{% macro header(this, kwargs) %}<style>"
    + CSS
    + r"""</style>{% endmacro %}
{% macro script(this, kwargs) %}
(function (map) {
    // px between symbol and label, and from the edge; labels at most; width of a wrapped long name;
    // distances beyond the gap tried with a leader line
    var GAP = 3, EDGE = 2, MOST = 200, WRAP = 130, RINGS = [0, 14, 30, 50];
    var CALLOUT_RINGS = [0, 8, 16, 24, 34, 46, 60, 76, 95];
    var pane = map.createPane("geomap-labels");
    pane.style.zIndex = 640;
    pane.style.pointerEvents = "none";
    var spots = [
        function (s, w, h, d) { return [s.right + GAP + d, (s.top + s.bottom - h) / 2]; },
        function (s, w, h, d) { return [s.left - GAP - d - w, (s.top + s.bottom - h) / 2]; },
        function (s, w, h, d) { return [(s.left + s.right - w) / 2, s.top - GAP - d - h]; },
        function (s, w, h, d) { return [(s.left + s.right - w) / 2, s.bottom + GAP + d]; },
        function (s, w, h, d) { return [s.right + d * 0.7, s.top - h - d * 0.7]; },
        function (s, w, h, d) { return [s.left - w - d * 0.7, s.top - h - d * 0.7]; },
        function (s, w, h, d) { return [s.right + d * 0.7, s.bottom + d * 0.7]; },
        function (s, w, h, d) { return [s.left - w - d * 0.7, s.bottom + d * 0.7]; }
    ];
    function box(el, origin) {
        var r = el.getBoundingClientRect();
        return {left: r.left - origin.left, top: r.top - origin.top,
                right: r.right - origin.left, bottom: r.bottom - origin.top};
    }
    function hits(a, b) {
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }
    function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
    function symbols() {
        var out = [];
        map.eachLayer(function (layer) {
            var el = layer._icon || (layer instanceof L.CircleMarker ? layer._path : null);
            if (el && el.isConnected && el.getClientRects().length) { out.push({layer: layer, el: el}); }
        });
        return out;
    }
    function leader(s, b, shift) {  // a line from the symbol's edge to the label's nearest point
        var cx = (b.left + b.right) / 2, cy = (b.top + b.bottom) / 2;
        var ax = clamp(cx, s.left, s.right), ay = clamp(cy, s.top, s.bottom);
        var bx = clamp((s.left + s.right) / 2, b.left, b.right);
        var by = clamp((s.top + s.bottom) / 2, b.top, b.bottom);
        var line = L.DomUtil.create("div", "geomap-label-leader", pane);
        line.style.width = Math.hypot(bx - ax, by - ay) + "px";
        L.DomUtil.setPosition(line, L.point(ax, ay).add(shift));
        line.style.transform += " rotate(" + Math.atan2(by - ay, bx - ax) + "rad)";
        line.setAttribute("data-line", [ax, ay, bx, by].join(" "));  // map pixels, for the SVG figure
    }
    var timer = null;
    function place() {
        timer = null;
        pane.innerHTML = "";
        var container = map.getContainer(), origin = container.getBoundingClientRect();
        // A report figure numbers the names that fit nowhere; on the page the symbol's tooltip and
        // its row in the list of events name it, and zooming in makes room.
        var figure = container.closest(".geomap-figure");
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
        function fit(label, want, d) {
            var w = label.offsetWidth, h = label.offsetHeight;
            for (var i = 0; i < spots.length; i++) {
                var xy = spots[i](want.box, w, h, d);
                var b = {left: xy[0], top: xy[1], right: xy[0] + w, bottom: xy[1] + h};
                var inside = b.left >= EDGE && b.top >= EDGE
                    && b.right <= size.x - EDGE && b.bottom <= size.y - EDGE;
                if (inside && !taken.some(function (t) { return hits(b, t); })) {
                    taken.push(b);
                    L.DomUtil.setPosition(label, L.point(xy[0], xy[1]).add(shift));
                    if (d) { leader(want.box, b, shift); }
                    return true;
                }
            }
            return false;
        }
        function wrap(label) {  // on lines at most WRAP wide, the box as wide as its longest line
            label.className += " geomap-label-wrapped";
            label.style.width = WRAP + "px";
            var range = document.createRange();
            range.selectNodeContents(label);
            label.style.width = Math.min(WRAP, Math.ceil(range.getBoundingClientRect().width) + 1) + "px";
        }
        function unwrap(label) {
            label.className = label.className.replace(" geomap-label-wrapped", "");
            label.style.width = "";
        }
        var placed = 0, numbered = [], labelled = [];
        order.slice(0, MOST).forEach(function (want) {
            var label = L.DomUtil.create("div", "geomap-label", pane);
            label.innerHTML = want.html;
            var long = label.offsetWidth > WRAP && /\s/.test(label.textContent);
            var ok = RINGS.some(function (d) {  // at each distance: on one line, then on several
                if (fit(label, want, d)) { return true; }
                if (!long) { return false; }
                wrap(label);
                if (fit(label, want, d)) { return true; }
                unwrap(label);
                return false;
            });
            if (!ok && figure) {  // a number near the symbol, the name in the key beside the figure
                unwrap(label);
                label.className += " geomap-label-callout";
                label.textContent = String(numbered.length + 1);
                ok = CALLOUT_RINGS.some(function (d) { return fit(label, want, d); });
                if (ok) { numbered.push(want.html); }
            }
            if (ok) {
                placed += 1;
                var b = want.box, at = map.containerPointToLatLng([(b.left + b.right) / 2, b.bottom]);
                labelled.push({text: label.textContent, lat: at.lat, lng: at.lng});
            } else { pane.removeChild(label); }
        });
        // The basemap leaves out its own name of a place labelled here (one "Harbin", not two).
        map.geomapLabelled = labelled;
        if (map.geomapLayoutNames) { map.geomapLayoutNames(); }
        var where = figure && figure.querySelector(".geomap-figure-legend");
        var key = where && where.querySelector(".geomap-label-key");
        if (key) { key.remove(); }
        if (where && numbered.length) {
            key = document.createElement("div");
            key.className = "geomap-label-key";
            key.innerHTML = "<strong>Numbered on the map</strong><ul>" + numbered.map(function (html, i) {
                return '<li><span class="geomap-label-key-n" aria-hidden="true">' + (i + 1) + "</span>"
                    + html + "</li>";  // escaped where the page was built
            }).join("") + "</ul>";
            where.appendChild(key);
        }
        container.setAttribute("data-geomap-labels", String(placed));
    }
    var final = false;  // a report figure placed them for good: nothing moves them again
    function later() {
        if (timer === null && !final) { timer = setTimeout(place, 30); }
    }
    map.on("zoomstart", function () { pane.innerHTML = ""; });
    map.on("zoomend resize overlayadd overlayremove layeradd layerremove", later);
    map.geomapPlaceLabels = function () {  // the figure's own call (export/figure.py), once it is laid out
        clearTimeout(timer);
        final = true;
        place();
    };
    map.whenReady(later);
    if (window.ResizeObserver) {  // a panel that opens, folds or wraps: the labels move clear of it
        var corners = map.getContainer().querySelectorAll(".leaflet-control-container > div");
        var watch = new ResizeObserver(later);
        corners.forEach(function (el) { watch.observe(el); });
    }
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
