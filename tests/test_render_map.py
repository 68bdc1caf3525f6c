"""The folium map as HTML: layer order, legend, escaping, stable ids, extent, radii."""

from __future__ import annotations

import json
import re
from html import escape

import pytest
from conftest import HOSTILE_IMG, HOSTILE_SCRIPT, make_documents, make_tables

from geomap.export import render_html
from geomap.layers import builtin_layers, builtin_specs
from geomap.render import build_map
from geomap.render.features import layer_geojson
from geomap.render.legend import legend_html
from geomap.render.styles import radii
from geomap.render.text import DocumentIndex

TITLES = ["Land border", "Places mentioned", "Border crossings", "Crossing status", "Reported traffic",
          "Visits"]


def render(title: str = "Amur map", **kwargs) -> str:
    layers = builtin_layers(make_tables())
    return render_html(build_map(layers, title=title, documents=make_documents(), **kwargs))


@pytest.fixture(scope="module")
def page() -> str:
    return render()


def test_same_input_gives_byte_identical_html(page):
    assert render() == page


def test_rendering_one_map_twice_gives_the_same_bytes():
    m = build_map(builtin_layers(make_tables()), title="Amur map", documents=make_documents())
    assert render_html(m) == render_html(m)


def test_no_random_ids_and_different_maps_get_different_ids(page):
    assert not re.search(r"[0-9a-f]{32}", page)
    ids = set(re.findall(r"map_[0-9a-f]{8}_\d+", page))
    other = set(re.findall(r"map_[0-9a-f]{8}_\d+", render(title="Another map")))
    assert len(ids) == 1 and ids.isdisjoint(other)


def test_hostile_strings_never_reach_the_page_raw(page):
    assert HOSTILE_IMG not in page and HOSTILE_SCRIPT not in page
    assert "<img" not in page
    # Only our own script elements open and close: nothing ends a <script> early.
    assert page.count("</script>") == page.count("<script")
    # Escaped, then JSON-encoded inside the script (the title of document 001).
    assert "Putin in Harbin \\u0026lt;/script\\u0026gt;\\u0026lt;script\\u0026gt;" in page
    hostile_title = render(title=HOSTILE_IMG)
    assert "<title>&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;</title>" in hostile_title


def test_layer_control_lists_layers_in_order(page):
    control = page[page.index("overlays :") :]
    positions = [control.index(json.dumps(title)) for title in TITLES]
    assert positions == sorted(positions)
    assert '"collapsed": false' in page


def test_only_needed_assets_are_linked(page):
    urls = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert any("leaflet.js" in u for u in urls) and any("awesome-markers" in u for u in urls)
    assert not [u for u in urls if re.search("jquery|bootstrap|glyphicons|rotate", u)]
    assert "tile.openstreetmap" not in page


def test_tiles_are_an_optional_base_layer():
    page = render(tiles="OpenStreetMap")
    assert "tile.openstreetmap.org" in page and '"OpenStreetMap (online)"' in page
    assert '"Natural Earth: land, borders, rivers, names (offline)"' in page


def test_legend_has_a_symbol_and_label_per_layer():
    html = legend_html(builtin_layers(make_tables()))
    for spec in builtin_specs():
        assert spec.legend and escape(spec.legend) in html
    assert html.count("geomap-swatch-marker") == 2 and "fa fa-bridge" in html
    assert html.count("geomap-swatch-line") == 2  # the border and the crossings' sides


def test_view_fits_the_data_not_the_border(page):
    match = re.search(r"fitBounds\(\s*\[\[([\d.]+), ([\d.]+)\], \[([\d.]+), ([\d.]+)\]\]", page)
    south, west, north, east = map(float, match.groups())
    assert (south, west, north, east) == (39.9075, 116.39723, 50.27593, 127.6005)


def test_features_carry_classes_and_connecting_lines():
    layers = {layer.spec.name: layer for layer in builtin_layers(make_tables())}
    crossings = layer_geojson(layers["crossings"], DocumentIndex([]))["features"]
    kinds = [(f["geometry"]["type"], f["properties"].get("marker", {}).get("className")) for f in crossings]
    assert kinds == [
        ("Point", "awesome-marker geomap-crossings"),
        ("LineString", None),
        ("Point", "awesome-marker geomap-crossings"),
    ]
    link = crossings[1]
    assert link["properties"]["style"]["className"] == "geomap-crossings-link"
    assert json.loads(json.dumps(link["geometry"]["coordinates"])) == [
        [127.52637, 50.27593],
        [127.6005, 50.2011],
        [127.49016, 50.24413],
    ]
    border = layer_geojson(layers["border"], DocumentIndex([]))["features"]
    assert {f["properties"]["style"]["className"] for f in border} == {"geomap-border"}


def test_traffic_radius_is_proportional_within_metric_and_unit():
    layer = next(la for la in builtin_layers(make_tables()) if la.spec.name == "traffic")
    sizes = radii(layer.data, layer.spec)
    # 31.35 bn and 10 bn CNY share a scale; 1,200 passengers is the largest of its own metric.
    assert sizes[0] == 28 and sizes[2] == 28
    assert sizes[1] == pytest.approx(28 * (10 / 31.35) ** 0.5, abs=0.01)
    features = layer_geojson(layer, DocumentIndex([]))["features"]
    drawn = [f["properties"]["style"]["radius"] for f in features]
    assert drawn == sorted(drawn, reverse=True)  # small circles on top of big ones


def test_empty_layers_and_no_data_still_render():
    from geomap.layers import Layer

    layers = [Layer(la.data.iloc[:0], la.spec) for la in builtin_layers(make_tables())]
    html = build_map(layers, title="Nothing", documents=[]).get_root().render()
    assert "Sources (" not in html and all(json.dumps(title) in html for title in TITLES)


def test_markers_on_one_point_stack_for_the_page_to_spread():
    # Markers on one point are drawn where they are (no sideways shift): the page spreads them when one
    # is clicked (spiderfy, tests/test_browser_access.py); each keeps the key of its own row.
    tables = make_tables()
    visits = tables["visits"]
    visits.loc[1, "geometry"] = visits.loc[0, "geometry"]  # both visits in Harbin
    layer = next(la for la in builtin_layers({"visits": visits}) if la.spec.name == "visits")
    features = layer_geojson(layer, DocumentIndex([]))["features"]
    assert all("iconAnchor" not in f["properties"]["marker"] for f in features)
    assert [f["properties"]["ev"] for f in features] == ["visits:0", "visits:1"]
