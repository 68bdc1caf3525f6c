"""Crossings named indirectly: a status verb on a border town, a lead about "its crossings" named
later, a generic noun beside a town, curated crossings sharing towns; and status words read late."""

from __future__ import annotations

from handmade import MiniGazetteer, crossing_record, make_document, mentions_by_doc

from geomap.events import extract_events
from geomap.model import Place

# Invented towns at real places on the Amur (China–Russia).
EAST = Place("geonames:1", "Eastford", "city", 50.24, 127.49, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.28, 127.53, "RU", 200000)
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
RIVER = Place("river:amur", "Amur", "river", 50.3, 127.5, "CN/RU")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
TUNNEL = Place("landmark:ew-tunnel", "Eastford–Westgrad tunnel", "checkpoint", 50.25, 127.55, "CN/RU")
RAIL = Place("landmark:ew-rail", "Eastford–Westgrad railway crossing", "checkpoint", 50.25, 127.55, "CN/RU")
PLACES = [EAST, WEST, CHINA, RUSSIA, RIVER, BRIDGE, TUNNEL, RAIL]
GAZ = MiniGazetteer(PLACES, records=[crossing_record(BRIDGE, EAST, WEST, "road bridge"),
                                     crossing_record(RAIL, EAST, WEST, "rail")])
GAZ_TUNNEL = MiniGazetteer(PLACES, records=[crossing_record(BRIDGE, EAST, WEST, "road bridge"),
                                            crossing_record(TUNNEL, EAST, WEST, "road")])
NAMES = {p.name: p for p in PLACES if p.kind in ("city", "country", "river")}


def crossings(text: str, gaz: MiniGazetteer = GAZ, names: dict[str, Place] = NAMES):
    doc = make_document(text, "2024-06-01")
    return extract_events([doc], mentions_by_doc([doc], names), gaz).crossings


def test_a_status_verb_on_a_border_town_names_its_curated_crossing() -> None:
    (c,) = crossings("Russia and China argued for a week. Then the authorities shut Westgrad to lorries.")
    assert c.place.id == BRIDGE.id
    assert "closed" in c.status


def test_a_mode_word_picks_the_towns_crossing_of_that_mode() -> None:
    (c,) = crossings("Russia and China argued for a week. Trains through Westgrad were halted on 3 May 2024.")
    assert c.place.id == RAIL.id
    assert "suspended 2024-05-03" in c.status


def test_a_lead_about_its_crossings_dates_the_crossings_named_later() -> None:
    cs = crossings("Russia reopened its road and rail crossings with China on 2 May 2024.\n\n"
                   "Lorries queued at the Eastford–Westgrad road bridge, and trains used the "
                   "Eastford–Westgrad railway crossing.")
    assert {c.place.id for c in cs} == {BRIDGE.id, RAIL.id}
    assert all("reopened 2024-05-02" in c.status for c in cs)


def test_a_denied_status_with_until_still_happens() -> None:
    (c,) = crossings("The Eastford–Westgrad road bridge did not reopen until 12 May 2024.")
    assert "reopened 2024-05-12" in c.status


def test_a_bridge_across_a_river_takes_the_towns_named_after_the_river() -> None:
    (c,) = crossings("Crews began assembling a pontoon bridge across the Amur between Westgrad and Eastford.")
    assert {c.side_a.id, c.side_b.id} == {EAST.id, WEST.id}
    assert "under construction" in c.status


def test_a_town_set_beside_a_generic_noun_is_that_towns_crossing() -> None:
    (c,) = crossings("Russia and China agreed. Traffic was restored at Westgrad, the main crossing on the "
                     "road.")
    assert c.place.id == BRIDGE.id
    assert "resumed" in c.status


def test_curated_crossings_at_the_same_towns_stay_apart() -> None:
    names = NAMES | {BRIDGE.name: BRIDGE, TUNNEL.name: TUNNEL}
    cs = crossings("The Eastford–Westgrad road bridge carries most lorries; the Eastford–Westgrad tunnel "
                   "carries cars.", GAZ_TUNNEL, names)
    assert {c.place.id for c in cs} == {BRIDGE.id, TUNNEL.id}


def test_a_line_between_two_towns_is_a_rail_crossing() -> None:
    (c,) = crossings("Freight moves on the Eastford–Westgrad line, which opened in 1956.")
    assert c.place.id == RAIL.id
    assert "opened 1956" in c.status
