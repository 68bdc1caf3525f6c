"""Every symbol within reach, by mouse, keyboard and screen reader.

- Markers that stack on one point spread out when one is clicked (OverlappingMarkerSpiderfier), so
  each opens its own popup.
- Circles of all circle layers share one pane, where the page keeps the larger below the smaller,
  so a small circle inside a big one can be clicked.
- Markers and circles can be reached with Tab, say what they are (aria-label: their tooltip's text),
  open their popup with Enter; Escape closes it and returns to the symbol.
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

_CSS = """
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
(function (map, geojsons, pane) {
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
    function prepare(layer, clustered) {
        if (!layer.feature) { return; }
        if (layer instanceof L.Marker && oms && !clustered) {  // a cluster spreads its own markers
            oms.addMarker(layer);
            layer.off("click", layer._openPopup, layer);  // the spiderfier opens it (Enter still does)
        }
        layer.on("add", function () { describe(layer); });
        describe(layer);
    }
    geojsons.forEach(function (part) {
        part[0].eachLayer(function (layer) { prepare(layer, part[1]); });
    });
    // Escape closes the open popup and puts the focus back on its symbol.
    var opener = null;
    map.on("popupopen", function (e) { opener = e.popup._source || null; });
    L.DomEvent.on(container, "keydown", function (e) {
        if (e.key !== "Escape" || !map._popup || !map._popup.isOpen()) { return; }
        var back = opener && (opener._icon || opener._path);
        map.closePopup();
        if (back && back.focus) { back.focus(); }
    });

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

})({{ this._parent.get_name() }}, [
{%- for geo, clustered in this.geojsons %}
    [{{ geo.get_name() }}, {{ "true" if clustered else "false" }}]{{ "," if not loop.last }}
{%- endfor %}
], {{ this.pane|tojson }});
{% endmacro %}
"""
)


class Reach(MacroElement):
    """The script that puts every marker and circle of the layers within reach (see the module's doc)."""

    _template = _SCRIPT

    def __init__(self, groups: Mapping[str, folium.FeatureGroup]) -> None:
        super().__init__()
        self._name = "Reach"
        parts = [part for _, group in sorted(groups.items()) for part in geojson_parts(group)]
        self.geojsons = [(geo, holder is not geo) for geo, holder in parts]  # (GeoJson, in a cluster)
        self.pane = CIRCLE_PANE
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
