"""Patterns tried only where their first words start, or skipped without their cue strings, find exactly
what a full scan finds (speed only: the output must not change).

Checked on invented sentences and, when the shared dev set is beside the repository, on every sentence
of its articles (read from ../shared, never copied here).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from dev_texts import dev_sentences

from geomap.events import dates, traffic, traffic_period, traffic_units
from geomap.events.sieve import Sieve, matches_at

INVENTED = [
    "From March to July 2024 the Eastford bridge carried 1,200 trucks a day, up from Jan.-Apr. of 2023.",
    "Over the same period, in the period from May, and the same ten weeks, some two thousand cars passed.",
    "It will reopen next week; officials plan to widen it and are set to add lanes in the coming months.",
    "Waits of more than an hour, at least a day, no buses and a single lorry were seen at Christmas 2019.",
    "Z nich 356 pojazdów przejechało od 5 marca do 3 kwietnia; durante enero de 2024 cruzaron 12 camiones.",
    "С марта по май 2025 года через пункт прошли 6,5 тыс. грузовиков за тот же период.",
    "The gate ſhall open; the KELVIN sign K, İstanbul and ΣΟΦΙΑ fold apart from str.lower().",
    "In FY2024-25, so far this year, by the end of June, at 10 a.m. and on the first day of 2025: no trains.",
]


SENTENCES = INVENTED + dev_sentences()


def _brute_starts(words: list[str], text: str) -> list[int]:
    """Offsets where a run of letters begins with one of words (lower case)."""
    low = text.lower()
    return [i for i in range(len(low)) if re.match(r"[^\W\d_]", low[i]) and
            (i == 0 or not re.match(r"[^\W\d_]", low[i - 1])) and any(low.startswith(w, i) for w in words)]


def test_sieve_starts_are_the_words_that_begin_with_its_words():
    sieve = Sieve(["jan", "january", "from"])
    text = "From January to June, Janet came from Fromborg; a fromage-maker."
    assert sieve.starts(sieve.lower(text)) == _brute_starts(["jan", "from"], text)


def test_sieve_leaves_a_text_with_letters_that_fold_apart_to_the_full_scan():
    assert Sieve(["shall"]).lower("It ſhall open") is None  # the long s matches "s" ignoring case
    assert Sieve(["in"]).lower("İstanbul") is None  # str.lower() adds a character
    assert Sieve(["shall"]).lower("It shall open") == "it shall open"
    assert dates.looks_ahead("The gate ſhall open in May")


@pytest.mark.parametrize("pattern, sieve", [
    (dict(traffic_period.PATTERNS)["month_range"], traffic_period.RANGE_OPENERS),
    (traffic_period.SAME_PERIOD, traffic_period.SAME_PERIOD_OPENERS),
    (traffic.HAS_FIGURE, traffic.FIGURE_OPENERS),
    (dates._FUTURE, dates.FUTURE_OPENERS),
])
def test_pattern_tried_where_its_words_start_finds_every_match(pattern: re.Pattern[str], sieve: Sieve):
    for text in SENTENCES:
        low = sieve.lower(text)
        if low is None:
            continue
        assert [m.span() for m in matches_at(pattern, sieve.starts(low), text)] == \
            [m.span() for m in pattern.finditer(text)], text


@pytest.mark.parametrize("kind", sorted(traffic_period.CUES))
def test_every_period_match_holds_one_of_its_cues(kind: str):
    pattern = dict(traffic_period.PATTERNS)[kind]
    for text in SENTENCES:
        for m in pattern.finditer(text):
            assert any(c in m.group(0).lower() for c in traffic_period.CUES[kind]), m.group(0)


def test_periods_of_invented_sentences_are_read_with_the_cues():
    spans = traffic_period.find_periods(INVENTED[0], date(2024, 9, 1), "")
    assert [s.period for s in spans] == ["2024-03..2024-07", "2023-01..2023-04"]
    assert [s.period for s in traffic_period.find_periods(INVENTED[7], date(2025, 3, 5), "IN")][:2] == \
        ["2024-04..2025-03", "2025-01-01..2025-03-05"]


def test_noun_before_reads_the_last_noun_that_starts_a_word():
    at_word = re.compile(rf"(?<![^\W\d_])(?:{traffic_units._ANY_NOUN.pattern})", re.I)
    for text in SENTENCES:
        expected = None
        for m in at_word.finditer(text):
            found = traffic_units._counted(m)
            if found.metric not in ("wait time", "queue"):
                expected = found
        assert traffic_units.noun_before(text) == expected, text


@pytest.mark.parametrize("kind", sorted(dates.DIGIT_RUN_KINDS))
def test_date_kinds_tried_at_runs_of_digits_never_start_inside_one(kind: str):
    pattern = dict(dates.PATTERNS)[kind]
    for text in [*SENTENCES, "On 12 May 2024, 3 days ago, 2023年 and 12024年 in 2019."]:
        for pos in range(len(text)):
            m = pattern.match(text, pos)
            if m is not None and pos and text[pos].isdecimal():
                assert not text[pos - 1].isdecimal(), (kind, text[pos - 5:pos + 10])


def test_every_rate_written_before_a_number_holds_one_of_its_cues():
    texts = [*SENTENCES, "A daily average of 300, on a busy day more; in a typical year, per day, in an hour"]
    for (pattern, _), cues in zip(traffic_units._RATE_BEFORE, traffic_units._RATE_BEFORE_CUES, strict=True):
        for text in texts:
            for end in range(len(text) + 1):
                m = pattern.search(text[max(0, end - 140):end])
                if m is not None:
                    assert any(c in m.group(0).lower() for c in cues), m.group(0)
