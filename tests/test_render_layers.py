"""Analysts' layers as the page gets them: symbols per geometry, clusters, heat, legend keys, JSON-safe
properties, byte-identical output, and no template syntax from the data run at build time."""

from __future__ import annotations

import json
import math
import re

import geopandas as gpd
import pandas as pd
import pytest
from conftest import HOSTILE, HOSTILE_IMG, make_custom_layers, make_spec
from shapely.geometry import LineString, Point

from geomap.export import render_html
from geomap.layers import Layer
from geomap.render import build_map
from geomap.render.draw import drawing
from geomap.render.features import heat_points, layer_geojson
from geomap.render.legend import legend_html
from geomap.render.safe import html_text
from geomap.render.text import DocumentIndex

NO_DOCS = DocumentIndex([])


@pytest.fixture(scope="module")
def layers() -> dict[str, Layer]:
    return make_custom_layers()


@pytest.fixture(scope="module")
def page(layers) -> str:
    return render_html(build_map(list(layers.values()), title="Custom"))


def test_custom_layers_render_to_the_same_bytes_every_time(page):
    assert render_html(build_map(list(make_custom_layers().values()), title="Custom")) == page
    assert not re.search(r"[0-9a-f]{32}", page)  # no random ids, plugins' included
    assert re.search(r"var marker_cluster_[0-9a-f]{8}_\d+ = L\.markerClusterGroup", page)
    assert re.search(r"var heat_map_[0-9a-f]{8}_\d+ = L\.heatLayer", page)


def test_cluster_layer_holds_its_geojson_and_the_plugins_scripts_are_linked(page):
    cluster = re.search(r"var (marker_cluster_\w+) = L\.markerClusterGroup\(\s*(\{[^}]*\})", page)
    assert json.loads(re.sub(r",\s*}", "}", cluster.group(2))) == {"maxClusterRadius": 60}
    assert re.search(rf"geo_json_\w+\.addTo\({cluster.group(1)}\)", page)
    assert "leaflet.markercluster/1.1.0/leaflet.markercluster.js" in page
    assert "MarkerCluster.Default.css" in page and "leaflet_heat.min.js" in page
    assert '"maxZoom": 18' in page  # markercluster needs the map to have one


def test_heat_layer_is_weighted_points_drawn_in_its_pane(layers, page):
    points = heat_points(layers["truck_heat"])
    assert len(points) == 32  # 8 of the 40 rows weigh nothing
    assert {p[2] for p in points} == {0.25, 0.5, 0.75, 1.0}
    assert all(50.2 < lat < 50.24 and 127.5 < lon < 127.6 for lat, lon, _ in points)
    assert '"pane": "geomap-truck_heat"' in page and '"radius": 20' in page and '"blur": 12' in page
    line = Layer(gpd.GeoDataFrame(geometry=[LineString([(0, 0), (2, 0)])], crs=4326), make_spec("h", "heat"))
    assert heat_points(line) == [[0.0, 1.0, 1.0]]  # a line counts at a point on it


def test_points_in_line_and_polygon_layers_are_small_filled_circles(layers):
    rail = layer_geojson(layers["rail"], NO_DOCS)["features"]
    kinds = [(f["geometry"]["type"], f["properties"]["style"]) for f in rail]
    assert [k for k, _ in kinds] == ["LineString", "MultiLineString", "Point"]
    line, point = kinds[0][1], kinds[2][1]
    assert line["fill"] is False and line["dashArray"] == "6 4" and "radius" not in line
    assert point["fill"] is True and point["radius"] == 4.0 and "dashArray" not in point
    zones = layer_geojson(layers["zones"], NO_DOCS)["features"]
    assert [f["properties"]["style"]["fillColor"] for f in zones] == ["#a6bddb", "#a6bddb"]


def test_marker_layers_draw_pins_in_colours_awesome_markers_lack(layers):
    hostile = layer_geojson(layers["hostile"], NO_DOCS)["features"]
    pins = [f["properties"]["pin"] for f in hostile]
    assert all(p["className"] == "geomap-pin geomap-hostile" for p in pins)
    assert all('style="background-color: #e41a1c"' in p["html"] for p in pins)
    assert all("marker" not in f["properties"] for f in hostile)
    depots = layer_geojson(layers["depots"], NO_DOCS)["features"]
    assert {f["properties"]["marker"]["markerColor"] for f in depots} == {"green"}
    assert all("iconAnchor" not in f["properties"]["marker"] for f in depots)  # clusters spider, not fan


def test_feature_properties_are_json_safe_and_carry_iso_times():
    cells = [pd.Timestamp("2024-05-17"), "2024-05", None, math.nan, HOSTILE_IMG, 2023]
    data = gpd.GeoDataFrame(
        {"when": cells, "v": [math.nan, math.inf, None, "x", [1, 2], {"a": math.nan}]},
        geometry=[Point(127 + i / 10, 50) for i in range(len(cells))],
        crs=4326,
    )
    spec = make_spec("t", "circle", time="when", tooltip="{v:,.0f} ({when:%d %b %Y})",
                     popup=(("v", "V", ".1%"), ("when", "When", "%Y")),
                     style={"radius_field": "v", "color_field": "v", "colors": ["#000", "#fff"]})  # fmt: skip
    collection = layer_geojson(Layer(data, spec), NO_DOCS)
    json.dumps(collection, allow_nan=False)  # no NaN, no Timestamps, nothing JSON cannot hold
    times = [f["properties"]["time"] for f in collection["features"]]
    assert sorted(times, key=str) == sorted(["2024-05-17", "2024-05", None, None, None, "2023"], key=str)
    sides = data.assign(a_lat=50.0, a_lon=126.0, b_lat=50.0, b_lon=128.0)
    linked = make_spec("t", "marker", time="when", style={"connect": ["a", "b"]})
    features = layer_geojson(Layer(sides, linked), NO_DOCS)["features"]
    assert [f["properties"]["time"] for f in features[:2]] == ["2024-05-17", "2024-05-17"]  # marker, link
    undated = layer_geojson(Layer(data, make_spec("t", "circle")), NO_DOCS)["features"]
    assert all("time" not in f["properties"] for f in undated)


def test_template_syntax_in_the_data_is_not_run_at_build_time(tmp_path):
    marker = tmp_path / "ran"
    payload = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    texts = [payload, "{{7*7}}", "{# unclosed", "{% if %}", "}}"]
    data = gpd.GeoDataFrame({"name": texts}, geometry=[Point(127, 50 + i / 10) for i in range(5)], crs=4326)
    spec = make_spec("t", "circle", title=payload, legend="{{7*7}}", tooltip="{name}", popup=(("name", "N"),),
                     style={"color_field": "name", "color_map": {t: "#e41a1c" for t in texts}})  # fmt: skip
    html = render_html(build_map([Layer(data, spec)], title="{{7*7}} {#"))
    assert not marker.exists()
    assert not re.search(r"\{\{|\{%|\{#", html)
    assert html_text("{{7*7}}") in html


def test_legend_explains_field_driven_styles(layers):
    html = legend_html(list(layers.values()))
    assert html.count('class="geomap-legend-item"') == len(layers)
    # A swatch per category, in the spec's order, escaped; 'other' for the unmapped 'pipeline'.
    keys = re.findall(r'geomap-legend-key">(.*?)<span>(.*?)</span></div>', html)
    assert [label for _, label in keys] == ["road", "rail", "ferry", "other", *map(html_text, HOSTILE)]
    assert "background-color: #4daf4a" in keys[2][0] and "background-color: #999999" in keys[3][0]
    assert "<img" not in html and "{" not in html
    # The numeric colour scale: its field, gradient and range; the largest circle's value.
    assert "Colour: Tonnes" in html and "linear-gradient(to right, #fee8c8, #e34a33)" in html
    assert "<span>100</span><span>1,600</span>" in html
    assert "Largest circle: 1,600 Tonnes" in html
    # Heat: a hot-centred swatch and what weights it; a cluster shows its marker.
    assert "geomap-swatch-heat" in html and "radial-gradient(circle, red, yellow, lime, cyan, blue" in html
    assert "Weighted by trucks" in html
    assert 'geomap-swatch-marker" style="background-color: #72b026"><i class="fa fa-truck">' in html


def test_legend_of_a_quantile_scale_shows_the_median_and_of_groups_each_largest():
    data = gpd.GeoDataFrame(
        {"v": [1, 2, 3, 1000], "unit": ["t", "t", "cars", "cars"]},
        geometry=[Point(127, 50 + i / 10) for i in range(4)],
        crs=4326,
    )
    style = {"color_field": "v", "color_scale": "quantile", "radius_field": "v", "radius_group": ["unit"]}
    html = legend_html([Layer(data, make_spec("t", "circle", style=style, popup=(("v", "Value", ",.1f"),)))])
    assert "Colour: Value (by rank)" in html
    assert "<span>1.0</span><span>2.5</span><span>1,000.0</span>" in html
    assert "Largest circle (cars): 1,000.0<" in html and "Largest circle (t): 2.0<" in html


def test_drawing_gives_heat_points_or_a_feature_collection(layers):
    assert isinstance(drawing(layers["truck_heat"], NO_DOCS), list)
    assert drawing(layers["rail"], NO_DOCS)["type"] == "FeatureCollection"


def test_legend_shows_the_connecting_line_of_any_point_symbol_once():
    data = gpd.GeoDataFrame({"k": ["a"]}, geometry=[Point(127, 50)], crs=4326)
    style = {"connect": ["a", "b"], "color_field": "k", "color_map": {"a": "#e41a1c"}, "dash_array": "4 2"}
    html = legend_html([Layer(data, make_spec("t", "circle", style=style))])
    assert html.count("geomap-swatch-line") == 1 and "border-top-style: dashed" in html


def test_legend_names_a_group_cell_repeated_in_another_column_once():
    data = gpd.GeoDataFrame(
        {"v": [760_000.0, 5.0], "metric": ["passengers", "trade"], "unit": ["passengers", "CNY"]},
        geometry=[Point(127, 50), Point(127, 51)],
        crs=4326,
    )
    style = {"radius_field": "v", "radius_group": ["metric", "unit"]}
    html = legend_html([Layer(data, make_spec("t", "circle", style=style, popup=(("v", "Value", ",.0f"),)))])
    assert "Largest circle (passengers): 760,000<" in html and "Largest circle (trade, CNY): 5<" in html
