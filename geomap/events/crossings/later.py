"""Status dates told from an earlier date of the story ("a month later", "the following day", "in May
that year"): resolved from the last date the document gave before them, not from publication."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import timedelta
from operator import attrgetter

from geomap.events.crossings.cues import LATER, SAME_YEAR
from geomap.events.dates import DateSpan

_LATER = [(unit, re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.I)) for unit, p in LATER]
_SAME_YEAR = re.compile(SAME_YEAR, re.I)
LATER_WORDS = ("later", "following", "next")  # every LATER pattern has one: a text without them is skipped
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_start = attrgetter("start")
_EXPLICIT = ("full", "year", "month_year", "quarter", "part_year", "early_year")


def _count(m: re.Match[str]) -> int:
    n = (m.group("n") or "one").lower()
    return int(n) if n.isdigit() else _COUNTS[n]


def _shift(anchor: DateSpan, unit: str, n: int) -> str:
    """The anchor moved on by n units, at the unit's precision."""
    if unit in ("day", "week"):
        return (anchor.last + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if unit == "month":
        months = anchor.first.year * 12 + anchor.first.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return str(anchor.first.year + n)


def later_date(text: str, start: int, end: int, dates: list[DateSpan]) -> tuple[int, int, str] | None:
    """The first "N units later" in text[start:end], as (start, end, period) from the last date of the
    document (dates, in order) before it; None when there is none or no earlier date."""
    low = text[start:end].lower()
    if not any(word in low for word in LATER_WORDS):
        return None
    found = [(m.start(), m.end(), unit, m) for unit, rx in _LATER if (m := rx.search(text, start, end))]
    if not found:
        return None
    at, until, unit, m = min(found, key=lambda f: f[0])
    before = [d for d in dates if d.end <= at and d.kind != "now"]
    if not before:
        return None
    return at, until, _shift(before[-1], unit, _count(m))


def story_year(text: str, span: DateSpan, dates: list[DateSpan]) -> str:
    """A span's period, its year taken from the last explicit year before it when "that year" follows."""
    period = span.period
    if not _SAME_YEAR.match(text, span.end):
        return period
    years = [d.first.year for d in dates if d.end <= span.start and d.kind in _EXPLICIT
             and d.first.year == d.last.year]
    if not years or ".." in period:
        return period
    return f"{years[-1]:04d}{period[4:]}"


_YEARLESS = ("month_day", "month")  # "on February 25", "in May": the year is the story's
_RELATIVE = re.compile(r"^\s*(?:last|this|next)\b", re.I)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)|\d{4}年")


def paragraph_year(span: DateSpan, dates: list[DateSpan], since: int) -> str:
    """A day or month written without its year takes the year of the last date with an explicit year
    earlier in its paragraph (which starts at `since`), not the publication year: "In February 2023
    the border shut. It reopened on February 25" is 2023-02-25. dates: in order of their start."""
    period = span.period
    if span.kind not in _YEARLESS or _RELATIVE.match(span.text) or ".." in period:
        return period
    # only dates starting between `since` and the span can end before it: those read from the last back
    lo = bisect_left(dates, since, key=_start)
    for i in range(bisect_right(dates, span.start, lo, key=_start) - 1, lo - 1, -1):
        d = dates[i]
        if d.end <= span.start and d.first.year == d.last.year and _FOUR_DIGITS.search(d.text):
            return f"{d.first.year:04d}{period[4:]}"
    return period
