"""Readable-map furniture in the built page: the legend blocks the layer control toggles."""

from __future__ import annotations

from conftest import make_custom_layers, make_documents, make_tables

from geomap.export import render_html
from geomap.layers import builtin_layers
from geomap.render import build_map
from geomap.render.groups import geojson_parts, layer_groups
from geomap.render.legend import legend_html
from geomap.render.safe import html_text


def test_legend_names_each_layer_block():
    layers = builtin_layers(make_tables())
    html = legend_html(layers)
    for layer in layers:
        assert f'<div class="geomap-legend-layer" data-layer="{layer.spec.name}">' in html
    assert html.count('class="geomap-legend-layer"') == len(layers)
    assert "geomap-legend-empty" in html


def test_every_layer_finds_its_own_group():
    layers = builtin_layers(make_tables()) + list(make_custom_layers().values())
    m = build_map(layers, title="t", documents=make_documents())
    groups = layer_groups(m, layers)
    assert sorted(groups) == sorted(layer.spec.name for layer in layers)
    assert len({id(g) for g in groups.values()}) == len(layers)
    for layer in layers:
        assert groups[layer.spec.name].layer_name == html_text(layer.spec.title)


def test_a_clustered_layer_toggles_its_features_through_the_cluster():
    layers = list(make_custom_layers().values())
    m = build_map(layers, title="t")
    groups = layer_groups(m, layers)
    ((geojson, holder),) = geojson_parts(groups["depots"])
    assert type(holder).__name__ == "MarkerCluster" and geojson is not holder
    ((geojson, holder),) = geojson_parts(groups["rail"])
    assert holder is geojson
    assert geojson_parts(groups["truck_heat"]) == []


def test_the_legend_script_pairs_groups_with_layer_names():
    layers = builtin_layers(make_tables())
    m = build_map(layers, title="t", documents=make_documents())
    html = render_html(m)
    groups = layer_groups(m, layers)
    for name, group in groups.items():
        assert f'[{group.get_name()}, "{name}"]' in html
    assert 'map.on("overlayadd overlayremove", sync)' in html
