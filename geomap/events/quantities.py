"""Numbers in news text: money with scale words, counts, percentages, factors, Markdown tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from geomap.events.number_words import (
    GLUED_ONLY,
    MULTIPLIERS_EN,
    MULTIPLIERS_OTHER,
    NUMBER,
    SCALES,
    UNITS_EN,
    UNITS_OTHER,
    VAGUE,
    WORD_NUMBER,
    digits_to_number,
    words_to_number,
)
from geomap.events.sieve import (
    FOLDS_APART_RX,
    digit_offsets,
    first_chars_ahead,
    fold,
    fold_unsafe,
    lower_case_pattern,
    lower_words,
    matches_at,
    quick_rx,
    reads_lower_case,
)

CURRENCY_WORDS = {
    "u.s. dollars": "USD", "u.s. dollar": "USD", "us dollars": "USD", "us dollar": "USD",
    "american dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "roubles": "RUB", "rubles": "RUB",
    "rouble": "RUB", "ruble": "RUB", "rub": "RUB", "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY",
    "won": "KRW", "dong": "VND", "rupees": "Rs",
    "rupee": "Rs", "indian rupees": "INR", "nepali rupees": "NPR",
    "nepalese rupees": "NPR", "pakistani rupees": "PKR", "tenge": "KZT", "taka": "BDT", "tugriks": "MNT",
    "tugrik": "MNT", "zloty": "PLN", "złoty": "PLN", "złotych": "PLN", "lari": "GEL", "lira": "TRY",
    "liras": "TRY", "pesos": "MXN", "dólares": "USD", "рублей": "RUB", "руб": "RUB", "долларов": "USD",
    "юаней": "CNY", "евро": "EUR", "元": "CNY", "人民币": "CNY", "美元": "USD", "图格里克": "MNT",
    "inr": "INR", "npr": "NPR", "pkr": "PKR", "bdt": "BDT", "kzt": "KZT", "mnt": "MNT", "pln": "PLN",
}
CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP", "₽": "RUB",
                    "₹": "INR", "rmb": "CNY", "cny": "CNY", "usd": "USD", "rub": "RUB", "eur": "EUR",
                    "inr": "INR", "npr": "NPR", "pkr": "PKR", "bdt": "BDT", "kzt": "KZT", "pln": "PLN",
                    # "Rs" is the rupee of India, Nepal, Pakistan or Sri Lanka: resolved by the reader
                    "rs": "Rs", "rs.": "Rs", "tk": "BDT", "tk.": "BDT"}
WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100, "a thousand": 1000,
    **VAGUE, "a dozen": 12,
}
FACTOR_WORDS = {"twice": 2.0, "doubled": 2.0, "doubling": 2.0, "doubles": 2.0, "tripled": 3.0, "trebled": 3.0,
                "tripling": 3.0, "triples": 3.0, "quadrupled": 4.0, "halved": 0.5, "halving": 0.5}
UP_WORDS = r"increase|increased|increases|increasing|rise|rose|risen|rising|up|grew|grown|growth|gain|" \
           r"gained|surge|surged|jump|jumped|climb|climbed|higher|more|expanded|soared|added"
DOWN_WORDS = r"decrease|decreased|decline|declined|declining|fell|fallen|fall|drop|dropped|down|" \
             r"slump|slumped|plunged|shrank|shrunk|lower|less|contracted|lost|slid"

_NUM = NUMBER
_UP, _DOWN = (quick_rx(rf"\b(?:{words})\b") for words in (UP_WORDS, DOWN_WORDS))
_UP_AFTER, _DOWN_AFTER = (re.compile(rf"\s*(?:\w+\s+)?(?:{words})\b") for words in (UP_WORDS, DOWN_WORDS))
_CJK_SCALES = {w for w in SCALES if not w.isascii() and len(w) <= 2 and w[0] in "千万亿"}
# Longest first (then alphabetical, so that the pattern's text is the same in every run).
_SCALE = r"(?:(?:" + "|".join(re.escape(w) for w in sorted(set(SCALES) - GLUED_ONLY - _CJK_SCALES,
                                                           key=lambda w: (-len(w), w))) \
    + r")(?:\.|(?![^\W\d_]))|" + "|".join(sorted(_CJK_SCALES, key=lambda w: (-len(w), w))) + ")"
_SCALE_ABBR = r"(?:bn|mn|m|b|k|tn|cr)\b"
_CUR_WORD = "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True))
_APPROX_WORDS = "nearly|almost|about|around|roughly|approximately|some|over|more than|less than|up to|" \
                "at least|close to|under|just over|just under"
_APPROX = rf"(?:(?:{_APPROX_WORDS})\s+)"

_PREFIX_CURRENCY = r"US\$|\$|¥|€|£|₽|₹|\b(?:RMB|CNY|USD|RUB|EUR|INR|NPR|PKR|BDT|KZT|PLN|Rs\.?|Tk\.?)\s?"
# The patterns, as (source, flags): each is compiled the first time it is used (_rx), so that a run pays
# only for those its texts need (module attributes of the same names give them compiled).
PATTERN_SOURCES: dict[str, tuple[str, int]] = {
    "MONEY_PREFIX": (rf"(?P<cur>{_PREFIX_CURRENCY})"
                     rf"(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})|(?P<abbr>{_SCALE_ABBR}))?", re.I),
    "MONEY_SUFFIX": (rf"(?<![A-Za-z0-9.,])(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})|(?P<abbr>{_SCALE_ABBR}))?"
                     rf"\s*(?:de\s+)?(?P<cur>{_CUR_WORD})(?![a-z])", re.I),
    "PERCENT": (r"(?P<sign>[+\-−–])?(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>%|percent\b|per cent\b|"
                r"percentage points?\b|pct\b)", re.I),
    "FACTOR": (rf"(?P<num>{_NUM}|two|three|four|five|six|seven|eight|nine|ten)"
               rf"(?:\s+times\b|-fold\b|\s+fold\b)", re.I),
    "FACTOR_WORD": (r"\b(?:" + "|".join(FACTOR_WORDS) + r")\b", re.I),
    "NOT_SINGLE": (r"\b(?:not|never|no|without|n[’']t|nor)\b(?:\s+\w+){0,4}?\s+"
                   r"(?P<q>a single|any|one single)\s+(?P<noun>[a-z]+)", re.I),
    "NO_NOUN": (r"\b(?P<q>no|zero)\s+(?P<noun>vehicles?|cars?|trucks?|lorries|buses|"
                r"passengers?|people|travell?ers|visitors|tourists|shipments?|trains?)\b", re.I),
    # "about " just before a count: looked up behind the number rather than tried at every offset.
    "APPROX_BEFORE": (_APPROX + "$", 0),
    "APPROX_BEFORE_ANY_CASE": (_APPROX + "$", re.I),
    "COUNT": (rf"(?<![A-Za-z0-9_.,$€£¥₽₹])(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})|"
              rf"(?P<abbr>{_SCALE_ABBR}))?(?P<hyph>-)?(?:\s*(?P<noun>[^\W\d_]+))?", 0),
    "WORD_COUNT": (rf"(?P<num>{WORD_NUMBER}|" + "|".join(VAGUE) + r")(?P<hyph>-)?\s*"
                   r"(?P<noun>[a-z]+|[\u3400-\u9fff])?", re.I),  # a Chinese amount's counter: 上千辆
    # "on May 3 500 people crossed": a day and a count, not 3,500 (elsewhere a plain space groups thousands).
    "DAY_THEN_COUNT": (r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2} "
                       r"(?=\d{3}\b)", re.I),
    # "as long as a week", "up to a day": one unit of time given as a limit, a duration of 1.
    "ONE_SPAN": (r"\b(?:as\s+long\s+as|up\s+to|more\s+than|over|nearly|almost|about|at\s+least)\s+"
                 r"(?P<q>an?)\s+(?=(?:hour|day|week)\b)", re.I),
}
# The capital letters of a case-insensitive pattern, in lower case, for its lower-case twin.
_CAPITALS = {"MONEY_PREFIX": {_PREFIX_CURRENCY: _PREFIX_CURRENCY.lower()}}


@cache
def _rx(name: str) -> re.Pattern[str]:
    """The compiled pattern of that name (behind a look-ahead for its first characters: a quicker search)."""
    return quick_rx(*PATTERN_SOURCES[name])


@cache
def _twin(name: str) -> re.Pattern[str]:
    """The case-insensitive pattern of that name for the lower-cased text, read case by case (about twice
    as fast): the same matches where the text allows (reads_lower_case)."""
    source, flags = PATTERN_SOURCES[name]
    return first_chars_ahead(lower_case_pattern(source, flags, _CAPITALS.get(name)))


def __getattr__(name: str) -> re.Pattern[str]:
    """MONEY_PREFIX, COUNT, ...: the patterns, compiled when first asked for."""
    if name in PATTERN_SOURCES:
        return _rx(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# WORD_COUNT opens with a number word at the start of a word (tried only there) or a vague amount.
_WORD_COUNT_OPENERS = {w for w in [*UNITS_EN, *UNITS_OTHER] if " " not in w}
_VAGUE_AT = quick_rx("|".join(re.escape(v) for v in VAGUE), re.I)
# MONEY_SUFFIX, PERCENT and COUNT open with a number (PERCENT maybe with its sign just before): tried
# only where a run of digits starts.
_NUMBER_START = re.compile(r"(?<![0-9])\d")
_SIGNS = "+-−–"
_PERCENT_UNITS = ("%", "per", "pct")  # one of them is in every unit PERCENT reads


_WORDS = re.compile(r"[^\W\d_]+")
# Letters whose str.lower() depends on their neighbours or adds a character ("İ" -> "i̇", final sigma).
_SPECIAL_LOWER = frozenset("\u0130\u03a3")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = {w for phrase in [*UNITS_EN, *UNITS_OTHER, *MULTIPLIERS_EN, *MULTIPLIERS_OTHER, *VAGUE]
                 for w in phrase.split() if w.isascii() or not any("\u3400" <= ch <= "\u9fff" for ch in w)} \
    - {"a", "an", "of"}  # "a" counts only before a multiplier, which is in the set
_CURRENCY_TOKENS = {t for w in [*CURRENCY_WORDS, *CURRENCY_SYMBOLS] for t in _WORDS.findall(w.lower())}
_CURRENCY_CHARS = re.compile(r"[$€£¥₽₹元]")
# The codes MONEY_PREFIX reads before a number ("RMB 5 billion"): without one of them or a currency sign it
# is not tried (nor when a letter that folds into a code's letter, "ſ" for "s", is about).
_PREFIX_CODES = frozenset("rmb cny usd rub eur inr npr pkr bdt kzt pln rs tk".split())
_PREFIX_UNSAFE = fold_unsafe("".join(_PREFIX_CODES))
_CJK_VAGUE = [w for w in VAGUE if not w.isascii()]
# The words each further pattern needs in the text (all lower case): without one it is not tried.
_FACTOR_CUES = frozenset({"times", "fold"})
_FACTOR_WORD_CUES = frozenset(FACTOR_WORDS)
_ZERO_CUES = frozenset({"single", "any", "no", "zero"})
_SPAN_CUES = frozenset({"hour", "day", "week"})
# A word WORD_COUNT can open with, as a whole run of letters of the lower-cased text.
_OPENERS = "|".join(re.escape(w) for w in sorted(_WORD_COUNT_OPENERS, key=len, reverse=True))
_OPENER_AT = quick_rx(rf"(?<![^\W\d_])(?:{_OPENERS})(?![^\W\d_])")

# Every DAY_THEN_COUNT match holds one of these (a quick test before it).
_DAY_GAP = re.compile(r"\d (?=\d{3}\b)")
# The letters of the patterns read case by case: where one folds apart, the text is read ignoring case.
_FOLDS_APART = fold_unsafe(ch for source, flags in PATTERN_SOURCES.values() if flags & re.I
                           for ch in source if ch.isalpha())
NOT_NOUNS = {
    "last", "this", "next", "in", "on", "at", "to", "of", "and", "or", "the", "a", "an", "by",
    "from", "for", "with", "as", "than", "over", "year", "years", "month", "months", "day", "days",
    "was", "were", "is", "are", "be", "has", "have", "had", "that", "which", "while", "it",
}


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with what it counts or measures."""

    start: int
    end: int
    text: str
    value: float
    kind: str  # money, count, percent, factor, year
    unit: str = ""  # currency code, "percent", or the counted noun ("vehicle", "passengers")
    approx: bool = False
    direction: int = 0  # +1 increase, -1 decrease, 0 unknown (percent and factor changes)

    @property
    def number_end(self) -> int:
        """Offset just past the number and its scale word: where the counted noun's phrase begins."""
        return self.end - len(self.unit) if self.unit and self.text.lower().endswith(self.unit) else self.end


_new_object = object.__new__
_set_attribute = object.__setattr__


def _quantity(start: int, end: int, text: str, value: float, kind: str, unit: str = "", approx: bool = False,
              direction: int = 0) -> Quantity:
    """Quantity(...) in half the time: the same frozen object, its fields set at once rather than one
    frozen setattr each (a sentence holds several figures, a document hundreds)."""
    q = _new_object(Quantity)
    _set_attribute(q, "__dict__", {"start": start, "end": end, "text": text, "value": value, "kind": kind,
                                   "unit": unit, "approx": approx, "direction": direction})
    return q


def to_number(text: str) -> float:
    """"760,000" -> 760000.0; "31.35" -> 31.35; "19,37,414" -> 1937414.0; "6,5" -> 6.5."""
    return digits_to_number(text)


def scaled(number: float, scale: float) -> float:
    """The number times its scale word without binary artefacts: 8.03 million is 8030000, not
    8029999.999999999 (both multiplied as the decimals they were written as)."""
    if scale == 1.0:
        return number
    return float(Decimal(repr(number)) * Decimal(repr(scale)))


def _scale(m: re.Match[str], dot_thousands: bool = False) -> float:
    word = (m.group("scale") or m.group("abbr") or "").lower().rstrip(".")
    if not word and not dot_thousands:
        return 1.0
    scale = SCALES.get(_SPACES.sub(" ", word), 1.0)
    if dot_thousands or word and not word.isascii() or word in ("mil", "mil millones", "millones", "mld",
                                                                 "tys"):
        # "24.600 millones": a point before three digits groups thousands where the scale word is not English
        if _DOT_GROUP.fullmatch(m.group("num")):
            scale *= 1000
    return scale


def _direction(text: str, start: int, window: int = 40) -> int:
    """+1 or -1 from change words just before (or "up/down" right after) a figure."""
    before = text[max(0, start - window):start].lower()
    hits = [(m.end(), +1) for m in _UP.finditer(before)]
    hits += [(m.end(), -1) for m in _DOWN.finditer(before)]
    return max(hits)[1] if hits else 0


def find_quantities(text: str, offset: int = 0, dot_thousands: bool = False) -> list[Quantity]:
    """Every figure in text, longest reading first, without overlaps, in order. dot_thousands: the text
    groups thousands with a point ("12.000" is twelve thousand), as Spanish, Polish or German do."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    plain = text.isascii()
    low = text.lower()
    # one look at the text: where its numbers start, and its words (most patterns need one or the other)
    numbers = _ascii_number_starts(text) if plain else [m.start() for m in _NUMBER_START.finditer(text)]
    words = _ascii_words(low) if plain else set(_WORDS.findall(low))
    lower_case = reads_lower_case(text, low, _FOLDS_APART)  # then low is read case by case
    if not lower_case:  # a letter folds apart from lower() ("nıne"): the words as the patterns read them
        words = {fold(w) for w in words}
    # what the case-insensitive patterns read: the lower-cased text case by case, or the text
    scan, pick = (low, _twin) if lower_case else (text, _rx)

    def add(s: int, e: int, q: Quantity) -> None:
        for a, b in taken:
            if s < b and a < e:
                return
        taken.append((s, e))
        found.append(q)

    if numbers:
        _money(text, scan, pick, numbers, words, offset, dot_thousands, add)
        if "%" in low or "per" in low or "pct" in low:  # one of them is in every unit PERCENT reads
            _percents(text, numbers, offset, add)
    if not words.isdisjoint(_FACTOR_CUES) or "-fold" in text:
        factor_rx = pick("FACTOR")
        found_factors = matches_at(factor_rx, _factor_starts(text, low), scan) if lower_case else \
            factor_rx.finditer(text)
        for m in found_factors:
            s, e = m.span()
            approx = _rx("APPROX_BEFORE_ANY_CASE").search(text, max(0, s - 20), s)
            s = approx.start() if approx else s
            num = fold(m.group("num"))
            value = WORD_NUMBERS.get(num) if num in WORD_NUMBERS else to_number(num)
            add(s, e, _quantity(s + offset, e + offset, text[s:e], float(value), "factor", "times",
                                approx is not None, _direction(text, s) or 1))
    if not words.isdisjoint(_FACTOR_WORD_CUES):
        for m in pick("FACTOR_WORD").finditer(scan):
            s, e = m.span()
            factor = FACTOR_WORDS[fold(m.group(0))]
            add(s, e, _quantity(s + offset, e + offset, text[s:e], factor, "factor", "times", False,
                                1 if factor > 1 else -1))
    if not words.isdisjoint(_ZERO_CUES):
        for name in ("NOT_SINGLE", "NO_NOUN"):
            for m in pick(name).finditer(scan):
                s, e = m.start() if name == "NOT_SINGLE" else m.start("q"), m.end()
                add(s, e, _quantity(s + offset, e + offset, text[m.start():e], 0.0, "count",
                                    m.group("noun").lower()))
    if numbers:
        _counts(text, numbers, offset, dot_thousands, found, taken)
    if not words.isdisjoint(_SPAN_CUES):
        for m in pick("ONE_SPAN").finditer(scan):
            s, e = m.span("q")
            add(s, e, _quantity(s + offset, e + offset, text[s:e], 1.0, "count", "", True))
    if not words.isdisjoint(_NUMBER_WORDS) or not plain and any(v in text for v in _CJK_VAGUE):
        _word_quantities(text, low, words, offset, add, lower_case)
    if len(found) > 1:
        found.sort(key=_span_key)
    return found


_FACTOR_WORD_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _factor_starts(text: str, low: str) -> list[int]:
    """Where FACTOR can start in low: at any digit or at one of its number words (even inside a word)."""
    starts = digit_offsets(text)
    for word in _FACTOR_WORD_NUMBERS:
        if word in low:
            starts += _occurrences(low, word)
    return sorted(starts)


def _span_key(q: Quantity) -> tuple[int, int]:
    return q.start, q.end


# Byte tables for an ASCII text: its letters kept (a space for anything else), or each digit a "0".
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_DIGITS_AS_ZERO = bytes(48 if 48 <= c <= 57 else 32 for c in range(256))


def _ascii_words(low: str) -> set[str]:
    """The runs of letters of a lower-cased ASCII text: set(re.findall("[a-z]+", low)) in half the time."""
    return set(low.encode().translate(_LETTERS_ONLY).decode().split())


def _ascii_number_starts(text: str) -> list[int]:
    """Where each run of digits of an ASCII text starts: _NUMBER_START's offsets in half the time."""
    digits = text.encode().translate(_DIGITS_AS_ZERO)
    starts: list[int] = []
    at = digits.find(b"0")
    while at >= 0:
        starts.append(at)
        end = digits.find(b" ", at)
        if end < 0:
            break
        at = digits.find(b"0", end)
    return starts


def _money(text: str, scan: str, pick: Callable[[str], re.Pattern[str]], numbers: list[int], words: set[str],
           offset: int, dot_thousands: bool, add: Callable[[int, int, Quantity], None]) -> None:
    """Amounts with a currency sign or code before them, then with a currency word after them (scan: the
    text, or its lower case read case by case; pick: the patterns for it, _rx or _twin)."""
    signs = _CURRENCY_CHARS.search(text) is not None
    if not signs and words.isdisjoint(_CURRENCY_TOKENS):
        return
    if signs or not words.isdisjoint(_PREFIX_CODES) or \
            not (text.isascii() or _PREFIX_UNSAFE.isdisjoint(text)):
        # a sign or code and its space end just before a number: tried only there
        starts = sorted({p - k for p in numbers for k in _PREFIX_REACH if p >= k})
        for m in matches_at(pick("MONEY_PREFIX"), starts, scan):
            _add_money(text, m, offset, dot_thousands, add)
    for m in matches_at(pick("MONEY_SUFFIX"), numbers, scan):
        _add_money(text, m, offset, dot_thousands, add)


# How far before its number MONEY_PREFIX can start: "US$", "RMB " and "Rs. " are its longest openings.
_PREFIX_REACH = (1, 2, 3, 4)


def _add_money(text: str, m: re.Match[str], offset: int, dot_thousands: bool,
               add: Callable[[int, int, Quantity], None]) -> None:
    cur = m.group("cur").strip().lower()
    code = CURRENCY_SYMBOLS.get(cur) or CURRENCY_WORDS.get(cur) or cur.upper()
    value = scaled(to_number(m.group("num")), _scale(m, dot_thousands))
    s, e = m.span()
    approx = s > 0 and text[s - 1].isspace() and \
        _rx("APPROX_BEFORE_ANY_CASE").search(text[max(0, s - 20):s]) is not None  # each ends in a space
    add(s, e, _quantity(s + offset, e + offset, text[s:e], value, "money", code, approx))


def _percents(text: str, numbers: list[int], offset: int, add: Callable[[int, int, Quantity], None]) -> None:
    """Shares and changes in percent, with their direction from a sign or the words around them."""
    signed = sorted({*numbers, *(p - 1 for p in numbers if p and text[p - 1] in _SIGNS)})
    for m in matches_at(_rx("PERCENT"), signed, text):
        s, e = m.span()
        sign = m.group("sign")
        direction = (-1 if sign in "-−–" else 1) if sign else _direction(text, s)
        if not direction:
            direction = _after_direction(text, e)
        value = to_number(m.group("num")) * (direction or 1)
        add(s, e, _quantity(s + offset, e + offset, m.group(0), value, "percent", "percent", False,
                            direction))


def _counts(text: str, numbers: list[int], offset: int, dot_thousands: bool, found: list[Quantity],
            taken: list[tuple[int, int]]) -> None:
    """Bare numbers with the noun they count ("760,000", "7,000-word"), years apart; a day before a
    count ("May 3 500") is kept apart; ordinals, times and fractions are left out."""
    scan, scan_numbers = text, numbers
    for p in numbers:
        if p >= 2 and text[p - 1] == " " and text[p - 2].isdecimal():  # every _DAY_GAP holds one
            if _DAY_GAP.search(text):
                scan = _rx("DAY_THEN_COUNT").sub(lambda d: d.group(0)[:-1] + "\x00", text)
                if scan != text:
                    scan_numbers = [m.start() for m in _NUMBER_START.finditer(scan)]
            break
    match = _rx("COUNT").match
    after = 0
    for pos in scan_numbers:  # matches_at(COUNT, scan_numbers, scan), inlined
        if pos < after:
            continue
        m = match(scan, pos)
        if m is None:
            continue
        after = m.end()  # the number is never empty
        num, scale, abbr, hyph, noun = m.group("num", "scale", "abbr", "hyph", "noun")
        num_end = pos + len(num)
        after_number = scan[num_end:num_end + 1]  # only an ordinal, time or fraction mark calls for the test:
        if (after_number and after_number in "snrt:/" or pos and scan[pos - 1] in ":/\n") and \
                _not_a_count(scan, pos, num_end):
            continue
        number = float(num) if num.isdigit() else to_number(num)
        value = scaled(number, _scale(m, dot_thousands)) if scale or abbr or dot_thousands else number
        end = m.end("abbr") if abbr else m.end("scale") if scale else num_end
        if noun:
            noun = noun.lower()
            if noun in SCALES or noun in _NOT_COUNTED:
                continue
            if noun not in NOT_NOUNS and scan[end:m.start("noun")].strip(" -") == "":
                end = m.end("noun")
            else:
                noun = ""
        else:
            noun = ""
        year = len(num) == 4 and num[:2] in _CENTURIES and num[2:].isdecimal() and not scale and not abbr \
            and not hyph  # "2024", not "2024-", "2024 million" or "2024m"
        for a, b in taken:  # add(...) inlined: the first reading of a stretch of text stands
            if pos < b and a < end:
                break
        else:
            approx = pos > 1 and text[pos - 1].isspace() and \
                (text[pos - 2] in _APPROX_LAST_LETTERS or text[pos - 2].isspace()) and \
                _approx_before(text, pos)
            taken.append((pos, end))
            found.append(_quantity(pos + offset, end + offset, text[pos:end], value,
                                   "year" if year else "count", noun, approx))


_NOT_COUNTED = frozenset({"percent", "per", "times", "fold"})  # nouns after a number that is no count
_CENTURIES = ("19", "20")


def _not_a_count(text: str, start: int, end: int) -> bool:
    """Whether the number text[start:end] is an ordinal ("the 8th Expo"), a time or a fraction ("12:30",
    "1/2"), or follows a colon or slash (maybe across one line break); string tests, not patterns."""
    after = text[end:end + 3]
    if after[:2] in _ORDINALS and (len(after) < 3 or not (after[2].isalnum() or after[2] == "_")):
        return True
    if after[:1] in (":", "/") and after[1:2].isdecimal():
        return True
    return start >= 1 and text[start - 1] in ":/" or start >= 2 and text[start - 1] == "\n" and \
        text[start - 2] in ":/"


# The last word of each approximation before a count ("about", "more than", "up to"), and its last letter.
_APPROX_ENDS = tuple(sorted({phrase.split()[-1] for phrase in _APPROX_WORDS.split("|")}))
_APPROX_LAST_LETTERS = "".join(sorted({word[-1] for word in _APPROX_ENDS}))


def _approx_before(text: str, start: int) -> bool:
    """Whether an approximation ("about", "more than") ends just before start: APPROX_BEFORE, tried only
    where the text before the spaces ends with one of their last words."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end < start and text.endswith(_APPROX_ENDS, 0, end) and \
        _rx("APPROX_BEFORE").search(text, max(0, start - 20), start) is not None


def _word_quantities(text: str, low: str, words: set[str], offset: int,
                     add: Callable[[int, int, Quantity], None], lower_case: bool = False) -> None:
    """Numbers in words ("two thousand trucks") and vague amounts ("dozens of buses"); lower_case: low can
    be read case by case."""
    for m in _word_counts(text, low, words, lower_case):
        s, e = m.start("num"), m.end("num")
        said = m.group("num").lower()
        value = VAGUE.get(said) if said in VAGUE else words_to_number(said)
        if value is None:
            continue
        if m.group("noun") is None:
            continue  # a number word that counts nothing ("day one", "one of", a file name's "three")
        noun = m.group("noun").lower()
        if noun in NOT_NOUNS or noun in ("times", "fold", "percent"):
            noun = ""
        else:
            e = m.end("noun")
        approx = s > 0 and text[s - 1].isspace() and \
            _rx("APPROX_BEFORE_ANY_CASE").search(text, max(0, s - 20), s) is not None
        add(s, e, _quantity(s + offset, e + offset, text[s:e], float(value), "count", noun, approx))


def _word_counts(text: str, low: str | None = None, words: set[str] | None = None,
                 lower_case: bool = False) -> Iterator[re.Match[str]]:
    """WORD_COUNT's matches (their spans; read in low, case by case, when lower_case), tried only where a
    number word or a vague amount starts (low: text.lower(), words: the runs of letters of low, if known)."""
    if not text.isascii() and FOLDS_APART_RX.search(text):  # "nıne": the words as the patterns read them
        offsets = {pos for pos, word in lower_words(text) if fold(word) in _WORD_COUNT_OPENERS}
    elif text.isascii() or _SPECIAL_LOWER.isdisjoint(text):  # then low[i] is text[i] lowered
        low = text.lower() if low is None else low
        if words is not None and text.isascii():
            offsets = set(_word_offsets(low, words & _WORD_COUNT_OPENERS))
        else:
            offsets = {m.start() for m in _OPENER_AT.finditer(low)}
    else:
        offsets = {pos for pos, word in lower_words(text) if word in _WORD_COUNT_OPENERS}
    if text.isascii() and low is not None:  # _VAGUE_AT's matches: the English amounts, as written in low
        offsets.update(at for vague in _ASCII_VAGUE if vague in low for at in _occurrences(low, vague))
    else:
        offsets.update(m.start() for m in _VAGUE_AT.finditer(text))
    if lower_case and low is not None:
        return matches_at(_twin("WORD_COUNT"), sorted(offsets), low)
    return matches_at(_rx("WORD_COUNT"), sorted(offsets), text)


_ASCII_VAGUE = [v for v in VAGUE if v.isascii()]


def _occurrences(text: str, part: str) -> Iterator[int]:
    """Where part occurs in text."""
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _word_offsets(low: str, present: set[str]) -> Iterator[int]:
    """Where each of the words present (runs of letters of the ASCII text low) occurs as a whole run."""
    for word in present:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not low[at - 1].isalpha()) and (end == len(low) or not low[end].isalpha()):
                yield at
            at = low.find(word, end)


def _after_direction(text: str, end: int) -> int:
    after = text[end:end + 25].lower()
    if _UP_AFTER.match(after):
        return 1
    if _DOWN_AFTER.match(after):
        return -1
    return 0


_SPACES = re.compile(r"\s+")
_DOT_GROUP = re.compile(r"\d{1,3}\.\d{3}")
# Every reading of a number after which it is an ordinal: "8th".
_ORDINALS = frozenset({"st", "nd", "rd", "th"})


@dataclass(frozen=True)
class Column:
    """A Markdown table column: its name and what its header says about units."""

    header: str
    name: str  # the header without its unit ("Trade Volume")
    scale: float = 1.0
    unit: str = ""  # currency code, "percent", or a count unit from the header
    is_period: bool = False


@dataclass
class MarkdownTable:
    """A pipe table in the text, with header units parsed and the offsets of each row."""

    start: int
    end: int
    columns: list[Column]
    rows: list[list[str]] = field(default_factory=list)
    row_spans: list[tuple[int, int]] = field(default_factory=list)

    def value(self, row: int, col: int) -> float | None:
        """The cell as a number scaled by its column's unit, None when not numeric."""
        cell = self.rows[row][col].strip().replace("%", "")
        m = re.fullmatch(r"[+\-−]?\s*(?:" + _NUM + r")", cell)
        if not m:
            return None
        return scaled(to_number(cell.replace("−", "-").replace(" ", "")), self.columns[col].scale)


_ROW = quick_rx(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_PERIOD_HEADER = quick_rx(r"\b(?:year|period|date|month|quarter|season)\b", re.I)


def parse_column(header: str) -> Column:
    """Read a header like "Trade Volume (Billion USD)" or "Growth Rate (%)"."""
    header = header.strip()
    m = re.match(r"(?P<name>.*?)\s*[(\[](?P<unit>[^)\]]*)[)\]]\s*$", header)
    name, unit_text = (m.group("name"), m.group("unit")) if m else (header, "")
    scale, unit = 1.0, ""
    for word in re.findall(r"[^\s,]+", unit_text.lower()):
        if word in SCALES and word not in ("m", "b", "k"):
            scale *= SCALES[word]
        elif word in ("%", "percent", "pct"):
            unit = "percent"
        elif word in CURRENCY_WORDS or word in CURRENCY_SYMBOLS:
            unit = CURRENCY_WORDS.get(word) or CURRENCY_SYMBOLS[word]
        elif word:
            unit = (unit + " " + word).strip()
    if not unit and re.search(r"%|\bpercent", header, re.I):
        unit = "percent"
    return Column(header, name.strip(), scale, unit, bool(_PERIOD_HEADER.search(name)))


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def find_markdown_tables(text: str) -> list[MarkdownTable]:
    """Pipe tables (header line, separator line, rows) with their offsets in text."""
    lines: list[tuple[int, int]] = [m.span() for m in _ROW.finditer(text)]
    tables: list[MarkdownTable] = []
    i = 0
    while i + 1 < len(lines):
        (hs, he), (ss, se) = lines[i], lines[i + 1]
        adjacent = text[he:ss].strip() == ""
        if not adjacent or not _SEPARATOR.match(text[ss:se]):
            i += 1
            continue
        table = MarkdownTable(hs, se, [parse_column(c) for c in _cells(text[hs:he])])
        j = i + 2
        prev_end = se
        while j < len(lines) and text[prev_end:lines[j][0]].strip() == "":
            rs, re_ = lines[j]
            cells = _cells(text[rs:re_])
            cells += [""] * (len(table.columns) - len(cells))
            table.rows.append(cells[: len(table.columns)])
            table.row_spans.append((rs, re_))
            table.end = prev_end = re_
            j += 1
        tables.append(table)
        i = j
    return tables
