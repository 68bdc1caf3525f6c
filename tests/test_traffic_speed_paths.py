"""Quicker ways of the traffic reader's tests give the answers of the plain ones, on sentences of our own."""

from __future__ import annotations

import re

import pytest

from geomap.events import traffic_units
from geomap.events.number_words import (
    DOT_GROUPING_PREFIXES,
    DOT_GROUPING_WORDS,
    ENGLISH_WORDS,
    LANGUAGE_SAMPLE,
    groups_thousands_with_dots,
)

LANGUAGES = [
    "The trucks and the buses of the border were 12.000 in the year.",
    "Przez przejście przejechało 12.000 ciężarówek, został otwarty nowy pas dla aut oraz autobusów.",
    "ZOSTAŁ otwarty; Zostały 3.500 tirów. Jest to rekord dla przejścia przez granicę.",
    "El puerto recibió 7.500 camiones según los datos de la aduana para una semana.",
    "Die Grenze wurde nicht geöffnet und das ist der Grund: 12.000 Lkw mit Waren.",
    "İSTANBUL'un ſehir of the and the: 1.200 trucks",
    "今年前5个月，口岸进出口货运量达到120万吨。",
    "",
]


def _plain_groups_thousands_with_dots(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text[:LANGUAGE_SAMPLE].lower())
    english = sum(w in ENGLISH_WORDS for w in words)
    dots = sum(w in DOT_GROUPING_WORDS or w.startswith(DOT_GROUPING_PREFIXES) for w in words)
    return dots > english


@pytest.mark.parametrize("text", LANGUAGES + [" ".join(LANGUAGES) * 40, "został " * 3 + "the and of " * 2])
def test_dot_grouping_language_counts_words_as_the_plain_sums_do(text: str) -> None:
    assert groups_thousands_with_dots(text) == _plain_groups_thousands_with_dots(text)


RATES_AFTER = [
    "1,200 trucks a day crossed", "1,200 trucks A DAY", "300 lorries per 24 hours", "5 tonnes annually",
    "40 buses every week before the closure", "40 buses each day.", "900 cars a year earlier",
    "12 trains per day", "70 trucks, waiting since Monday, a day later", "5 trains daily",
    "2 000 TEU a month", "300 cars ꜱome a day",
    "15 000 грузовиков в сутки", "1200辆次每天", "400 camiones al día", "400 tirów dziennie", "5 km an hour",
    "trucks: 3. a day", "8 wagons \u212a a week", "9 cars / day", "long stretch of words " * 5 + "a day",
]


def _rate_after_in_full(text: str, pos: int, kind: str) -> tuple[str, int] | None:
    """rate_after as the plain patterns read it (each rate in turn, every offset up to the reach)."""
    reach = traffic_units.RATE_REACH[kind]
    for rate_rx, rate in traffic_units.RATES:
        m = re.compile(rf"^[^.;:!?\d]{{0,{reach}}}?(?<![^\W_])(?:{rate_rx})(?![^\W\d_])"
                       r"(?!\s+(?:earlier|ago|before|later|after|on|previously))", re.I).match(text[pos:])
        if m:
            return rate, pos + m.end()
    m = re.compile(r"[^.;:!?\d]{0,60}?\b(?:every|each|per)\s+(day|week|month|year)\b", re.I).match(text, pos)
    return (m.group(1).lower(), m.end()) if m and kind == "count" else None


@pytest.mark.parametrize("text", RATES_AFTER)
def test_rate_after_a_noun_is_the_rate_the_plain_patterns_read(text: str) -> None:
    for pos in range(len(text) + 1):
        for kind in ("count", "money"):
            got = traffic_units.rate_after(text, pos, kind)
            assert got == _rate_after_in_full(text, pos, kind), (text, pos)


PERIODS = [
    "From January to March 2024, 12,000 trucks crossed.", "Jan-to-Mar volumes rose", "janandfeb 2023 traffic",
    "Between MAY and JULY of last year, 400 buses a day", "On Oct. 7, 300 lorries; by Nov 23, 9,000 trips",
    "5 May last year and 6 June this year", "from September through december",
    "Od stycznia do marca 2023 r. 12 marca", "С января по март 2024 года", "entre enero y marzo de 2022",
    "no month here, 1,200 trucks a day", "Mayor Smith said 300 cars", "4 months, 2023-24, FY2025",
]


@pytest.mark.parametrize("text", PERIODS)
def test_month_led_periods_are_skipped_only_without_a_month_word(text: str, monkeypatch) -> None:
    from datetime import date

    from geomap.events import traffic_period

    base = date(2024, 5, 20)
    quick = [traffic_period.find_periods(text, base, c) for c in ("", "IN", "US")]
    monkeypatch.setattr(traffic_period, "_MONTH_WORD", re.compile(""))  # every sentence names a month
    assert quick == [traffic_period.find_periods(text, base, c) for c in ("", "IN", "US")]
