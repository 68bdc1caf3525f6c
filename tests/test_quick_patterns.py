"""Patterns behind a look-ahead for their first characters (sieve.first_chars_ahead) find exactly what the
plain patterns find: every module pattern of the traffic reader, on awkward sentences."""

from __future__ import annotations

import re

import pytest

from geomap.events import (
    quantities,
    table_rows,
    text_tables,
    traffic,
    traffic_cues,
    traffic_period,
    traffic_place,
    traffic_respectively,
    traffic_tables,
    traffic_units,
    traffic_when,
)
from geomap.events.sieve import QuickSieve, Sieve, first_chars_ahead, quick_rx

# Sentences of our own with what trips case folding and scripts up: the long s, the Kelvin sign, dotted
# and dotless i, final sigma, Chinese, Cyrillic, Polish and Spanish words, digits of other scripts.
AWKWARD = [
    "The CAPACITY of the ſtation was 1,200 trucks a day, up from 900 a year earlier.",
    "About 40 \u212aM of lorries were waiting; the queue reached the 12 km mark by 6 p.m.",
    "İstanbul handled 3.5 million TEU in FY2023-24, compared with 3.1 million in the same period.",
    "Traffic rose to 12,000 vehicles per day and 2,850 people a day crossed, or roughly 30%.",
    "今年前5个月，口岸进出口货运量达到120万吨，同比增长15%，日均通行车辆1200辆次。",
    "С января по март 2024 года через пункт пропуска прошли 15 000 грузовиков, из них 356 фур.",
    "Od stycznia do marca 2023 r. przez przejście przejechało 12.000 ciężarówek, czyli 400 dziennie.",
    "Entre enero y marzo de 2022 cruzaron unos 7.500 camiones al día por el puerto fronterizo.",
    "ΣΟΦΙΑ σοφίας: ٣٤٥ trucks and ४५ buses, no single car, twice a week, 100 times over.",
    "Officers seized 40 cars; capped at 500 a day, the crossing can handle up to 1,000 at once.",
    "Highway 15 and Gate 3 (Photo: Staff / Oct. 20, 2023) saw COVID-19 drop it to zero.",
    "between Nov. 8 and 12, the count was 11,933, and from 20 to 40 thousand passengers per day",
    "",
    "x",
]


def _plain(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern a quick one was made from (its look-ahead, and the group around it, taken off)."""
    source = rx.pattern
    assert source.startswith("(?=[") and source.endswith(")")
    at = 4
    while source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    if source[at + 1:at + 5] != ")(?:":  # a QuickSieve's word starts: the look-ahead before the pattern
        return re.compile(source[at + 2:], rx.flags)
    return re.compile(source[at + 5:-1], rx.flags)


def _quick_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module in (traffic, traffic_cues, traffic_period, traffic_when, traffic_units, traffic_place,
                   traffic_respectively, traffic_tables, text_tables, table_rows, quantities):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module.__name__}.{name}", value))
    found += [(f"SIEVES[{kind}]", rx) for kind, rx in traffic_period.SIEVES.items()]
    found += [(f"PATTERNS[{kind}]", rx) for kind, rx, *_ in traffic_period._PLAN]
    found += [(f"_RATE_BEFORE[{i}]", rx) for i, (rx, _) in enumerate(traffic_units._RATE_BEFORE)]
    for name in quantities.PATTERN_SOURCES:
        found += [(f"quantities.{name}", quantities._rx(name)), (f"{name} lower", quantities._twin(name))]
    return [(name, rx) for name, rx in found if rx.pattern.startswith("(?=[")]


QUICK = _quick_patterns()


def test_most_traffic_patterns_are_quick() -> None:
    assert len(QUICK) > 60


@pytest.mark.parametrize(("name", "rx"), QUICK, ids=[n for n, _ in QUICK])
def test_quick_pattern_finds_what_the_plain_one_finds(name: str, rx: re.Pattern[str]) -> None:
    plain = _plain(rx)
    for text in AWKWARD + [t.lower() for t in AWKWARD] + [t.upper() for t in AWKWARD]:
        assert [m.regs for m in rx.finditer(text)] == [m.regs for m in plain.finditer(text)]
        for pos in range(len(text) + 1):
            for a, b in ((rx.search(text, pos), plain.search(text, pos)), (rx.match(text, pos),
                                                                               plain.match(text, pos))):
                assert (a and (a.regs, a.groupdict())) == (b and (b.regs, b.groupdict())), (name, text, pos)
            end = min(len(text), pos + 40)
            a, b = rx.search(text, 0, end), plain.search(text, 0, end)
            assert (a and a.regs) == (b and b.regs)


@pytest.mark.parametrize(("source", "flags"), [
    (r"\w+ trucks", re.I), (r"x*", re.I), (r"(?:a|)b?", re.I), (r"[^a]b", re.I), (r".b", re.I),
    (r"(?i)abc", re.I), (r"(?-i:[A-Z]x)|y", re.I), (r"^\s*mark", re.I),
    (r"[$€£]", 0), (r"trucks|trains", 0), (r"(?:x|y)z", 0),  # the engine skips ahead to these itself
])
def test_first_chars_ahead_leaves_what_it_cannot_tell_or_need_not(source: str, flags: int) -> None:
    rx = re.compile(source, flags)
    assert first_chars_ahead(rx) is rx


def test_first_chars_ahead_reads_branches_repeats_and_assertions() -> None:
    rx = quick_rx(r"(?<![^\W\d_])(?:(?:be\s+)?able|can|\bcaps?\b|up\s+to(?=\d)|[Qq]uota|x{0,2}y)", re.I)
    assert rx.pattern.startswith("(?=[Qabcquxy])")
    for text in ("Be able", "UNABLE", "cap", "up to9", "QUOTA", "xxy", "ſ", "\u212a"):
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in _plain(rx).finditer(text)]


def test_quick_sieve_finds_the_word_starts_of_a_sieve() -> None:
    words = ["jan", "may", "from", "między", "январ", "stycz"]
    slow, quick = Sieve(words), QuickSieve(words)
    for text in AWKWARD + ["Maybe from-January, JANUARY, ma\u0301y, 5may, _may, январь, między"]:
        low = slow.lower(text)
        assert low == quick.lower(text)
        if low is not None:
            assert quick.starts(low) == slow.starts(low)
