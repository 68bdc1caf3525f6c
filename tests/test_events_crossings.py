"""Crossings read from hand-made sentences: crossing nouns with their names, sides that are real
neighbours near a shared land border, curated rows when they fit, and dated status events."""

from __future__ import annotations

import json

from handmade import MiniGazetteer, crossing_record, make_document, mentions_by_doc

from geomap import tables
from geomap.events import extract_events
from geomap.model import Place

# Invented towns at real places on the Amur (China–Russia) and the Bug (Poland–Belarus).
EAST = Place("geonames:1", "Eastford", "city", 50.24, 127.49, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.28, 127.53, "RU", 200000)
NORTH = Place("geonames:3", "Northby", "city", 46.0, 125.0, "CN", 5000)  # far inside China
SOUTH = Place("geonames:4", "Southov", "city", 55.0, 83.0, "RU", 5000)  # far inside Russia
UPTON = Place("geonames:5", "Upton", "city", 52.07, 23.63, "PL", 6000)  # on the Bug
DOWNEY = Place("geonames:6", "Downey", "city", 52.09, 23.70, "BY", 300000)  # across it
LAKEBY = Place("geonames:7", "Lakeby", "city", 53.12, 23.90, "PL", 2000)  # near the line, further north
HILLTON = Place("geonames:8", "Hillton", "city", 51.55, 23.62, "PL", 2000)  # near the line, further south
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
BELARUS = Place("country:BY", "Belarus", "country", 53.5, 28.0, "BY")
POLAND = Place("country:PL", "Poland", "country", 52.0, 19.5, "PL")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
FERRY = Place("landmark:ew-ferry", "Eastford–Westgrad river crossing", "river crossing", 50.25, 127.5,
              "CN/RU")
POST_RU = Place("landmark:ew-post-ru", "Westgrad bridge checkpoint", "checkpoint", 50.25, 127.55, "RU")
DEPOT = Place("landmark:ew-depot", "Westgrad Customs Depot", "terminal", 50.25, 127.55, "RU")
PLACES = [EAST, WEST, NORTH, SOUTH, UPTON, DOWNEY, LAKEBY, HILLTON, CHINA, RUSSIA, BELARUS, POLAND, BRIDGE,
          FERRY, POST_RU, DEPOT]
GAZ = MiniGazetteer(
    PLACES,
    parents={POST_RU.id: BRIDGE.id, DEPOT.id: BRIDGE.id},
    records=[crossing_record(BRIDGE, EAST, WEST, "road bridge"), crossing_record(FERRY, EAST, WEST, "river")],
)
NAMES = {p.name: p for p in PLACES if p.kind in ("city", "country")} | {
    "Westgrad Customs Depot": DEPOT, "Westgrad bridge checkpoint": POST_RU}


def crossings(*docs):
    return extract_events(list(docs), mentions_by_doc(docs, NAMES), GAZ).crossings


def test_bridge_between_two_towns_matches_the_curated_bridge() -> None:
    doc = make_document("The newly-built bridge from Westgrad to Eastford was closed and no cars "
                        "crossed it for an hour.", "2024-01-05")
    (c,) = crossings(doc)
    assert c.place.id == BRIDGE.id
    assert (c.side_a.id, c.side_b.id) == (EAST.id, WEST.id)  # the curated row's order
    assert c.mode == "road bridge"
    assert "newly built" in c.status and "closed" in c.status
    assert "no vehicle seen in an hour" in c.status


def test_ferry_on_a_hyphenated_route_matches_the_river_crossing() -> None:
    doc = make_document("In summer a ferry runs on the Eastford-Westgrad route.", "2024-07-01")
    (c,) = crossings(doc)
    assert (c.place.id, c.mode) == (FERRY.id, "ferry")


def test_the_checkpoint_on_the_bridge_is_the_bridge() -> None:
    doc = make_document("Lorries queue at the Westgrad bridge checkpoint. Buses wait at the checkpoint "
                        "on the bridge along the Eastford-Westgrad road.", "2024-07-01")
    (c,) = crossings(doc)
    assert c.place.id == BRIDGE.id
    assert len(c.sources) == 2
    assert c.status.startswith("congested")


def test_landmark_terminal_takes_the_sides_of_its_crossing() -> None:
    doc = make_document("Apples are inspected at the Westgrad Customs Depot every morning.", "2024-07-01")
    (c,) = crossings(doc)
    assert (c.place.id, c.mode, c.side_a.id, c.side_b.id) == (DEPOT.id, "customs terminal", EAST.id, WEST.id)


def test_the_bridge_refers_back_to_the_last_bridge_named_and_dates_its_closure() -> None:
    doc = make_document("A bridge joins Eastford and Westgrad. The bridge was closed on 5 July 2024.",
                        "2024-07-08")
    (c,) = crossings(doc)
    assert c.place.id == BRIDGE.id
    assert len(c.sources) == 2
    assert c.status == "closed 2024-07-05"
    (ev,) = c.status_events
    assert (ev.what, ev.date, ev.planned, ev.text) == ("closed", "2024-07-05", False, "closed")


def test_two_towns_far_from_any_border_are_no_crossing() -> None:
    doc = make_document("A pontoon bridge links Northby with Southov in winter.", "2024-07-01")
    assert crossings(doc) == []


def test_two_towns_in_one_sentence_are_not_a_crossing_without_a_crossing_word() -> None:
    doc = make_document("The mayors of Upton and Downey met on Friday.", "2024-07-01")
    assert crossings(doc) == []


def test_crossing_with_no_curated_row_between_neighbouring_towns() -> None:
    doc = make_document("Trucks queued for hours at the Upton–Downey crossing.", "2024-07-01")
    (c,) = crossings(doc)
    assert c.place.id.startswith("crossing:")
    assert {c.side_a.id, c.side_b.id} == {UPTON.id, DOWNEY.id}
    assert c.mode == "road"
    assert abs(c.place.lat - (UPTON.lat + DOWNEY.lat) / 2) < 1e-6  # midway between the sides named
    assert c.status.startswith("congested")


def test_one_named_side_takes_the_neighbouring_country_across_the_line() -> None:
    doc = make_document("Officials inspected the Upton rail crossing on Monday.", "2024-07-03")
    (c,) = crossings(doc)
    assert (c.side_a.id, c.side_b.id) == (UPTON.id, BELARUS.id)
    assert c.mode == "rail"
    assert (c.place.lat, c.place.lon) == (UPTON.lat, UPTON.lon)


def test_a_list_of_crossings_is_one_crossing_each() -> None:
    doc = make_document("Poland shut the Upton, Lakeby and Hillton crossings on 1 March 2024.", "2024-03-02")
    found = crossings(doc)
    assert {c.side_a.id for c in found} == {UPTON.id, LAKEBY.id, HILLTON.id}
    assert all(c.status == "closed 2024-03-01 (shut)" for c in found)


def test_names_after_a_list_introduced_by_a_dash() -> None:
    doc = make_document("The government closed three crossings – Upton, Lakeby and Hillton.", "2024-03-02")
    assert {c.side_a.id for c in crossings(doc)} == {UPTON.id, LAKEBY.id, HILLTON.id}


def test_a_planned_reopening_is_flagged_as_planned() -> None:
    doc = make_document("The port of entry at Upton closed on 4 March 2024 and will reopen in May 2024.",
                        "2024-03-10")
    (c,) = crossings(doc)
    events = {e.what: e for e in c.status_events}
    assert (events["closed"].date, events["closed"].planned) == ("2024-03-04", False)
    assert (events["reopened"].date, events["reopened"].planned) == ("2024-05", True)
    assert "reopened 2024-05 (planned)" in c.status


def test_a_denied_status_is_no_status() -> None:
    doc = make_document("The Upton–Downey crossing will not be closed during the works.", "2024-03-10")
    (c,) = crossings(doc)
    assert c.status_events == []


def test_a_polish_crossing_noun_with_its_name() -> None:
    doc = make_document("Przejście graniczne Upton zostało zamknięte.", "2024-03-10")
    (c,) = crossings(doc)
    assert c.side_a.id == UPTON.id
    assert c.status.startswith("closed")


def test_reports_merge_across_documents() -> None:
    a = make_document("The bridge between Eastford and Westgrad opened to buses.", "2024-07-01", "a.txt")
    b = make_document("Trucks cross the Westgrad-Eastford bridge at night.", "2024-08-01", "b.txt")
    (c,) = crossings(a, b)
    assert [s.source for s in c.sources] == ["a.txt", "b.txt"]
    assert c.confidence > 0.9


def test_one_side_named_later_joins_the_crossing_with_both_sides() -> None:
    doc = make_document("The Upton–Downey crossing reopened on 2 May 2024. Queues formed at the Upton "
                        "crossing the next day.", "2024-05-05")
    (c,) = crossings(doc)
    assert {c.side_a.id, c.side_b.id} == {UPTON.id, DOWNEY.id}
    assert len(c.sources) == 2


def test_words_that_merely_contain_a_noun_are_not_crossings() -> None:
    doc = make_document("Bridging cultures between Eastford and Westgrad matters.", "2024-07-01")
    assert crossings(doc) == []


def test_status_events_column_lists_dated_events() -> None:
    doc = make_document("The Upton–Downey crossing was suspended on 3 June 2024.", "2024-06-10")
    gdf = tables.crossings_table(crossings(doc))
    (events,) = [json.loads(v) for v in gdf["status_events"]]
    assert [(e["what"], e["date"], e["planned"]) for e in events] == [("suspended", "2024-06-03", False)]
    keys = {"what", "date", "end", "planned", "text", "date_text", "quote_start", "quote_end"}
    assert set(events[0]) == keys
    assert events[0]["date_text"] == "on 3 June 2024" and gdf["date_text"].iloc[0] == "on 3 June 2024"
    assert doc.text[events[0]["quote_start"]:events[0]["quote_end"]] == events[0]["text"]
    assert set(gdf[["side_a_country", "side_b_country"]].iloc[0]) == {"PL", "BY"}


def test_a_state_lasting_since_a_year_began_with_a_suspension() -> None:
    doc = make_document("The Upton–Downey crossing has seen no regular traffic since 2011.", "2024-03-10")
    (c,) = crossings(doc)
    assert [(e.what, e.date) for e in c.status_events] == [("suspended", "2011"), ("idle", "2011")]


def test_a_notice_that_nobody_will_be_cleared_is_a_closure() -> None:
    doc = make_document("At the Upton–Downey crossing no people or vehicles will be cleared from 3 May 2024 "
                        "to 5 May 2024.", "2024-03-10")
    (c,) = crossings(doc)
    assert [e.what for e in c.status_events] == ["closed"]


def test_waits_in_minutes_mean_congestion() -> None:
    doc = make_document("Drivers faced waits of 90 minutes at the Upton–Downey crossing on 2 June 2024.",
                        "2024-06-03")
    (c,) = crossings(doc)
    assert "congested" in c.status


def test_reopening_after_a_rebuild_completes_the_works() -> None:
    doc = make_document("The Upton–Downey crossing was rededicated on 1 July 2023 after a costly rebuild.",
                        "2024-03-10")
    (c,) = crossings(doc)
    assert "completed 2023-07-01" in c.status


def test_each_clause_gives_its_status_to_the_crossing_it_names() -> None:
    doc = make_document("Guards closed the Upton–Downey crossing on 4 March 2024, while the "
                        "Eastford–Westgrad road bridge reopened on 6 March 2024.", "2024-03-10")
    status = {c.place.name: c.status for c in crossings(doc)}
    assert status == {"Upton–Downey crossing": "closed 2024-03-04",
                      "Eastford–Westgrad road bridge": "reopened 2024-03-06"}


def test_a_status_before_a_list_of_crossings_goes_to_each() -> None:
    doc = make_document("Guards reopened the Upton–Downey crossing and the Eastford–Westgrad road bridge on "
                        "6 March 2024.", "2024-03-10")
    assert [c.status for c in crossings(doc)] == ["reopened 2024-03-06"] * 2


def test_a_date_a_month_later_counts_from_the_last_date_given() -> None:
    doc = make_document("The Upton–Downey crossing closed on 4 March 2023 and reopened a month later.",
                        "2025-03-10")
    (c,) = crossings(doc)
    assert c.status == "closed 2023-03-04; reopened 2023-04"


def test_the_following_day_is_the_day_after_the_last_date_given() -> None:
    doc = make_document("The Upton–Downey crossing closed on 4 March 2023. It reopened the following day.",
                        "2025-03-10")
    (c,) = crossings(doc)
    assert c.status == "closed 2023-03-04; reopened 2023-03-05"


def test_a_day_in_that_year_takes_the_year_of_the_story() -> None:
    doc = make_document("The Upton–Downey crossing closed on 4 March 2023. It reopened on 15 May that year.",
                        "2025-03-10")
    (c,) = crossings(doc)
    assert c.status == "closed 2023-03-04; reopened 2023-05-15"
