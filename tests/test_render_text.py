"""Cells as text and the escaped HTML of popups and tooltips."""

from __future__ import annotations

import json
import math

import pytest

from geomap.layers import builtin_specs
from geomap.model import Document
from geomap.render.text import (
    DocumentIndex,
    cell_text,
    evidence,
    fill_template,
    format_number,
    popup_html,
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
