"""Cells as text and the escaped HTML of popups and tooltips."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from geomap.layers import LayerSpec, PopupField, builtin_specs
from geomap.model import Document
from geomap.render.text import (
    DocumentIndex,
    cell_text,
    evidence,
    fill_template,
    format_number,
    popup_fields,
    popup_html,
    template_columns,
    tooltip_html,
)

SPECS = {spec.name: spec for spec in builtin_specs()}
EVIL = '<img src=x onerror="alert(1)">'


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (31_350_000_000, "31.35 billion"),
        (2_500_000, "2.5 million"),
        (12500, "12,500"),
        (19.1, "19.1"),
        (0.85, "0.85"),
        (1234.5678, "1,235"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_cell_text_treats_null_nan_and_blank_as_missing():
    assert [cell_text(v) for v in (None, math.nan, "  ", True, 3.0, " x ")] == ["", "", "", "yes", "3", "x"]


def test_fill_template_escapes_and_drops_empty_parentheses():
    row = {"who": EVIL, "name": "Harbin", "start": None}
    html = fill_template("{who} in {name} ({start})", row)
    assert html == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; in Harbin"


def test_evidence_lists_every_merged_source_once_and_fills_titles_from_documents():
    sources = [
        {"doc": "a.txt", "title": "", "date": "", "sentence": "One."},
        {"doc": "b.txt", "title": "B", "date": "2024-01-02", "sentence": "Two."},
        {"doc": "a.txt", "title": "", "date": "", "sentence": "One."},
    ]
    docs = DocumentIndex([Document("a-1", "x/a.txt", "Title A", "2024-01-01", "a.txt", "")])
    found = evidence({"sources": json.dumps(sources), "sentence": "ignored"}, docs)
    assert found == [
        {"doc": "a.txt", "title": "Title A", "date": "2024-01-01", "sentence": "One."},
        {"doc": "b.txt", "title": "B", "date": "2024-01-02", "sentence": "Two."},
    ]


def test_evidence_falls_back_to_the_provenance_columns():
    row = {"sources": "not json", "doc": "c.txt", "doc_title": "C", "doc_date": None, "sentence": "Three."}
    assert evidence(row, DocumentIndex([])) == [
        {"doc": "c.txt", "title": "C", "date": "", "sentence": "Three."}
    ]
    assert evidence({"sources": "[]"}, DocumentIndex([])) == []


def test_popup_shows_fields_quote_and_source_all_escaped():
    row = {
        "label": "Heihe trade",
        "metric": "trade value",
        "value": 31_350_000_000.0,
        "unit": "CNY",
        "period_text": "in 2024",
        "change_pct": 19.1,
        "change_factor": None,
        "subject_name": EVIL,
        "confidence": 0.8,
        "sources": json.dumps([{"doc": "d.txt", "title": EVIL, "date": "2024-05-01", "sentence": EVIL}]),
    }
    html = popup_html(row, SPECS["traffic"], DocumentIndex([]))
    assert "<img" not in html and html.count("&lt;img src=x") == 3
    assert "Heihe trade: 31.35 billion CNY (in 2024)" in html
    assert "<th>Change (%)</th><td>19.1</td>" in html and "Change (×)" not in html  # empty cells go
    assert "<blockquote>" in html and "2024-05-01" in html and "d.txt" in html


def test_tooltip_falls_back_to_the_escaped_title():
    spec = SPECS["visits"]
    assert tooltip_html({"who": "A & B", "name": "Harbin", "start": ""}, spec) == "A &amp; B in Harbin"
    assert tooltip_html({"who": None}, spec) == "Visits"  # nothing to fill: the layer's title
    blank = type(spec)(**{**spec.__dict__, "tooltip": "", "title": "<Visits>"})
    assert tooltip_html({}, blank) == "&lt;Visits&gt;"


def test_templates_format_numbers_and_show_missing_values_as_a_dash():
    row = {"name": "Heihe", "value": 31350.4, "unit": None, "share": "n/a"}
    assert fill_template("{name}: {value:,.0f} t", row) == "Heihe: 31,350 t"
    assert fill_template("{name}: {unit:,.0f} t", row) == "Heihe: — t"
    assert fill_template("{name} ({unit})", row) == "Heihe"  # alone in parentheses: they go
    assert fill_template("{name} ({unit} – {missing})", row) == "Heihe"
    assert fill_template("{share:.1%} of {value:.1%}", row) == "n/a of 3135040.0%"


def test_cell_values_are_never_read_as_templates_and_braces_never_reach_the_page():
    row = {"name": "{value} {{7*7}} {# {% for %}", "value": 1}
    html = fill_template("{name}", row)
    assert "{" not in html and "}" not in html
    assert html == "&#123;value&#125; &#123;&#123;7*7&#125;&#125; &#123;# &#123;% for %&#125;"


def test_a_malformed_template_is_shown_as_text():
    assert fill_template("{name", {"name": "x"}) == "&#123;name"
    assert template_columns("{name") == [] and template_columns("{a}: {b:,.0f}") == ["a", "b"]


def test_popup_fields_take_formats_from_popupfield_tuples_and_plain_pairs():
    spec = LayerSpec(
        name="t",
        title="T",
        source="frame:t",
        symbol="circle",
        popup=(PopupField("value", "Value", ",.0f"), ("when", "When"), PopupField("when", "Month", "%B %Y")),
    )
    fields = [("value", "Value", ",.0f"), ("when", "When", ""), ("when", "Month", "%B %Y")]
    assert popup_fields(spec) == fields
    html = popup_html({"value": 1234.75, "when": "2024-05-17"}, spec, DocumentIndex([]))
    assert "<th>Value</th><td>1,235</td>" in html
    assert "<th>When</th><td>2024-05-17</td>" in html and "<th>Month</th><td>May 2024</td>" in html


def test_popups_of_awkward_cells_never_raise():
    spec = LayerSpec(
        name="t",
        title="T",
        source="frame:t",
        symbol="circle",
        tooltip="{a:,.0f} {b:%Y} {c}",
        popup=(("a", "A", ",.0f"), ("b", "B", "%d %b %Y"), ("c", "C", ".1%")),
    )
    for cell in ([1, None], {"x": EVIL}, math.nan, math.inf, pd.NaT, pd.NA, b"\xff", object(), EVIL, 10**400):
        row = {"a": cell, "b": cell, "c": cell}
        assert "<img" not in popup_html(row, spec, DocumentIndex([])) + tooltip_html(row, spec)
