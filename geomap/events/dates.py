"""Find date expressions in text and resolve them to ISO date ranges against the document date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from operator import itemgetter

from geomap.events.date_words import MONTH_LINKS, YEAR_TAILS, all_months, all_weekdays
from geomap.events.sieve import (
    Sieve,
    digit_runs,
    fold,
    fold_unsafe,
    lower_case_pattern,
    lower_words,
    matches_at,
)

MONTHS = all_months()
WEEKDAY_NUMBERS = all_weekdays()
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "several": 3,
}
# Parts of a year or month: (first month, last month) of the year, (first, last day) of a month.
YEAR_PARTS = {
    "beginning": (1, 4), "start": (1, 4), "early": (1, 4), "first half": (1, 6),
    "middle": (5, 8), "mid": (5, 8), "second half": (7, 12), "end": (9, 12), "late": (9, 12),
    "first quarter": (1, 3), "second quarter": (4, 6), "third quarter": (7, 9),
    "fourth quarter": (10, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12),
}
MONTH_PARTS = {"beginning": (1, 10), "start": (1, 10), "early": (1, 10), "middle": (11, 20),
               "mid": (11, 20), "end": (21, 31), "late": (21, 31)}

_MON = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WD = r"(?:" + "|".join(sorted(WEEKDAY_NUMBERS, key=len, reverse=True)) + r")"
_NUM = r"(?:\d+|a couple of|several|" + "|".join(k for k in NUMBER_WORDS if " " not in k) + r")"
_PART = (r"(?P<part>beginning|start|middle|end|first half|second half|first quarter|"
         r"second quarter|third quarter|fourth quarter)")
_REL_YEAR = r"(?:last|this|next|the previous|the following|the past) year|the year before|" + _YEAR
_YEAR_WORDS = rf"{MONTH_LINKS}(?:del\s+)?{_YEAR}{YEAR_TAILS}"
_ZH_DAY = r"(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]"
_REL_MONTH = r"(?:last|this|next|the previous) month|" + _MON + r"(?:,?\s+" + _YEAR + r")?"

# Ordered: the first pattern to match at a position wins; longer forms come first. Each is compiled when
# first tried (_pattern): a run over a few articles needs only some of them, and compiling all costs ~40 ms.
PATTERN_SOURCES: list[tuple[str, str]] = [
    ("full", rf"(?:\b(?:(?:on|{_WD}),?\s+)?(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{MONTH_LINKS}"
             rf"{_MON},?\s+{_YEAR_WORDS}|{_YEAR}-\d{{2}}-\d{{2}})\b|\d{{4}}年\d{{1,2}}月\d{{1,2}}[日号])"),
    ("month_day_rel", rf"\b(?:on\s+)?(?:{_MON}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MON}),?\s+"
                      rf"(?P<ref>(?:last|this|next) year|the (?:previous|following) year)\b"),
    ("part_year", rf"\b(?:(?:at|in|by|towards?)\s+)?(?:the\s+)?{_PART}\s+of\s+"
                  rf"(?P<ref>{_REL_YEAR})\b"),
    ("part_month", rf"\b(?:(?:at|in|by|towards?)\s+)?(?:the\s+)?{_PART}\s+of\s+"
                   rf"(?P<ref>{_REL_MONTH})\b"),
    ("early_year", rf"\b(?:in\s+)?(?P<part>early|mid|late)[- ](?P<ref>{_YEAR}|last year|"
                   rf"this year|next year)\b"),
    ("early_month", rf"\b(?:in\s+)?(?P<part>early|mid|late)[- ](?P<ref>{_MON}"
                    rf"(?:,?\s+{_YEAR})?)\b"),
    ("quarter", rf"\b(?:in\s+)?(?P<part>Q[1-4])\s+(?P<ref>{_YEAR})\b"),
    ("month_day", rf"(?:\b(?:on\s+)?(?:{_MON}\s+{_DAY}|{_DAY}\s+{MONTH_LINKS}{_MON})\b(?!,?\s+\d)"
                  rf"|(?<!\d)\d{{1,2}}月\d{{1,2}}[日号])"),
    ("month_year", rf"(?:\b(?:in\s+)?{_MON},?\s+{_YEAR_WORDS}\b|\d{{4}}年\d{{1,2}}月)"),
    ("month_rel_year", rf"\b(?:in\s+)?(?P<mon>{_MON}),?\s+(?P<ref>(?:last|this|next) year|"
                       rf"the (?:previous|following) year)\b"),
    ("ago", rf"\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    ("relative_day", r"\b(?:the day before yesterday|yesterday|today|tonight|"
                     r"this (?:morning|afternoon|evening)|last night)\b"),
    ("now", r"\b(?:now|currently|at present|at the moment)\b"),
    ("weekday", rf"\b(?:(?P<rel>on|last|this|next|on last|on next)\s+)?(?P<wd>{_WD})\b"),
    ("relative_period", r"\b(?:(?:in|during|over)\s+)?(?P<rel>last|this|next|the previous|"
                        r"the past|earlier this|later this)\s+(?P<unit>week|month|year)\b"
                        r"|\bthe (?P<unit2>year|month) before\b|\ba (?P<unit3>year) earlier\b"),
    ("season", r"\b(?:(?:(?:in|during|over|by|until|since)\s+(?:the\s+)?|the\s+)"
               r"(?P<rel>last|this|next|coming|past)?\s*|(?P<rel2>last|this|next|coming|past)\s+)"
               rf"(?P<season>spring|summer|autumn|fall|winter)\b(?:\s+of\s+(?P<y>{_YEAR}))?"
               r"(?![- ][A-Z]|\s+(?:olympics|games|camp|school|palace|session|holidays?|break|"
               r"wheat|crops?|solstice|sports?)\b)"),
    ("month", rf"\b(?P<prep>in|since|during|until|by|last|this|next)\s+(?P<mon>{_MON})\b"
              r"(?!\s*\d)"),
    ("year", rf"(?<![\d,.$])\b(?P<prep>in|during|since|of|for|by|throughout|from|until|"
             rf"through|to|and|year|fiscal|early|late|en|в|w)\s+(?P<y>{_YEAR})\b(?![,.]\d|%|-)"
             rf"|(?<!\d)(?P<zy>\d{{4}})年(?!\d)"),
]

_KIND_ORDER = [kind for kind, _ in PATTERN_SOURCES]


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    """The compiled pattern of a kind (all are read ignoring case)."""
    return re.compile(dict(PATTERN_SOURCES)[kind], re.I)


# The patterns' only capitals: read in lower case, they match the lower-cased text case by case.
_CAPITALS = {"Q[1-4]": "q[1-4]", "[A-Z]": "[a-z]"}


@cache
def _lower_pattern(kind: str) -> re.Pattern[str]:
    """The pattern of a kind for the lower-cased text, case by case: the same matches as _pattern's in
    the text (unless a letter folds apart from lower(), see _reads_lowered), found about twice as fast."""
    return lower_case_pattern(dict(PATTERN_SOURCES)[kind], re.I, _CAPITALS)


# Letters that match a pattern's letter ignoring case although their lower() is another one ("ſ", "K").
_FOLDS_APART = fold_unsafe("".join(sorted({ch for _, source in PATTERN_SOURCES for ch in source})))


def _reads_lowered(text: str, low: str) -> bool:
    """Whether the lower-case patterns read low (text.lower()) as the patterns ignoring case read text."""
    return len(low) == len(text) and (text.isascii() or _FOLDS_APART.isdisjoint(text))


def __getattr__(name: str) -> list[tuple[str, re.Pattern[str]]]:
    """PATTERNS, the (kind, compiled pattern) list, compiled only when asked for."""
    if name == "PATTERNS":
        return [(kind, _pattern(kind)) for kind in _KIND_ORDER]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The words (lower-cased runs of letters) each pattern can open with, and when it can open with a digit
# (None: never; "": always; "年": only in text with that character): a pattern is tried only at those
# offsets (a sieve; every possible first word must be listed).
_SEASON_OPENERS = {"in", "during", "over", "by", "until", "since", "the", "last", "this", "next", "coming",
                   "past"}
_PART_OPENERS = {"at", "in", "by", "toward", "towards", "the", "beginning", "start", "middle", "end", "first",
                 "second", "third", "fourth"}
_YEAR_OPENERS = {"in", "during", "since", "of", "for", "by", "throughout", "from", "until", "through", "to",
                 "and", "year", "fiscal", "early", "late", "en", "в", "w"}
OPENERS: dict[str, tuple[set[str], str | None]] = {
    "full": ({"on", *MONTHS, *WEEKDAY_NUMBERS}, ""),
    "month_day_rel": ({"on", *MONTHS}, ""),
    "part_year": (_PART_OPENERS, None),
    "part_month": (_PART_OPENERS, None),
    "early_year": ({"in", "early", "mid", "late"}, None),
    "early_month": ({"in", "early", "mid", "late"}, None),
    "quarter": ({"in", "q"}, None),
    "month_day": ({"on", *MONTHS}, ""),
    "month_year": ({"in", *MONTHS}, "年"),
    "month_rel_year": ({"in", *MONTHS}, None),
    "ago": ({w.split()[0] for w in NUMBER_WORDS}, ""),
    "relative_day": ({"the", "yesterday", "today", "tonight", "this", "last"}, None),
    "now": ({"now", "currently", "at"}, None),
    "weekday": ({"on", "last", "this", "next", *WEEKDAY_NUMBERS}, None),
    "relative_period": ({"in", "during", "over", "last", "this", "next", "the", "earlier", "later", "a"},
                        None),
    "season": (_SEASON_OPENERS, None),
    "month": ({"in", "since", "during", "until", "by", "last", "this", "next"}, None),
    "year": (_YEAR_OPENERS, "年"),
}

# Kinds whose every match opening with a digit has no digit before it (a word boundary or "(?<!\d)"):
# tried only where a run of digits starts.
DIGIT_RUN_KINDS = frozenset({"month_day_rel", "month_day", "ago", "year"})
# Kinds of which only a Chinese form ("2025年3月") can open inside a run of digits: in a text without "年"
# tried only where a run of digits starts.
HAN_DIGIT_KINDS = frozenset({"full", "month_year"})
# Kinds whose resolution reads whether the sentence speaks of the future (a day, month, weekday or season
# without a year); the others resolve alike either way.
AHEAD_KINDS = frozenset({"month_day", "weekday", "month", "season"})
# What follows a run of digits that opens a kind's match in a text without Chinese date characters: a
# day and a space ("3 May", "3rd of"), an ISO date ("2025-"), a count ("3 days ago").
_DAY_OPENING = r"\d{1,2}(?:st|nd|rd|th)?\s"
_DAY_OPENING_RX = re.compile(_DAY_OPENING, re.I)
DIGIT_OPENINGS: dict[str, re.Pattern[str]] = {
    "full": re.compile(rf"{_DAY_OPENING}|(?:19|20)\d{{2}}-", re.I),
    "month_day_rel": _DAY_OPENING_RX,
    "month_day": _DAY_OPENING_RX,
    "ago": re.compile(r"\d+\s"),
}
# Kinds that open at the same digits: found once per text.
_SAME_DIGITS = {"month_day": "month_day_rel"}
_HAN_DATE_CHARS = ("年", "月")
_ALL_OPENERS = frozenset().union(*(words for words, _ in OPENERS.values()))


@dataclass(frozen=True)
class DateSpan:
    """A date expression found in text, resolved to an inclusive range of days."""

    start: int  # character offsets of the expression in the searched text (plus offset)
    end: int
    text: str
    first: date
    last: date
    kind: str  # which pattern found it: full, year, weekday, now, ...

    @property
    def iso(self) -> tuple[str, str]:
        """The range as ISO strings."""
        return self.first.isoformat(), self.last.isoformat()

    @property
    def period(self) -> str:
        """Normalised period label: "2024", "2024-05", "2024-05-16" or "first..last"."""
        f, last = self.first, self.last
        if f == last:
            return f.isoformat()
        if (f.month, f.day, last.month, last.day) == (1, 1, 12, 31) and f.year == last.year:
            return str(f.year)
        if f.day == 1 and (f.year, f.month) == (last.year, last.month) and last.day == _month_end(last):
            return f"{f.year:04d}-{f.month:02d}"
        return f"{f.isoformat()}..{last.isoformat()}"


_new_object = object.__new__
_set_attribute = object.__setattr__


def _date_span(start: int, end: int, text: str, first: date, last: date, kind: str) -> DateSpan:
    """DateSpan(...) in half the time: the same frozen object, its fields set at once."""
    span = _new_object(DateSpan)
    _set_attribute(span, "__dict__", {"start": start, "end": end, "text": text, "first": first, "last": last,
                                      "kind": kind})
    return span


def _month_end(d: date) -> int:
    return calendar.monthrange(d.year, d.month)[1]


def _year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _months(y: int, m1: int, m2: int) -> tuple[date, date]:
    return date(y, m1, 1), date(y, m2, calendar.monthrange(y, m2)[1])


def _shift_month(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def parse_doc_date(value: str | date | None) -> date | None:
    """The document date as a date, or None when absent or unreadable."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ZH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})")
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def explicit_day(text: str, base: date | None, future: bool = False) -> date | None:
    """A written day ("March 21, 2025", "3 марта 2025 года", "2025年3月3日", "17 May"), table-driven.

    A missing year comes from the base date: the latest such day on or before it, or, when the
    sentence speaks of the future, the first one on or after it.
    """
    iso = _ISO.search(text) if "-" in text else None
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    zh = _ZH.search(text) if "月" in text else None
    if zh:
        year, month, day = zh.group(1), int(zh.group(2)), int(zh.group(3))
    else:
        month = next((MONTHS[w] for w in map(fold, _WORD.findall(text)) if w in MONTHS), None)
        numbers = _NUMBER.findall(text)
        years = [n for n in numbers if len(n) == 4]
        days = [n for n in numbers if len(n) <= 2]
        if month is None or not days:
            return None
        year, day = (years[0] if years else None), int(days[0])
    if year is not None:
        return _safe_date(int(year), month, day)
    if base is None:
        return None
    options = [d for d in (_safe_date(base.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not options:  # a day the month never has ("30 February")
        return None
    if future:  # the nearest such day, later ones first on a tie
        return min(options, key=lambda d: (abs((d - base).days), d < base))
    past = [d for d in options if d <= base]
    return past[-1] if past else None


_YEAR_ONLY = re.compile(_YEAR)
_ZH_MONTH = re.compile(r"(\d{4})年(\d{1,2})月")
_MONTH_AND_YEAR = re.compile(r"([^\W\d_]+)\.?,?\s*(?:(?:of|de|del)\s+)*(\d{4})?")
_IN = re.compile(r"^in\s+", re.I)


def _year_ref(ref: str, base: date | None, anchor_year: int | None) -> int | None:
    """The year meant by "last year", "this year", "2022", "the previous year"."""
    ref = fold(ref).strip()
    if _YEAR_ONLY.fullmatch(ref):
        return int(ref)
    if ref in ("the previous year", "the year before"):
        if anchor_year is not None:
            return anchor_year - 1
        return base.year - 1 if base else None
    if ref == "the following year":
        return anchor_year + 1 if anchor_year is not None else None
    if base is None:
        return None
    return {"last year": base.year - 1, "the past year": base.year - 1, "this year": base.year,
            "next year": base.year + 1}.get(ref)


def _month_ref(ref: str, base: date | None) -> tuple[int, int] | None:
    """(year, month) for "last month", "March", "March 2024"."""
    ref = fold(ref).strip()
    if base and ref in ("last month", "the previous month"):
        return _shift_month(base, -1)
    if base and ref == "this month":
        return base.year, base.month
    if base and ref == "next month":
        return _shift_month(base, 1)
    zh = _ZH_MONTH.fullmatch(ref) if "年" in ref else None
    if zh:
        return int(zh.group(1)), int(zh.group(2))
    m = _MONTH_AND_YEAR.match(ref)
    if not m or m.group(1) not in MONTHS:
        return None
    month = MONTHS[m.group(1)]
    if m.group(2):
        return int(m.group(2)), month
    if base is None:
        return None
    return (base.year if month <= base.month else base.year - 1), month


def _weekday(name: str, rel: str, base: date, future: bool) -> date:
    """The weekday meant: the latest on/before the base date ("on Thursday"), or the next one."""
    target = WEEKDAY_NUMBERS[fold(name)]
    back = (base.weekday() - target) % 7
    rel = rel.lower()
    if "next" in rel or (future and "last" not in rel):
        ahead = (target - base.weekday()) % 7
        return base + timedelta(days=ahead or (7 if "next" in rel else 0))
    if "last" in rel and back == 0:
        back = 7
    return base - timedelta(days=back)


def _resolve(kind: str, m: re.Match[str], base: date | None, anchor_year: int | None,
             future: bool) -> tuple[date, date] | None:
    g = m.groupdict()
    text = m.group(0)
    if kind in ("full", "month_day"):
        d = explicit_day(text, base, future)
        return (d, d) if d else None
    if kind in ("month_day_rel", "month_rel_year"):
        y = _year_ref(g["ref"], base, anchor_year)
        if y is None:
            return None
        if kind == "month_rel_year":
            return _month(y, MONTHS[fold(g["mon"]).rstrip(".")])
        d = explicit_day(f"{text} {y}", base)
        return (d, d) if d else None
    if kind == "part_year" or kind == "early_year":
        y = _year_ref(g["ref"], base, anchor_year)
        if y is None:
            return None
        m1, m2 = YEAR_PARTS[fold(g["part"])]
        return _months(y, m1, m2)
    if kind == "quarter":
        m1, m2 = YEAR_PARTS[fold(g["part"])]
        return _months(int(g["ref"]), m1, m2)
    if kind == "part_month" or kind == "early_month":
        ym = _month_ref(g["ref"], base)
        if ym is None:
            return None
        d1, d2 = MONTH_PARTS[fold(g["part"])]
        last = calendar.monthrange(*ym)[1]
        return date(ym[0], ym[1], d1), date(ym[0], ym[1], min(d2, last))
    if kind == "month_year":
        ym = _month_ref(_IN.sub("", text), base)
        return _month(*ym) if ym else None
    if kind == "year":
        return _year(int(g["y"] or g["zy"]))
    if kind == "season":
        return _season(g, base, future)
    if base is None:
        return None
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[fold(g["n"])]
        unit = g["unit"].lower()
        if unit in ("day", "week"):
            d = base - timedelta(days=n * (7 if unit == "week" else 1))
            return (d, d) if unit == "day" else (d - timedelta(days=d.weekday()),
                                                 d + timedelta(days=6 - d.weekday()))
        if unit == "month":
            return _month(*_shift_month(base, -n))
        return _year(base.year - n)
    if kind == "relative_day":
        low = text.lower()
        days = 2 if "before" in low else 1 if low in ("yesterday", "last night") else 0
        d = base - timedelta(days=days)
        return d, d
    if kind == "now":
        return base, base
    if kind == "weekday":
        d = _weekday(g["wd"], g["rel"] or "", base, future)
        return d, d
    if kind == "relative_period":
        return _relative_period(g, base, anchor_year)
    if kind == "month":
        prep = g["prep"].lower()
        month = MONTHS[fold(g["mon"]).rstrip(".")]
        y = base.year
        if prep == "next" or (future and prep != "last"):
            y = base.year if month >= base.month else base.year + 1
        elif _TOWARD.search(prep + " "):  # "until August": the nearest August
            y = min((base.year - 1, base.year, base.year + 1),
                    key=lambda k: abs((k - base.year) * 12 + month - base.month))
        elif month > base.month or (prep == "last" and month == base.month):
            y = base.year - 1
        return _month(y, month)
    return None


SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


def _season(g: dict[str, str | None], base: date | None, future: bool) -> tuple[date, date] | None:
    """Northern seasons: spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb."""
    m1, m2 = SEASONS[fold(g["season"] or "")]

    def occurrence(year: int) -> tuple[date, date]:
        end_year, end_month = (year + 1, m2 - 12) if m2 > 12 else (year, m2)
        return date(year, m1, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])

    if g.get("y"):
        return occurrence(int(g["y"]))
    if base is None:
        return None
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    options = [occurrence(y) for y in range(base.year - 2, base.year + 2)]
    if rel in ("next", "coming"):
        return next(o for o in options if o[0] > base)
    if rel in ("last", "past"):
        return [o for o in options if o[1] < base][-1]
    if rel == "this" or future:
        return next(o for o in options if o[1] >= base)
    return [o for o in options if o[0] <= base][-1]


def _relative_period(g: dict[str, str | None], base: date, anchor_year: int | None):
    unit = (g.get("unit") or g.get("unit2") or g.get("unit3") or "").lower()
    rel = (g.get("rel") or "").lower()
    if g.get("unit2") or g.get("unit3") or rel == "the previous":
        if unit == "year":
            return _year((anchor_year or base.year) - 1)
        rel = "last"
    if unit == "week":
        monday = base - timedelta(days=base.weekday())
        shift = {"last": -7, "the past": -7, "next": 7}.get(rel, 0)
        if rel == "the past":
            return base - timedelta(days=7), base
        return monday + timedelta(days=shift), monday + timedelta(days=shift + 6)
    if unit == "month":
        if rel in ("earlier this", "later this"):
            return (date(base.year, base.month, 1), base) if rel == "earlier this" else \
                (base, date(base.year, base.month, _month_end(base)))
        if rel == "the past":
            return base - timedelta(days=30), base
        return _month(*_shift_month(base, {"last": -1, "next": 1}.get(rel, 0)))
    if unit == "year":
        if rel == "earlier this":
            return date(base.year, 1, 1), base
        if rel == "later this":
            return base, date(base.year, 12, 31)
        if rel == "the past":
            return base - timedelta(days=365), base
        return _year(base.year + {"last": -1, "next": 1}.get(rel, 0))
    return None


# Words that put a sentence's dates without a year in the future: the next such day or month.
FUTURE_CUES = [
    r"will", r"would", r"shall", r"next", r"plans? to", r"is to", r"are to", r"to be (?:completed|finished|"
    r"opened|reopened|launched)",
    r"(?:is|are) (?:set|due|expected|scheduled|slated|planned|supposed) to",
    r"(?:is|are) (?:due|expected|scheduled|planned) (?:on|in|by|for) (?=\d|(?-i:[A-Z]))",
    r"(?:is|are) going to", r"from next", r"in the coming",
]
_FUTURE = re.compile(r"\b(?:" + "|".join(FUTURE_CUES) + r")\b", re.I)
# Words just before a day or month without a year that name a limit: the nearest such day or month,
# ahead or behind ("closed until 25 September" said on 14 September: this year's).
TOWARD_CUES = [r"until", r"till", r"through", r"by", r"hasta", r"до"]
_TOWARD = re.compile(r"\b(?:" + "|".join(TOWARD_CUES) + r")\s+(?:the\s+)?$", re.I)


# The words the future cues open with (every cue must start with one of them).
FUTURE_OPENERS = Sieve(["will", "would", "shall", "next", "plan", "is", "are", "to", "from", "in"])
# The first word of every future cue, whole.
_FUTURE_FIRST_WORDS = frozenset({"will", "would", "shall", "next", "plan", "plans", "is", "are", "to", "from",
                                 "in"})
# _FUTURE for the lower-cased text, case by case, without its test for a capital: a wider net whose every
# catch _FUTURE then checks in the text.
_FUTURE_WIDER = re.compile(_FUTURE.pattern.replace("(?=\\d|(?-i:[A-Z]))", ""))
_FUTURE_UNSAFE = fold_unsafe(ch for ch in _FUTURE.pattern if ch.isalpha())


def looks_ahead(text: str, words: list[tuple[int, str]] | None = None, shift: int = 0) -> bool:
    """Whether a sentence speaks of the future, so a month or day without a year is the next one
    (words: its lower_words with shift added to each offset, when known)."""
    low = text.lower()
    if len(low) != len(text) or not (text.isascii() or _FUTURE_UNSAFE.isdisjoint(text)):
        return bool(_FUTURE.search(text))  # a letter folds apart from lower(): the full scan
    if words is not None:
        starts = [pos - shift for pos, word in words if word in _FUTURE_FIRST_WORDS]
        return bool(starts) and next(matches_at(_FUTURE, starts, text), None) is not None
    hit = _FUTURE_WIDER.search(low)
    while hit is not None:
        if _FUTURE.match(text, hit.start()):
            return True
        hit = _FUTURE_WIDER.search(low, hit.start() + 1)
    return False


_HAS_YEAR = re.compile(r"(?:19|20)\d{2}|\d年")
_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
_RELATIVE = {"yesterday", "today", "tonight", "night", "morning", "afternoon", "evening"}
_NOW = {"now", "currently", "present", "moment"}
_PERIODS = {"week", "month", "year"}
_PARTS = {"early", "mid", "late"}
_PART_WORDS = {"beginning", "start", "middle", "end", "half", "quarter"}
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAY_NUMBERS)
# Every word _worth_trying reads: a sentence without one of them (nor a year or "月") holds no date.
TRIGGER_WORDS = frozenset({*_MONTH_WORDS, *_WEEKDAY_WORDS, "ago", "q", "year", *_SEASONS, *_RELATIVE, *_NOW,
                           *_PERIODS, *_PARTS, *_PART_WORDS})


def _worth_trying(text: str, words: set[str]) -> set[str]:
    """The pattern kinds whose trigger words occur in text (words: its lower-cased words, or those of them
    in TRIGGER_WORDS): a cheap test before the expressions."""
    year = ("19" in text or "20" in text or "年" in text) and _HAS_YEAR.search(text) is not None
    month = not _MONTH_WORDS.isdisjoint(words) or "月" in text
    kinds = {"ago"} if "ago" in words else set()
    if year:
        kinds.add("year")
        if "q" in words:  # "Q3 2024"
            kinds.add("quarter")
        if month or "-" in text and _ISO.search(text):
            kinds |= {"full", "month_year"}
    if month:
        kinds |= {"month_day", "month", "early_month"}
        if "year" in words:
            kinds |= {"month_day_rel", "month_rel_year"}
    if not words:
        return kinds
    if not _PERIODS.isdisjoint(words):
        kinds.add("relative_period")
    if not _PART_WORDS.isdisjoint(words):
        kinds |= {"part_year", "part_month"}
    if not _PARTS.isdisjoint(words):
        kinds |= {"early_year", "early_month"}
    if not _WEEKDAY_WORDS.isdisjoint(words):
        kinds.add("weekday")
    if not _RELATIVE.isdisjoint(words):
        kinds.add("relative_day")
    if not _NOW.isdisjoint(words):
        kinds.add("now")
    if not _SEASONS.isdisjoint(words):
        kinds.add("season")
    return kinds


def digit_starts(kind: str, text: str, runs: list[tuple[int, int]], han: bool) -> list[int]:
    """Where a match of kind can open with a digit, given the text's runs of digits (start, end) and
    whether it holds a Chinese date character ("年", "月")."""
    if kind not in DIGIT_RUN_KINDS and (kind not in HAN_DIGIT_KINDS or "年" in text):
        return [p for start, end in runs for p in range(start, end)]
    opening = None if han else DIGIT_OPENINGS.get(kind)
    if opening is None:
        return [start for start, _ in runs]
    return [start for start, _ in runs if opening.match(text, start)]


_Range = tuple[date, date]


def within_calendar(resolve: Callable[..., _Range | None], *args: object) -> _Range | None:
    """resolve(*args), or None when the date it makes is one the calendar cannot hold ("winter 9999" ends
    in the year 10000, "0000"): such a text names no date, it does not stop the reading."""
    try:
        return resolve(*args)
    except (ValueError, OverflowError):
        return None


def find_dates(text: str, doc_date: str | date | None, offset: int = 0,
               words: list[tuple[int, str]] | None = None) -> list[DateSpan]:
    """Every date expression in text (non-overlapping, in order), resolved against doc_date; words, when
    the caller has them, are text's lower_words with offset added to each offset (the document's)."""
    base = parse_doc_date(doc_date)
    shift = offset
    if words is None:
        words, shift = lower_words(text), 0
    if not text.isascii() and not _FOLDS_APART.isdisjoint(text):  # "Aprıl": words as the patterns read them
        words = [(pos, fold(word)) for pos, word in words]
    kinds = _worth_trying(text, TRIGGER_WORDS.intersection(map(itemgetter(1), words)))
    if not kinds:
        return []
    openings = [(pos - shift, word) for pos, word in words if word in _ALL_OPENERS]  # where patterns start
    runs: list[tuple[int, int]] | None = None  # the runs of digits, found when first needed
    digits_at: dict[str, list[int]] = {}  # where each kind can open with a digit
    han = any(ch in text for ch in _HAN_DATE_CHARS)
    low = text.lower()
    lowered = _reads_lowered(text, low)
    scan, pattern_of = (low, _lower_pattern) if lowered else (text, _pattern)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind in _KIND_ORDER:
        if kind not in kinds:
            continue
        openers, digit_cue = OPENERS[kind]
        offsets = [pos for pos, word in openings if word in openers]
        if digit_cue is not None and digit_cue in text:
            if runs is None:
                runs = digit_runs(text)
            same = _SAME_DIGITS.get(kind, kind)
            if same not in digits_at:
                digits_at[same] = digit_starts(kind, text, runs, han)
            offsets += digits_at[same]
        if not offsets:
            continue
        offsets.sort()
        for m in matches_at(pattern_of(kind), offsets, scan):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    if not found:
        return []
    found.sort()
    # only some kinds read the tense; the others resolve alike either way
    future = any(kind in AHEAD_KINDS for _, _, kind, _ in found) and looks_ahead(text, words, shift)
    spans: list[DateSpan] = []
    anchor_year: int | None = None
    for s, e, kind, m in found:
        toward = kind == "month_day" and bool(_TOWARD.search(text[max(0, s - 12):s]))
        rng = within_calendar(_resolve, kind, m, base, anchor_year, future or toward)
        if rng is None:
            continue
        if kind in ("full", "year", "month_year", "quarter", "part_year", "early_year"):
            if rng[0].year == rng[1].year and "previous" not in m.group(0).lower():
                anchor_year = rng[0].year
        spans.append(_date_span(s + offset, e + offset, text[s:e], rng[0], rng[1], kind))
    return spans


def resolve_date(expr: str, doc_date: str | date | None) -> tuple[str, str, str] | None:
    """(start, end, text) of the first date expression in expr, ISO strings; None when none."""
    spans = find_dates(expr, doc_date)
    if not spans:
        return None
    first, last = spans[0].iso
    return first, last, spans[0].text
