"""Big point layers: which layers take the bulk path, the compact encoding (escaping, same texts as
small layers' popups and tooltips), and byte-identical pages."""

from __future__ import annotations

import html
import json
import re

import geopandas as gpd
import numpy as np
import pytest
from conftest import HOSTILE, HOSTILE_IMG, HOSTILE_SCRIPT, make_spec
from shapely.geometry import LineString

from geomap.export import render_html
from geomap.layers import Layer, PopupField
from geomap.render import build_map
from geomap.render.bulk import BULK_MIN, is_bulk
from geomap.render.columns import Columns, template_texts, tooltip_texts
from geomap.render.compact import compact_layer, encode_texts, script_json, symbol_column
from geomap.render.safe import html_text
from geomap.render.text import DocumentIndex, fill_template, popup_html, tooltip_html

POPUP = (PopupField("name", "Name"), PopupField("value", "Value", ",.2f"), PopupField("mode", "Mode"))


def big_layer(n: int = BULK_MIN, symbol: str = "circle", **spec) -> Layer:
    """n points with hostile names, numbers (some missing) and a category."""
    rng = np.random.default_rng(7)
    names = [HOSTILE[i % len(HOSTILE)] + f" #{i}" for i in range(n)]
    values = [None if i % 10 == 3 else float(v) for i, v in enumerate(rng.lognormal(6, 1.5, n))]
    data = gpd.GeoDataFrame(
        {"name": names, "value": values, "mode": rng.choice(["road", "rail", "ferry"], n)},
        geometry=gpd.points_from_xy(rng.uniform(126, 128, n), rng.uniform(49, 51, n)),
        crs="EPSG:4326",
    )
    spec.setdefault("tooltip", "{name} ({value:,.0f})")
    spec.setdefault("popup", POPUP)
    spec.setdefault("style", {"color_field": "mode", "color_map": {"road": "#e41a1c", "rail": "#377eb8"}})
    return Layer(data, make_spec("depots", symbol, **spec))


def decoded(layer: Layer) -> dict:
    text, _symbols = compact_layer(layer, DocumentIndex([]))
    pairs = dict(json.loads(text))
    columns = []
    for column in pairs["texts"]:
        is_coded = len(column) == 2 and isinstance(column[0], list)
        columns.append([column[0][c] for c in column[1]] if is_coded else column)
    pairs["texts"] = columns
    return pairs


def test_point_layers_from_the_threshold_on_take_the_bulk_path():
    assert is_bulk(big_layer(BULK_MIN)) and is_bulk(big_layer(BULK_MIN, "cluster"))
    assert not is_bulk(big_layer(BULK_MIN - 1))
    lines = big_layer(BULK_MIN)
    lines.data.geometry = [LineString([(127, 50), (127.1, 50.1)])] * len(lines.data)
    assert not is_bulk(lines)
    assert not is_bulk(big_layer(BULK_MIN, "heat"))


@pytest.mark.parametrize(
    "value", [HOSTILE_SCRIPT, "{{7*7}} {% raw %} {#", HOSTILE_IMG, "<!-- x", "}}{{{", "</SCRIPT >", "\\</x"]
)
def test_script_json_cannot_close_its_script_or_open_a_jinja_tag(value):
    text = script_json([["texts", [[value, "a < b"]]]])
    assert "</" not in text and "<!" not in text
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text) == [["texts", [[value, "a < b"]]]]


def test_tooltips_and_popup_fields_are_the_small_layers_words_as_plain_text():
    layer = big_layer()
    pairs = decoded(layer)
    rows = layer.data.drop(columns="geometry").to_dict("records")
    spec = layer.spec
    # Circles of one radius keep the rows' order.
    assert pairs["texts"][pairs["tooltip"]] == [html.unescape(tooltip_html(row, spec)) for row in rows]
    assert [label for label, _ in pairs["fields"]] == ["Name", "Value", "Mode"]
    for i, row in enumerate(rows[:100]):  # the popup's table, as the small path writes it
        cells = [(label, pairs["texts"][col][i]) for label, col in pairs["fields"]]
        table = "".join(f"<tr><th>{html_text(a)}</th><td>{html_text(b)}</td></tr>" for a, b in cells if b)
        assert table in popup_html(row, spec, DocumentIndex([]))
    points = layer.data.geometry
    assert pairs["lat"][:3] == [round(y * 1e6) for y in points.y[:3]] and len(pairs["lat"]) == BULK_MIN
    assert pairs["lon"][:3] == [round(x * 1e6) for x in points.x[:3]] and len(pairs["lon"]) == BULK_MIN


@pytest.mark.parametrize(
    "template, row",
    [
        ("{name} ({value})", {"name": "Heihe", "value": None}),
        ("{name} ({value:,.0f} t)", {"name": "Heihe (old)", "value": 1234.5}),
        ("{a}, {b}", {"a": None, "b": "x"}),
        ("{name}", {"name": "  padded () "}),
        ("{name}", {"name": None}),
        ("{}", {"name": "x"}),
    ],
)
def test_column_templates_fill_as_fill_template_does(template, row):
    data = gpd.GeoDataFrame([row] * 3)
    assert template_texts(template, Columns(data)) == [html.unescape(fill_template(template, row))] * 3


def test_a_row_whose_tooltip_cells_are_all_missing_shows_the_layer_title():
    data = gpd.GeoDataFrame({"name": [None, "Heihe"], "value": [float("nan"), 2.0]})
    assert tooltip_texts(Columns(data), "{name}: {value}", "Depots") == ["Depots", "Heihe: 2"]


def test_repeated_texts_are_stored_once_with_a_code_per_row():
    assert encode_texts(["road", "rail"] * 10) == [["road", "rail"], [0, 1] * 10]
    assert encode_texts(["a", "b", "c"]) == ["a", "b", "c"]


def test_symbols_that_follow_a_shown_category_are_stored_per_category():
    pairs = decoded(big_layer())
    column, table = pairs["symbol_by"]
    modes = pairs["texts"][column]
    assert "symbol" not in pairs and len(set(table)) == 3 and len({modes[i] for i in range(50)}) == 3
    assert symbol_column([0, 1, 1], [[["a", "b"], [0, 1, 0]]]) == ["symbol", [0, 1, 1]]  # a: 0 and 1
    assert symbol_column([0, 1, 0], [[["a", "b"], [0, 1, 0]]]) == ["symbol_by", [0, [0, 1]]]


def test_a_big_layer_page_is_byte_identical_and_holds_no_raw_hostile_text():
    layer = big_layer(title="Depots " + HOSTILE_IMG)
    first = render_html(build_map([layer], title="Big"))
    assert first == render_html(build_map([big_layer(title="Depots " + HOSTILE_IMG)], title="Big"))
    assert "window.__pwned" in first  # the payloads are there, as JSON text
    assert HOSTILE_SCRIPT not in first and "{{7*7}}" not in first and "{% raw" not in first
    data = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', first, re.S)
    assert data is not None and len(json.loads(data.group(1))) >= 5


def test_a_dated_big_layer_carries_its_periods_and_feeds_the_time_slider():
    layer = big_layer(BULK_MIN, time="year")
    layer.data["year"] = ["2021" if i % 2 else "2022" for i in range(len(layer.data))]
    assert is_bulk(layer)
    pairs = decoded(layer)
    assert sorted(set(pairs["texts"][pairs["time"]])) == ["2021", "2022"] and "time_end" not in pairs
    page = render_html(build_map([layer], title="Dated"))
    assert 'class="geomap-time-range"' in page.replace('\\"', '"')
    assert '["2021", "2022"]' in page and '], ["depots"]);' in page
