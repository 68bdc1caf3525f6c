"""Traffic figures read from hand-made sentences and a Markdown table."""

from __future__ import annotations

import pytest

from geomap.events import extract_events
from geomap.events.handmade import MiniGazetteer, crossing_record, make_document, mentions_by_doc
from geomap.model import Place

EAST = Place("geonames:1", "Eastford", "city", 50.2, 127.5, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.3, 127.5, "RU", 200000)
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
US = Place("country:US", "United States", "country", 39.0, -98.0, "US")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
GAZ = MiniGazetteer([EAST, WEST, CHINA, RUSSIA, US, BRIDGE],
                    records=[crossing_record(BRIDGE, EAST, WEST, "road bridge")])
NAMES = {"Eastford": EAST, "Westgrad": WEST, "China": CHINA, "Russia": RUSSIA, "U.S": US}


def traffic(*docs):
    return extract_events(list(docs), mentions_by_doc(docs, NAMES), GAZ).traffic


def test_trade_value_with_change_period_and_owner() -> None:
    doc = make_document(
        "Port officials say Eastford's imports and exports reached 20.4 billion yuan (roughly 2.8 billion "
        "U.S. dollars) in 2023, up 12.5 percent on the year before.", "2024-02-01")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.unit) == ("trade value", pytest.approx(20.4e9), "CNY")
    assert (t.period, t.period_text) == ("2023", "in 2023")
    assert t.change_pct == pytest.approx(12.5)
    assert t.change_factor is None
    assert [p.id for p in t.subject] == [EAST.id]
    assert "Eastford" in t.label


def test_passengers_between_two_towns_with_a_factor() -> None:
    doc = make_document(
        "Last year the number of passengers between Westgrad and Eastford rose almost three times "
        "to 410,000.", "2025-01-15")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.unit, t.period) == ("passengers", 410000.0, "passengers", "2024")
    assert t.change_factor == 3.0
    assert [p.id for p in t.subject] == [WEST.id, EAST.id]


def test_an_observation_on_a_bridge_without_a_date_is_an_hourly_rate_with_no_period() -> None:
    doc = make_document(
        "We watched the bridge from Eastford to Westgrad for an hour and did not see a single truck.",
        "2023-09-30")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.unit) == ("trucks", 0.0, "trucks/hour")
    assert (t.period, t.period_text) == ("", "")
    assert [p.id for p in t.subject] == [BRIDGE.id]


def test_dates_are_not_counted_as_figures() -> None:
    doc = make_document("Trucks waited at the bridge from Eastford to Westgrad on June 3, 2024.",
                        "2024-06-04")
    assert traffic(doc) == []


def test_markdown_table_rows_with_units_from_the_header() -> None:
    doc = make_document(
        "The figures below show trade between China and Russia:\n"
        "| Year | Trade Value (Billion USD) | Growth (%) |\n"
        "|---|---|---|\n"
        "| 2015 | 68.0 | -27.8 |\n"
        "| 2016 | 69.5 | 2.2 |\n", None)
    rows = traffic(doc)
    assert [(t.period, t.value, t.unit, t.change_pct) for t in rows] == [
        ("2015", pytest.approx(68e9), "USD", pytest.approx(-27.8)),
        ("2016", pytest.approx(69.5e9), "USD", pytest.approx(2.2)),
    ]
    assert all([p.id for p in t.subject] == [CHINA.id, RUSSIA.id] for t in rows)
    assert all(t.metric == "trade value" for t in rows)
    assert "| 2016 | 69.5 | 2.2 |" in rows[1].sources[0].sentence


def test_table_without_introduction_is_about_the_documents_main_countries() -> None:
    doc = make_document(
        "Russia and China signed deals. Russia and China agreed more.\n\n"
        "| Year | Exports (Million USD) |\n|---|---|\n| 2019 | 12.5 |\n", None)
    (t,) = traffic(doc)
    assert {p.id for p in t.subject} == {CHINA.id, RUSSIA.id}
    assert t.value == pytest.approx(12.5e6)


def test_the_same_figure_reported_twice_is_one_row_with_two_sources() -> None:
    text = "Eastford's exports reached 5 billion yuan in 2022."
    a = make_document(text, "2023-01-01", "a.txt")
    b = make_document("Officials repeated it: " + text, "2023-02-01", "b.txt")
    (t,) = traffic(a, b)
    assert [s.source for s in t.sources] == ["a.txt", "b.txt"]
