"""Map furniture as Leaflet controls: boxes in the map's corners filled with escaped HTML."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

# Leaflet inserts the string as HTML: every piece of it is escaped where it is built, and `tojson`
# (jinja's HTML-safe JSON: <, >, & and ' become \u00XX) keeps it from ending the <script>.
_PANEL = Template(
    """
{% macro script(this, kwargs) %}
(function () {
    var control = L.control({position: {{ this.position|tojson }}});
    control.onAdd = function () {
        var box = L.DomUtil.create("div", {{ this.css_class|tojson }});
        box.innerHTML = {{ this.html|tojson }};
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    };
    control.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
)

_CSS = """
.geomap-panel { background: rgba(255, 255, 255, 0.94); padding: 6px 10px; border-radius: 5px;
  box-shadow: 0 1px 5px rgba(0, 0, 0, 0.35); font: 13px/1.4 system-ui, sans-serif;
  max-width: 340px; color: #222; }
.geomap-title h1 { font-size: 17px; margin: 0; }
.geomap-title p { margin: 2px 0 0; color: #555; }
.geomap-legend-heading, .geomap-sources summary { font-weight: 600; margin-bottom: 3px; }
.geomap-legend-item { display: flex; align-items: center; gap: 7px; margin: 3px 0; }
.geomap-swatch { display: inline-block; width: 16px; height: 16px; flex: none;
  box-sizing: border-box; }
.geomap-swatch-circle { border-radius: 50%; border: 2px solid; }
.geomap-swatch-polygon { border: 2px solid; }
.geomap-swatch-line { height: 0; border-top-width: 3px; }
.geomap-swatch-marker { border-radius: 50% 50% 50% 0; color: #fff; font-size: 9px;
  text-align: center; line-height: 16px; }
.geomap-swatch-heat { border-radius: 50%; }
.geomap-legend-keys { margin: 0 0 4px 23px; font-size: 12px; }
.geomap-legend-key { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.geomap-legend-key .geomap-swatch { width: 12px; height: 12px; }
.geomap-legend-key .geomap-swatch-marker { font-size: 7px; line-height: 12px; }
.geomap-legend-note, .geomap-legend-none-found { color: #555; }
.geomap-legend-empty { display: none; color: #555; font-style: italic; }
.geomap-legend-none .geomap-legend-empty { display: block; }
.geomap-legend-gradient { height: 8px; width: 150px; border-radius: 2px; margin-top: 2px; }
.geomap-legend-range { display: flex; justify-content: space-between; width: 150px; color: #555;
  font-size: 11px; }
.geomap-pin { background: none; border: none; }
.geomap-pin-drop { width: 24px; height: 24px; box-sizing: border-box; border: 2px solid #fff;
  border-radius: 50% 50% 50% 0; transform: rotate(-45deg); box-shadow: -1px 1px 3px rgba(0, 0, 0, 0.4);
  display: flex; align-items: center; justify-content: center; }
.geomap-pin-drop i { transform: rotate(45deg); color: #fff; font-size: 10px; }
.geomap-time { display: flex; flex-direction: column; gap: 2px; }
.geomap-time-range { width: 220px; margin: 0; }
.geomap-time-value { font-weight: 600; }
.geomap-sources { max-height: 32vh; overflow: auto; }
.geomap-sources ol { margin: 4px 0 0; padding-left: 20px; }
.geomap-sources .geomap-source-meta { color: #666; font-size: 11px; }
.geomap-popup { font: 13px/1.4 system-ui, sans-serif; }
.geomap-popup-heading { font-weight: 600; margin-bottom: 4px; }
.geomap-popup-fields th { text-align: left; padding-right: 8px; vertical-align: top;
  color: #555; font-weight: 600; }
.geomap-chart-box { margin-top: 6px; }
.geomap-chart-caption { font-size: 11px; color: #555; }
.geomap-chart { display: block; }
.geomap-chart-bar { fill: #f1a340; }
.geomap-chart-current { fill: #b35806; }
.geomap-chart-period, .geomap-chart-value { font: 10px system-ui, sans-serif; fill: #444; }
.geomap-chart-value { font-weight: 600; }
.geomap-chart-axis { stroke: #999; stroke-width: 1; }
.geomap-evidence { margin-top: 6px; }
.geomap-evidence blockquote { margin: 0; padding-left: 8px; border-left: 3px solid #ccc;
  font-style: italic; }
.geomap-evidence cite { display: block; font-size: 11px; color: #555; font-style: normal; }
"""


class Panel(MacroElement):
    """A box in a corner of the map; `html` must already be escaped."""

    _template = _PANEL

    def __init__(self, html: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "Panel"
        self.html = html
        self.position = position
        self.css_class = f"geomap-panel {css_class}"


class Stylesheet(MacroElement):
    """The CSS of geomap's panels and popups, plus the colour of the map's empty background."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>{{ this.css }}
#{{ this._parent.get_name() }} { background: {{ this.background }}; }
</style>
{% endmacro %}
"""
    )

    def __init__(self, background: str = "#dde8ee") -> None:
        super().__init__()
        self._name = "Stylesheet"
        self.css = _CSS
        self.background = background


class KeepInside(MacroElement):
    """Keep the view within (west, south, east, north): no panning past it, no zooming out beyond
    the zoom at which the view still fits inside (recomputed when the map is resized)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var box = L.latLngBounds({{ this.bounds|tojson }});
    function limit() {
        map.setMinZoom(Math.min(map.getBoundsZoom(box, true), map.getZoom()));
    }
    map.options.maxBoundsViscosity = 1.0;
    map.setMaxBounds(box);
    limit();
    map.on("resize", limit);
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, extent: tuple[float, float, float, float]) -> None:
        super().__init__()
        self._name = "KeepInside"
        west, south, east, north = extent
        self.bounds = [[south, west], [north, east]]
