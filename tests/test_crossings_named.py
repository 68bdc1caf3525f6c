"""Crossings named the ways news name them beyond "the A–B crossing": a border town in an inflected
case, towns set face to face, "the same two towns", a structure with a name of its own at a known
crossing, a numbered bridge, a curated name after a lower-case noun, and "X port" at a border town."""

from __future__ import annotations

from handmade import MiniGazetteer, crossing_record, events_of

from geomap.events.crossings.inflect import base_forms
from geomap.model import Place

# Invented towns at real places on the Amur (China–Russia) and on the Bug (Poland–Belarus).
EAST = Place("geonames:1", "Eastford", "city", 50.24, 127.49, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.28, 127.53, "RU", 200000)
PINES = Place("geonames:3", "Sosnowiki", "city", 52.07, 23.63, "PL", 6000)
OAKS = Place("geonames:4", "Dębniaki", "city", 52.09, 23.70, "BY", 9000)
MARSH = Place("geonames:5", "Lakeby", "city", 52.20, 23.55, "PL", 2000)  # up the Bug from Sosnowiki
INLAND = Place("geonames:6", "Northby", "city", 46.0, 125.0, "CN", 5000)  # far from any border
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
POLAND = Place("country:PL", "Poland", "country", 52.0, 19.5, "PL")
BELARUS = Place("country:BY", "Belarus", "country", 53.5, 28.0, "BY")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
FERRY = Place("landmark:ew-ferry", "Eastford–Westgrad river crossing", "river crossing", 50.25, 127.5,
              "CN/RU")
POST = Place("landmark:pines-oaks", "Sosnowiki–Dębniaki border crossing", "checkpoint", 52.08, 23.66,
             "PL/BY")
LILY = Place("landmark:lily-bridge", "Puente Lirio", "bridge", 52.15, 23.62, "PL/BY")
PLACES = [EAST, WEST, PINES, OAKS, MARSH, INLAND, CHINA, RUSSIA, POLAND, BELARUS, BRIDGE, FERRY, POST, LILY]
GAZ = MiniGazetteer(PLACES, records=[
    crossing_record(BRIDGE, EAST, WEST, "road bridge"), crossing_record(FERRY, EAST, WEST, "river"),
    crossing_record(POST, PINES, OAKS, "road"), crossing_record(LILY, MARSH, OAKS, "road bridge")])
# Surface forms the hand-made geoparser finds (exact, case-sensitive): inflected forms are not there.
NAMES = {p.name: p for p in PLACES if p.kind in ("city", "country")} | {
    "Białoruś": BELARUS, "Polska": POLAND, "Eastford–Westgrad road bridge": BRIDGE}


def crossings(text: str, date: str = "2024-06-01"):
    return events_of(text, date, NAMES, GAZ).crossings


def by_name(found, name: str):
    return next(c for c in found if c.place.name == name)


def test_case_endings_give_the_nominatives_a_word_may_stand_for() -> None:
    assert "Sosnowiki" in base_forms("Sosnowikach")
    assert "Dębniaki" in base_forms("Dębniakami")
    assert "Łóg" in base_forms("Łogiem")  # the vowel that alternates in Polish stems
    assert base_forms("Sosnowiki")[0] == "Sosnowiki"


def test_a_border_town_in_an_inflected_case_stands_for_its_crossing() -> None:
    found = crossings("Polska i Białoruś. Rząd wstrzymał ruch w Sosnowikach 3 czerwca 2024. "
                      "Przed Dębniakami czeka 300 ciężarówek.")
    (c,) = found
    assert c.place.id == POST.id
    assert {c.side_a.id, c.side_b.id} == {PINES.id, OAKS.id}
    assert [e.what for e in c.status_events] == ["suspended", "congested"]
    assert c.status_events[0].date == "2024-06-03"


def test_an_inflected_town_in_a_list_of_crossings_after_a_colon() -> None:
    found = crossings("Polska otwiera dwa przejścia z Białorusią: Sosnowiki–Dębniakami, nieczynne od "
                      "roku, oraz Lakeby.")
    assert {c.place.id for c in found} >= {POST.id}
    assert len(found) == 2


def test_towns_set_face_to_face_are_the_crossing_between_them() -> None:
    (c,) = crossings("Trucks now clear customs at Lakeby in Poland, which faces Dębniaki in Belarus.")
    assert c.place.id == LILY.id  # the curated bridge between them
    assert {c.side_a.id, c.side_b.id} == {MARSH.id, OAKS.id}


def test_a_crossing_at_the_same_two_towns_takes_the_sides_of_the_last_one() -> None:
    found = crossings("The Eastford–Westgrad road bridge opened in 2019. Officials shut the older river "
                      "crossing between the same two towns on 6 April 2024.")
    ferry = next(c for c in found if c.mode == "river")
    assert ferry.place.id == FERRY.id
    assert [(e.what, e.date) for e in ferry.status_events] == [("closed", "2024-04-06")]


def test_a_structure_with_a_name_of_its_own_is_a_crossing_at_the_known_one() -> None:
    found = crossings("On 2 May 2024 officials opened the Lotus Gate at the Eastford–Westgrad road bridge.")
    gate = by_name(found, "Lotus Gate")
    assert gate.place.id != BRIDGE.id
    assert (gate.place.lat, gate.place.lon) == (BRIDGE.lat, BRIDGE.lon)
    assert {gate.side_a.id, gate.side_b.id} == {EAST.id, WEST.id}
    assert ("opened", "2024-05-02") in [(e.what, e.date) for e in gate.status_events]


def test_a_numbered_bridge_other_than_the_first_is_a_crossing_of_its_own() -> None:
    found = crossings("The Eastford–Westgrad road bridge II has been open to trucks since 1 March 2024.")
    second = by_name(found, "Eastford–Westgrad road bridge II")
    assert second.place.id != BRIDGE.id
    assert [(e.what, e.date) for e in second.status_events] == [("opened", "2024-03-01")]


def test_a_curated_name_after_a_lower_case_noun() -> None:
    (c,) = crossings("Las revisiones cesaron en el puente Lirio, en la frontera de Polska y Białoruś.")
    assert c.place.id == LILY.id
    assert c.mode == "road bridge"


def test_a_port_is_a_crossing_only_at_a_border_town_with_a_curated_one() -> None:
    (c,) = crossings("Trucks queued for six hours at the Eastford port in China on 3 May 2024.")
    assert c.place.id == BRIDGE.id  # the town's road crossing
    assert "congested" in c.status
    assert crossings("Ships unload coal at the Northby port in China.") == []


def test_a_status_with_no_crossing_named_goes_to_every_crossing_just_named() -> None:
    found = crossings("Guards closed the Sosnowiki and Lakeby crossings to Belarus on 2 May 2024. "
                      "Traffic resumed on 4 May 2024.")
    assert len(found) == 2
    assert all(("resumed", "2024-05-04") in [(e.what, e.date) for e in c.status_events] for c in found)


def test_an_opening_told_with_how_long_it_was_closed_is_a_reopening() -> None:
    (c,) = crossings("Poland opens the Sosnowiki crossing to Belarus on 17 May 2024, closed for 900 days.")
    assert ("reopened", "2024-05-17") in [(e.what, e.date) for e in c.status_events]
    assert "opened 2024" not in c.status.replace("reopened", "")


def test_ground_broken_on_a_crossing_starts_its_construction() -> None:
    (c,) = crossings("Ground was broken at the Upper Lakeby crossing point near Lakeby in March 2023.")
    assert [(e.what, e.date) for e in c.status_events] == [("under construction", "2023-03")]


def test_a_status_in_a_dated_list_item_takes_the_items_date() -> None:
    found = crossings("Key dates:\n\n• Friday, 3 May 2024 – storms hit the valley. Guards halt traffic "
                      "at the Eastford–Westgrad road bridge.\n\n• Monday, 6 May 2024 – rain stops. "
                      "The bridge reopens.")
    (c,) = found
    assert [(e.what, e.date) for e in c.status_events] == [
        ("suspended", "2024-05-03"), ("reopened", "2024-05-06")]


def test_a_status_in_a_photo_caption_takes_the_captions_date() -> None:
    (c,) = crossings("Cars queue at the Eastford–Westgrad road bridge before dawn. "
                     "Photo: Staff / May 7, 2024")
    assert [(e.what, e.date) for e in c.status_events] == [("congested", "2024-05-07")]


def test_a_day_without_its_year_takes_the_year_told_earlier_in_its_paragraph() -> None:
    (c,) = crossings("In March 2021 the Eastford–Westgrad road bridge shut for a week. It reopened on "
                     "March 9 after talks.", "2024-06-01")
    assert ("reopened", "2021-03-09") in [(e.what, e.date) for e in c.status_events]


def test_people_on_foot_use_the_curated_road_crossing_of_their_towns() -> None:
    (c,) = crossings("Locals want the pedestrian crossing between Sosnowiki and Dębniaki kept open.")
    assert c.place.id == POST.id


def test_pairs_of_unknown_names_listed_after_a_plural_noun_are_structures_at_the_crossing() -> None:
    found = crossings("Trade grew at the Eastford–Westgrad road bridge.\n\nOn 27 May 2024 both "
                      "governments opened two further entrances within that same border-gate pair, "
                      "Upper Mill–Lower Mill and Fox Hollow–Hare Hill.")
    names = {c.place.name for c in found}
    assert {"Upper Mill–Lower Mill entrance", "Fox Hollow–Hare Hill entrance"} <= names
    mill = by_name(found, "Upper Mill–Lower Mill entrance")
    assert (mill.place.lat, mill.place.lon) == (BRIDGE.lat, BRIDGE.lon)
    assert ("opened", "2024-05-27") in [(e.what, e.date) for e in mill.status_events]


def test_a_closure_told_by_its_length_gets_no_day_of_the_reopening() -> None:
    (c,) = crossings("In 1998 the Eastford–Westgrad road bridge reopened, after having been closed for "
                     "31 years.")
    assert sorted((e.what, e.date or "") for e in c.status_events) == [("closed", ""), ("reopened", "1998")]


def test_a_border_town_is_a_side_when_the_story_names_only_the_country_across() -> None:
    # Only Belarus is named; Nadbuże (Poland, no curated crossing) lies near the Belarusian border.
    town = Place("geonames:7", "Nadbuże", "city", 52.45, 23.75, "PL", 3000)
    gaz = MiniGazetteer([*PLACES, town], records=GAZ.records)
    found = events_of("The border crossing at Nadbuże was shut on Friday after a quarrel with Belarus.",
                      "2024-06-01", NAMES | {"Nadbuże": town}, gaz).crossings
    (c,) = found
    assert (c.side_a.name, c.side_b.country) == ("Nadbuże", "BY")
    assert c.status_events[0].what == "closed"


def test_a_town_far_from_every_named_country_is_still_no_side() -> None:
    assert crossings("The border crossing at Northby was shut on Friday after a quarrel with Belarus.") == []
