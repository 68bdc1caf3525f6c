"""Big point layers (BULK_MIN rows or more): the rows embedded once as compact JSON (compact.py); a
circle layer drawn as one Leaflet path on its own canvas (each circle stamped from a sprite, found under
the mouse through a grid), a marker or cluster layer as Leaflet markers; popups and tooltips built in
the browser on first use from the row's texts with textContent, never as HTML.

The JSON sits in a <script type="application/json"> element that bypasses folium's Jinja passes. Once
every row is on the map the page sets window.geomapBulk[<layer name>] to {count, layer, renderer, show}
(circles; layer.drawn counts the circles its last redraw stamped) or {count, layers, parent, show}
(markers); show(want) keeps the rows whose (time, time_end) want accepts (all for null): the time
slider's filter.
Smaller layers keep the GeoJSON path of draw.py.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template

from geomap.layers import Layer
from geomap.render.compact import COORDINATE_SCALE, compact_layer
from geomap.render.draw import CLUSTER_RADIUS
from geomap.render.safe import html_text
from geomap.render.symbols import pane_name, pane_z
from geomap.render.text import DocumentIndex

BULK_MIN = 2000  # rows from which a point layer takes the bulk path
BULK_SYMBOLS = ("circle", "marker", "cluster")


def is_bulk(layer: Layer) -> bool:
    """True for a circle, marker or cluster layer of BULK_MIN points or more (no connecting lines)."""
    spec, data = layer.spec, layer.data
    if spec.symbol not in BULK_SYMBOLS or len(data) < BULK_MIN or "connect" in spec.style:
        return False
    geoms = data.geometry
    return bool((geoms.geom_type == "Point").all() and not geoms.is_empty.any())


class RawHtml(Element):
    """HTML written into the page as it is: no Jinja pass reads it (so it may be large, and hold braces)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class BulkPoints(MacroElement):
    """The rows of one big layer, added to its FeatureGroup (or MarkerCluster) when the page opens."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
    // All the circles of the layer as one Leaflet path on a canvas: each stamped from a picture of
    // it drawn once per symbol and radius as Leaflet draws a circle (fill, then outline), found under
    // the mouse through a grid of cells. Far quicker than a Leaflet layer per circle.
    var Circles = L.Path.extend({
        initialize: function (d, options) {
            this._d = d;
            this._styles = options;
            this._hit = -1;
            this._shown = null;  // a Uint8Array of the rows shown, or null for all
            L.setOptions(this, {interactive: true, pane: options[0].pane, renderer: options[0].renderer});
        },
        _radius: function (i) { return this._d.radius ? this._d.radius[i] : this._styles[0].radius; },
        _project: function () {
            var d = this._d, map = this._map, n = d.lat.length, cell = 32;
            var xs = this._xs = new Float64Array(n), ys = this._ys = new Float64Array(n), grid = {};
            for (var i = 0; i < n; i++) {
                var p = map.latLngToLayerPoint(latlng(i));
                xs[i] = p.x;
                ys[i] = p.y;
                var key = Math.floor(p.x / cell) + ":" + Math.floor(p.y / cell);
                (grid[key] || (grid[key] = [])).push(i);
            }
            this._grid = grid;
            this._cell = cell;
        },
        _update: function () { if (this._map) { this._updatePath(); } },
        _empty: function () { return false; },
        _updatePath: function () {
            var renderer = this._renderer;
            if (!renderer._drawing) { return; }
            var d = this._d, ctx = renderer._ctx, b = renderer._bounds, n = d.lat.length, drawn = 0;
            var sprites = this._sprites || (this._sprites = {});
            for (var i = 0; i < n; i++) {
                if (this._shown && !this._shown[i]) { continue; }
                var x = Math.round(this._xs[i]), y = Math.round(this._ys[i]);
                var r = Math.max(Math.round(this._radius(i)), 1), s = d.symbol ? d.symbol[i] : 0;
                var key = s + ":" + r;
                var sprite = sprites[key] || (sprites[key] = this._sprite(this._styles[s], r));
                if (x + sprite.half < b.min.x || x - sprite.half > b.max.x ||
                    y + sprite.half < b.min.y || y - sprite.half > b.max.y) { continue; }
                ctx.drawImage(sprite, x - sprite.half, y - sprite.half);
                drawn++;
            }
            this.drawn = drawn;
        },
        _sprite: function (o, r) {
            var pad = Math.ceil(o.stroke !== false && o.weight ? o.weight / 2 : 0) + 1, half = r + pad;
            var canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
            canvas.width = canvas.height = 2 * half;
            canvas.half = half;
            ctx.beginPath();
            ctx.arc(half, half, r, 0, Math.PI * 2, false);
            if (o.fill) {
                ctx.globalAlpha = o.fillOpacity;
                ctx.fillStyle = o.fillColor || o.color;
                ctx.fill(o.fillRule || "evenodd");
            }
            if (o.stroke !== false && o.weight !== 0) {
                ctx.globalAlpha = o.opacity;
                ctx.lineWidth = o.weight;
                ctx.strokeStyle = o.color;
                ctx.stroke();
            }
            return canvas;
        },
        _containsPoint: function (p) {  // the topmost circle under p, kept in this._hit
            var cell = this._cell, cx = Math.floor(p.x / cell), cy = Math.floor(p.y / cell), best = -1;
            var tolerance = this._clickTolerance();
            for (var gx = cx - 1; gx <= cx + 1; gx++) {
                for (var gy = cy - 1; gy <= cy + 1; gy++) {
                    (this._grid[gx + ":" + gy] || []).forEach(function (i) {
                        var dx = this._xs[i] - p.x, dy = this._ys[i] - p.y, r = this._radius(i) + tolerance;
                        if (this._shown && !this._shown[i]) { return; }
                        if (i > best && dx * dx + dy * dy <= r * r) { best = i; }
                    }, this);
                }
            }
            this._hit = best;
            return best >= 0;
        },
        setShown: function (mask) {
            this._shown = mask;
            if (this._map) { this.redraw(); }
        }
    });
    var d = {};
    JSON.parse(document.getElementById({{ this.data_id|tojson }}).textContent)
        .forEach(function (kv) { d[kv[0]] = kv[1]; });
    var symbols = {{ this.symbols|tojson }}, kind = {{ this.kind|tojson }};
    var parent = {{ this._parent.get_name() }}, fields = d.fields;
    if (d.symbol_by) {  // the symbol of each row's category
        var by = d.texts[d.symbol_by[0]][1], table = d.symbol_by[1];
        d.symbol = by.map(function (code) { return table[code]; });
    }
    var texts = d.texts.map(function (c) {  // each a text per row, or [distinct texts, code per row]
        if (c.length !== 2 || !Array.isArray(c[0])) { return c; }
        return {get: function (i) { return c[0][c[1][i]]; }};
    });
    function wanted(want) {  // which rows a time filter keeps (null keeps all)
        if (!want || d.time === undefined) { return null; }
        var mask = new Uint8Array(n);
        for (var i = 0; i < n; i++) {
            var end = d.time_end === undefined ? null : text(d.time_end, i) || null;
            mask[i] = want(text(d.time, i) || null, end) ? 1 : 0;
        }
        return mask;
    }
    function latlng(i) { return [d.lat[i] / {{ this.scale }}, d.lon[i] / {{ this.scale }}]; }
    function text(c, i) { return texts[c].get ? texts[c].get(i) : texts[c][i]; }
    var n = d.lat.length, layers = new Array(n);
    var renderer = kind === "circle" ? L.canvas({pane: {{ this.pane|tojson }}}) : null;
    var options = symbols.map(function (s) {
        if (s.style) { return L.extend({}, s.style, {renderer: renderer}); }
        var icon = s.marker ? L.AwesomeMarkers.icon(s.marker) : L.divIcon(s.pin);
        return {icon: icon, riseOnHover: true};
    });
    function el(tag, cls, content) {
        var e = document.createElement(tag);
        if (cls) { e.className = cls; }
        if (content !== undefined) { e.textContent = content; }
        return e;
    }
    function popup(i) {
        var root = el("div", "geomap-popup"), table = el("table", "geomap-popup-fields");
        root.appendChild(el("div", "geomap-popup-heading", text(d.tooltip, i)));
        fields.forEach(function (f) {
            var value = text(f[1], i);
            if (!value) { return; }
            var tr = el("tr");
            tr.appendChild(el("th", null, f[0]));
            tr.appendChild(el("td", null, value));
            table.appendChild(tr);
        });
        if (table.firstChild) { root.appendChild(table); }
        (d.evidence ? d.evidence[i] : []).forEach(function (q) {
            var div = el("div", "geomap-evidence");
            if (q[0]) { div.appendChild(el("blockquote", null, q[0])); }
            div.appendChild(el("cite", null, q[1]));
            root.appendChild(div);
        });
        return root;
    }
    function bind(layer) {
        if (layer.geomapBound) { return false; }
        layer.geomapBound = true;
        var i = layer.geomapRow;
        layer.bindPopup(function () { return popup(i); },
            {maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [10, 120]});
        layer.bindTooltip(function () { return document.createTextNode(text(d.tooltip, i)); },
            {sticky: true});
        return true;
    }
    function target(e) {
        var layer = e.propagatedFrom || e.layer;
        return layer && layer.geomapRow !== undefined ? layer : null;
    }
    window.geomapBulk = window.geomapBulk || {};
    var name = {{ this.layer_name|tojson }};
    if (kind === "circle") {
        var circles = new Circles(d, options), shown = -1;
        circles.bindTooltip(function () { return document.createTextNode(text(d.tooltip, circles._hit)); },
            {sticky: true});
        circles.on("mousemove", function () {
            if (circles._hit !== shown && circles.getTooltip()) {
                shown = circles._hit;
                circles.getTooltip().update();
            }
        });
        circles.on("mouseout", function () { shown = -1; });
        circles.on("click", function () {
            var i = circles._hit;
            if (i < 0) { return; }
            L.popup({maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [10, 120]})
                .setLatLng(latlng(i)).setContent(popup(i)).openOn(circles._map);
        });
        // Added once the page's script has run, so the map's final view draws them once.
        setTimeout(function () {
            parent.addLayer(circles);
            window.geomapBulk[name] = {count: n, layer: circles, renderer: renderer,
                show: function (want) { circles.setShown(wanted(want)); }};
        }, 0);
        return;
    }
    for (var i = 0; i < n; i++) {
        var layer = L.marker(latlng(i), options[d.symbol ? d.symbol[i] : 0]);
        layer.geomapRow = i;
        layers[i] = layer;
    }
    parent.on("mouseover", function (e) {
        var layer = target(e);
        if (layer && bind(layer)) { layer.openTooltip(e.latlng); }
    });
    parent.on("click", function (e) {
        var layer = target(e);
        if (layer && bind(layer)) { layer.openPopup(e.latlng); }
    });
    function showMarkers(want) {
        var mask = wanted(want), add = [], remove = [];
        layers.forEach(function (layer, i) {
            var keep = !mask || mask[i] === 1, has = parent.hasLayer(layer);
            if (keep && !has) { add.push(layer); }
            if (!keep && has) { remove.push(layer); }
        });
        if (parent.addLayers) {  // a cluster group: in one go
            parent.removeLayers(remove);
            parent.addLayers(add);
        } else {
            remove.forEach(function (layer) { parent.removeLayer(layer); });
            add.forEach(function (layer) { parent.addLayer(layer); });
        }
    }
    setTimeout(function () {
        if ({{ this.cluster|tojson }}) {
            parent.addLayers(layers, true);
        } else {
            layers.forEach(function (layer) { parent.addLayer(layer); });
        }
        window.geomapBulk[name] = {count: n, layers: layers, parent: parent, show: showMarkers};
    }, 0);
})();
{% endmacro %}"""
    )

    def __init__(self, layer: Layer, compact: str, symbols: list[dict[str, Any]]) -> None:
        super().__init__()
        self._name = "BulkPoints"
        self.layer_name = layer.spec.name
        self.kind = "circle" if layer.spec.symbol == "circle" else "marker"
        self.cluster = layer.spec.symbol == "cluster"
        self.scale = COORDINATE_SCALE
        self.pane = pane_name(layer.spec)
        self.compact = compact
        self.symbols = symbols

    @property
    def data_id(self) -> str:
        return f"{self.get_name()}_data"

    def render(self, **kwargs: Any) -> None:
        """Put the rows into the page's body, beside the map, then the script that draws them."""
        tag = f'<script type="application/json" id="{self.data_id}">{self.compact}</script>'
        self.get_root().html.add_child(RawHtml(tag), name=self.data_id)
        super().render(**kwargs)


def bulk_drawing(layer: Layer, docs: DocumentIndex) -> tuple[str, list[dict[str, Any]]]:
    """What the page draws for a big layer: its compact JSON text and distinct symbols."""
    return compact_layer(layer, docs)


def add_bulk_layer(m: folium.Map, layer: Layer, drawn: tuple[str, list[dict[str, Any]]]) -> None:
    """Draw a big layer in its own pane, in a FeatureGroup listed under its (escaped) title."""
    spec = layer.spec
    folium.map.CustomPane(pane_name(spec), z_index=pane_z(spec), pointer_events=True).add_to(m)
    group = folium.FeatureGroup(name=html_text(spec.title), overlay=True, control=True, show=spec.show)
    parent: folium.Element = group
    if spec.symbol == "cluster":
        radius = spec.style.get("cluster_radius", CLUSTER_RADIUS)
        # Not chunkedLoading: markercluster 1.1.0 throws on a moveend (the view settling, a user's
        # pan) that comes while chunks are still being added.
        parent = MarkerCluster(name=spec.name, control=False, maxClusterRadius=radius)
        parent.add_to(group)
    BulkPoints(layer, *drawn).add_to(parent)
    group.add_to(m)
