"""Field-driven styles: category colours, numeric colour scales, radius scales, heat weights."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import pytest
from conftest import make_spec
from shapely.geometry import Point

from geomap.layers import Layer
from geomap.render.legend import legend_html
from geomap.render.styles import (
    base_color,
    category_color,
    feature_colors,
    heat_gradient,
    heat_weights,
    interpolate,
    largest_values,
    numeric_scale,
    radii,
    rgb,
    safe_color,
    uses_palette_markers,
)

COLOR_MAP = {"road": "#e41a1c", "Rail": "#377eb8", "3": "green"}


def test_categories_take_their_colour_and_others_the_default():
    cells = ["road", "rail", 3.0, 3, "ferry", None, math.nan, " road "]
    assert [category_color(v, COLOR_MAP, "#999") for v in cells] == [
        "#e41a1c",
        "#377eb8",  # case does not matter when nothing matches exactly
        "green",  # 3.0 is written 3 in a spec
        "green",
        "#999",
        "#999",
        "#999",
        "#e41a1c",
    ]


def test_feature_colors_by_category_default_to_grey():
    spec = make_spec("t", "circle", style={"color_field": "mode", "color_map": COLOR_MAP})
    data = pd.DataFrame({"mode": ["road", "pipeline"]})
    assert feature_colors(data, spec) == ["#e41a1c", "#999999"]
    assert feature_colors(data, make_spec("t", "circle", style={"color": "red"})) is None


def test_linear_scale_places_values_between_the_smallest_and_largest():
    spec = make_spec("t", "circle", style={"color_field": "v", "colors": ["#000000", "#ffffff"]})
    data = pd.DataFrame({"v": [0, 25, "100", None, "n/a"]})
    assert feature_colors(data, spec) == ["#000000", "#404040", "#ffffff", "#999999", "#999999"]
    scale = numeric_scale(data, spec)
    assert (scale.low, scale.high, scale.kind) == (0.0, 100.0, "linear")


def test_quantile_scale_places_values_by_rank():
    style = {"color_field": "v", "color_scale": "quantile", "colors": ["#000000", "#808080", "#ffffff"]}
    data = pd.DataFrame({"v": [1, 2, 1000, 3, 4]})
    colors = feature_colors(data, make_spec("t", "circle", style=style))
    assert colors == ["#000000", "#404040", "#ffffff", "#808080", "#c0c0c0"]  # 1000 is just the top
    assert numeric_scale(data, make_spec("t", "circle", style=style)).middle == 3


def test_a_scale_of_one_value_or_bad_colours_still_colours():
    spec = make_spec("t", "circle", style={"color_field": "v", "colors": ["nonsense!", "#fff"]})
    data = pd.DataFrame({"v": [5, 5]})
    assert numeric_scale(data, spec).colors == ("#ffffcc", "#fd8d3c", "#800026")  # fewer than 2 usable
    assert feature_colors(data, spec) == ["#fd8d3c", "#fd8d3c"]
    assert feature_colors(pd.DataFrame({"v": ["x"]}), spec) == ["#999999"]


def test_colours_interpolate_and_only_css_colours_pass():
    assert interpolate(["red", "#0000ff"], 0.5) == "#800080"
    assert interpolate(["#abc", "rebeccapurple"], 0) == "#aabbcc"
    assert interpolate(["red", "blue"], 7) == "#0000ff"
    assert rgb("#11223344") == (17, 34, 51) and rgb("nocolour") is None and rgb("#12345") is None
    assert safe_color("red") == "red" and safe_color("#A1b2C3") == "#A1b2C3"
    for bad in ("red;background:url(x)", "{{7*7}}", "#12", None, 3):
        assert safe_color(bad, "grey") == "grey"


def test_marker_layers_use_awesome_markers_only_for_one_palette_colour():
    assert uses_palette_markers(make_spec("t", "marker", style={"color": "darkblue"}))
    assert uses_palette_markers(make_spec("t", "cluster"))
    assert not uses_palette_markers(make_spec("t", "marker", style={"color": "#123456"}))
    assert not uses_palette_markers(make_spec("t", "marker", style={"color_field": "k", "color_map": {}}))
    assert base_color(make_spec("t", "marker", style={"color": "red"})) == "#d63e2a"
    assert base_color(make_spec("t", "line")) == "#3388ff"


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        ("sqrt", [5.0, 10.0, 20.0, 4.0]),  # area proportional: r = 20 * sqrt(v / 400)
        ("linear", [5.0, 8.0, 20.0, 4.0]),  # radius from min_radius to max_radius: 4 + 16 * v / 400
        ("log", [12.7, 16.32, 20.0, 4.0]),  # 4 + 16 * log(1 + v) / log(1 + 400)
    ],
)
def test_radius_scales_run_from_min_to_max_radius(scale, expected):
    style = {"radius_field": "v", "radius_scale": scale, "min_radius": 4, "max_radius": 20}
    data = pd.DataFrame({"v": [25, 100, "400", None]})
    assert radii(data, make_spec("t", "circle", style=style)) == expected


def test_radius_groups_scale_separately_and_name_their_largest():
    style = {"radius_field": "v", "radius_group": ["unit"], "max_radius": 10}
    data = pd.DataFrame({"v": [100, 25, 4, -1], "unit": ["t", "t", "cars", "cars"]})
    spec = make_spec("t", "circle", style=style)
    assert radii(data, spec) == [10.0, 5.0, 10.0, 4.0]
    assert largest_values(data, spec) == [(["cars"], 4.0), (["t"], 100.0)]
    assert radii(data, make_spec("t", "circle", style={"radius": 6})) == [6.0] * 4


def test_heat_weights_are_normalised_and_gradients_come_from_colors():
    spec = make_spec("t", "heat", style={"weight_field": "w"})
    assert heat_weights(pd.DataFrame({"w": [10, 5, None, -3, "20"]}), spec) == [0.5, 0.25, 0.0, 0.0, 1.0]
    assert heat_weights(pd.DataFrame({"w": [None]}), spec) == [0.0]
    assert heat_weights(pd.DataFrame({"w": [1, 2]}), make_spec("t", "heat")) == [1.0, 1.0]
    assert heat_gradient(make_spec("t", "heat", style={"colors": ["navy", "yellow", "red"]})) == {
        0.4: "navy",
        0.7: "yellow",
        1.0: "red",
    }
    assert heat_gradient(make_spec("t", "heat"))[1.0] == "red"


def test_radius_units_give_one_scale_per_unit_family_and_the_legend_names_it():
    style = {"radius_field": "v", "radius_units": "unit", "max_radius": 20}
    data = pd.DataFrame(
        {"v": [300, 100, 2, 90, 50_000], "unit": ["trucks", "cars", "days", "minutes", "USD"]}
    )
    spec = make_spec("t", "circle", style=style)
    # Trucks and cars share the vehicles scale; two days (48 h) dwarf ninety minutes on the wait scale.
    r = radii(data, spec)
    assert r[0] == 20.0 and r[1] == round(20 * (100 / 300) ** 0.5, 2)
    assert r[2] == 20.0 and r[3] == 4.0  # 20 * sqrt(1.5 / 48) = 3.5, below the smallest radius
    assert r[4] == 20.0
    gdf = gpd.GeoDataFrame(data, geometry=[Point(0, i) for i in range(5)], crs=4326)
    html = legend_html([Layer(gdf, spec)])
    assert "Vehicles scale: largest circle 300 vehicles" in html
    assert "Waiting time scale: largest circle 48 hours" in html
    assert "Money, USD scale: largest circle 50,000 USD" in html


def test_a_rate_keeps_its_own_scale():
    style = {"radius_field": "v", "radius_units": "unit", "max_radius": 10}
    data = pd.DataFrame({"v": [10, 1000], "unit": ["trucks/day", "trucks"]})
    assert radii(data, make_spec("t", "circle", style=style)) == [10.0, 10.0]
