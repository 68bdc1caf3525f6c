"""One layer as a folium FeatureGroup (what the layer control toggles) in its own pane: its GeoJSON,
that GeoJSON inside a MarkerCluster (symbol "cluster"), or a HeatMap of its points (symbol "heat")."""

from __future__ import annotations

from typing import Any

import folium
from folium.plugins import HeatMap, MarkerCluster
from folium.utilities import JsCode

from geomap.layers import Layer
from geomap.render.features import heat_points, layer_geojson
from geomap.render.safe import html_text
from geomap.render.styles import heat_gradient
from geomap.render.symbols import pane_name, pane_z
from geomap.render.text import DocumentIndex

# Features carry their own symbol (awesome-markers icon, divIcon pin or path style) and escaped
# popup/tooltip HTML as properties.
POINT_TO_LAYER = JsCode(
    """function (feature, latlng) {
        var p = feature.properties;
        if (p.marker) {
            return L.marker(latlng, {icon: L.AwesomeMarkers.icon(p.marker), riseOnHover: true});
        }
        if (p.pin) { return L.marker(latlng, {icon: L.divIcon(p.pin), riseOnHover: true}); }
        return L.circleMarker(latlng, p.style);
    }"""
)
ON_EACH_FEATURE = JsCode(
    """function (feature, layer) {
        var p = feature.properties;
        if (p.popup) {
            layer.bindPopup(p.popup, {maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [10, 120]});
        }
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
    }"""
)
HEAT_RADIUS, HEAT_BLUR = 25, 15  # Leaflet.heat's defaults, in pixels
CLUSTER_RADIUS = 80  # Leaflet.markercluster's default maxClusterRadius, in pixels


def drawing(layer: Layer, docs: DocumentIndex) -> Any:
    """What the page draws for a layer: heat points for a heat layer, else a FeatureCollection."""
    if layer.spec.symbol == "heat":
        return heat_points(layer)
    return layer_geojson(layer, docs)


def layer_group(layer: Layer, drawn: Any) -> folium.FeatureGroup:
    """The layer's FeatureGroup, listed in the layer control under its (escaped) title."""
    spec, s = layer.spec, layer.spec.style
    group = folium.FeatureGroup(name=html_text(spec.title), overlay=True, control=True, show=spec.show)
    if spec.symbol == "heat":
        options = {"gradient": heat_gradient(spec)} if len(s.get("colors", [])) >= 2 else {}
        HeatMap(
            drawn,
            name=spec.name,
            control=False,
            radius=s.get("radius", HEAT_RADIUS),
            blur=s.get("blur", HEAT_BLUR),
            pane=pane_name(spec),
            **options,
        ).add_to(group)
        return group
    parent: folium.Element = group
    if spec.symbol == "cluster":
        parent = MarkerCluster(
            name=spec.name, control=False, maxClusterRadius=s.get("cluster_radius", CLUSTER_RADIUS)
        ).add_to(group)
    folium.GeoJson(
        drawn, name=spec.name, control=False, point_to_layer=POINT_TO_LAYER, on_each_feature=ON_EACH_FEATURE
    ).add_to(parent)
    return group


def add_layer(m: folium.Map, layer: Layer, drawn: Any) -> None:
    """Draw the layer on the map in its own pane, so toggling one keeps the z order of the others."""
    folium.map.CustomPane(pane_name(layer.spec), z_index=pane_z(layer.spec), pointer_events=True).add_to(m)
    layer_group(layer, drawn).add_to(m)
