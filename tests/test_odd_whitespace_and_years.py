"""Text that real feeds send now and then: words parted by tabs or line breaks rather than spaces, and
a story dated in the calendar's last year, where "next year" or "this winter" would end in the year
10000. They are read like ordinary text or, for an impossible date, as no date; they never stop an
extraction."""

from __future__ import annotations

from datetime import date

import pytest
from geoparse_helpers import places

from geomap.events.dates import find_dates
from geomap.events.traffic_period import find_periods
from geomap.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


SPACED = "Delegates met in The Hague on Monday to talk about the ferry."


@pytest.mark.parametrize("gap", ["\t", "\u00a0"])
def test_a_name_that_opens_with_a_determiner_reads_alike_whatever_parts_its_words(gaz, gap: str) -> None:
    assert "The Hague" in places(gaz, SPACED)
    found = places(gaz, SPACED.replace(" ", gap))  # no IndexError on the name's second word
    assert [p.name for p in found.values()] == [p.name for p in places(gaz, SPACED).values()]


def test_words_parted_by_line_breaks_are_read_without_error(gaz) -> None:
    places(gaz, SPACED.replace(" ", "\n"))  # a line break ends a name: no place need be found


@pytest.mark.parametrize("text", ["Trade will rise this winter.", "Trucks queued last winter.",
                                  "The new lanes open next year."])
def test_a_date_past_the_calendars_last_year_is_no_date(text: str) -> None:
    # a story dated in December 9999 (a mistyped feed date): "next year" would be 10000
    assert all(d.last.year <= 9999 for d in find_dates(text, "9999-12-01"))  # and no ValueError
    assert all(p.last is None or p.last.year <= 9999 for p in find_periods(text, date(9999, 12, 1), "CN"))


def test_a_season_of_an_ordinary_year_is_still_read() -> None:
    (d,) = find_dates("Trade rose in the winter of 2023.", "2024-05-01")
    assert (d.first, d.last) == (date(2023, 12, 1), date(2024, 2, 29))
