"""Crossings read from hand-made sentences, matched to a small curated table."""

from __future__ import annotations

from geomap.events import extract_events
from geomap.events.handmade import MiniGazetteer, crossing_record, make_document, mentions_by_doc
from geomap.model import Place

EAST = Place("geonames:1", "Eastford", "city", 50.2, 127.5, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.3, 127.5, "RU", 200000)
NORTH = Place("geonames:3", "Northby", "city", 52.0, 125.0, "CN", 5000)
SOUTH = Place("geonames:4", "Southov", "city", 52.1, 125.0, "RU", 5000)
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
FERRY = Place("landmark:ew-ferry", "Eastford–Westgrad river crossing", "river crossing", 50.25, 127.5,
              "CN/RU")
POST_CN = Place("landmark:ew-post-cn", "Eastford bridge port", "checkpoint", 50.25, 127.55, "CN")
POST_RU = Place("landmark:ew-post-ru", "Westgrad bridge checkpoint", "checkpoint", 50.25, 127.55, "RU")
DEPOT = Place("landmark:ew-depot", "Westgrad Customs Depot", "terminal", 50.25, 127.55, "RU")
GAZ = MiniGazetteer(
    [EAST, WEST, NORTH, SOUTH, CHINA, RUSSIA, BRIDGE, FERRY, POST_CN, POST_RU, DEPOT],
    parents={POST_CN.id: BRIDGE.id, POST_RU.id: BRIDGE.id, DEPOT.id: BRIDGE.id},
    records=[crossing_record(BRIDGE, EAST, WEST, "road bridge"),
             crossing_record(FERRY, EAST, WEST, "river")],
)
NAMES = {p.name: p for p in (EAST, WEST, NORTH, SOUTH, CHINA, RUSSIA)} | {"Westgrad Customs Depot": DEPOT}


def crossings(*docs):
    return extract_events(list(docs), mentions_by_doc(docs, NAMES), GAZ).crossings


def test_bridge_between_two_towns_matches_the_curated_bridge() -> None:
    doc = make_document("The newly-built bridge from Westgrad to Eastford was closed and no cars "
                        "crossed it for an hour.", "2024-01-05")
    (c,) = crossings(doc)
    assert c.place.id == BRIDGE.id
    assert (c.side_a.id, c.side_b.id) == (EAST.id, WEST.id)  # China side first
    assert c.mode == "road bridge"
    assert "newly built" in c.status and "closed" in c.status
    assert "no vehicle seen in an hour" in c.status


def test_ferry_matches_the_river_crossing_and_hyphenated_pairs_count() -> None:
    doc = make_document("In summer a ferry runs on the Eastford-Westgrad route.", "2024-07-01")
    (c,) = crossings(doc)
    assert (c.place.id, c.mode) == (FERRY.id, "ferry")


def test_checkpoint_on_the_bridge_is_the_end_in_the_reporting_country() -> None:
    doc = make_document(
        "Lorries queue at the border checkpoint on the bridge along the Eastford-Westgrad road.\n"
        "A driver waits in Westgrad, Russia, on Monday.", "2024-07-01")
    found = {c.place.id: c for c in crossings(doc)}
    assert set(found) == {BRIDGE.id, POST_RU.id}
    post = found[POST_RU.id]
    assert post.mode == "checkpoint"
    assert (post.side_a.id, post.side_b.id) == (EAST.id, WEST.id)
    assert "lorries queue" in post.status


def test_landmark_terminal_takes_the_sides_of_its_crossing() -> None:
    doc = make_document("Apples are inspected at the Westgrad Customs Depot every morning.", "2024-07-01")
    (c,) = crossings(doc)
    assert (c.place.id, c.mode, c.side_a.id, c.side_b.id) == (DEPOT.id, "customs terminal", EAST.id, WEST.id)


def test_the_bridge_refers_back_to_the_last_bridge_named() -> None:
    doc = make_document("A bridge joins Eastford and Westgrad. The bridge was busy on Friday.", "2024-07-01")
    (c,) = crossings(doc)
    assert c.place.id == BRIDGE.id
    assert len(c.sources) == 2
    assert c.status == "busy"


def test_unknown_crossing_between_two_towns_is_made_up_from_them() -> None:
    doc = make_document("A pontoon bridge links Northby with Southov in winter.", "2024-07-01")
    (c,) = crossings(doc)
    assert c.place.id.startswith("crossing:")
    assert (c.side_a.id, c.side_b.id) == (NORTH.id, SOUTH.id)
    assert c.confidence < 0.6


def test_reports_merge_across_documents() -> None:
    a = make_document("The bridge between Eastford and Westgrad opened to buses.", "2024-07-01", "a.txt")
    b = make_document("Trucks cross the Westgrad-Eastford bridge at night.", "2024-08-01", "b.txt")
    (c,) = crossings(a, b)
    assert [s.source for s in c.sources] == ["a.txt", "b.txt"]
    assert c.confidence > 0.9


def test_words_that_merely_contain_a_noun_are_not_crossings() -> None:
    doc = make_document("Bridging cultures between Eastford and Westgrad matters.", "2024-07-01")
    assert crossings(doc) == []
