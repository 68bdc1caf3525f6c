"""Cells as text: number and date formats, awkward values (lists, NaT, numbers as strings), ISO times."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from geomap.render.formats import cell_text, format_value, is_date_format, is_missing, iso_time


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (31_350_000_000, ",.0f", "31,350,000,000"),
        (0.191, ".1%", "19.1%"),
        (12.0, "d", "12"),  # an integer format takes a whole float
        (12.5, "d", "12.5"),  # ... and a fractional one as a float
        ("1234.5", ",.1f", "1,234.5"),  # numbers as strings
        (np.int64(7), "03d", "007"),
        ("n/a", ",.0f", "n/a"),  # no number: shown as written
        ("<b>", ".1%", "<b>"),
        (True, ",.0f", "yes"),
        (math.inf, ",.0f", "inf"),
        (5, "{x}", "5"),  # not a format: the plain text
        (5, "99999999d", "5"),  # absurd widths are not honoured
    ],
)
def test_numbers_take_their_format_or_show_plainly(value, fmt, text):
    assert format_value(value, fmt) == text


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        ("2024-05-17", "%d %B %Y", "17 May 2024"),
        (pd.Timestamp("2024-05-17 13:45"), "%Y-%m-%d %H:%M", "2024-05-17 13:45"),
        (dt.date(2024, 5, 17), "%b %Y", "May 2024"),
        (np.datetime64("2024-05-17"), "%d.%m.%Y", "17.05.2024"),
        ("2024-05", "%B %Y", "May 2024"),  # a month is enough for a month format
        ("2024-05", "%d %B %Y", "2024-05"),  # ... but no day is invented
        ("2024", "%Y", "2024"),
        ("last spring", "%d %B %Y", "last spring"),
        (2024, "%Y", "2024"),  # a whole number of four digits is a year
        (2024, "%B %Y", "2,024"),  # ... with no month
        (20240517, "%Y", "20.24 million"),  # other numbers are no dates
    ],
)
def test_dates_take_a_strftime_format_when_they_are_dates(value, fmt, text):
    assert format_value(value, fmt) == text


def test_missing_values_are_empty_whatever_the_format():
    for value in (None, math.nan, pd.NA, pd.NaT, np.nan, "  ", np.datetime64("NaT")):
        assert is_missing(value) and format_value(value, ",.0f") == "" and cell_text(value) == ""
    assert not is_missing([]) and not is_missing(0) and not is_missing(False)


def test_cell_text_of_lists_dicts_dates_and_bytes():
    assert cell_text(["a", None, 3.0, math.nan]) == "a, 3"
    assert cell_text(np.array([1, 2])) == "1, 2"
    assert cell_text({"b": 1, "a": [1, 2]}) == '{"a": [1, 2], "b": 1}'
    assert cell_text(pd.Timestamp("2024-05-17")) == "2024-05-17"
    assert cell_text(pd.Timestamp("2024-05-17 08:30")) == "2024-05-17T08:30:00"
    assert cell_text(b"caf\xc3\xa9 ") == "café"
    assert cell_text(np.bool_(False)) == "no" and cell_text(np.float32(2.5)) == "2.5"
    assert cell_text(object.__new__(object)).startswith("<object object")


def test_date_formats_are_told_from_number_formats():
    assert is_date_format("%d %b %Y") and is_date_format("%Y")
    assert not is_date_format(".1%") and not is_date_format(",.0f")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-05-17", "2024-05-17"),
        (" 2024-05 ", "2024-05"),
        ("2024", "2024"),
        (2024, "2024"),
        (2024.0, "2024"),
        (pd.Timestamp("2024-05-17"), "2024-05-17"),
        (pd.Timestamp("2024-05-17 08:30"), "2024-05-17T08:30:00"),
        (dt.date(2024, 5, 17), "2024-05-17"),
        ("2024-05-17T08:30:00Z", "2024-05-17T08:30:00+00:00"),
        ("2024-13", None),
        ("yesterday", None),
        ('<img src=x onerror="alert(1)">', None),
        (None, None),
        (math.nan, None),
        (pd.NaT, None),
        (12.5, None),
    ],
)
def test_iso_time_keeps_dates_and_drops_everything_else(value, iso):
    assert iso_time(value) == iso
