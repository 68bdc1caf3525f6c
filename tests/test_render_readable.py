"""Readable-map furniture in the built page: the legend blocks the layer control toggles, the time slider."""

from __future__ import annotations

from dataclasses import replace

from conftest import make_custom_layers, make_documents, make_tables

from geomap.export import render_html
from geomap.layers import builtin_layers
from geomap.render import build_map
from geomap.render.draw import drawing
from geomap.render.groups import geojson_parts, layer_groups
from geomap.render.legend import legend_html
from geomap.render.safe import html_text
from geomap.render.text import DocumentIndex
from geomap.render.timeslider import overlaps, periods


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


def test_periods_are_the_sorted_distinct_dates_of_dated_layers():
    layers = builtin_layers(make_tables())
    docs = DocumentIndex(make_documents())
    drawn = [drawing(layer, docs) for layer in layers]
    assert periods(layers, drawn) == ["2023", "2023-10", "2024", "2024-05-16", "2024-05-17"]
    undated = [la._replace(spec=replace(la.spec, time="")) for la in layers]
    assert periods(undated, drawn) == []


def test_periods_overlap_when_one_contains_the_other():
    assert overlaps("2023", "2023-10") and overlaps("2023-10-01", "2023-10") and overlaps("2024", "2024")
    assert not overlaps("2023", "2024") and not overlaps("2023-10", "2023-11")


def test_a_visit_spanning_days_overlaps_each_of_them():
    assert overlaps("2024-05-16", "2024-05-17", "2024-05-17")
    assert overlaps("2024-05-16", "2024-05", "2024-06-02") and overlaps("2024-05-16", "2024-06", "2024-06-02")
    assert not overlaps("2024-05-16", "2024-05-18", "2024-05-17")
    assert not overlaps("2024-05-16", "2024-05-15", "2024-05-17")


def test_map_without_dated_features_has_no_slider():
    layers = [la._replace(spec=replace(la.spec, time="")) for la in builtin_layers(make_tables())]
    assert 'aria-label=\\"Time period\\"' not in render_html(build_map(layers, title="t"))


def test_slider_lists_periods_and_filters_each_dated_geojson():
    layers = builtin_layers(make_tables())
    m = build_map(layers, title="t", documents=make_documents())
    html = render_html(m)
    assert html.count('class=\\"geomap-time-range\\" type=\\"range\\" min=\\"0\\" max=\\"5\\"') == 1
    assert '["2023", "2023-10", "2024", "2024-05-16", "2024-05-17"], [' in html
    parts = html.split('["2023", "2023-10", "2024", "2024-05-16", "2024-05-17"], [')[1].split("]);")[0]
    groups = layer_groups(m, layers)
    for name in ("visits", "traffic"):
        ((geojson, holder),) = geojson_parts(groups[name])
        assert f"[{geojson.get_name()}, {holder.get_name()}]" in parts
    ((border, _),) = geojson_parts(groups["border"])
    assert border.get_name() not in parts
