"""Visits read from hand-made sentences: cues, places, dates, occasions and merging."""

from __future__ import annotations

from handmade import MiniGazetteer, make_document, mentions_by_doc

from geomap.events import extract_events
from geomap.model import Place

BEIJING = Place("geonames:1816670", "Beijing", "city", 39.9075, 116.39723, "CN", 18960744, "CN.22")
HARBIN = Place("geonames:2037013", "Harbin", "city", 45.75, 126.65, "CN", 5242897, "CN.08")
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN", 1397715000)
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU", 144373535)
HALL = Place("landmark:grand-hall", "Grand Concert Hall", "venue", 39.9, 116.38, "CN")
CAMPUS = Place("landmark:tech-campus", "Northern Technical University", "university", 45.74, 126.63, "CN")
GAZ = MiniGazetteer([BEIJING, HARBIN, CHINA, RUSSIA, HALL, CAMPUS],
                    parents={HALL.id: BEIJING.id, CAMPUS.id: HARBIN.id})
NAMES = {"Beijing": BEIJING, "Harbin": HARBIN, "China": CHINA, "Russia": RUSSIA,
         "Grand Concert Hall": HALL, "Northern Technical University": CAMPUS,
         "the Chinese capital": BEIJING}


def visits(*docs):
    return extract_events(list(docs), mentions_by_doc(docs, NAMES), GAZ).visits


def test_visit_with_relative_date_and_occasion() -> None:
    doc = make_document(
        "Russian Minister Pavel Orlov travelled to Beijing for the launch of a rail forum at the "
        "start of last year, officials recalled.", "2023-10-17")
    (v,) = visits(doc)
    assert (v.who, v.place.id) == ("Pavel Orlov", BEIJING.id)
    assert (v.start, v.end, v.date_text) == ("2022-01-01", "2022-04-30", "at the start of last year")
    assert v.occasion == "launch of a rail forum"
    (src,) = v.sources
    assert doc.text[src.quote_start:src.quote_end].startswith("Pavel Orlov travelled to Beijing")


def test_weekday_date_country_and_city_reports_merge_and_venue_goes_to_the_occasion() -> None:
    doc = make_document(
        "Russian Minister Pavel Orlov arrived in China for an official visit on Wednesday.\n\n"
        "On Wednesday Mr Orlov attended a banquet at the Grand Concert Hall in Beijing.\n\n"
        "Orlov and Minister Wang Li also met business leaders in Beijing.", "2024-05-16")
    (v,) = visits(doc)
    assert v.place.id == BEIJING.id  # the venue's city, not the venue
    assert (v.start, v.end) == ("2024-05-15", "2024-05-15")
    assert "official visit" in v.occasion
    assert "banquet" in v.occasion and "Grand Concert Hall" in v.occasion
    assert len(v.sources) == 3


def test_present_tense_takes_the_document_date_and_references_resolve() -> None:
    doc = make_document(
        "Pavel Orlov, the Russian minister, praised the talks. Now, with the Russian minister back "
        "in the Chinese capital, the talks resume.", "2023-10-17")
    (v,) = visits(doc)
    assert (v.who, v.place.id, v.start) == ("Pavel Orlov", BEIJING.id, "2023-10-17")


def test_landmark_visit_and_neighbouring_sentences_give_occasions() -> None:
    doc = make_document(
        "Pavel Orlov visited the Northern Technical University on Friday. There, he met with "
        "robotics students, officials said.", "2024-05-18")
    (v,) = visits(doc)
    assert v.place.id == HARBIN.id
    assert v.start == "2024-05-17"
    assert "met with robotics students" in v.occasion
    assert "Northern Technical University" in v.occasion


def test_no_place_no_visit_and_hosts_are_not_visitors() -> None:
    doc = make_document(
        "Mr Orlov hosted Premier Wang Li last year. Chinese Premier Wang Li attended a dinner in "
        "Beijing on Monday.", "2024-05-17")
    assert visits(doc) == []


def test_reports_merge_across_documents_and_undated_ones_join_the_dated_visit() -> None:
    a = make_document("Russian Minister Pavel Orlov toured Harbin on Friday.", "2024-05-18", "a.txt")
    b = make_document("Orlov's visit to Harbin drew crowds. Pavel Orlov said he liked Harbin.", None,
                      "b.txt")
    c = make_document("Pavel Orlov is set to visit Beijing next month.", "2023-02-01", "c.txt")
    found = visits(a, b, c)
    assert [(v.place.id, v.start, v.end) for v in found] == [
        (BEIJING.id, "2023-03-01", "2023-03-31"), (HARBIN.id, "2024-05-17", "2024-05-17")]
    assert [s.source for s in found[1].sources] == ["a.txt", "b.txt"]


def test_an_undated_report_matching_several_dated_visits_stays_apart() -> None:
    a = make_document("Pavel Orlov toured Harbin on Friday.", "2024-05-18", "a.txt")
    c = make_document("Pavel Orlov toured Harbin on Friday.", "2022-05-18", "c.txt")
    b = make_document("Pavel Orlov's visit to Harbin drew crowds.", None, "b.txt")
    assert [v.start for v in visits(a, b, c)] == ["2022-05-13", "2024-05-17", None]


def test_undated_document_without_dated_match_stays_undated() -> None:
    doc = make_document("Pavel Orlov made a brief visit to Harbin.", None)
    (v,) = visits(doc)
    assert (v.start, v.end, v.date_text) == (None, None, "")


def test_direct_object_cues_need_the_place_right_after() -> None:
    doc = make_document("Pavel Orlov's China tour, seen as a signal to Russia, went well.", None)
    (v,) = visits(doc)
    assert v.place.id == CHINA.id


def test_negated_cancelled_and_invited_visits_are_not_visits() -> None:
    doc = make_document(
        "Pavel Orlov has never visited Harbin. Pavel Orlov cancelled his trip to Beijing. "
        "Premier Wang Li invited Pavel Orlov to visit Harbin.", "2024-05-17")
    assert visits(doc) == []


def test_planned_visit_with_a_season_and_a_dated_meeting() -> None:
    doc = make_document(
        "Officials said Pavel Orlov would travel to China in the autumn. Orlov met Wang Li in Beijing "
        "last May.", "2024-04-10")
    found = {(v.place.id, v.start, v.end) for v in visits(doc)}
    assert found == {(CHINA.id, "2024-09-01", "2024-11-30"), (BEIJING.id, "2023-05-01", "2023-05-31")}


def test_a_crossing_named_by_its_first_word_is_visited_at_the_crossing() -> None:
    gate = Place("checkpoint:lakeside", "Lakeside Border Gate", "checkpoint", 45.2, 125.9, "CN/RU")
    namesake = Place("geonames:lakeside-town", "Lakeside", "town", 30.1, 110.4, "CN", 9000)
    gaz = MiniGazetteer([HARBIN, CHINA, RUSSIA, gate, namesake])
    doc = make_document("The Lakeside border gate near Harbin reopened in May.\n\n"
                        "Russian Minister Pavel Orlov toured Lakeside on May 3.", "2024-06-01")
    names = {"Lakeside border gate": gate, "Lakeside": namesake, "Harbin": HARBIN}
    found = extract_events([doc], mentions_by_doc([doc], names), gaz).visits
    assert [(v.who, v.place.id) for v in found] == [("Pavel Orlov", gate.id)]


def test_had_been_in_a_region_and_to_visit_its_country_are_one_visit() -> None:
    region = Place("admin1:CN.08", "Heilongjiang", "admin1", 47.0, 128.0, "CN", 31000000, "CN.08")
    gaz = MiniGazetteer([CHINA, RUSSIA, region])
    doc = make_document(
        "Russian Minister Pavel Orlov had been in Heilongjiang on May 5 for trade talks. "
        "Officials said he was the first Russian minister this year to visit China.", "2024-05-20")
    names = {"Heilongjiang": region, "China": CHINA}
    found = extract_events([doc], mentions_by_doc([doc], names), gaz).visits
    assert [(v.who, v.place.id, v.start, v.end) for v in found] == [
        ("Pavel Orlov", region.id, "2024-05-05", "2024-05-05")]
