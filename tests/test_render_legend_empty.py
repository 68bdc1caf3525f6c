"""A layer with no rows says what it is in the legend but lists no categories: nothing on the map for
ten status swatches to explain."""

from __future__ import annotations

import geopandas as gpd
from conftest import make_spec
from shapely.geometry import Point

from geomap.layers import Layer
from geomap.render.legend import legend_html

COLORS = {"opened": "#1a9850", "closed": "#d73027", "planned": "#4575b4"}


def status_layer(rows: list[dict]) -> Layer:
    spec = make_spec("status", "circle", legend="Status on a date",
                     style={"color_field": "what", "color_map": COLORS})
    frame = gpd.GeoDataFrame(rows, geometry=[Point(127.5, 50.3)] * len(rows), crs="EPSG:4326")
    if not rows:
        frame = gpd.GeoDataFrame({"what": []}, geometry=[], crs="EPSG:4326")
    return Layer(frame, spec)


def test_an_empty_layer_has_its_line_saying_none_but_no_category_keys():
    html = legend_html([status_layer([])])
    assert 'Status on a date <span class="geomap-legend-none-found">(none)</span>' in html
    assert not any(category in html for category in COLORS)


def test_a_layer_with_rows_lists_the_categories_it_draws():
    html = legend_html([status_layer([{"what": "closed"}, {"what": "opened"}])])
    assert "closed" in html and "opened" in html and "planned" not in html
    assert "(none)" not in html
