"""Series charts in popups: which figures form a series, the SVG's bars and escaping, where it goes."""

from __future__ import annotations

import re

import geopandas as gpd
from conftest import HOSTILE_IMG, make_tables
from shapely.geometry import Point

from geomap.layers import Layer, builtin_specs
from geomap.render.charts import add_charts, bar_chart, row_series, with_chart
from geomap.render.draw import drawing
from geomap.render.text import DocumentIndex

TRADE = [("2020", 107e9), ("2021", 114e9), ("2022", 140e9)]


def traffic(rows: list[dict]) -> Layer:
    """A traffic layer of the given figures (label, metric, unit, subject, period, value)."""
    base = dict(
        metric="trade value", unit="USD", subject="country:CN;country:RU", period_text="", sentence=""
    )
    frame = gpd.GeoDataFrame(
        [{**base, "label": "China–Russia trade", **row} for row in rows],
        geometry=[Point(116.4, 39.9)] * len(rows),
        crs="EPSG:4326",
    )
    spec = next(s for s in builtin_specs() if s.name == "traffic")
    return Layer(frame, spec)


def trade_rows() -> list[dict]:
    return [dict(period=p, value=v) for p, v in reversed(TRADE)]


def test_figures_with_the_same_label_metric_unit_and_subject_form_a_series():
    found = row_series(traffic(trade_rows()).data)
    assert [item[1] for item in found] == ["2022", "2021", "2020"]
    assert all(item[0] == TRADE for item in found)


def test_a_lone_figure_or_another_unit_is_no_series():
    rows = [*trade_rows()[:1], dict(period="2021", value=1.0, unit="CNY"), dict(period="2021", value=2.0)]
    rows[2]["label"] = "Heihe trade"
    assert row_series(traffic(rows).data) == [None, None, None]
    assert row_series(make_tables()["visits"]) == [None, None]


def test_one_bar_per_period_with_the_current_one_highlighted():
    svg = bar_chart(TRADE, "2021", caption="trade")
    assert svg.count("<rect") == 3
    assert len(re.findall(r'class="geomap-chart-bar geomap-chart-current"', svg)) == 1
    current = re.search(r'<rect class="[^"]*current[^"]*"[^>]*>', svg).group(0)
    assert 'height="' in current and "<title>2021: 114 billion</title>" in svg
    heights = [float(h) for h in re.findall(r'height="([0-9.]+)"><title>', svg)]
    assert heights[0] < heights[1] < heights[2]  # taller for larger values
    assert bar_chart(TRADE, "2021", caption="trade") == svg  # deterministic


def test_negative_and_zero_values_draw_from_a_zero_line():
    svg = bar_chart([("2020", -5.0), ("2021", 0.0), ("2022", 5.0)], "2022")
    assert svg.count("<rect") == 3 and "geomap-chart-axis" in svg


def test_chart_text_is_escaped():
    svg = bar_chart([(HOSTILE_IMG, 1.0), ("{{7*7}}", 2.0)], HOSTILE_IMG, caption=HOSTILE_IMG)
    assert "<img" not in svg and "{" not in svg and "&lt;img" in svg


def test_popups_of_a_series_carry_the_chart_before_their_quotes():
    layer = traffic(
        [{**row, "sentence": f"Trade in {row['period']}.", "doc": "a.txt"} for row in trade_rows()]
    )
    docs = DocumentIndex([])
    drawn = add_charts(layer, drawing(layer, docs), docs)
    popups = [f["properties"]["popup"] for f in drawn["features"]]
    assert len(popups) == 3
    for popup in popups:
        assert popup.count("<svg") == 1 and popup.count("<rect") == 3
        assert popup.index("<svg") < popup.index('<div class="geomap-evidence">')
    current = {
        re.search(r"<title>(\d{4}): [^<]*</title></rect>", p[p.index("current") :]).group(1) for p in popups
    }
    assert current == {"2020", "2021", "2022"}


def test_layers_without_series_are_left_as_they_are():
    tables = make_tables()
    layer = Layer(tables["visits"], next(s for s in builtin_specs() if s.name == "visits"))
    docs = DocumentIndex([])
    drawn = drawing(layer, docs)
    assert add_charts(layer, drawn, docs) is drawn


def test_chart_goes_at_the_end_of_a_popup_without_quotes():
    assert with_chart('<div class="geomap-popup"><table></table></div>', "<svg></svg>") == (
        '<div class="geomap-popup"><table></table><svg></svg></div>'
    )
