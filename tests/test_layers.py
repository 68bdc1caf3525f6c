"""Layer specs: the built-in TOML files, validation messages, and the built-in layers of a build."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest

from geomap.errors import GeomapError
from geomap.layers import (
    Layer,
    LayerSpec,
    PopupField,
    builtin_layers,
    builtin_specs,
    load_spec,
    parse_spec,
    places_by_place,
    template_fields,
)

GOOD = """
name = "rail"
title = "Rail lines"
source = "events:visits"
symbol = "line"
tooltip = "{who} in {name}"
popup = [["who", "Who"]]

[style]
color = "#336699"
weight = 2
"""


def test_builtin_specs_load_in_drawing_order():
    specs = builtin_specs()
    assert [s.name for s in specs] == ["border", "places", "crossings", "status", "traffic", "visits"]
    assert all(isinstance(s, LayerSpec) and s.path.endswith(f"{s.name}.toml") for s in specs)
    by_name = {s.name: s for s in specs}
    assert by_name["traffic"].symbol == "circle" and by_name["traffic"].style["radius_field"] == "value"
    assert by_name["crossings"].style["connect"] == ["side_a", "side_b"]
    assert by_name["border"].fit is False and by_name["places"].show is False


def test_spec_fields_cover_popup_tooltip_and_sizing():
    by_name = {s.name: s for s in builtin_specs()}
    assert {"value", "metric", "unit", "label", "period_text"} <= set(by_name["traffic"].fields())
    assert {"side_a_lat", "side_b_lon"} <= set(by_name["crossings"].fields())


def test_load_spec_reads_a_file(tmp_path):
    path = tmp_path / "rail.toml"
    path.write_text(GOOD)
    spec = load_spec(path)
    assert spec.name == "rail" and spec.popup == (PopupField("who", "Who"),) and spec.path == str(path)
    assert spec.show is True and spec.z == 0 and spec.legend == "Rail lines" and spec.time == ""


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ('symbol = "star"', "symbol"),
        ('name = "Bad Name"', "name"),
        ('name = "rail-link"', "name"),
        ('name = "legend"', "name"),
        ("show = 1", "show"),
        ("z = 1.5", "z"),
        ('popup = [["who"]]', "popup[0]"),
        ('tooltip = "{who!r}"', "tooltip"),
        ('tooltip = "{who"', "tooltip"),
        ("colour = 1", "colour"),
    ],
)
def test_bad_top_level_values_name_file_and_key(tmp_path, change, key):
    lines = GOOD.splitlines()
    field_name = change.split(" = ")[0]
    lines = [line for line in lines if not line.startswith(f"{field_name} =")]
    lines.insert(1, change)
    path = tmp_path / "bad.toml"
    path.write_text("\n".join(lines))
    with pytest.raises(GeomapError) as err:
        load_spec(path)
    assert str(path) in str(err.value) and repr(key) in str(err.value)


@pytest.mark.parametrize(
    ("style", "key"),
    [
        ({"color": "red; background: url(x)"}, "style.color"),
        ({"radius": -1}, "style.radius"),
        ({"opacity": 2}, "style.opacity"),
        ({"icon": "<b>"}, "style.icon"),
        ({"connect": ["side_a"]}, "style.connect"),
        ({"glow": True}, "style.glow"),
    ],
)
def test_bad_style_names_the_key(style, key):
    data = {"name": "x", "title": "X", "source": "events:visits", "symbol": "circle", "style": style}
    with pytest.raises(GeomapError, match=f"spec.toml: .*'{key}'"):
        parse_spec(data, "spec.toml")


def test_marker_colour_must_be_in_the_marker_palette():
    data = {"name": "x", "title": "X", "source": "events:visits", "symbol": "marker"}
    with pytest.raises(GeomapError, match="style.color"):
        parse_spec({**data, "style": {"color": "#ff0000"}}, "x.toml")
    assert parse_spec({**data, "style": {"color": "darkgreen"}}, "x.toml").style["color"] == "darkgreen"


def test_missing_key_and_invalid_toml(tmp_path):
    with pytest.raises(GeomapError, match="x.toml: missing key 'source'"):
        parse_spec({"name": "x", "title": "X", "symbol": "line"}, "x.toml")
    path = tmp_path / "broken.toml"
    path.write_text("name = ")
    with pytest.raises(GeomapError, match="broken.toml:1: invalid TOML"):
        load_spec(path)
    with pytest.raises(GeomapError, match="cannot read"):
        load_spec(tmp_path / "absent.toml")


def test_template_fields():
    assert template_fields("{who} in {name} ({start})") == ["who", "name", "start"]
    assert template_fields("plain") == []
    with pytest.raises(ValueError):
        template_fields("{a.b}")


def test_builtin_layers_over_the_tables(map_tables):
    layers = builtin_layers(map_tables)
    assert all(isinstance(layer, Layer) for layer in layers)
    names = ["border", "places", "crossings", "status", "traffic", "visits"]
    assert [layer.spec.name for layer in layers] == names
    counts = {layer.spec.name: len(layer.data) for layer in layers}
    assert counts == {"border": 2, "places": 2, "crossings": 2, "status": 0, "traffic": 3, "visits": 2}
    assert all(layer.data.crs.to_epsg() == 4326 for layer in layers)


def test_absent_table_skips_its_layer_and_other_crs_is_reprojected(map_tables):
    visits = map_tables["visits"].to_crs("EPSG:3857")
    layers = builtin_layers({"visits": visits})
    assert [layer.spec.name for layer in layers] == ["border", "visits"]
    harbin = layers[1].data.geometry.iloc[0]
    assert layers[1].data.crs.to_epsg() == 4326 and harbin.x == pytest.approx(126.65)


def test_rows_without_geometry_are_dropped_and_empty_tables_are_fine(map_tables):
    visits = map_tables["visits"]
    visits.loc[1, "geometry"] = None
    empty = gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")
    layers = {layer.spec.name: layer for layer in builtin_layers({"visits": visits, "traffic": empty})}
    assert len(layers["visits"].data) == 1 and len(layers["traffic"].data) == 0


def test_missing_columns_name_the_spec_file(map_tables):
    visits = map_tables["visits"].drop(columns=["who"])
    expected = r"visits\.toml(:\d+)?: key 'popup\[0\]': layer 'visits' reads column 'who'"
    with pytest.raises(GeomapError, match=expected):
        builtin_layers({"visits": visits})


def test_unknown_source_names_the_key():
    with pytest.raises(GeomapError, match="x.toml: key 'source': expected a source .* found 'ftp:thing'"):
        parse_spec({"name": "x", "title": "X", "source": "ftp:thing", "symbol": "line"}, "x.toml")


def test_places_grouped_by_place(map_tables):
    places = places_by_place(map_tables["places"])
    assert list(places["place_id"]) == ["geonames:2036973", "geonames:2037013"]
    harbin = places.iloc[1]
    assert harbin["mentions"] == 2 and harbin["documents"] == 1 and harbin["confidence"] == 0.9
    assert [s["doc"] for s in json.loads(harbin["sources"])] == ["001.txt"]
    assert places_by_place(map_tables["places"].iloc[:0]).empty
