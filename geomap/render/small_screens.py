"""The map on any screen: popups clear of the panels, a layer control and a legend that fold away.

- Popups pan clear of the panels in the map's corners (Leaflet's autoPan padding from the top panels'
  size, then the smallest shift that clears any panel still under the popup); where there is no
  room (a phone), the panels under a popup step aside until it closes. A popup fits a phone's map,
  and a long one is a named region the keyboard can scroll.
- The layer control has a close button and starts folded on a small map; the legend folds to its
  heading on a phone-sized one; the panels on the left never run under those on the right.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template

NARROW, SHORT = 1000, 500  # a map narrower or lower than this (pixels) opens with the layer control folded
PHONE = 640  # ... and one narrower than this with the legend folded to its heading too

_CSS = """
.geomap-layers-close { float: right; border: 0; background: none; font: 600 16px/1 system-ui, sans-serif;
  color: #333; cursor: pointer; padding: 0 2px 2px 8px; }
.geomap-yield { visibility: hidden; }
.geomap-legend-fold { font: inherit; font-weight: 600; color: inherit; background: none; border: 0;
  padding: 0; cursor: pointer; }
.geomap-legend-fold::after { content: " \\25BE"; }
.geomap-legend-folded .geomap-legend-fold::after { content: " \\25B8"; }
.geomap-legend-folded > :not(.geomap-legend-heading) { display: none !important; }
.geomap-legend-folded .geomap-legend-heading { margin: 0; }
"""

_SCRIPT = Template(
    """
{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map, control) {
    var container = map.getContainer();
    // Popups pan clear of the panels in the corners: Leaflet's autoPan keeps them below the top
    // panels (padding from those panels' size), then the smallest shift that clears any panel still
    // under the popup, within the map, is made.
    function rect(el) {
        var box = container.getBoundingClientRect(), r = el.getBoundingClientRect();
        return {left: r.left - box.left, top: r.top - box.top,
                right: r.right - box.left, bottom: r.bottom - box.top};
    }
    function panels() {
        return Array.prototype.filter.call(container.querySelectorAll(".leaflet-control"), function (c) {
            return c.offsetWidth > 0 && !c.classList.contains("leaflet-control-attribution");
        }).map(rect);
    }
    function hits(a, b) {
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }
    function moved(r, dx, dy) {
        return {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
    }
    function clear(popup) {
        var el = popup.getElement();
        if (!el || !popup.isOpen()) { return; }
        var p = rect(el), boxes = panels(), size = map.getSize(), best = null;
        var under = boxes.filter(function (b) { return hits(p, b); });
        if (!under.length) { return; }
        var shifts = [];
        under.forEach(function (b) {
            shifts.push([b.right - p.left + 8, 0], [b.left - p.right - 8, 0], [0, b.bottom - p.top + 8],
                        [0, b.top - p.bottom - 8]);
        });
        shifts.forEach(function (s) {
            var q = moved(p, s[0], s[1]);
            var inside = q.left >= 0 && q.top >= 0 && q.right <= size.x && q.bottom <= size.y;
            if (!inside || boxes.some(function (b) { return hits(q, b); })) { return; }
            var cost = Math.abs(s[0]) + Math.abs(s[1]);
            if (!best || cost < Math.abs(best[0]) + Math.abs(best[1])) { best = s; }
        });
        if (best) { map.panBy([-best[0], -best[1]], {animate: false}); return; }
        // No room beside the panels (a phone): those under the popup step aside until it closes.
        container.querySelectorAll(".leaflet-control").forEach(function (c) {
            if (c.offsetWidth && !c.classList.contains("leaflet-control-layers") && hits(p, rect(c))) {
                c.classList.add("geomap-yield");
            }
        });
    }
    map.on("popupclose", function () {
        container.querySelectorAll(".geomap-yield").forEach(function (c) {
            c.classList.remove("geomap-yield");
        });
    });
    map.on("popupopen", function (e) {
        var widest = Math.max(160, map.getSize().x - 60);  // a popup fits a phone's map
        if (e.popup.options.maxWidth > widest) {
            e.popup.options.maxWidth = widest;
            e.popup.update();
        }
        var content = e.popup.getElement().querySelector(".leaflet-popup-content");
        if (content) {  // a long popup scrolls: the keyboard must reach it to scroll it
            content.setAttribute("tabindex", "0");
            content.setAttribute("role", "region");
            var heading = content.querySelector(".geomap-popup-heading");
            content.setAttribute("aria-label", heading ? heading.textContent : "Popup");
        }
        var top = 0, p = rect(e.popup.getElement());
        container.querySelectorAll(".leaflet-top .leaflet-control").forEach(function (c) {
            var b = rect(c);
            if (c.offsetWidth && b.right > p.left && b.left < p.right) { top = Math.max(top, b.bottom); }
        });
        e.popup.options.autoPanPaddingTopLeft = [10, Math.min(top, size().y * 0.4) + 8];
        if (e.popup._adjustPan) { e.popup._adjustPan(); }
        settled(function () { clear(e.popup); }, 20);
    });
    function settled(then, tries) {  // once autoPan's animation has ended
        setTimeout(function () {
            var moving = map._panAnim && map._panAnim._inProgress;
            if (moving && tries > 0) { settled(then, tries - 1); } else { then(); }
        }, 100);
    }
    function size() { return map.getSize(); }

    // The layer control folds away: a close button in its list, and folded on a narrow map.
    var form = control.getContainer().querySelector(".leaflet-control-layers-list");
    var toggle = control.getContainer().querySelector(".leaflet-control-layers-toggle");
    if (toggle) {
        toggle.setAttribute("aria-label", "Show the layer list");
        toggle.setAttribute("title", "Layers");
    }
    if (form) {
        var close = document.createElement("button");
        close.type = "button";
        close.className = "geomap-layers-close";
        close.setAttribute("aria-label", "Hide the layer list");
        close.textContent = "\\u00d7";
        form.insertBefore(close, form.firstChild);
        L.DomEvent.on(close, "click", function (e) {
            L.DomEvent.stop(e);
            control.collapse();
            if (toggle) { toggle.focus(); }
        });
    }
    // Folded from the start on a small map (a phone, a small window or embedded map), where the open
    // list would cover the data; the reader opens it with its button.
    // A static figure (an ancestor with class geomap-figure, e.g. a report page's root) folds nothing.
    var still = !!container.closest(".geomap-figure");
    var folded = !still && (map.getSize().x < {{ this.narrow }} || map.getSize().y < {{ this.short }});
    map.on("click", function () { if (folded) { control.collapse(); } });
    // The panels on the left never run under those on the right of the same edge.
    function fit() {
        var width = map.getSize().x;
        ["top", "bottom"].forEach(function (edge) {
            var right = container.querySelector(".leaflet-" + edge + ".leaflet-right");
            var left = container.querySelectorAll(".leaflet-" + edge + ".leaflet-left .geomap-panel");
            var used = right ? right.getBoundingClientRect().width : 0;
            left.forEach(function (panel) {
                panel.style.maxWidth = Math.max(160, Math.min(340, width - used - 30)) + "px";
            });
        });
    }
    if (folded) { control.collapse(); }
    // The legend folds to its heading on a phone-sized map (its button opens it again).
    var legend = container.querySelector(".geomap-legend");
    var legendHeading = legend && legend.querySelector(".geomap-legend-heading");
    if (legendHeading) {
        var fold = document.createElement("button");
        fold.type = "button";
        fold.className = "geomap-legend-fold";
        fold.textContent = legendHeading.textContent;
        legendHeading.textContent = "";
        legendHeading.appendChild(fold);
        function foldLegend(on) {
            legend.classList.toggle("geomap-legend-folded", on);
            fold.setAttribute("aria-expanded", on ? "false" : "true");
            fit();
        }
        fold.addEventListener("click", function () {
            foldLegend(!legend.classList.contains("geomap-legend-folded"));
        });
        foldLegend(!still && (map.getSize().x < {{ this.phone }} || map.getSize().y < {{ this.short }}));
    }
    fit();
    map.on("resize", fit);
    control.getContainer().addEventListener("transitionend", fit);
    map.on("overlayadd overlayremove baselayerchange", fit);
    new MutationObserver(fit).observe(control.getContainer(), {attributes: true, attributeFilter: ["class"]});
})({{ this._parent.get_name() }}, {{ this.control.get_name() }});
{% endmacro %}
"""
)


class SmallScreens(MacroElement):
    """The script that keeps popups, panels and the layer control out of each other's way."""

    _template = _SCRIPT

    def __init__(self, control: folium.LayerControl) -> None:
        super().__init__()
        self._name = "SmallScreens"
        self.control = control
        self.narrow, self.short, self.phone = NARROW, SHORT, PHONE
        self.css = _CSS
