"""The text primitives' fast paths read exactly what their plain readings read.

find_quantities and find_dates read most texts lower-cased, case by case, with their patterns tried only
where a number or an opening word starts, and ASCII texts through byte tables; these tests check each
shortcut against the plain reading (the patterns ignoring case, on the text as written, scanned in full)
on invented sentences with exact expected figures and dates, and, when the shared dev set is beside the
repository, on every sentence of its articles (read from ../shared, never copied here).
"""

from __future__ import annotations

import re

import pytest
from dev_texts import dev_sentences, dev_texts

from geomap.events import dates, quantities
from geomap.events.dates import find_dates, looks_ahead
from geomap.events.quantities import find_quantities
from geomap.events.sieve import digit_runs, lower_words
from geomap.sentences import split_sentences

INVENTED = [
    "Some 1,250 trucks and about 300 buses crossed on 3 May 2024, up 12% on the year before.",
    "The Eastford terminal handled RMB 5.2 billion of goods in Q3 2024, nearly twice as much as in 2022.",
    "Exports fell 4.5 percent to $310 million last month; not a single train ran on Monday.",
    "Two thousand travellers and dozens of lorries waited as long as a day near the gate.",
    "Traffic tripled to 12 500 cars a week by late 2023 and the ferry will reopen in early June.",
    "Около 3 марта 2025 года через пункт прошли 6,5 тыс. грузовиков и 19,37,414 рупий.",
    "2025年3月3日，口岸通行上千辆货车，数千人次过境，价值3亿元。",
    "El 5 de marzo de 2025 cruzaron 12.000 camiones y tres mil autobuses por 4 millones de dólares.",
    "The 8th lane opened at 10:30 on May 3 500 metres away; 1/2 of the 2024-05-01 queue left.",
    "Ayşe Yılmaz counted 40 vans and 7 ſhuttles; the KELVIN gate reported 2,000 cars in İzmir.",
]
SENTENCES = INVENTED + dev_sentences()


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the primitives read every text as written, ignoring case (their fallback path)."""
    monkeypatch.setattr(quantities, "reads_lower_case", lambda text, low, unsafe: False)
    monkeypatch.setattr(dates, "_reads_lowered", lambda text, low: False)


def test_invented_sentences_give_their_figures() -> None:
    got = [(q.text, q.kind, q.value, q.unit, q.approx, q.direction) for q in find_quantities(INVENTED[0])]
    assert got == [
        ("1,250 trucks", "count", 1250.0, "trucks", False, 0),  # a capital "Some" is not read as "about"
        ("300 buses", "count", 300.0, "buses", True, 0),
        ("3 May", "count", 3.0, "may", False, 0),
        ("2024", "year", 2024.0, "", False, 0),
        ("12%", "percent", 12.0, "percent", False, 1),
    ]
    assert [(q.text, q.kind, q.value, q.unit) for q in find_quantities(INVENTED[1])] == [
        ("RMB 5.2 billion", "money", 5.2e9, "CNY"), ("2024", "year", 2024.0, ""),
        ("twice", "factor", 2.0, "times"), ("2022", "year", 2022.0, "")]
    assert [(q.text, q.kind, q.value, q.direction) for q in find_quantities(INVENTED[2])] == [
        ("4.5 percent", "percent", -4.5, -1), ("$310 million", "money", 310e6, 0),
        ("not a single train", "count", 0.0, 0)]
    assert [(q.text, q.value, q.unit, q.approx) for q in find_quantities(INVENTED[3])] == [
        ("Two thousand travellers", 2000.0, "travellers", False),
        ("dozens of lorries", 24.0, "lorries", False), ("a", 1.0, "", True)]  # "as long as a day": one day
    assert [(q.text, q.kind, q.value) for q in find_quantities(INVENTED[4])] == [
        ("tripled", "factor", 3.0), ("12 500 cars", "count", 12500.0), ("2023", "year", 2023.0)]


def test_figures_in_other_scripts_and_groupings() -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(INVENTED[5])] == [
        ("3 марта", 3.0, "марта"), ("2025 года", 2025.0, "года"),
        ("6,5 тыс. грузовиков", 6500.0, "грузовиков"), ("19,37,414 рупий", 1937414.0, "рупий")]
    zh = [(q.text, q.kind, q.value, q.unit) for q in find_quantities(INVENTED[6])]
    assert ("3亿元", "money", 3e8, "CNY") in zh and ("2025年", "year", 2025.0, "年") in zh
    es = [(q.text, q.kind, q.value, q.unit) for q in find_quantities(INVENTED[7], dot_thousands=True)]
    assert es[2:] == [("12.000 camiones", "count", 12000.0, "camiones"),
                      ("tres mil autobuses", "count", 3000.0, "autobuses"),
                      ("4 millones de dólares", "money", 4e6, "USD")]


def test_ordinals_times_and_a_day_before_a_count_are_no_counts() -> None:
    got = [(q.text, q.value) for q in find_quantities(INVENTED[8])]
    assert got[:2] == [("3", 3.0), ("500 metres", 500.0)]  # not "8th", "10:30" nor "3 500"


def test_invented_sentences_give_their_dates() -> None:
    got = [(d.text, d.period, d.kind) for d in find_dates(INVENTED[0], "2024-06-10")]
    assert got == [("on 3 May 2024", "2024-05-03", "full"), ("the year before", "2023", "relative_period")]
    got = [(d.text, d.period, d.kind) for d in find_dates(INVENTED[1], "2024-11-02")]
    assert got == [("in Q3 2024", "2024-07-01..2024-09-30", "quarter"), ("in 2022", "2022", "year")]
    got = [(d.text, d.period, d.kind) for d in find_dates(INVENTED[2], "2025-03-14")]
    assert got == [("last month", "2025-02", "relative_period"), ("on Monday", "2025-03-10", "weekday")]
    got = [(d.text, d.period) for d in find_dates(INVENTED[4], "2024-02-01")]
    assert got[0] == ("late 2023", "2023-09-01..2023-12-31")
    assert [(d.text, d.period) for d in find_dates(INVENTED[6], None)] == [("2025年3月3日", "2025-03-03")]


def test_letters_that_fold_apart_are_read_as_the_patterns_ignoring_case_read_them() -> None:
    text = INVENTED[9]
    assert [(q.text, q.value) for q in find_quantities(text)] == [
        ("40 vans", 40.0), ("7 ſhuttles", 7.0), ("2,000 cars", 2000.0)]
    assert looks_ahead("The gate ſhall open in May")
    assert [d.period for d in find_dates("The İzmir gate ſhut in March 2024.", None)] == ["2024-03"]


@pytest.mark.parametrize("dots", [False, True])
def test_lower_case_reading_finds_what_the_plain_reading_finds(monkeypatch: pytest.MonkeyPatch, dots: bool):
    fast = [find_quantities(text, 5, dots) for text in SENTENCES]
    _plain(monkeypatch)
    assert fast == [find_quantities(text, 5, dots) for text in SENTENCES]


def test_dates_read_lower_case_are_those_read_as_written(monkeypatch: pytest.MonkeyPatch):
    fast = [find_dates(text, "2025-03-14") for text in SENTENCES]
    _plain(monkeypatch)
    assert fast == [find_dates(text, "2025-03-14") for text in SENTENCES]


def test_dates_from_the_callers_words_are_those_found_alone():
    for text in SENTENCES:
        words = [(pos + 40, word) for pos, word in lower_words(text)]
        assert find_dates(text, "2024-07-01", 40, words) == find_dates(text, "2024-07-01", 40), text


def test_looks_ahead_agrees_with_a_full_scan_with_and_without_words():
    for text in SENTENCES:
        expected = dates._FUTURE.search(text) is not None
        assert looks_ahead(text) == expected, text
        assert looks_ahead(text, [(pos + 7, w) for pos, w in lower_words(text)], 7) == expected, text


def test_figures_are_ordered_apart_and_quote_their_text():
    for text in SENTENCES:
        found = find_quantities(text, 100)
        assert [(q.start, q.end) for q in found] == sorted((q.start, q.end) for q in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False)), text
        assert all(q.text == text[q.start - 100:q.end - 100] for q in found), text


@pytest.mark.parametrize("name", [n for n, (_, flags) in quantities.PATTERN_SOURCES.items() if flags & re.I])
def test_each_lower_case_twin_matches_where_its_pattern_matches(name: str):
    pattern, twin = quantities._rx(name), quantities._twin(name)
    for text in SENTENCES:
        low = text.lower()
        if quantities.reads_lower_case(text, low, quantities._FOLDS_APART):
            assert [m.span() for m in twin.finditer(low)] == [m.span() for m in pattern.finditer(text)], text


@pytest.mark.parametrize("kind", [kind for kind, _ in dates.PATTERN_SOURCES])
def test_each_lower_case_date_pattern_matches_where_its_pattern_matches(kind: str):
    pattern, twin = dates._pattern(kind), dates._lower_pattern(kind)
    for text in SENTENCES:
        low = text.lower()
        if dates._reads_lowered(text, low):
            assert [m.span() for m in twin.finditer(low)] == [m.span() for m in pattern.finditer(text)], text


def test_factors_tried_at_digits_and_number_words_are_all_factors():
    for text in SENTENCES + ["A networktwo times rise, 1234,567,890 times more, tenfold and 3-fold."]:
        low = text.lower()
        sieved = [m.span() for m in quantities.matches_at(quantities._twin("FACTOR"),
                                                           quantities._factor_starts(text, low), low)]
        assert sieved == [m.span() for m in quantities._rx("FACTOR").finditer(text)], text


def test_byte_table_readings_equal_their_patterns():
    for text in SENTENCES:
        assert digit_runs(text) == [m.span() for m in re.finditer(r"\d+", text)]
        if text.isascii():
            low = text.lower()
            assert quantities._ascii_words(low) == set(re.findall(r"[a-z]+", low))
            starts = [m.start() for m in re.finditer(r"(?<![0-9])\d", text)]
            assert quantities._ascii_number_starts(text) == starts


def test_sentences_end_at_every_line_break_as_a_line_alone_would():
    for text in [*dev_texts(), "One. Two.\r\nThree?  (Four.) 五。六！\n\n  Mr. J. Smith. U.S. trade."]:
        by_line, at = [], 0
        for line in text.split("\n"):
            by_line += [(at + a, at + b) for a, b in split_sentences(line)]
            at += len(line) + 1
        assert split_sentences(text) == by_line


def _capitals(source: str) -> set[str]:
    """Capital letters of a pattern, leaving out escapes (\\W), "(?P<" and classes of both cases."""
    source = re.sub(r"\\[A-Za-z]", "", source).replace("(?P", "(?").replace("A-Za-z", "")
    return {ch for ch in source if ch.isupper()}


def test_lower_case_twins_hold_no_capital_letter():
    for name, (source, flags) in quantities.PATTERN_SOURCES.items():
        if flags & re.I:
            for capital, small in quantities._CAPITALS.get(name, {}).items():
                source = source.replace(capital, small)
            assert not _capitals(source), name
    for kind, source in dates.PATTERN_SOURCES:
        for capital, small in dates._CAPITALS.items():
            source = source.replace(capital, small)
        assert not _capitals(source), kind
