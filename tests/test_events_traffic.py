"""Traffic figures read from hand-made sentences and a Markdown table."""

from __future__ import annotations

import pytest
from handmade import MiniGazetteer, crossing_record, make_document, mentions_by_doc

from geomap.events import extract_events
from geomap.model import Place

EAST = Place("geonames:1", "Eastford", "city", 50.2, 127.5, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.3, 127.5, "RU", 200000)
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
US = Place("country:US", "United States", "country", 39.0, -98.0, "US")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
GAZ = MiniGazetteer([EAST, WEST, CHINA, RUSSIA, US, BRIDGE],
                    records=[crossing_record(BRIDGE, EAST, WEST, "road bridge")])
NAMES = {"Eastford": EAST, "Westgrad": WEST, "China": CHINA, "Russia": RUSSIA, "U.S": US}


def traffic(*docs):
    return extract_events(list(docs), mentions_by_doc(docs, NAMES), GAZ).traffic


def test_trade_value_with_change_period_and_owner() -> None:
    doc = make_document(
        "Port officials say Eastford's imports and exports reached 20.4 billion yuan (roughly 2.8 billion "
        "U.S. dollars) in 2023, up 12.5 percent on the year before.", "2024-02-01")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.unit) == ("trade value", pytest.approx(20.4e9), "CNY")
    assert (t.period, t.period_text) == ("2023", "in 2023")
    assert t.change_pct == pytest.approx(12.5)
    assert t.change_factor is None
    assert [p.id for p in t.subject] == [EAST.id]
    assert "Eastford" in t.label


def test_passengers_between_two_towns_with_a_factor() -> None:
    doc = make_document(
        "Last year the number of passengers between Westgrad and Eastford rose almost three times "
        "to 410,000.", "2025-01-15")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.unit, t.period) == ("passengers", 410000.0, "passengers", "2024")
    assert t.change_factor == 3.0
    assert [p.id for p in t.subject] == [WEST.id, EAST.id]


def test_a_reporters_observation_without_a_date_is_an_hourly_rate_in_the_filing_month() -> None:
    doc = make_document(
        "We watched the bridge from Eastford to Westgrad for an hour and did not see a single truck.",
        "2023-09-30")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.unit) == ("trucks", 0.0, "trucks/hour")
    assert (t.period, t.period_text) == ("2023-09", "")
    assert [p.id for p in t.subject] == [BRIDGE.id]


def test_dates_are_not_counted_as_figures() -> None:
    doc = make_document("Trucks waited at the bridge from Eastford to Westgrad on June 3, 2024.",
                        "2024-06-04")
    assert traffic(doc) == []


def test_markdown_table_rows_with_units_from_the_header() -> None:
    doc = make_document(
        "The figures below show trade between China and Russia:\n"
        "| Year | Trade Value (Billion USD) | Growth (%) |\n"
        "|---|---|---|\n"
        "| 2015 | 68.0 | -27.8 |\n"
        "| 2016 | 69.5 | 2.2 |\n", None)
    rows = traffic(doc)
    assert [(t.period, t.value, t.unit, t.change_pct) for t in rows] == [
        ("2015", pytest.approx(68e9), "USD", pytest.approx(-27.8)),
        ("2016", pytest.approx(69.5e9), "USD", pytest.approx(2.2)),
    ]
    assert all([p.id for p in t.subject] == [CHINA.id, RUSSIA.id] for t in rows)
    assert all(t.metric == "trade value" for t in rows)
    # the row is quoted as words: its period, then each header with the row's cell and unit
    assert rows[1].sources[0].sentence == "2016: trade value 69.5 billion USD, growth 2.2%"


def test_table_without_introduction_is_about_the_documents_main_countries() -> None:
    doc = make_document(
        "Russia and China signed deals. Russia and China agreed more.\n\n"
        "| Year | Exports (Million USD) |\n|---|---|\n| 2019 | 12.5 |\n", None)
    (t,) = traffic(doc)
    assert {p.id for p in t.subject} == {CHINA.id, RUSSIA.id}
    assert t.value == pytest.approx(12.5e6)


def test_the_same_figure_reported_twice_is_one_row_with_two_sources() -> None:
    text = "Eastford's exports reached 5 billion yuan in 2022."
    a = make_document(text, "2023-01-01", "a.txt")
    b = make_document("Officials repeated it: " + text, "2023-02-01", "b.txt")
    (t,) = traffic(a, b)
    assert [s.source for s in t.sources] == ["a.txt", "b.txt"]


def test_counted_noun_sets_the_unit_and_a_rate_follows_it() -> None:
    doc = make_document("The bridge from Eastford to Westgrad handled about 640 lorries a day in 2023 and "
                        "4,100 freight train trips in 2024.", "2025-01-10")
    got = sorted((t.value, t.unit, t.period) for t in traffic(doc))
    assert got == [(640.0, "trucks/day", "2023"), (4100.0, "trains", "2024")]


def test_capacity_is_kept_apart_from_flow_and_a_range_has_a_lower_bound() -> None:
    doc = make_document("The new terminal at Eastford can handle between 500 and 650 trucks a day.",
                        "2025-03-01")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.value_min, t.unit, t.period) == ("capacity", 650.0, 500.0, "trucks/day", "")


def test_queue_and_wait_time_are_their_own_figures() -> None:
    doc = make_document("In March 2024 some 1,300 trucks were stranded at Eastford and drivers waited up to "
                        "three days.", "2024-04-02")
    got = {t.metric: (t.value, t.unit, t.period) for t in traffic(doc)}
    assert got == {"queue": (1300.0, "trucks", "2024-03"), "wait time": (72.0, "hours", "2024-03")}


def test_running_total_and_first_months_periods() -> None:
    doc = make_document("Eastford had logged 2,150 freight trains by June 9. In the first seven months of "
                        "2024 Westgrad moved 3.4 million tonnes.", "2024-08-20")
    got = sorted((t.value, t.period) for t in traffic(doc))
    assert got == [(2150.0, "2024-01-01..2024-06-09"), (3.4e6, "2024-01..2024-07")]


def test_rupees_and_fiscal_years_follow_the_country() -> None:
    india = Place("country:IN", "India", "country", 22.0, 79.0, "IN")
    town = Place("geonames:9", "Sundarpur", "city", 26.0, 84.9, "IN")
    doc = make_document("Sundarpur handled Rs 12,500 crore of trade in 2021-22, India's customs said.",
                        "2023-01-05")
    got = extract_events([doc], mentions_by_doc([doc], {"Sundarpur": town, "India": india}),
                         MiniGazetteer([town, india])).traffic
    assert [(t.value, t.unit, t.period) for t in got] == [(1.25e11, "INR", "2021-04..2022-03")]


def test_budgets_shares_and_distances_are_not_figures() -> None:
    doc = make_document("The Eastford upgrade cost 300 million dollars, the road is 12 km long and the "
                        "crossing carries 40 percent of the region's trade.", "2024-05-05")
    assert traffic(doc) == []


def test_numbers_in_words_and_other_languages() -> None:
    docs = [make_document("Officials at Eastford counted some two thousand four hundred buses last year.",
                          "2024-02-01", "en.txt"),
            make_document("Через Eastford в 2023 году прошло 6,5 млн тонн грузов.", "2024-02-01", "ru.txt"),
            make_document("2023年Eastford口岸出入境人员达275.3万人次。", "2024-02-01", "zh.txt")]
    got = sorted((t.value, t.unit, t.period) for t in traffic(*docs))
    assert got == [(2400.0, "buses", "2023"), (2753000.0, "people", "2023"), (6.5e6, "tonnes", "2023")]


def test_respectively_lists_share_the_noun_and_scale_of_the_last_number() -> None:
    doc = make_document("In 2023 Eastford and Westgrad handled 3 and 4.5 million tonnes respectively.",
                        "2024-03-01")
    assert sorted(t.value for t in traffic(doc)) == [3e6, 4.5e6]
    assert {t.unit for t in traffic(doc)} == {"tonnes"}


def test_a_headline_rounding_the_body_figure_is_not_a_second_figure() -> None:
    doc = make_document("Eastford bridge passes 2.4 million travellers\n\n"
                        "The Eastford bridge counted 2,412,300 travellers in 2024, its officials said.",
                        "2025-01-20")
    assert [(t.value, t.unit, t.period) for t in traffic(doc)] == [(2412300.0, "people", "2024")]


def test_a_table_headed_by_a_year_with_one_column_per_place() -> None:
    doc = make_document(
        "Monthly lorry counts at the two towns:\n\n"
        "| 2021 | Eastford | Westgrad |\n|---|---|---|\n| May | 1,204 | 980 |\n| June | – | 1,150 |\n",
        "2022-01-10")
    got = sorted((t.subject[0].id, t.period, t.value, t.unit) for t in traffic(doc))
    assert got == [(EAST.id, "2021-05", 1204.0, "trucks"), (WEST.id, "2021-05", 980.0, "trucks"),
                   (WEST.id, "2021-06", 1150.0, "trucks")]


def test_a_plain_text_table_aligned_with_spaces() -> None:
    doc = make_document(
        "Passengers through the Eastford crossing by year:\n\n"
        "Year    Passengers    Change\n"
        "2022    310,000       +4%\n"
        "2023    402,500       +30%\n", "2024-02-02")
    got = sorted((t.period, t.value, t.unit, t.change_pct) for t in traffic(doc))
    assert got == [("2022", 310000.0, "passengers", 4.0), ("2023", 402500.0, "passengers", 30.0)]


def test_the_figure_goes_to_the_crossing_its_sentence_names_not_a_destination() -> None:
    doc = make_document("Some 900 lorries bound for Westgrad crossed the bridge from Eastford to Westgrad "
                        "in May 2024.", "2024-06-03")
    (t,) = traffic(doc)
    assert [p.id for p in t.subject] == [BRIDGE.id]
    assert (t.value, t.unit, t.period) == (900.0, "trucks", "2024-05")


def test_a_town_the_sentence_puts_the_figure_at_beats_the_country_pair() -> None:
    doc = make_document("Russia and China trade a lot. In 2023 about 52,000 travellers passed through "
                        "Westgrad.", "2024-01-15")
    (t,) = traffic(doc)
    assert [p.id for p in t.subject] == [WEST.id]


def test_a_timetabled_rail_service_is_a_count_of_trains_per_period() -> None:
    doc = make_document("The new rail service from Eastford to Westgrad will run twice a week from May 2025.",
                        "2025-04-01")
    (t,) = traffic(doc)
    assert (t.value, t.unit) == (2.0, "trains/week")


def test_a_section_heading_naming_a_far_town_places_the_figures_under_it() -> None:
    north = Place("geonames:3", "Northvale", "city", 40.0, 110.0, "CN", 50000)
    gaz = MiniGazetteer([EAST, WEST, CHINA, RUSSIA, BRIDGE, north],
                        records=[crossing_record(BRIDGE, EAST, WEST, "road bridge")])
    doc = make_document("Two gates, one story\n\nThe Eastford–Westgrad road bridge reopened in May 2024.\n\n"
                        "## Northvale: a long wait\n\nIn March 2024 about 700 lorries were stuck for days.",
                        "2024-06-03")
    names = {**NAMES, "Northvale": north}
    (t,) = extract_events([doc], mentions_by_doc([doc], names), gaz).traffic
    assert [p.id for p in t.subject] == [north.id]


def test_a_date_without_a_year_takes_the_year_the_paragraph_set_unless_it_was_a_comparison() -> None:
    told = make_document("Trade picked up in the spring of 2022. From 3 May some 40 lorries a day crossed "
                         "the Eastford–Westgrad road bridge.", "2024-06-03")
    (t,) = traffic(told)
    assert t.period.startswith("2022-05")
    compared = make_document("Exports fell to 20 tonnes in 2023, down from 90 tonnes in 2021. From 3 May "
                             "some 40 lorries a day crossed the Eastford–Westgrad road bridge.", "2024-06-03")
    periods = {x.unit: x.period for x in traffic(compared)}
    assert periods["trucks/day"].startswith("2024-05")


def test_a_second_like_figure_joined_by_and_takes_the_first_ones_rate() -> None:
    doc = make_document("The Eastford–Westgrad road bridge could handle 2 million tonnes a year at first "
                        "and 5 million tonnes once widened.", "2024-06-03")
    assert sorted((t.value, t.unit) for t in traffic(doc)) == [(2e6, "tonnes/year"), (5e6, "tonnes/year")]


def test_a_document_edited_under_the_same_id_is_read_anew() -> None:
    from dataclasses import replace

    text = "Eastford handled 300 trucks a day in March 2021, customs officials said."
    first = make_document(text, "2022-05-01")
    edited = replace(first, text=first.text.replace("March 2021", "March 2019"))
    (before,) = traffic(first)
    (after,) = traffic(edited)
    assert (before.period, after.period) == ("2021-03", "2019-03")


def test_a_yearly_rate_written_before_the_figure() -> None:
    text = "On average, the value of goods moving through Eastford annually is put at $2.4 billion."
    doc = make_document(text, "2024-03-01")
    (t,) = traffic(doc)
    assert (t.metric, t.value, t.unit) == ("trade value", pytest.approx(2.4e9), "USD/year")


def test_figures_given_respectively_go_to_the_places_listed() -> None:
    from handmade import events_of

    north = Place("geonames:11", "Northgate", "city", 48.5, 134.9, "CN", 50000)
    south = Place("geonames:12", "Southwick", "city", 42.9, 131.0, "CN", 50000)
    names = {"Northgate": north, "Southwick": south, "China": CHINA, "Russia": RUSSIA}
    text = ("Traffic between China and Russia grew last year. The Northgate and Southwick gates recorded "
            "8 million and 2.5 million crossings, respectively.")
    found = events_of(text, "2024-02-01", names, MiniGazetteer([north, south, CHINA, RUSSIA])).traffic
    assert sorted((t.value, [p.name for p in t.subject]) for t in found) == [
        (2.5e6, ["Southwick"]), (8e6, ["Northgate"])]


def test_without_respectively_a_list_of_figures_keeps_the_sentence_place() -> None:
    from handmade import events_of

    north = Place("geonames:11", "Northgate", "city", 48.5, 134.9, "CN", 50000)
    south = Place("geonames:12", "Southwick", "city", 42.9, 131.0, "CN", 50000)
    names = {"Northgate": north, "Southwick": south, "China": CHINA, "Russia": RUSSIA}
    text = "Northgate, not Southwick, recorded 8 million and then 2.5 million crossings in two years."
    found = events_of(text, "2024-02-01", names, MiniGazetteer([north, south, CHINA, RUSSIA])).traffic
    assert {p.name for t in found for p in t.subject} <= {"Northgate"}
