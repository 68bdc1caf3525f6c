"""Money, counts, percentages, factors and Markdown tables read from news text."""

from __future__ import annotations

import pytest

from geomap.events.quantities import find_markdown_tables, find_quantities, parse_column


def kinds(text: str) -> list[tuple[str, float, str]]:
    return [(q.kind, q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("sales of 12.8 billion yuan", 12.8e9, "CNY"),
        ("worth $4.32 billion", 4.32e9, "USD"),
        ("some 3.5 billion U.S. dollars", 3.5e9, "USD"),
        ("a deal of US$5bn", 5e9, "USD"),
        ("RMB 20 million in fees", 20e6, "CNY"),
        ("300 million roubles", 300e6, "RUB"),
        ("€1.2 trillion", 1.2e12, "EUR"),
    ],
)
def test_money(text: str, value: float, unit: str) -> None:
    money = [q for q in find_quantities(text) if q.kind == "money"]
    assert len(money) == 1
    assert money[0].value == pytest.approx(value)
    assert money[0].unit == unit


def test_counts_with_thousands_separators_and_nouns() -> None:
    assert ("count", 760000.0, "passengers") in kinds("about 760,000 passengers crossed")
    assert ("count", 1.2e6, "tonnes") in kinds("1.2 million tonnes of grain")
    assert ("count", 5000.0, "page") in kinds("a 5,000-page report")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("an increase of 19.1 percent", 19.1),
        ("+7.5%", 7.5),
        ("exports were down 3%", -3.0),
        ("a decline of 2.5 per cent", -2.5),
        ("imports fell 4 percent", -4.0),
        ("12 percent higher", 12.0),
    ],
)
def test_percent_changes_carry_their_direction(text: str, value: float) -> None:
    (pct,) = [q for q in find_quantities(text) if q.kind == "percent"]
    assert pct.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [("grew nearly 2.5 times", 2.5, True), ("traffic doubled", 2.0, False),
     ("volumes tripled", 3.0, False), ("a three-fold rise", 3.0, False), ("rose 4-fold", 4.0, False)],
)
def test_factors(text: str, value: float, approx: bool) -> None:
    (f,) = [q for q in find_quantities(text) if q.kind == "factor"]
    assert f.value == value
    assert f.approx is approx


def test_negated_single_item_is_zero() -> None:
    found = find_quantities("We waited half a day and did not spot a single lorry on the road.")
    assert [(q.kind, q.value, q.unit) for q in found] == [("count", 0.0, "lorry")]
    assert ("count", 0.0, "trucks") in kinds("No trucks came.")


def test_ordinals_times_and_years_are_not_counts() -> None:
    found = kinds("The 8th fair opened at 10:30 in 2023.")
    assert [k for k in found if k[0] == "count"] == []
    assert ("year", 2023.0, "") in found


def test_offsets_point_into_the_text() -> None:
    text = "Turnover hit 8.1 billion yuan."
    (q,) = find_quantities(text, offset=10)
    assert text[q.start - 10:q.end - 10] == "8.1 billion yuan"


def test_column_headers() -> None:
    col = parse_column("Exports (Million USD)")
    assert (col.name, col.scale, col.unit, col.is_period) == ("Exports", 1e6, "USD", False)
    assert parse_column("Change (%)").unit == "percent"
    assert parse_column("Year").is_period


def test_markdown_table() -> None:
    text = (
        "Figures compiled by the authors:\n"
        "| Year | Exports (Million USD) | Change (%) |\n"
        "|:---|---:|---:|\n"
        "| 2018 | 52.5 | -1.5 |\n"
        "| 2019 | 60.0 | 14.3 |\n"
        "\nAfterwards the text goes on.\n"
    )
    (table,) = find_markdown_tables(text)
    assert [c.name for c in table.columns] == ["Year", "Exports", "Change"]
    assert table.rows == [["2018", "52.5", "-1.5"], ["2019", "60.0", "14.3"]]
    assert table.value(0, 1) == pytest.approx(52.5e6)
    assert table.value(0, 2) == pytest.approx(-1.5)
    rs, re_ = table.row_spans[1]
    assert text[rs:re_] == "| 2019 | 60.0 | 14.3 |"
    assert text[table.start:table.end].endswith("14.3 |")


def test_a_table_needs_a_separator_line() -> None:
    assert find_markdown_tables("| a | b |\n| c | d |\n") == []


def test_thousands_grouped_by_a_plain_space_but_not_after_a_day_of_the_month() -> None:
    counts = [(q.value, q.unit) for q in find_quantities("Some 14 000 travellers and 250 000 tonnes.")
              if q.kind == "count"]
    assert counts == [(14000.0, "travellers"), (250000.0, "tonnes")]
    dated = [(q.value, q.unit) for q in find_quantities("On May 3 500 people crossed.") if q.kind == "count"]
    assert dated == [(3.0, ""), (500.0, "people")]


def test_a_week_given_as_a_limit_is_one() -> None:
    got = [(q.text, q.value) for q in find_quantities("Drivers waited as long as a week.")]
    assert got == [("a", 1.0)]


@pytest.mark.parametrize(("text", "value"), [
    ("8.03 million travellers", 8030000), ("31.35 billion yuan", 31350000000),
    ("0.07 million tonnes", 70000), ("2.3 thousand trucks", 2300),
])
def test_scaled_figures_are_the_written_decimals_exactly(text: str, value: int) -> None:
    (q,) = [q for q in find_quantities(text) if q.value > 1000]
    assert q.value == value  # exactly, as a reader and a CSV would show it (no 8029999.999999999)


def test_a_number_word_that_counts_nothing_is_no_quantity_and_spans_stay_inside_the_text():
    from geomap.events.quantities import find_quantities

    assert find_quantities("they met on day one") == []
    assert [(q.text, q.value) for q in find_quantities("two of them crossed")] == [("two", 2.0)]
    for text in ("seven", "we saw two", "上千"):
        assert all(0 <= q.start < q.end <= len(text) for q in find_quantities(text))


def test_a_chinese_amount_takes_the_counter_that_follows_it():
    from geomap.events.quantities import find_quantities

    (q,) = find_quantities("每天上千辆车过境")
    assert (q.text, q.value, q.unit) == ("上千辆", 1000.0, "辆")
