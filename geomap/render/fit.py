"""The opening view fitted around the panels in the map's corners, once the page has laid them out:
the title and layer control at the top, legend and sources at the bottom. Each side's panels are
cleared either beside them or above and below them, whichever shows the data larger, so that no
panel covers a symbol when the page opens, from a phone to a wide screen."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

# Room kept beyond a panel, and above the data for pins (which rise ~42 px above their point).
GAP, PIN = 12, 44
ROOM = 120  # the least map (px) a way of clearing the panels may leave for the data


class FitClearOfPanels(MacroElement):
    """Fit (south, west, north, east) in the part of the map no corner panel covers."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var box = L.latLngBounds({{ this.bounds|tojson }});
    var gap = {{ this.gap }}, pin = {{ this.pin }}, room = {{ this.room }}, maxZoom = {{ this.max_zoom }};
    function size(vertical, side) {  // the width and height a corner's shown panels take from the map
        var el = map.getContainer().querySelector(".leaflet-" + vertical + ".leaflet-" + side);
        var m = map.getContainer().getBoundingClientRect(), w = 0, h = 0;
        Array.prototype.forEach.call(el ? el.children : [], function (c) {
            var r = c.getBoundingClientRect();
            if (!c.classList.contains("leaflet-control") || !r.width || !r.height) { return; }
            w = Math.max(w, side === "left" ? r.right - m.left : m.right - r.left);
            h = Math.max(h, vertical === "top" ? r.bottom - m.top : m.bottom - r.top);
        });
        return [w, h];
    }
    function fit() {
        if (map._animatingZoom) { map.once("zoomend", fit); return; }  // after the zoom under way
        map.geomapFitted = true;  // a report figure waits for this before refitting the view its own way
        var tl = size("top", "left"), bl = size("bottom", "left");
        var tr = size("top", "right"), br = size("bottom", "right");
        var best = null;
        [true, false].forEach(function (leftBeside) {
            [true, false].forEach(function (rightBeside) {
                var left = leftBeside ? Math.max(tl[0], bl[0]) : 0;
                var right = rightBeside ? Math.max(tr[0], br[0]) : 0;
                var top = Math.max(leftBeside ? 0 : tl[1], rightBeside ? 0 : tr[1]);
                var bottom = Math.max(leftBeside ? 0 : bl[1], rightBeside ? 0 : br[1]);
                var a = L.point(left + gap, top + gap + pin), b = L.point(right + gap, bottom + gap);
                var free = map.getSize().subtract(a).subtract(b);
                if (free.x < room || free.y < room) { return; }  // too little map left between panels
                var zoom = map.getBoundsZoom(box, false, a.add(b));
                if (best === null || zoom > best.zoom) { best = {zoom: zoom, a: a, b: b}; }
            });
        });
        if (best === null) { return; }  // a map too small for any: the view the page opened with
        var limit = map.options.maxBounds;  // a view kept inside the basemap may move by the panels' size
        if (limit) { map.setMaxBounds(null); }
        map.fitBounds(box, {paddingTopLeft: best.a, paddingBottomRight: best.b, maxZoom: maxZoom,
                            animate: false});
        if (limit) { map.setMaxBounds(L.latLngBounds(limit.getSouthWest(), limit.getNorthEast())
                                      .extend(map.getBounds())); }
    }
    map.whenReady(function () { requestAnimationFrame(function () { requestAnimationFrame(fit); }); });
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, view: tuple[float, float, float, float], max_zoom: int = 10) -> None:
        super().__init__()
        self._name = "FitClearOfPanels"
        west, south, east, north = view
        self.bounds = [[south, west], [north, east]]
        self.gap, self.pin, self.room, self.max_zoom = GAP, PIN, ROOM, max_zoom
