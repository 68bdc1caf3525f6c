"""Date expressions resolved against the document date."""

from __future__ import annotations

import pytest
from imports import imports

from geomap.events.dates import find_dates, resolve_date


@pytest.mark.parametrize(
    ("expr", "doc_date", "first", "last"),
    [
        ("on Thursday", "2024-05-17", "2024-05-16", "2024-05-16"),  # a Friday: the day before
        ("on Thursday", "2024-05-16", "2024-05-16", "2024-05-16"),  # the same day
        ("on Monday", "2024-05-17", "2024-05-13", "2024-05-13"),
        ("last Friday", "2024-05-17", "2024-05-10", "2024-05-10"),
        ("at the beginning of last year", "2023-10-17", "2022-01-01", "2022-04-30"),
        ("by the end of this year", "2023-10-17", "2023-09-01", "2023-12-31"),
        ("in early 2021", "2023-10-17", "2021-01-01", "2021-04-30"),
        ("last year", "2025-03-24", "2024-01-01", "2024-12-31"),
        ("this year", "2025-03-24", "2025-01-01", "2025-12-31"),
        ("in 2024", None, "2024-01-01", "2024-12-31"),
        ("last month", "2024-01-10", "2023-12-01", "2023-12-31"),
        ("yesterday", "2024-03-01", "2024-02-29", "2024-02-29"),
        ("two days ago", "2024-03-01", "2024-02-28", "2024-02-28"),
        ("March 21, 2025", "2025-03-24", "2025-03-21", "2025-03-21"),
        ("17 May 2024", None, "2024-05-17", "2024-05-17"),
        ("on 3 June", "2024-09-01", "2024-06-03", "2024-06-03"),
        ("in March 2022", None, "2022-03-01", "2022-03-31"),
        ("in Q3 2020", None, "2020-07-01", "2020-09-30"),
        ("now", "2023-10-17", "2023-10-17", "2023-10-17"),
    ],
)
def test_resolve_date(expr: str, doc_date: str | None, first: str, last: str) -> None:
    got = resolve_date(expr, doc_date)
    assert got is not None
    assert got[:2] == (first, last)
    assert got[2].lower() in expr.lower()


def test_previous_year_is_relative_to_the_year_stated_in_the_sentence() -> None:
    spans = find_dates("Sales in 2019 grew 4 percent over the previous year.", "2024-06-01")
    assert [s.period for s in spans] == ["2019", "2018"]


def test_relative_phrases_need_a_document_date() -> None:
    assert find_dates("They met on Thursday and again last month.", None) == []


def test_future_tense_weekday_looks_ahead() -> None:
    (span,) = find_dates("The minister will fly out on Tuesday.", "2024-05-17")
    assert span.iso == ("2024-05-21", "2024-05-21")


def test_past_tense_weekday_of_publication_is_that_day() -> None:
    # 2024-05-21 is a Tuesday: same-day news writes the day's name ("arrived on Tuesday")
    (span,) = find_dates("The minister arrived at the depot on Tuesday.", "2024-05-21")
    assert span.iso == ("2024-05-21", "2024-05-21")
    (span,) = find_dates("The minister arrived at the depot on Monday.", "2024-05-21")
    assert span.iso == ("2024-05-20", "2024-05-20")


def test_offsets_point_into_the_text() -> None:
    text = "Talks opened on Wednesday, 12 June 2024, in the morning."
    (span,) = find_dates(text, "2024-06-20", offset=100)
    assert text[span.start - 100:span.end - 100] == span.text
    assert span.iso == ("2024-06-12", "2024-06-12")


def test_numbers_that_are_not_years_are_ignored() -> None:
    assert find_dates("A 2,000-page report listed 1999 items and 75 years of data.", "2024-01-01") == []


def test_period_labels() -> None:
    spans = find_dates("in 2024, in May 2023 and on 2 May 2023", None)
    assert [s.period for s in spans] == ["2024", "2023-05", "2023-05-02"]


@pytest.mark.parametrize(
    ("text", "doc_date", "first", "last"),
    [
        ("They will return in the autumn.", "2024-04-10", "2024-09-01", "2024-11-30"),
        ("It froze last winter.", "2024-04-10", "2023-12-01", "2024-02-29"),
        ("It opened in the summer of 2021.", None, "2021-06-01", "2021-08-31"),
        ("Ice roads close in spring.", "2024-07-01", "2024-03-01", "2024-05-31"),
    ],
)
def test_seasons(text: str, doc_date: str | None, first: str, last: str) -> None:
    (span,) = find_dates(text, doc_date)
    assert span.iso == (first, last)


def test_capitalised_season_names_are_not_dates() -> None:
    assert find_dates("Tickets for the Winter Games sold out.", "2024-01-01") == []


@pytest.mark.parametrize(
    ("expr", "doc_date", "first", "last"),
    [
        ("3 марта 2025 года", "2025-10-01", "2025-03-03", "2025-03-03"),  # Russian
        ("в марте 2025 года", "2025-10-01", "2025-03-01", "2025-03-31"),
        ("2025年3月3日", "2025-10-01", "2025-03-03", "2025-03-03"),  # Chinese
        ("2025年3月", "2025-10-01", "2025-03-01", "2025-03-31"),
        ("3 de marzo de 2025", "2025-10-01", "2025-03-03", "2025-03-03"),  # Spanish
        ("el viernes", "2022-04-16", "2022-04-15", "2022-04-15"),
        ("3 marca 2025", "2025-10-01", "2025-03-03", "2025-03-03"),  # Polish
        ("on March 21 last year", "2024-09-22", "2023-03-21", "2023-03-21"),
        ("in March last year", "2025-01-03", "2024-03-01", "2024-03-31"),
        ("on Jan. 11, 2019", None, "2019-01-11", "2019-01-11"),
    ],
)
def test_written_days_in_several_languages(expr: str, doc_date: str | None, first: str, last: str) -> None:
    got = resolve_date(expr, doc_date)
    assert got is not None and got[:2] == (first, last)


def test_a_day_without_a_year_in_a_future_sentence_is_the_nearest_one() -> None:
    (span,) = find_dates("Officials said the lanes would reopen after 12 September.", "2025-09-25")
    assert span.iso == ("2025-09-12", "2025-09-12")
    (span,) = find_dates("The minister will come on 3 January.", "2024-12-20")
    assert span.iso == ("2025-01-03", "2025-01-03")


def test_written_days_need_no_dateparser() -> None:
    code = ("from geomap.events.dates import find_dates; "
            "find_dates('The bridge opened on 17 May 2024 and again on June 3.', '2024-09-01')")
    assert not imports(code, "dateparser")


@pytest.mark.parametrize(
    ("sentence", "doc_date", "period"),
    [
        ("The ferry will not sail until October 3rd because of the storms.", "2023-09-20", "2023-10-03"),
        ("The works on the new terminal are planned to be completed in July.", "2025-02-10", "2025-07"),
        ("The port authority expects to finish the dredging by May.", "2025-02-10", "2025-05"),
        ("The customs hall stays shut until April.", "2025-02-10", "2025-04"),
        ("The opening of the second lane is expected on 12 June.", "2025-02-10", "2025-06-12"),
        ("The road was closed until 9 October.", "2025-10-20", "2025-10-09"),
        ("The old terminal closed in July.", "2025-02-10", "2024-07"),
    ],
)
def test_a_day_or_month_without_a_year_looks_ahead_only_when_the_sentence_does(
        sentence: str, doc_date: str, period: str) -> None:
    assert [s.period for s in find_dates(sentence, doc_date)] == [period]


def test_a_part_of_a_year_spelt_with_a_turkish_i_is_no_error():
    spans = find_dates("Work resumes in MİD-2026, ends by mıd-2027, is reviewed in mid-2028.", "2025-01-10")
    assert [s.period for s in spans][-1] == "2028-05-01..2028-08-31"


@pytest.mark.parametrize("sentence", ["The crossing will reopen on 30 February.",
                                      "Talks are planned for 31 April, officials said."])
def test_a_day_the_month_never_has_is_no_date_and_no_error(sentence):
    from datetime import date

    from geomap.events.dates import explicit_day

    assert explicit_day(sentence, date(2024, 5, 17), future=True) is None
    assert explicit_day(sentence, date(2024, 5, 17)) is None
    find_dates(sentence, date(2024, 5, 17))  # the whole sentence reads without an exception
