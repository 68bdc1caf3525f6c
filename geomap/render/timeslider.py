"""A time slider for dated layers: a range input over "all" and each distinct period; a feature shows
while its period (its time, or time..time_end) overlaps the chosen one (2023 overlaps 2023-10; a visit
of 2024-05-16..2024-05-17 overlaps 2024-05-17), and a feature with no date always shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import folium
from branca.element import MacroElement
from folium.template import Template

from geomap.layers import Layer
from geomap.render.formats import iso_time
from geomap.render.groups import geojson_parts
from geomap.render.safe import html_text

ALL = "All dates"


def periods(layers: Sequence[Layer], drawn: Sequence[Any]) -> list[str]:
    """The sorted distinct `time` values of the features of dated layers (ISO text sorts by date)."""
    found: set[str] = set()
    for layer, data in zip(layers, drawn, strict=True):
        if layer.spec.time and isinstance(data, dict):
            found.update(
                t for f in data.get("features", []) if isinstance(t := f["properties"].get("time"), str)
            )
        elif layer.spec.time and layer.spec.time in layer.data:  # a bulk layer's rows
            found.update(t for v in layer.data[layer.spec.time] if (t := iso_time(v)))
    return sorted(found)


# Greater than any character of an ISO date: "2023" + LAST is the end of 2023, "2023" its start.
LAST = "\uffff"


def overlaps(start: str, chosen: str, end: str | None = None) -> bool:
    """Whether the ISO period start..end ('2023', '2023-10', '2023-10-01'; end defaults to start)
    overlaps the chosen ISO period."""
    return start <= chosen + LAST and chosen <= (end or start) + LAST


def slider_html(count: int) -> str:
    """The control's HTML: a label showing the chosen period and a range input (0 = all dates)."""
    return (
        f'<label class="geomap-time-label">Time: <output class="geomap-time-value">{html_text(ALL)}</output>'
        f'</label><input class="geomap-time-range" type="range" min="0" max="{count}" step="1" value="0" '
        f'aria-label="Time period">'
    )


class TimeSlider(MacroElement):
    """The slider control and the script that adds and removes dated features as it moves."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map, periods, parts, bulk) {
    var entries = [];
    parts.forEach(function (part) {
        part[0].eachLayer(function (layer) { entries.push([layer, part[1]]); });
    });
    var LAST = "\uffff";
    function overlaps(start, chosen, end) {
        return start <= chosen + LAST && chosen <= (end || start) + LAST;
    }
    function show(index) {
        var chosen = index > 0 ? periods[index - 1] : null;
        bulk.forEach(function (name) {  // big layers filter their own rows (bulk.py)
            var layer = window.geomapBulk && window.geomapBulk[name];
            if (layer) {
                layer.show(chosen === null ? null : function (time, end) {
                    return time === null || overlaps(time, chosen, end);
                });
            }
        });
        entries.forEach(function (entry) {
            var props = entry[0].feature ? entry[0].feature.properties : {}, time = props.time;
            var want = chosen === null || typeof time !== "string"
                || overlaps(time, chosen, props.time_end);
            var holder = entry[1], has = holder.hasLayer(entry[0]);
            if (want && !has) { holder.addLayer(entry[0]); }
            if (!want && has) { holder.removeLayer(entry[0]); }
        });
    }
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
        var box = L.DomUtil.create("div", "geomap-panel geomap-time");
        box.innerHTML = {{ this.html|tojson }};
        var input = box.querySelector("input"), output = box.querySelector("output");
        input.addEventListener("input", function () {
            var index = parseInt(input.value, 10);
            output.textContent = index > 0 ? periods[index - 1] : {{ this.all|tojson }};
            show(index);
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    };
    control.addTo(map);
})({{ this._parent.get_name() }}, {{ this.periods|tojson }}, [
{%- for geojson, holder in this.parts %}
    [{{ geojson.get_name() }}, {{ holder.get_name() }}]{{ "," if not loop.last }}
{%- endfor %}
], {{ this.bulk|tojson }});
{% endmacro %}
"""
    )

    def __init__(
        self, periods: list[str], parts: Iterable[tuple[folium.GeoJson, Any]], bulk: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.periods = periods
        self.parts = list(parts)
        self.bulk = list(bulk)  # names of dated bulk layers (window.geomapBulk)
        self.html = slider_html(len(periods))
        self.all = ALL


def time_slider(
    layers: Sequence[Layer], drawn: Sequence[Any], groups: Mapping[str, folium.FeatureGroup]
) -> TimeSlider | None:
    """The slider over the dated layers' periods, or None when no feature is dated."""
    found = periods(layers, drawn)
    if not found:
        return None
    parts = [
        part
        for la in layers
        if la.spec.time and la.spec.name in groups
        for part in geojson_parts(groups[la.spec.name])
    ]
    bulk = [
        la.spec.name for la, d in zip(layers, drawn, strict=True) if la.spec.time and not isinstance(d, dict)
    ]
    return TimeSlider(found, parts, bulk)
