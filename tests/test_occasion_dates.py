"""Vague visit dates narrowed by the curated table of dated occasions, and only when consistent."""

import pytest

from geomap.events.occasion_dates import Occasion, narrow_visit_dates, occasions
from geomap.model import Place, Visit

BEIJING = Place("geonames:1816670", "Beijing", "city", 39.9075, 116.39723, "CN", 18960744)
HARBIN = Place("geonames:2037013", "Harbin", "city", 45.75, 126.65, "CN", 5242897)


def visit(place: Place, start: str, end: str, occasion: str) -> Visit:
    return Visit("A. Visitor", place, start, end, "early that year", occasion, 0.9)


@pytest.mark.parametrize(
    ("place", "start", "end", "occasion", "expected"),
    [
        (BEIJING, "2022-01-01", "2022-04-30", "opening of the Winter Olympics", ("2022-02-04", "2022-02-04")),
        (BEIJING, "2022-01-01", "2022-12-31", "the Winter Olympics", ("2022-02-04", "2022-02-20")),
        (BEIJING, "2022-06-01", "2022-12-31", "opening of the Winter Olympics", ("2022-06-01", "2022-12-31")),
        (HARBIN, "2022-01-01", "2022-04-30", "opening of the Winter Olympics", ("2022-01-01", "2022-04-30")),
        (BEIJING, "2022-01-01", "2022-04-30", "talks on trade", ("2022-01-01", "2022-04-30")),
        (BEIJING, "2022-02-01", "2022-02-01", "opening of the Winter Olympics", ("2022-02-01", "2022-02-01")),
    ],
    ids=["narrowed-to-ceremony", "narrowed-to-games", "outside-range", "other-place", "other-purpose",
         "already-a-day"],
)
def test_a_known_occasion_narrows_only_a_consistent_vague_date(place, start, end, occasion, expected):
    v = visit(place, start, end, occasion)
    narrow_visit_dates([v])
    assert (v.start, v.end) == expected


def test_the_narrowed_date_says_where_it_came_from():
    v = visit(BEIJING, "2022-01-01", "2022-04-30", "opening of the Winter Olympics")
    narrow_visit_dates([v])
    assert v.date_text == "early that year"  # the words read, and only them
    assert v.date_source.startswith("dates of the ") and "wikipedia.org" in v.date_source


def test_every_occasion_row_has_a_source_and_ordered_dates():
    rows = occasions()
    assert rows
    assert all(isinstance(o, Occasion) and o.source.startswith("http") and o.start <= o.end for o in rows)
