"""The legend follows the layer control: a layer's legend block shows only while the layer is on."""

from __future__ import annotations

from collections.abc import Mapping

import folium
from branca.element import MacroElement
from folium.template import Template


class LegendSync(MacroElement):
    """Show each `[data-layer=name]` block of this map's legend while that layer's group is on the
    map, on opening and whenever a layer is toggled (Leaflet's overlayadd / overlayremove)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map, groups) {
    function sync() {
        var legend = map.getContainer().querySelector(".geomap-legend");
        if (!legend) { return; }
        var shown = 0;
        groups.forEach(function (pair) {
            var on = map.hasLayer(pair[0]);
            shown += on ? 1 : 0;
            legend.querySelectorAll(".geomap-legend-layer").forEach(function (block) {
                if (block.getAttribute("data-layer") === pair[1]) { block.style.display = on ? "" : "none"; }
            });
        });
        legend.classList.toggle("geomap-legend-none", shown === 0);
    }
    map.on("overlayadd overlayremove", sync);
    sync();
})({{ this._parent.get_name() }}, [
{%- for name, group in this.groups %}
    [{{ group.get_name() }}, {{ name|tojson }}]{{ "," if not loop.last }}
{%- endfor %}
]);
{% endmacro %}
"""
    )

    def __init__(self, groups: Mapping[str, folium.FeatureGroup]) -> None:
        super().__init__()
        self._name = "LegendSync"
        self.groups = sorted(groups.items())
