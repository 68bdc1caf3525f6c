"""Traffic figures: which numbers are figures, and each figure's unit, rate, period and place."""

from __future__ import annotations

import pytest
from handmade import MiniGazetteer, crossing_record, events_of

from geomap.model import Place

EAST = Place("geonames:1", "Eastford", "city", 50.2, 127.5, "CN", 200000)
WEST = Place("geonames:2", "Westgrad", "city", 50.3, 127.5, "RU", 200000)
FAR = Place("geonames:3", "Farhaven", "city", 44.2, 80.4, "CN", 90000)
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN")
RUSSIA = Place("country:RU", "Russia", "country", 60.0, 90.0, "RU")
BRIDGE = Place("landmark:ew-bridge", "Eastford–Westgrad road bridge", "bridge", 50.25, 127.55, "CN/RU")
GAZ = MiniGazetteer([EAST, WEST, FAR, CHINA, RUSSIA, BRIDGE],
                    records=[crossing_record(BRIDGE, EAST, WEST, "road bridge")])
NAMES = {"Eastford": EAST, "Westgrad": WEST, "Farhaven": FAR, "China": CHINA, "Russia": RUSSIA}


def traffic(text: str, date: str = "2024-06-03", names: dict[str, Place] | None = None,
            gaz: MiniGazetteer = GAZ):
    return events_of(text, date, names or NAMES, gaz).traffic


@pytest.mark.parametrize("text", [
    "Did the Eastford–Westgrad road bridge really carry 4,000 trucks last month?",
    "The Eastford–Westgrad road bridge carries no passengers at all, only freight.",
    "Drivers opposed to COVID-19 vaccine mandates parked trucks at the Eastford–Westgrad road bridge.",
    "Hundreds of trucks were stranded at the Eastford–Westgrad road bridge in May 2024.",
    "A lorry hit a barrier at the Eastford–Westgrad road bridge in May 2024, killing the two people inside.",
    "More than 500 visitors from Westgrad came to the trade fair in Eastford in May 2024.",
    "Each pontoon of the Eastford–Westgrad road bridge is rated for loads of up to 60 tonnes.",
    "Once the Eastford–Westgrad road bridge opens, the drive across should take about five minutes.",
    "Trains crossed the Eastford–Westgrad road bridge again after a two-year break in May 2024.",
    "The travellers, aged 34 and 61, were turned back at the Eastford–Westgrad road bridge.",
    "The new customs rules at the Eastford–Westgrad road bridge take effect in 90 days.",
    "The Eastford–Westgrad road bridge's lighting saves 1,800 tons of carbon dioxide a year.",
    "The lorry driver, Ivan Petrov, 52, told officers at the Eastford–Westgrad road bridge he was lost.",
])
def test_sentences_that_report_no_traffic_figure(text: str) -> None:
    assert traffic(text) == []


def test_a_count_of_lanes_after_a_flow_is_not_a_second_flow() -> None:
    got = traffic("After the rebuild Eastford will clear up to 900 trucks a day, and its lanes will "
                  "number 14.")
    assert [(t.value, t.unit) for t in got] == [(900.0, "trucks/day")]


def test_a_figure_compared_with_today_is_todays_figure_of_the_same_kind() -> None:
    got = traffic("After the rebuild Eastford should be able to clear 900 trucks a day, against 350 today.",
                  "2025-03-01")
    assert sorted((t.value, t.metric, t.unit) for t in got) == [
        (350.0, "capacity", "trucks/day"), (900.0, "capacity", "trucks/day")]


def test_a_count_nobody_reports_as_zero_is_kept_when_someone_watched() -> None:
    (t,) = traffic("We watched the Eastford–Westgrad road bridge for an hour and did not see a single truck.")
    assert (t.value, t.unit) == (0.0, "trucks/hour")


def test_of_them_takes_the_noun_and_rate_of_the_figures_before() -> None:
    got = traffic("About 900 lorries a day crossed at Eastford in 2023. The new bypass took 300 to 400 of "
                  "them a day away from the town centre.")
    assert sorted((t.value, t.value_min, t.unit) for t in got) == [
        (400.0, 300.0, "trucks/day"), (900.0, None, "trucks/day")]


def test_of_these_before_a_noun_is_not_a_pronoun_for_the_figures_before() -> None:
    got = traffic("In 2023 Eastford handled 2 million tonnes. Three of these issues slowed the checks at the "
                  "Eastford–Westgrad road bridge.")
    assert [t.value for t in got] == [2e6]


def test_of_which_counts_a_part_in_the_noun_of_the_whole() -> None:
    got = traffic("On Monday, 3 June 2024, 520 vehicles crossed at Eastford, of which 310 headed into "
                  "Russia.", "2024-06-04")
    assert sorted((t.value, t.unit, t.period) for t in got) == [
        (310.0, "vehicles", "2024-06-03"), (520.0, "vehicles", "2024-06-03")]


def test_the_same_period_is_the_period_of_the_figure_told_before() -> None:
    got = traffic("Between January and July 2024 Eastford handled 2.1 million tonnes. Over the same "
                  "January-to-July period Farhaven moved 1.4 million tonnes.", "2025-01-10")
    assert {t.value: t.period for t in got} == {2.1e6: "2024-01..2024-07", 1.4e6: "2024-01..2024-07"}


def test_the_same_period_of_an_earlier_year_is_a_comparison_not_a_reference() -> None:
    (t,) = traffic("In May 2024 Eastford handled 3,000 trucks, more than in the same period of 2023.")
    assert t.period == "2024-05"


def test_a_town_before_a_handling_verb_is_where_the_figure_is() -> None:
    got = traffic("The Eastford–Westgrad road bridge reopened in May 2024.\n\nIn 2023 Farhaven moved 7.9 "
                  "million tonnes.")
    (t,) = [t for t in got if t.unit == "tonnes"]
    assert [p.id for p in t.subject] == [FAR.id]


def test_trade_with_a_country_is_placed_between_the_two_countries() -> None:
    got = traffic("Russia and China opened the Eastford–Westgrad road bridge in 2019.\n\n"
                  "A Russian minister said trade with China reached $2.5 billion in 2023.")
    (t,) = [t for t in got if t.metric == "trade value"]
    assert {p.id for p in t.subject} == {RUSSIA.id, CHINA.id}


def test_a_trade_value_rate_at_the_end_of_its_clause() -> None:
    (t,) = traffic("Roughly $12 billion in two-way trade with Russia moves through the Eastford–Westgrad "
                   "road bridge annually.")
    assert (t.value, t.unit, t.period) == (12e9, "USD/year", "")


def test_chinese_vehicles_in_a_freight_clause_are_trucks() -> None:
    got = traffic("今年以来，Eastford口岸货运通道通关车辆已突破5万辆。", "2024-06-03")
    assert [(t.value, t.unit) for t in got] == [(50000.0, "trucks")]


def test_rupees_follow_the_town_a_crossing_is_named_after() -> None:
    nepal = Place("country:NP", "Nepal", "country", 28.0, 84.0, "NP")
    india = Place("country:IN", "India", "country", 22.0, 79.0, "IN")
    north = Place("geonames:20", "Hillgunj", "city", 27.0, 84.88, "NP")
    south = Place("geonames:21", "Plainaul", "city", 26.98, 84.86, "IN")
    post = Place("landmark:hp-post", "Plainaul–Hillgunj checkpoint", "checkpoint", 26.99, 84.87, "IN/NP")
    gaz = MiniGazetteer([nepal, india, north, south, post],
                        records=[crossing_record(post, south, north, "road")])
    names = {"Nepal": nepal, "India": india, "Hillgunj": north, "Plainaul": south, "Hillgunj ICP": post}
    got = traffic("India and India again. Plainaul is busy. Hillgunj traders agree.\n\n"
                  "Fuel worth Rs 9.5 billion was imported through the Hillgunj ICP by mid-February.",
                  "2025-03-01", names, gaz)
    assert [t.unit for t in got] == ["NPR"]


def test_a_comparison_base_takes_its_own_earlier_period() -> None:
    got = traffic("Some 45,000 trucks crossed at Eastford in 2023, up from 38,000 a year earlier.")
    assert {t.value: t.period for t in got} == {45000.0: "2023", 38000.0: "2022"}


def test_a_date_of_what_happened_next_is_not_the_figures_period() -> None:
    got = traffic("In the 2023/24 season the ice road at Eastford carried 9,000 tonnes of goods and 2,100 "
                  "people before it was closed on 6 April.")
    periods = {t.value: t.period for t in got}
    assert periods[2100.0] == periods[9000.0] and periods[9000.0].startswith("2023")


def test_the_first_convoy_since_a_date_is_not_dated_by_it() -> None:
    (t,) = traffic("The first convoy since March 2 -- 30 trucks -- rolled over the Eastford–Westgrad road "
                   "bridge on May 14, 2024.")
    assert t.period == "2024-05-14"


def test_holidays_and_the_first_day_of_a_year_date_a_figure() -> None:
    got = traffic("At Christmas 2019 the truck queue at Eastford stretched for 35 km. On the first day of "
                  "2024 goods worth 2 million dollars crossed there by 3 p.m.", "2024-03-01")
    assert {t.unit: t.period for t in got} == {"km": "2019-12-25", "USD": "2024-01-01"}


def test_a_bare_year_end_is_in_the_year_of_the_earlier_date() -> None:
    (t,) = traffic("A truck lane at Eastford opened on April 30 and has since kept empty lorries apart from "
                   "loaded ones; 120,000 trucks had used it by the end of the year.", "2025-01-08")
    assert t.period == "2024-12"


def test_a_like_figure_far_along_the_sentence_takes_the_rate_of_the_first() -> None:
    got = traffic("In 2023 some 300 to 400 lorries a day loaded with timber and grain at the depot kept "
                  "using the old gate in Eastford, next to the customs shed by the river, along with 40 to "
                  "50 lorries heading back with exports.")
    assert sorted((t.value, t.value_min, t.unit) for t in got) == [
        (50.0, 40.0, "trucks/day"), (400.0, 300.0, "trucks/day")]


def test_a_rate_something_rose_to_is_dated_by_the_paragraph() -> None:
    got = traffic("In March 2024 the Eastford–Westgrad road bridge was jammed. Officials said the number of "
                  "travellers each day had risen from about 2,000 to about 3,500.")
    assert {t.value: t.period for t in got} == {2000.0: "", 3500.0: "2024-03"}


def test_a_headline_under_a_rubric_line_rounding_the_body_figure_is_not_a_second_figure() -> None:
    got = traffic("Border / Economy\nEastford bridge passes 2.4 million travellers\n\n"
                  "The Eastford–Westgrad road bridge counted 2,412,300 travellers in 2023, officials said.",
                  "2024-01-20")
    assert [(t.value, t.period) for t in got] == [(2412300.0, "2023")]


def test_in_the_period_points_back_past_an_opening_date() -> None:
    got = traffic("Between January and March 2024 Eastford handled 1.2 million travellers. The new bridge "
                  "at Farhaven, open to people since Dec. 11, 2023, logged 21,000 entries in the period.",
                  "2024-04-01")
    assert {t.value: t.period for t in got} == {1.2e6: "2024-01..2024-03", 21000.0: "2024-01..2024-03"}


def test_the_time_needed_to_transfer_goods_is_a_wait_and_one_or_two_days_a_range() -> None:
    (t,) = traffic("The time needed to move goods across the Eastford–Westgrad road bridge went down from "
                   "one or two days in 2022 to mere hours.")
    assert (t.metric, t.value, t.value_min, t.unit, t.period) == ("wait time", 48.0, 24.0, "hours", "2022")


def _seen(text: str, date: str = "2024-06-03") -> list[tuple[str, float, str, str]]:
    return sorted((t.metric, t.value, t.unit, t.period) for t in traffic(text, date))


@pytest.mark.parametrize(("text", "value"), [
    ("Getting through the Eastford–Westgrad road bridge takes 20-50 minutes on a weekday.", 50 / 60),
    ("Lorry crews at the Eastford–Westgrad road bridge say they wait as long as a week.", 168.0),
    ("Hauliers reported a wait of up to five hours at the Eastford–Westgrad road bridge.", 5.0),
])
def test_a_wait_written_as_a_phrase_is_a_wait_in_hours_dated_by_the_story(text: str, value: float) -> None:
    got = _seen(text)
    assert [(m, round(v, 3), u, p) for m, v, u, p in got] == [("wait time", round(value, 3), "hours",
                                                                  "2024-06-03")]


@pytest.mark.parametrize("text", [
    "A 6km queue of lorries built up at the Eastford–Westgrad road bridge on Monday.",
    "The line of lorries at the Eastford–Westgrad road bridge stretched for more than 6km on Monday.",
    "On Monday the queue from the Eastford–Westgrad road bridge reached the 6 km mark.",
])
def test_a_length_in_km_of_a_queue_is_a_queue(text: str) -> None:
    assert _seen(text) == [("queue", 6.0, "km", "2024-06-03")]


def test_a_length_in_km_that_is_no_queue_is_dropped() -> None:
    assert traffic("A fence of 40 km will run along the most exposed stretches east of Eastford.") == []
    assert traffic("Ferries cross the river near the Eastford–Westgrad road bridge at 15 km an hour.") == []


def test_thousands_with_a_plain_space_are_one_number() -> None:
    got = _seen("On a normal day the Eastford–Westgrad road bridge clears an average of 12 000 travellers.")
    assert got == [("crossings", 12000.0, "people/day", "")]


@pytest.mark.parametrize("text", [
    "Customs officers at the Eastford–Westgrad road bridge seized 40 trucks in May 2024.",
    "The new bays at the Eastford–Westgrad road bridge can examine 12 cars and 9 buses at once.",
    "At the other two checkpoints lorries that carry grain may still use the Eastford–Westgrad road bridge.",
    "The Eastford–Westgrad road bridge notice, signed on 07.10.2022, was posted at the gate.",
])
def test_counts_that_are_not_traffic(text: str) -> None:
    assert traffic(text) == []


@pytest.mark.parametrize("text", [
    "About 300 trucks are held up at the Eastford–Westgrad road bridge.",
    "The queue on the Westgrad side of the Eastford–Westgrad road bridge towards the river is about "
    "300 trucks.",
    "There are 300 trucks waiting at the Eastford–Westgrad road bridge.",
    "At the Eastford–Westgrad road bridge 300 trucks are registered in the e-queue to leave.",
])
def test_vehicles_standing_in_line_now_are_a_queue_on_the_publication_date(text: str) -> None:
    assert _seen(text) == [("queue", 300.0, "trucks", "2024-06-03")]


def test_a_rate_written_after_the_verb_belongs_to_every_figure_before_it() -> None:
    got = _seen("Some 9,000 people and 2,000 vehicles crossed the Eastford–Westgrad road bridge every day "
                "before the closure.")
    assert got == [("crossings", 9000.0, "people/day", ""), ("vehicles", 2000.0, "vehicles/day", "")]


def test_a_capacity_to_come_starts_today_and_reaches_its_figure_on_the_planned_date() -> None:
    got = _seen("The upgrade of the Eastford–Westgrad road bridge is planned to be finished in October. "
                "Its capacity will increase from 20 to 40 thousand passengers and from 1 to 2 thousand cars "
                "per day.", "2024-06-03")
    assert got == [("capacity", 1000.0, "cars/day", "2024-06-03"),
                   ("capacity", 2000.0, "cars/day", "2024-10"),
                   ("capacity", 20000.0, "passengers/day", "2024-06-03"),
                   ("capacity", 40000.0, "passengers/day", "2024-10")]


def test_a_bare_figure_the_count_rises_to_keeps_the_noun_and_rate_of_the_one_before() -> None:
    got = _seen("The Eastford–Westgrad road bridge clears an average of 12 000 travellers per day off-peak "
                "and the figure rises to 25 000 during peak periods.")
    assert got == [("crossings", 12000.0, "people/day", ""), ("crossings", 25000.0, "people/day", "")]


def test_a_date_in_the_next_clause_does_not_date_a_figure() -> None:
    got = _seen("On Sunday, June 2, nearly 5,000 cars with about 20,000 passengers passed the "
                "Eastford–Westgrad road bridge, and today even more are expected.")
    assert got == [("passengers", 20000.0, "passengers", "2024-06-02"),
                   ("vehicles", 5000.0, "cars", "2024-06-02")]


@pytest.mark.parametrize(("verb", "period"), [("will handle", "2024-07..2024-09"),
                                              ("handled", "2023-07..2023-09")])
def test_a_month_range_without_a_year_looks_ahead_only_in_a_sentence_about_the_future(
        verb: str, period: str) -> None:
    got = traffic(f"From July to September the Eastford–Westgrad road bridge {verb} 900 trucks a day.",
                  "2024-03-03")
    assert [t.period for t in got] == [period]
