"""Land borders from Natural Earth: who neighbours whom, and how far a point is from a shared line."""

from __future__ import annotations

import time

from geomap import borders


def test_neighbours_share_a_land_border_and_others_do_not() -> None:
    assert borders.are_neighbours("PL", "BY")
    assert borders.are_neighbours("by", "pl")
    assert borders.are_neighbours("US", "MX")
    assert not borders.are_neighbours("PL", "CN")
    assert not borders.are_neighbours("GB", "FR")  # the Channel is no land border


def test_a_town_on_the_line_is_near_it_and_a_capital_far_away_is_not() -> None:
    assert borders.border_km(52.07, 23.63, "PL", "BY") < 10  # on the Bug
    assert borders.border_km(52.23, 21.01, "PL", "BY") > 120  # Warsaw
    assert borders.border_km(52.0, 20.0, "PL", "CN") == float("inf")


def test_nearest_border_names_the_neighbour_across_the_line() -> None:
    other, km = borders.nearest_border(52.07, 23.63, "PL")
    assert other == "BY" and km < 10


def test_questions_are_fast_once_built() -> None:
    borders.neighbours()
    t = time.perf_counter()
    for i in range(200):
        borders.nearest_border(50.0 + i * 0.01, 127.5, "RU")
    assert (time.perf_counter() - t) / 200 < 0.005
