"""Big event tables drawn aggregated: one symbol per crossing, metric, unit and period (traffic), per
place and month (visits), saying how many reports it stands for; small tables stay one row each."""

from __future__ import annotations

import json
import statistics

import geopandas as gpd
import pytest
from aggregate_helpers import CROSSINGS, METRICS, REPORTS, YEARS, big_traffic, big_visits
from conftest import make_documents

from geomap.errors import GeomapError
from geomap.layers import Layer, SpecError, builtin_specs, parse_spec, read_source
from geomap.layers.aggregate import MAX_QUOTES, SUMMARY
from geomap.model import Document
from geomap.render import build_map
from geomap.render.cited import MAX_LISTED


def builtin(name: str):
    return next(spec for spec in builtin_specs() if spec.name == name)


def test_big_traffic_table_is_one_circle_per_place_metric_unit_and_period():
    table = big_traffic()
    layer = read_source(builtin("traffic"), {"traffic": table})
    assert len(layer.data) == len(CROSSINGS) * len(METRICS) * len(YEARS)
    for row in layer.data.to_dict("records"):
        group = table[(table["subject"] == row["subject"]) & (table["metric"] == row["metric"])
                      & (table["period"] == row["period"])]  # fmt: skip
        assert row["value"] == statistics.median(group["value"])
        assert (row["value_min"], row["value_max"]) == (group["value"].min(), group["value"].max())
        assert row[SUMMARY].startswith(f"{REPORTS} reports in {REPORTS} documents; median ")
        assert row["subject_name"] == CROSSINGS[row["subject"]][0]


def test_aggregated_layer_says_what_a_symbol_stands_for_in_legend_and_popup():
    layer = read_source(builtin("traffic"), {"traffic": big_traffic()})
    total = REPORTS * len(CROSSINGS) * len(METRICS) * len(YEARS)
    assert layer.spec.legend.endswith(f"the median of its reports, from {total:,} reports")
    assert layer.spec.popup[0].column == SUMMARY and layer.spec.popup[0].label == "Aggregated"


def test_aggregated_symbol_quotes_its_most_recent_reports_only():
    layer = read_source(builtin("traffic"), {"traffic": big_traffic()})
    for cell in layer.data["sources"]:
        quotes = json.loads(cell)
        assert len(quotes) == MAX_QUOTES
        dates = [q["date"] for q in quotes]
        assert dates == sorted(dates, reverse=True)
        assert all(q["sentence"].startswith("Report ") for q in quotes)


def test_traffic_table_below_min_rows_is_drawn_one_circle_per_report():
    table = big_traffic(reports=10)
    layer = read_source(builtin("traffic"), {"traffic": table})
    assert len(layer.data) == len(table)
    assert SUMMARY not in layer.data.columns
    assert layer.spec.legend == builtin("traffic").legend


def test_big_visits_table_is_one_marker_per_place_and_month_naming_who_went():
    layer = read_source(builtin("visits"), {"visits": big_visits()})
    assert len(layer.data) == 3
    first = layer.data.iloc[0]
    assert (first["start"], first["end"]) == ("2024-03-01", "2024-03-28")
    assert first["who"] == "Ada Lind, Bo Marsh, Cy North, Di Oakes, Ed Pike and 1 other"
    assert first[SUMMARY] == "700 visits in 700 documents"


def spec_with(aggregate: dict, symbol: str = "circle") -> dict:
    return {"name": "depots", "title": "Depots", "source": "depots.csv", "symbol": symbol,
            "aggregate": aggregate}  # fmt: skip


@pytest.mark.parametrize(
    ("aggregate", "symbol", "expected"),
    [
        ({"by": ["place:week"]}, "circle", "cut to ':year', ':month' or ':day'"),
        ({"by": []}, "circle", "a list of column names"),
        ({"by": ["place"], "min_rows": 0}, "circle", "a number of rows (1 or more)"),
        ({"by": ["place"], "bins": 3}, "circle", "unknown key 'aggregate.bins'"),
        ({"by": ["place"]}, "line", "key 'aggregate': applies to point symbols"),
    ],
)
def test_aggregate_table_problems_name_the_key_and_what_was_expected(aggregate, symbol, expected):
    with pytest.raises(SpecError) as err:
        parse_spec(spec_with(aggregate, symbol), "depots.toml")
    assert expected in str(err.value)


def test_aggregate_by_a_column_the_rows_lack_names_it():
    spec = parse_spec(spec_with({"by": ["depot"]}), "depots.toml")
    rows = gpd.GeoDataFrame({"place": ["a"]}, geometry=gpd.points_from_xy([1], [2]), crs="EPSG:4326")
    with pytest.raises(GeomapError, match=r"aggregate\.by\[0\].*'depot'"):
        _read_frame(spec, rows)


def _read_frame(spec, rows):
    from dataclasses import replace

    from geomap.layers.sources import Context

    return read_source(replace(spec, source="frame:rows"), context=Context(frames={"rows": rows}))


def test_sources_panel_of_a_big_corpus_lists_the_quoted_articles_numbered_as_the_popups_cite_them():
    tables = {"traffic": big_traffic()}
    layer = read_source(builtin("traffic"), tables)
    quoted = {q["doc"] for cell in layer.data["sources"] for q in json.loads(cell)}
    documents = [Document(id=doc, path=doc, title=f"Report {i}", date=None, source=doc, text="")
                 for i, doc in enumerate(sorted(tables["traffic"]["doc"]), 1)]  # fmt: skip
    assert len(documents) > MAX_LISTED
    html = build_map([layer], title="Big", documents=documents).get_root().render()
    assert f"Sources ({len(quoted):,} quoted of {len(documents):,})" in html
    assert "[1]" in html and f"[{len(quoted)}]" in html  # popups number the listed articles only
    assert f"[{len(quoted) + 1}]" not in html


def test_sources_panel_of_a_small_corpus_lists_every_article(map_tables):
    layers = [read_source(builtin("traffic"), map_tables)]
    html = build_map(layers, title="Small", documents=make_documents()).get_root().render()
    assert f"Sources ({len(make_documents())})" in html
    assert isinstance(layers[0], Layer)
