"""Visits told by ceremony and inspection wording, at a crossing the story named before ("the bridge")."""

from __future__ import annotations

from handmade import MiniGazetteer, crossing_record, events_of

from geomap.model import Place

EAST = Place("geonames:1", "Eastford", "city", 50.2, 127.5, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.3, 127.5, "RU", 200000)
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
GAZ = MiniGazetteer([EAST, WEST, BRIDGE], records=[crossing_record(BRIDGE, EAST, WEST, "road bridge")])
NAMES = {"Eastford": EAST, "Westgrad": WEST, "Eastford–Westgrad road bridge": BRIDGE}


def visits(text: str, date: str = "2024-06-03"):
    return events_of(text, date, NAMES, GAZ).visits


def test_presiding_over_a_hand_over_at_the_bridge_is_a_visit_to_the_bridge() -> None:
    got = visits("The Eastford–Westgrad road bridge turned thirty this spring.\n\n"
                 "The builders handed over the bridge on 5 May 1994, when Minister Olga Brandt "
                 "presided over the event.")
    assert [(v.who, v.place.id, v.start) for v in got] == [("Olga Brandt", BRIDGE.id, "1994-05-05")]


def test_checking_the_state_of_one_side_of_the_border_is_a_visit_to_the_crossing() -> None:
    got = visits("Traffic over the Eastford–Westgrad road bridge resumed at midnight.\n\n"
                 "On Monday Governor Ivan Kessler checked the state of the northern side of the border "
                 "an hour before the opening.")
    assert [(v.who, v.place.id, v.start) for v in got] == [("Ivan Kessler", BRIDGE.id, "2024-06-03")]


def test_checking_figures_is_no_visit() -> None:
    assert visits("Traffic over the Eastford–Westgrad road bridge resumed at midnight.\n\n"
                  "On Monday Governor Ivan Kessler checked the figures for the border.") == []
