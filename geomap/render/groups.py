"""Find, in a built map, each layer's FeatureGroup (what the layer control toggles) and its GeoJson
parts, so page scripts (legend, time slider) can address them by the layer's name."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import folium
from branca.element import Element

from geomap.layers import Layer


def descendants(element: Element) -> Iterator[Element]:
    """Every element under `element`, depth first, in the order they were added."""
    for child in element._children.values():
        yield child
        yield from descendants(child)


def layer_groups(m: folium.Map, layers: Sequence[Layer]) -> dict[str, folium.FeatureGroup]:
    """Layer name -> its FeatureGroup among the map's children: the group holding an element named
    after the layer (its GeoJson, cluster or heat map), else, in order, a group left over."""
    names = [layer.spec.name for layer in layers]
    groups = [child for child in m._children.values() if isinstance(child, folium.FeatureGroup)]
    found: dict[str, folium.FeatureGroup] = {}
    for group in groups:
        inner = {getattr(e, "layer_name", None) for e in descendants(group)}
        for name in names:
            if name in inner and name not in found:
                found[name] = group
                break
    spare = [g for g in groups if all(g is not f for f in found.values())]
    for name in [n for n in names if n not in found]:
        if spare:
            found[name] = spare.pop(0)
    return found


def geojson_parts(group: folium.FeatureGroup) -> list[tuple[folium.GeoJson, Element]]:
    """(GeoJson, holder) pairs under a layer's group: the holder is what its features are added to and
    removed from (a marker cluster when the GeoJson sits in one, else the GeoJson itself)."""
    out = []

    def visit(element: Element, holder: Element | None) -> None:
        for child in element._children.values():
            if isinstance(child, folium.GeoJson):
                out.append((child, holder or child))
            else:
                is_cluster = type(child).__name__ == "MarkerCluster"
                visit(child, child if is_cluster else holder)

    visit(group, None)
    return out
