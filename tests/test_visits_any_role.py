"""Visits by anyone with a role, with the cues, places and dates real news uses (invented facts)."""

from __future__ import annotations

from handmade import MiniGazetteer, make_document, mentions_by_doc

from geomap.events import extract_events
from geomap.model import Place

NORTHGATE = Place("geonames:900001", "Northgate", "city", 50.0, 20.0, "PL", 5000)
SOUTHBANK = Place("geonames:900002", "Southbank", "city", 49.9, 20.1, "UA", 8000)
RIVERTON = Place("geonames:900003", "Riverton", "city", 52.0, 21.0, "PL", 100000)
LAKESIDE = Place("geonames:900004", "Lakeside", "city", 53.0, 22.0, "PL", 3000)
FARAWAY = Place("geonames:900005", "Hassanville", "city", 13.0, 76.0, "IN", 90000)
WARSAW = Place("geonames:756135", "Warsaw", "city", 52.23, 21.01, "PL", 1702139)
CROSSING = Place("landmark:northgate-southbank", "Northgate–Southbank crossing", "checkpoint", 49.95, 20.05,
                 "PL/UA")
GAZ = MiniGazetteer([NORTHGATE, SOUTHBANK, RIVERTON, LAKESIDE, FARAWAY, WARSAW, CROSSING])
NAMES = {"Northgate": NORTHGATE, "Southbank": SOUTHBANK, "Riverton": RIVERTON, "Hassanville": FARAWAY,
         "Warsaw": WARSAW, "Northgate–Southbank crossing": CROSSING}


def visits(text: str, date: str | None = "2024-06-14"):
    doc = make_document(text, date)
    return extract_events([doc], mentions_by_doc([doc], NAMES), GAZ).visits


def seen(found) -> set[tuple[str, str, str | None]]:
    return {(v.who, v.place.name, v.start) for v in found}


def test_a_governor_touring_a_terminal_at_a_town_visits_the_town() -> None:
    found = visits("Regional Governor Halina Wrona toured the new truck terminal at Northgate on Tuesday.")
    assert seen(found) == {("Halina Wrona", "Northgate", "2024-06-11")}


def test_a_role_in_apposition_and_a_relative_clause_name_the_visitor() -> None:
    found = visits("Ostap Melnyk, the regional trade envoy of Ukraine, who travelled to Riverton on Monday, "
                   "praised the talks.")
    assert seen(found) == {("Ostap Melnyk", "Riverton", "2024-06-10")}


def test_a_where_clause_puts_its_subject_and_passive_agents_at_the_place() -> None:
    found = visits("The convoy reached Southbank on 3 May, where it was welcomed by Mayor Ilse Brandt and "
                   "Deputy Minister Tomas Kral.")
    assert seen(found) == {("Ilse Brandt", "Southbank", "2024-05-03"),
                           ("Tomas Kral", "Southbank", "2024-05-03")}


def test_a_photo_caption_takes_the_date_of_its_credit() -> None:
    found = visits("Minister Ana Ruiz and Governor Halina Wrona at Northgate on the first day of the "
                   "inspection. Photo: Staff / March 4, 2024")
    assert seen(found) == {("Ana Ruiz", "Northgate", "2024-03-04"),
                           ("Halina Wrona", "Northgate", "2024-03-04")}


def test_a_planned_visit_to_a_crossing_keeps_its_date_and_the_crossing_point() -> None:
    (v,) = visits("President Mira Kovac will visit the Northgate–Southbank crossing on Monday, her office "
                  "said on Friday.", "2025-03-14")
    assert (v.who, v.place.id, v.start, v.planned) == ("Mira Kovac", CROSSING.id, "2025-03-17", True)


def test_a_past_visit_is_not_planned() -> None:
    (v,) = visits("Minister Ana Ruiz visited Riverton on Monday.")
    assert v.planned is False


def test_phone_calls_and_video_links_are_not_visits() -> None:
    assert visits("Governor Halina Wrona spoke by phone with officials in Riverton. Minister Ana Ruiz "
                  "attended the opening in Southbank by video link.") == []


def test_a_delegation_leader_and_a_titled_companion_both_travel() -> None:
    found = visits("A delegation led by Minister Ana Ruiz and the then customs chief, Colonel Piotr Zadra, "
                   "flew to Riverton on 2 February.")
    assert seen(found) == {("Ana Ruiz", "Riverton", "2024-02-02"), ("Piotr Zadra", "Riverton", "2024-02-02")}


def test_joint_visitors_get_rows_and_escorts_go_to_the_with_list() -> None:
    joint = visits("Governor Halina Wrona inspected the lanes at Northgate alongside Mayor Ilse Brandt.")
    assert {v.who for v in joint} == {"Halina Wrona", "Ilse Brandt"}
    (v,) = visits("President Mira Kovac toured Riverton, accompanied by Minister Ana Ruiz.")
    assert (v.who, v.companions) == ("Mira Kovac", ["Ana Ruiz"])


def test_a_leader_meeting_a_guest_in_their_own_capital_is_the_host() -> None:
    found = visits("Polish President Jan Nowicki and Ukrainian Premier Olena Bilyk met reporters in Warsaw.")
    assert {v.who for v in found} == {"Olena Bilyk"}


def test_a_cue_referring_back_to_an_earlier_ceremony_takes_its_place_and_date() -> None:
    found = visits("Officials gathered at Northgate on Wednesday to open two new lanes.\n\n"
                   "Governor Halina Wrona led the ceremony.", "2024-07-25")
    assert seen(found) == {("Halina Wrona", "Northgate", "2024-07-24")}


def test_a_town_the_geoparser_missed_is_looked_up_after_a_cue() -> None:
    found = visits("Minister Ana Ruiz, who lives in Riverton, travelled to Lakeside on Monday.")
    assert ("Ana Ruiz", "Lakeside", "2024-06-10") in seen(found)


def test_a_place_read_in_a_country_the_article_never_mentions_is_dropped() -> None:
    found = visits("Minister Ana Ruiz visited Hassanville on Monday. Her aides stayed in Riverton and "
                   "Northgate.")
    assert "Hassanville" not in {v.place.name for v in found}
