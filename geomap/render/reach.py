"""Every symbol within reach, by mouse, keyboard and screen reader, on any screen size.

- Markers that stack on one point spread out when one is clicked (OverlappingMarkerSpiderfier), so
  each opens its own popup.
- Circles of all circle layers share one pane, where the page keeps the larger below the smaller,
  so a small circle inside a big one can be clicked.
- Markers and circles can be reached with Tab, say what they are (aria-label: their tooltip's text)
  and open their popup with Enter.
- Popups pan clear of the panels in the map's corners; the layer control can be folded away (folded
  from the start on a narrow map) and the title never runs under it.
"""

from __future__ import annotations

from collections.abc import Mapping

import folium
from branca.element import MacroElement
from folium.template import Template

from geomap.render.features import CIRCLE_PANE
from geomap.render.groups import geojson_parts

SPIDERFIER_JS = "https://cdn.jsdelivr.net/npm/overlapping-marker-spiderfier-leaflet@0.2.7/dist/oms.js"
CIRCLE_PANE_Z = 450  # above the line and polygon layers' panes (401-599 by spec z, most near 400-440)
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
.geomap-focusable:focus { outline: 3px solid #1a4f8b; outline-offset: 2px; }
path.geomap-focusable:focus { outline: none; stroke: #1a4f8b; stroke-width: 4px; }
.leaflet-marker-icon:focus { outline: 3px solid #1a4f8b; outline-offset: 2px; }
"""

_SCRIPT = Template(
    """
{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map, geojsons, control, pane) {
    var container = map.getContainer();
    var heading = container.querySelector(".geomap-title h1");
    container.setAttribute("role", "region");  // a landmark that names the map to screen readers
    container.setAttribute("aria-label", "Map" + (heading ? ": " + heading.textContent : ""));
    function plain(html) {  // the text of escaped HTML, read without running or loading anything
        return new DOMParser().parseFromString(html || "", "text/html").body.textContent.trim();
    }
    function label(layer) {
        var p = layer.feature && layer.feature.properties;
        return p ? plain(p.tooltip) : "";
    }
    // Markers on (nearly) one point spread when one is clicked; a spread marker opens its popup.
    var oms = window.OverlappingMarkerSpiderfier
        ? new OverlappingMarkerSpiderfier(map, {
            keepSpiderfied: true, nearbyDistance: 24, legWeight: 2, circleFootSeparation: 36})
        : null;
    if (oms) { oms.addListener("click", function (marker) { marker.openPopup(); }); }
    function describe(layer) {
        var el = layer._icon || layer._path;
        if (!el) { return; }
        var text = label(layer);
        if (text) { el.setAttribute("aria-label", text); }
        if (layer._path) {
            el.setAttribute("tabindex", "0");
            el.setAttribute("role", "button");
            el.classList.add("geomap-focusable");
        }
    }
    function prepare(layer) {
        if (!layer.feature) { return; }
        if (layer instanceof L.Marker && oms) {
            oms.addMarker(layer);
            layer.off("click", layer._openPopup, layer);  // the spiderfier opens it (Enter still does)
        }
        layer.on("add", function () { describe(layer); });
        describe(layer);
    }
    geojsons.forEach(function (g) { g.eachLayer(prepare); });

    // The larger circle below the smaller one, whatever layer each is in.
    var sorting = false;
    function sortCircles() {
        sorting = false;
        var circles = [];
        map.eachLayer(function (l) {
            if (l instanceof L.CircleMarker && l.options.pane === pane && l._path) { circles.push(l); }
        });
        circles.sort(function (a, b) { return b.getRadius() - a.getRadius(); });
        var painted = circles.slice().sort(function (a, b) {  // in the order they are painted now
            return a._path.compareDocumentPosition(b._path) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
        });
        var ordered = painted.every(function (l, i) {
            return i === 0 || l.getRadius() <= painted[i - 1].getRadius();
        });
        if (ordered) { return; }  // nothing moves under the pointer (a move would lose a click)
        var active = document.activeElement;
        circles.forEach(function (l) { l.bringToFront(); });
        if (active && active !== document.activeElement && active.focus) { active.focus(); }
    }
    map.on("layeradd", function (e) {
        var circle = e.layer instanceof L.CircleMarker && e.layer.options.pane === pane;
        if (circle && !sorting) { sorting = true; setTimeout(sortCircles, 0); }
    });
    sortCircles();

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
    var folded = map.getSize().x < {{ this.narrow }} || map.getSize().y < {{ this.short }};
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
        foldLegend(map.getSize().x < {{ this.phone }} || map.getSize().y < {{ this.short }});
    }
    fit();
    map.on("resize", fit);
    control.getContainer().addEventListener("transitionend", fit);
    map.on("overlayadd overlayremove baselayerchange", fit);
    new MutationObserver(fit).observe(control.getContainer(), {attributes: true, attributeFilter: ["class"]});
})({{ this._parent.get_name() }}, [
{%- for geo in this.geojsons %}
    {{ geo.get_name() }}{{ "," if not loop.last }}
{%- endfor %}
], {{ this.control.get_name() }}, {{ this.pane|tojson }});
{% endmacro %}
"""
)


class Reach(MacroElement):
    """The script that puts every marker and circle of the layers within reach (see the module's doc)."""

    _template = _SCRIPT

    def __init__(self, groups: Mapping[str, folium.FeatureGroup], control: folium.LayerControl) -> None:
        super().__init__()
        self._name = "Reach"
        self.geojsons = [geo for _, group in sorted(groups.items()) for geo, _ in geojson_parts(group)]
        self.control = control
        self.pane = CIRCLE_PANE
        self.narrow, self.short, self.phone = NARROW, SHORT, PHONE
        self.css = _CSS


def set_language(m: folium.Map, lang: str = "en") -> None:
    """Say the page's language (the labels geomap writes are English) on <html>, for screen readers."""
    root = m.get_root()
    root._template = Template(_FIGURE.replace("<html>", f'<html lang="{lang}">', 1))


# branca's Figure page, as branca writes it (checked by a test), with the language added above.
_FIGURE = (
    "<!DOCTYPE html>\n"
    "<html>\n"
    "<head>\n"
    "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
    "    {{this.header.render(**kwargs)}}\n"
    "</head>\n"
    "<body>\n"
    "    {{this.html.render(**kwargs)}}\n"
    "</body>\n"
    "<script>\n"
    "    {{this.script.render(**kwargs)}}\n"
    "</script>\n"
    "</html>\n"
)


def add_circle_pane(m: folium.Map) -> None:
    """The pane every circle layer's points are drawn in (before the layers that use it)."""
    folium.map.CustomPane(CIRCLE_PANE, z_index=CIRCLE_PANE_Z, pointer_events=True).add_to(m)
