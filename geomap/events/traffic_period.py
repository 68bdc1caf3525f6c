"""The period a traffic figure is for: spans the date finder does not read (fiscal years, month ranges,
"the first 11 months of 2025", "so far this year") and the choice of the date nearest the figure."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from geomap.events.dates import MONTHS, DateSpan, looks_ahead, within_calendar
from geomap.events.sieve import (
    QuickSieve,
    digit_offsets,
    first_chars_ahead,
    fold,
    matches_at,
    may_contain,
    quick_rx,
)

# Fixed-date holidays that date a figure ("at Christmas 2007"): (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    r"christmas\s+eve": (12, 24), r"christmas(?:\s+day)?": (12, 25), r"new\s+year['’]s\s+eve": (12, 31),
    r"new\s+year['’]s\s+day": (1, 1), r"boxing\s+day": (12, 26),
}
# When each country's fiscal year starts (month, day). Source: CIA World Factbook, field "Fiscal year"
# (India, UK, Japan, Canada: 1 April; Pakistan, Bangladesh, Australia, Egypt, Kenya: 1 July;
# Nepal: mid-July (1 Shrawan); United States federal: 1 October). Others: the calendar year.
FISCAL_YEAR_START: dict[str, tuple[int, int]] = {
    "IN": (4, 1), "GB": (4, 1), "JP": (4, 1), "CA": (4, 1), "PK": (7, 1), "BD": (7, 1), "AU": (7, 1),
    "EG": (7, 1), "KE": (7, 1), "NP": (7, 16), "US": (10, 1),
}

_MON = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d{2}"
_N = r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_NUMS = {w: i + 1 for i, w in
         enumerate("one two three four five six seven eight nine ten eleven twelve".split())}
_REL = r"(?P<ref>" + _YEAR + r"|this\s+year|last\s+year|the\s+(?:previous|same)\s+year)"
# Month names of the other languages in the dev set, by stem (genitive and nominative forms share it).
PL_MONTHS = {"stycz": 1, "lut": 2, "mar": 3, "kwie": 4, "maj": 5, "czerw": 6, "lip": 7,
             "sierp": 8, "wrze": 9, "pa[zź]dzier": 10, "listopad": 11, "grud": 12}
ES_MONTHS = {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
             "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}
_PL_MON = r"(?:stycznia|styczeń|lutego|luty|marca|marzec|kwietnia|kwiecień|maja|maj|czerwca|czerwiec|" \
          r"lipca|lipiec|" \
          r"sierpnia|sierpień|września|wrzesień|października|październik|listopada|listopad|grudnia|grudzień)"
_ES_MON = "(?:" + "|".join(ES_MONTHS) + ")"
RU_MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
             "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_RU_MON = r"(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("fiscal", re.compile(rf"\b(?:(?:in|during|for|of)\s+)?(?:the\s+)?"
                          rf"(?:(?:first|last)\s+{_N}\s+months\s+of\s+"
                          rf"(?:the\s+)?)?(?:FY\s?|fiscal\s+(?:year\s+)?)?(?P<y1>{_YEAR})\s?[-–/]\s?(?P<y2>\d{{2}})"
                          r"(?!\d)(?:\s+fiscal\s+year|\s+FY)?", re.I)),
    ("fy", re.compile(rf"\b(?:FY\s?|fiscal\s+(?:year\s+)?)(?P<y>{_YEAR})\b", re.I)),
    ("first_months", re.compile(rf"\b(?:the\s+)?first\s+{_N}\s+months\s+(?:of\s+)?{_REL}", re.I)),
    ("first_months_bare", re.compile(rf"\b(?:the\s+)?first\s+{_N}\s+months\b", re.I)),
    ("month_range", re.compile(rf"\b(?:from\s+|between\s+)?(?P<m1>{_MON})"
                               r"\s*(?:-?to-?|[-–]|through|and|until)\s*"
                               rf"(?P<m2>{_MON})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}|this\s+year|last\s+year))?",
                               re.I)),
    ("ru_month_range", re.compile(rf"\bс\s+(?P<m1>{_RU_MON})\s+по\s+(?P<m2>{_RU_MON})(?:\s+(?P<y>{_YEAR}))?",
                                  re.I)),
    ("zh_first_months", re.compile(r"(?P<rel>今年|去年|(?P<y>(?:19|20)\d{2})年)?前(?P<n>\d{1,2})个月")),
    ("zh_until", re.compile(r"截至(?P<rel>去年|今年)?(?:(?P<y>(?:19|20)\d{2})年)?"
                            r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日")),
    ("that_year", re.compile(rf"\b(?:(?:(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})|"
                             rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_MON}))\s+)?"
                             r"(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)),
    ("day_rel", re.compile(rf"\b(?:(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MON}))"
                           r"\s+(?:of\s+)?"
                           r"(?P<rel>last\s+year|this\s+year)", re.I)),
    ("zh_quarter", re.compile(r"(?P<rel>今年|去年)?第?(?P<q>[一二三四])季度")),
    ("zh_date", re.compile(r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>去年|今年))?"
                           r"(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|份)?")),
    ("zh_year", re.compile(r"(?P<y>(?:19|20)\d{2})年|(?P<rel>今年|去年)")),
    ("ru_half", re.compile(rf"\b(?:в\s+)?(?P<h>перв|втор)\w*\s+полугоди\w*\s+(?P<y>{_YEAR})", re.I)),
    ("ru_since_month", re.compile(rf"\bс\s+(?P<m>{_RU_MON})\s+(?P<rel>прошлого|этого|текущего)\s+года",
                                  re.I)),
    ("ru_date", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_RU_MON})(?:\s+(?P<y>{_YEAR})\s+года)?", re.I)),
    ("ru_year", re.compile(rf"\b(?:в\s+|за\s+)?(?P<y>{_YEAR})\s+год\w*", re.I)),
    ("year_end", re.compile(r"\b(?:by|before|until|at)\s+the\s+end\s+of\s+(?P<ref>the\s+year|this\s+year|"
                            rf"{_YEAR})\b", re.I)),
    ("year_day", re.compile(rf"\b(?:on\s+)?the\s+(?P<which>first|last)\s+day\s+of\s+"
                            rf"(?P<ref>{_YEAR}|this\s+year|last\s+year)\b", re.I)),
    ("holiday", re.compile(rf"\b(?P<h>{'|'.join(HOLIDAYS)})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))\b", re.I)),
    ("clock", re.compile(r"\b(?:(?:at|by|until|before|after|between)\s+)?(?:about\s+)?(?:midnight|noon|"
                         r"mid-?morning|mid-?afternoon|overnight|this\s+morning|this\s+afternoon|"
                         r"\d{1,2}(?::\d{2}|\.\d{2})?\s*[ap]\.?m\.?)(?![^\W\d_])", re.I)),
    ("pl_date", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_PL_MON})(?:\s+(?P<y>{_YEAR}))?\b", re.I)),
    ("es_date", re.compile(rf"\b(?P<d>\d{{1,2}})\s+de\s+(?P<m>{_ES_MON})(?:\s+de\s+(?P<y>{_YEAR}))?\b",
                           re.I)),
    ("es_month", re.compile(rf"\b(?:en|durante)\s+(?P<m>{_ES_MON})(?:\s+de\s+(?P<y>{_YEAR}))?\b", re.I)),
    ("month_end_total", re.compile(rf"\bby\s+the\s+end\s+of\s+(?P<m>{_MON})(?:,?\s+(?P<y>{_YEAR}))?", re.I)),
    ("day_comma", re.compile(rf"\b(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}}),(?=\s+\d)(?!\s+(?:19|20)\d{{2}}\b)",
                             re.I)),
    ("so_far", re.compile(r"\b(?:so\s+far\s+this\s+year|this\s+year\s+so\s+far|year[-\s]to[-\s]date|"
                          r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year|so\s+far\s+in\s+"
                          rf"(?P<y>{_YEAR}))\b|今年以来|年内", re.I)),
]
# What each family of patterns needs in a sentence before it is worth trying (by the kind's prefix).
_SCRIPTS = {"latin": re.compile(r"\d|[A-Za-z]{2}"), "cjk": re.compile(r"[\u4e00-\u9fff]"),
            "cyrillic": re.compile(r"[а-яА-ЯёЁ]"), "digit": re.compile(r"\d")}
# An ASCII sentence has no Chinese or Cyrillic letters to look for.
_ASCII_SCRIPTS = [(name, rx) for name, rx in _SCRIPTS.items() if name in ("latin", "digit")]
_NEEDS = {"zh": "cjk", "ru": "cyrillic", "pl": "digit", "es": "latin", "fiscal": "digit", "fy": "digit",
          "day": "digit", "first": "latin", "month": "latin", "that": "latin", "year": "latin",
          "clock": "latin", "so": "latin", "holiday": "latin"}
# Words without which a pattern cannot match, looked for first (speed only).
SIEVES: dict[str, re.Pattern[str]] = {k: quick_rx(v, re.I) for k, v in {
    "fiscal": r"\d[-–/]\s?\d|\d\s[-–/]", "fy": r"\bFY|fiscal", "first_months": r"first",
    "first_months_bare": r"first",
    "month_range": r"\b(?:to|through|and|until)\b|[-–]", "that_year": r"(?:that|same)\s+year",
    "day_rel": r"(?:last|this)\s+year",
    "year_day": r"day\s+of", "holiday": r"christmas|new\s+year|boxing",
    "year_end": r"end\s+of", "month_end_total": r"end\s+of",
    "clock": r"midnight|noon|morning|afternoon|overnight|\d\s*[ap]\.?m\b", "day_comma": r"\d,\s+\d",
    "so_far": r"so\s+far|to[-\s]date|beginning\s+of|start\s+of|以来|年内", "es_date": r"\bde\b",
    "es_month": r"\b(?:en|durante)\b",
}.items()}
# Strings (lower case) every match of a pattern holds, looked for in the lower-cased sentence before its
# sieve (speed only; each must be in every match).
CUES: dict[str, tuple[str, ...]] = {
    "fiscal": ("-", "–", "/"), "fy": ("fy", "fiscal"), "first_months": ("first",),
    "first_months_bare": ("first",), "that_year": ("year",), "day_rel": ("year",),
    "holiday": ("christmas", "new", "boxing"), "year_end": ("end",), "month_end_total": ("end",),
    "year_day": ("day",), "day_comma": (",",), "es_date": tuple(ES_MONTHS), "es_month": tuple(ES_MONTHS),
    "clock": ("midnight", "noon", "morning", "afternoon", "overnight", "am", "pm", "a.m", "p.m"),
    "so_far": ("far", "date", "start", "beginning", "以来", "年内"),
    "pl_date": ("stycz", "lut", "mar", "kwie", "maj", "czerw", "lip", "sierp", "wrze", "październik",
                "listopad", "grud"),
}
# The words a month range can open with: it is tried only where one starts.
RANGE_OPENERS = QuickSieve([*MONTHS, "from", "between"])
_CUE_WORDS = QuickSieve([c for cues in CUES.values() for c in cues])
# A day a count starts from, not one it runs to ("from May 3").
STARTING_AT = quick_rx(r"\b(?:from|since|starting|after)\s+$", re.I)
# A single day after one of these ends a running total that began on 1 January of its year.
CUMULATIVE = quick_rx(r"\b(?:by|as\s+of|through|until|till|up\s+to)\s+$|截至$", re.I)
ZH_CUMULATIVE = re.compile(r"突破|累计|全年|年内|以来")
CUMULATIVE_VERB = quick_rx(r"\b(?:so\s+far|already|topp\w*|pass\w*|surpass\w*|exceed\w*|reach\w*|"
                           r"hit|crossed|beat\w*|total\w*|累计|突破)\b", re.I)


@dataclass(frozen=True)
class Span:
    """A period found in a sentence: its offsets (in the sentence) and ISO label."""

    start: int
    end: int
    period: str
    first: date | None = None
    last: date | None = None
    weak: bool = False  # a time of day standing for the filing day, not a stated date


def _label(first: date, last: date) -> str:
    """ "2024", "2024-05", "2024-05-16", whole months as "2024-01..2024-07", else "first..last" days."""
    whole_months = first.day == 1 and last == _month_end(last.year, last.month)
    if whole_months and (first.year, first.month) != (last.year, last.month) and \
            (first.month, last.month, first.year) != (1, 12, last.year):
        return f"{first.year:04d}-{first.month:02d}..{last.year:04d}-{last.month:02d}"
    return DateSpan(0, 0, "", first, last, "").period


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _one_day(y: int, m: int, d: int) -> tuple[date, date] | None:
    """The span of one day, None when the day does not exist (31 April)."""
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day, day


def _num(text: str) -> int:
    return int(text) if text.isdigit() else _NUMS[fold(text)]


def _ref_year(ref: str | None, base: date | None) -> int | None:
    if not ref:
        return base.year if base else None
    r = ref.lower()
    if re.fullmatch(_YEAR, r):
        return int(r)
    if base is None:
        return None
    if "last" in r or "previous" in r or r == "去年":
        return base.year - 1
    return base.year


def fiscal_span(y1: int, country: str, first_months: int | None = None) -> tuple[date, date]:
    """The fiscal year starting in y1 for country (calendar years y1..y1+1 when its convention is unknown)."""
    start = FISCAL_YEAR_START.get(country)
    if start is None:
        first, last = date(y1, 1, 1), date(y1 + 1, 12, 31)
    else:
        first = date(y1, start[0], 1)
        end_m = (start[0] - 2) % 12 + 1
        last = _month_end(y1 + 1 if end_m < start[0] else y1, end_m)
    if first_months:
        m = first.month + first_months - 1
        y = first.year + (m - 1) // 12
        last = _month_end(y, (m - 1) % 12 + 1)
    return first, last


# Each pattern with the script it needs, its cue strings and its sieve, looked up once.
_PLAN = [(kind, first_chars_ahead(rx), _NEEDS.get(kind.split("_")[0], "latin"),
          frozenset(CUES[kind]) if kind in CUES else None, SIEVES.get(kind)) for kind, rx in PATTERNS]
_ALL_CUES = frozenset(c for cues in CUES.values() for c in cues)
_PLANS_BY_SCRIPTS: dict[frozenset[str], list[tuple]] = {}


def _plan(scripts: frozenset[str]) -> list[tuple]:
    """The patterns worth trying on a sentence written in these scripts, in order."""
    if scripts not in _PLANS_BY_SCRIPTS:
        _PLANS_BY_SCRIPTS[scripts] = [p for p in _PLAN if p[2] in scripts]
    return _PLANS_BY_SCRIPTS[scripts]


def find_periods(text: str, base: date | None, country: str, context_year: int | None = None) -> list[Span]:
    """Periods in one sentence that the shared date finder leaves out, with their offsets; context_year
    is the year written just before the sentence ("... in April 2018. From April 16 that year ...")."""
    found: list[tuple[str, re.Match[str]]] = []
    tests = _ASCII_SCRIPTS if text.isascii() else _SCRIPTS.items()
    # a Chinese pattern is not tried on an English sentence, a Russian one without Cyrillic...
    plan = _plan(frozenset(name for name, rx in tests if rx.search(text)))
    if not plan:
        return []
    low = _CUE_WORDS.lower(text)
    present = {c for c in _ALL_CUES if c in low} if low is not None else None
    starts: dict[str, list[int] | None] = {}  # where a month word or a digit is, found once for all
    month_named: bool | None = None  # whether a month name starts a word, looked for once
    for kind, rx, _, cues, sieve in plan:
        if present is not None and cues is not None and cues.isdisjoint(present):
            continue
        if kind in MONTH_LED and low is not None:
            month_named = _MONTH_WORD.search(low) is not None if month_named is None else month_named
            if not month_named:
                continue  # every match holds a month name that starts a word
        if sieve is not None and not sieve.search(text):
            continue  # the pattern's key words are absent: skip the costly scan
        for m in _matches(kind, rx, text, starts):
            if not any(m.start() < f.end() and f.start() < m.end() for _, f in found):
                found.append((kind, m))
    out: list[Span] = []
    anchor: int | None = None  # the year of the last date in the sentence that names one
    ahead = looks_ahead(text) if found else False
    for kind, m in sorted(found, key=lambda km: km[1].start()):
        year = (anchor or context_year) if kind == "that_year" else anchor
        rng = within_calendar(_resolve, kind, m, base, country, year, ahead)
        if rng is None:
            continue
        if any(m.groupdict().get(k) for k in ("y", "y1", "ref", "rel")):
            anchor = rng[-1].year  # "去年前5个月……其中5月份": a later date without a year is in the same one
        out.append(Span(m.start(), m.end(), _label(*rng), rng[0], rng[1], kind == "clock"))
    return out


# The patterns that open with a month name (or "from", "between", or a day's digits for day_rel), and those
# that open with a day's digits: they are tried only where one starts.
MONTH_LED = {"month_range", "day_comma", "day_rel"}
DIGIT_LED = {"day_rel", "pl_date"}
# A month name at the start of a word (in the lower-cased text): every match of MONTH_LED holds one.
_MONTH_WORD = QuickSieve(MONTHS).word_start


def _matches(kind: str, rx: re.Pattern[str], text: str,
             starts: dict[str, list[int] | None] | None = None) -> Iterator[re.Match[str]]:
    """rx.finditer(text); a pattern that opens with a month word or a digit tried only where one (or
    "from", "between") starts. starts: those offsets, once found for the text."""
    if kind not in MONTH_LED and kind not in DIGIT_LED:
        return rx.finditer(text)
    starts = {} if starts is None else starts
    if kind in DIGIT_LED and "digits" not in starts:
        starts["digits"] = digit_offsets(text)
    if kind not in MONTH_LED:
        return matches_at(rx, starts["digits"], text)
    if "months" not in starts:
        low = RANGE_OPENERS.lower(text)
        starts["months"] = RANGE_OPENERS.starts(low) if low is not None else None
    months = starts["months"]
    if months is None:  # a letter folds apart from str.lower(): the full scan
        return rx.finditer(text)
    return matches_at(rx, sorted(months + starts["digits"]) if kind in DIGIT_LED else months, text)


def _year_of(month: int, year: int, base: date | None, ahead: bool) -> int:
    """The year of a month written without one: the last such month, or the next one when ahead."""
    if base is None:
        return year
    if ahead:
        return year + 1 if month < base.month else year
    return year - 1 if month > base.month else year


def _resolve(kind: str, m: re.Match[str], base: date | None, country: str,
             context_year: int | None = None, ahead: bool = False) -> tuple[date, date] | None:
    g = m.groupdict()
    if kind == "that_year":
        if context_year is None:
            return None
        if not (g.get("m1") or g.get("m2")):
            return date(context_year, 1, 1), date(context_year, 12, 31)
        mon, day = (g["m1"], g["d1"]) if g.get("m1") else (g["m2"], g["d2"])
        return _one_day(context_year, MONTHS[fold(mon).rstrip(".")], int(day))
    if kind == "fiscal":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if (y1 + 1) % 100 != y2:
            return None
        return fiscal_span(y1, country, _num(g["n"]) if g.get("n") else None)
    if kind == "fy":
        y = int(g["y"])  # "FY2024" is the fiscal year that ends in 2024
        if country in FISCAL_YEAR_START:
            return fiscal_span(y - 1, country)
        return date(y, 1, 1), date(y, 12, 31)
    if kind in ("first_months", "first_months_bare"):
        y = _ref_year(g.get("ref"), base)
        n = _num(g["n"])
        return (date(y, 1, 1), _month_end(y, n)) if y and 1 <= n <= 12 else None
    if kind == "month_range":
        y = _ref_year(g.get("y"), base) if g.get("y") or not context_year else context_year
        m1, m2 = MONTHS[fold(g["m1"]).rstrip(".")], MONTHS[fold(g["m2"]).rstrip(".")]
        if y is None or m2 < m1:
            return None
        if not g.get("y") and not context_year:
            y = _year_of(m1, y, base, ahead)
        return date(y, m1, 1), _month_end(y, m2)
    if kind == "ru_month_range":
        y = _ref_year(g.get("y"), base)
        m1 = next(v for k, v in RU_MONTHS.items() if g["m1"].lower().startswith(k))
        m2 = next(v for k, v in RU_MONTHS.items() if g["m2"].lower().startswith(k))
        return (date(y, m1, 1), _month_end(y, m2)) if y and m1 <= m2 else None
    if kind == "zh_first_months":
        y = int(g["y"]) if g.get("y") else _ref_year(g.get("rel"), base)
        n = int(g["n"])
        return (date(y, 1, 1), _month_end(y, n)) if y and 1 <= n <= 12 else None
    if kind == "zh_until":
        y = int(g["y"]) if g.get("y") else _ref_year(g.get("rel"), base)
        try:
            return (date(y, 1, 1), date(y, int(g["m"]), int(g["d"]))) if y else None
        except ValueError:
            return None
    if kind == "day_rel":
        y = _ref_year(g["rel"], base)
        mon, day = (g["m1"], g["d1"]) if g.get("m1") else (g["m2"], g["d2"])
        try:
            d = date(y, MONTHS[fold(mon).rstrip(".")], int(day)) if y else None
        except ValueError:
            return None
        return (d, d) if d else None
    if kind == "zh_quarter":
        y = _ref_year(g.get("rel"), base)
        k = "一二三四".index(g["q"]) + 1
        return (date(y, 3 * k - 2, 1), _month_end(y, 3 * k)) if y else None
    if kind == "zh_date":
        y = int(g["y"]) if g.get("y") else _ref_year(g.get("rel"), base) if g.get("rel") or not context_year \
            else context_year
        mo = int(g["m"])
        if not y or not 1 <= mo <= 12:
            return None
        if g.get("d"):
            return _one_day(y, mo, int(g["d"]))
        return date(y, mo, 1), _month_end(y, mo)
    if kind == "zh_year":
        y = int(g["y"]) if g.get("y") else _ref_year(g.get("rel"), base)
        return (date(y, 1, 1), date(y, 12, 31)) if y else None
    if kind == "ru_half":
        y = int(g["y"])
        first_half = g["h"].lower() == "перв"
        return (date(y, 1, 1), date(y, 6, 30)) if first_half else (date(y, 7, 1), date(y, 12, 31))
    if kind in ("ru_since_month", "ru_date"):
        rel = "last year" if g.get("rel", "") == "прошлого" else None
        y = int(g["y"]) if g.get("y") else _ref_year(rel, base) if rel or not context_year else context_year
        mo = next(v for k, v in RU_MONTHS.items() if g["m"].lower().startswith(k))
        if not y:
            return None
        if kind == "ru_since_month":
            return date(y, mo, 1), _month_end(y, mo)
        return _one_day(y, mo, int(g["d"]))
    if kind == "ru_year":
        y = int(g["y"])
        return date(y, 1, 1), date(y, 12, 31)
    if kind == "day_comma":
        y = context_year or (base.year if base else None)
        try:
            d = date(y, MONTHS[fold(g["m1"]).rstrip(".")], int(g["d1"])) if y else None
        except ValueError:
            return None
        if d and base and not context_year and d > base and not ahead:
            d = d.replace(year=d.year - 1)
        return (d, d) if d else None
    if kind == "year_end":
        y = int(g["ref"]) if re.fullmatch(_YEAR, g["ref"]) else base.year if base else None
        return (date(y, 12, 1), date(y, 12, 31)) if y else None
    if kind == "year_day":
        y = _ref_year(g["ref"], base)
        if not y:
            return None
        return _one_day(y, 1, 1) if g["which"].lower() == "first" else _one_day(y, 12, 31)
    if kind == "holiday":
        name = next(k for k in HOLIDAYS if re.fullmatch(k, g["h"], re.I))
        return _one_day(int(g["y"]), *HOLIDAYS[name])
    if kind == "clock":  # a time of day with no date: the day the story is filed
        return (base, base) if base else None
    if kind in ("pl_date", "es_date", "es_month"):
        mname = fold(g["m"])
        if kind == "pl_date":
            mo = next(v for k, v in PL_MONTHS.items() if re.match(k, mname))
        else:
            mo = ES_MONTHS[mname]
        y = int(g["y"]) if g.get("y") else context_year or (base.year if base else None)
        if not y:
            return None
        if not g.get("y") and not context_year:
            y = _year_of(mo, y, base, ahead)
        if kind == "es_month":
            return date(y, mo, 1), _month_end(y, mo)
        return _one_day(y, mo, int(g["d"]))
    if kind == "month_end_total":  # "by the end of September": a running total from January
        y = int(g["y"]) if g.get("y") else context_year or (base.year if base else None)
        mo = MONTHS[fold(g["m"]).rstrip(".")]
        if not y:
            return None
        if not g.get("y") and not context_year and base and mo > base.month:
            y -= 1
        return date(y, 1, 1), _month_end(y, mo)
    if kind == "so_far":
        if g.get("y"):
            y = int(g["y"])
            return date(y, 1, 1), base if base and base.year == y else date(y, 12, 31)
        return (date(base.year, 1, 1), base) if base else None
    return None


def running_total(sp: Span, sentence: str) -> Span:
    """A day that ends a running total ("8,000 trips by Nov. 23") becomes the period from 1 January to it."""
    if sp.first is None or sp.first != sp.last or (sp.first.month, sp.first.day) == (1, 1) or sp.weak:
        return sp  # "by 2 p.m." counts that day, not the year to it
    before = sentence[max(0, sp.start - 45):sp.start]
    if STARTING_AT.search(before):
        return sp
    if CUMULATIVE.search(before[-12:]) or CUMULATIVE_VERB.search(before) or ZH_CUMULATIVE.search(sentence):
        return Span(sp.start, sp.end, _label(date(sp.first.year, 1, 1), sp.last), date(sp.first.year, 1, 1),
                    sp.last)
    return sp


# "Over the same ten weeks", "for the same January-to-July period": the period of a figure told just before.
SAME_PERIOD = quick_rx(
    r"\b(?:the\s+)?same\s+(?P<what>(?:[\w-]+\s+){0,3}?)(?:period|weeks?|months?|days|time|span|quarter|"
    r"half|interval)\b|\b(?:тот\s+же|аналогичн\w+)\s+период\w*|\bmismo\s+per[ií]odo\b|\btym\s+samym\s+okresie\b|"
    r"(?:(?<=\bin\s)|(?<=\bover\s)|(?<=\bduring\s)|(?<=\bfor\s))the\s+period\b"
    r"(?!\s+(?:from|between|of|since|to|until|ending|when)\b)",
    re.I)
# One of these is in every SAME_PERIOD match: a sentence without any is not searched.
SAME_PERIOD_CUES = ("same", "период", "peri", "perí", "okresie")
# The words a SAME_PERIOD match opens with: it is tried only where one starts.
SAME_PERIOD_OPENERS = QuickSieve(["the", "same", "тот", "аналогичн", "mismo", "tym"])
# ...unless it is a comparison base: "than in the same period", "the same months of 2023", "...last year".
SAME_AS_BASE_BEFORE = quick_rx(r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|against|on|from|"
                               r"year-on-year|чем|по\s+сравнению\s+с|que|niż)\s+"
                               r"(?:in\s+|during\s+|over\s+)?$", re.I)
SAME_AS_BASE_AFTER = re.compile(rf"^\s*(?:of\s+|in\s+)?(?:{_YEAR}|last\s+year|"
                                r"a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior)\s+year|"
                                r"прошлого\s+года|del\s+a[nñ]o\s+pasado|"
                                r"ubiegłego\s+roku|zeszłego\s+roku)", re.I)
_MONTH_NAME = quick_rx(rf"\b{_MON}(?![^\W\d_])", re.I)


def same_period(text: str, earlier: list[str]) -> tuple[str, re.Match[str]] | None:
    """The period a sentence points back to ("the same ten weeks"): the latest earlier figure's, or the
    latest whose months are the ones it names ("the same January-to-July period"); None if none."""
    if not may_contain(text, SAME_PERIOD_CUES):
        return None
    low = SAME_PERIOD_OPENERS.lower(text)
    m = SAME_PERIOD.search(text) if low is None else \
        next(matches_at(SAME_PERIOD, SAME_PERIOD_OPENERS.starts(low), text), None)
    if m is None or not earlier or SAME_AS_BASE_BEFORE.search(text[:m.start()]) or \
            SAME_AS_BASE_AFTER.match(text[m.end():]):
        return None
    months = [MONTHS[fold(w).rstrip(".")] for w in _MONTH_NAME.findall(m.group(0))
              if fold(w).rstrip(".") in MONTHS]
    for period in reversed(earlier):
        got = [int(x) for x in re.findall(r"\d{4}-(\d{2})", period)]
        if not months or got and (got[0], got[-1]) == (months[0], months[-1]):
            return period, m
    return None
