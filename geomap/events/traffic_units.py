"""What a traffic figure counts: counted nouns, rates and currencies per language, as data tables.

pint (measured on the events dev set) reads the unit of 77 of the 296 traffic keys -- tonnes, hours,
km, which these tables read already; the unit errors left are counted nouns, currencies and rates, which
pint has no notion of, so it is not a dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geomap.events.sieve import Sieve, fold_unsafe, quick_rx
from geomap.events.traffic_cuewords import has_cjk

# (pattern of the counted noun, unit written in the output, metric). First match at a position wins,
# so longer phrases come first. The unit is the plural counted thing (SCHEMA.md); a rate is added later.
NOUNS: list[tuple[str, str, str]] = [
    # English
    (r"train\s+pairs|pairs\s+of\s+trains", "train pairs", "trains"),
    (r"(?:(?:freight|container|cargo|block|passenger)\s+)?train\s+(?:trips|runs|services|journeys)"
     r"|(?:freight\s+|container\s+|cargo\s+|block\s+)?trains?", "trains", "trains"),
    (r"wagons?|rail\s*cars|railcars|carriages", "wagons", "other"),
    (r"TEUs?\b|twenty-foot\s+equivalent\s+units?", "TEU", "containers"),
    (r"containers?", "containers", "containers"),
    (r"truck\s*loads?|trucks?|lorr(?:y|ies)|heavy\s+goods\s+vehicles|HGVs?|(?:cargo|freight|goods|"
     r"commercial|heavy)\s+vehicles?|(?:tractor-|semi-)?trailers|semis", "trucks", "trucks"),
    (r"buses|bus|coaches", "buses", "buses"),
    (r"(?:passenger|private)\s+cars|cars?|automobiles", "cars", "vehicles"),
    (r"vehicles?(?:\s+(?:crossings|movements|trips|entries))?", "vehicles", "vehicles"),
    (r"passengers?(?:\s+(?:movements|trips|crossings|journeys))?", "passengers", "passengers"),
    (r"people|persons|individuals|travell?ers|visitors|tourists|pedestrians|commuters|migrants|refugees|"
     r"returnees|asylum[- ]seekers|citizens|nationals|pilgrims|shoppers|"
     r"(?-i:[A-Z][a-z]+(?:ians|ans|ns))",
     "people", "crossings"),
    (r"(?:border\s+)?crossings|entries|arrivals", "crossings", "crossings"),
    (r"(?:metric\s+)?(?:tonnes|tons|t)\b(?!-)", "tonnes", "freight"),
    (r"hours?|hrs?\b|h\b", "hours", "wait time"),
    (r"days?|nights?", "days", "wait time"),
    (r"minutes?|mins?\b", "minutes", "wait time"),
    (r"weeks?", "weeks", "wait time"),
    (r"km\b|kilomet(?:re|er)s?|miles?", "km", "queue"),
    # Russian
    (r"грузовик\w*|фур\b|фуры|грузовых\s+(?:автомобил\w*|машин\w*)|большегруз\w*", "trucks", "trucks"),
    (r"машин\w*|автомобил\w*|транспортных\s+средств", "vehicles", "vehicles"),
    (r"автобус\w*", "buses", "buses"),
    (r"поезд\w*|состав\w*", "trains", "trains"),
    (r"вагон\w*", "wagons", "other"),
    (r"контейнер\w*", "containers", "containers"),
    (r"пассажир\w*", "passengers", "passengers"),
    (r"человек|чел\.|туристов|путешественник\w*", "people", "crossings"),
    (r"тонн\w*|т\b", "tonnes", "freight"),
    (r"час\w*", "hours", "wait time"),
    (r"суток|сутки|дней|дня|день", "days", "wait time"),
    (r"километр\w*|км\b", "km", "queue"),
    # Chinese (the measure word right after the number; the noun before it, read by noun_before)
    (r"货车|卡车", "trucks", "trucks"),
    (r"客车|大巴", "buses", "buses"),
    (r"列车|班列", "trains", "trains"),
    (r"余?人次|余?名?旅客|余?人", "people", "crossings"),
    (r"余?辆(?:次)?", "vehicles", "vehicles"),
    (r"余?列", "trains", "trains"),
    (r"余?标箱|余?TEU", "TEU", "containers"),
    (r"余?吨", "tonnes", "freight"),
    (r"余?个?小时", "hours", "wait time"),
    (r"余?天", "days", "wait time"),
    (r"余?公里", "km", "queue"),
    # Spanish
    (r"camiones|cami[oó]n|tr[aá]ileres|tractocamiones|veh[ií]culos\s+de\s+carga", "trucks", "trucks"),
    (r"veh[ií]culos?", "vehicles", "vehicles"),
    (r"autobuses", "buses", "buses"),
    (r"coches|autom[oó]viles|autos", "cars", "vehicles"),
    (r"trenes", "trains", "trains"),
    (r"contenedores", "containers", "containers"),
    (r"pasajeros", "passengers", "passengers"),
    (r"personas|viajeros|turistas|visitantes|peatones", "people", "crossings"),
    (r"cruces", "crossings", "crossings"),
    (r"toneladas", "tonnes", "freight"),
    (r"horas", "hours", "wait time"),
    (r"d[ií]as", "days", "wait time"),
    (r"kil[oó]metros", "km", "queue"),
    # Polish
    (r"ci[eę][żz]ar[oó]w\w*|tir[oó]w|tiry", "trucks", "trucks"),
    (r"pojazd[oó]w|pojazdy", "vehicles", "vehicles"),
    (r"samochod[oó]w\s+osobowych|samochod[oó]w|samochody|aut\b", "cars", "vehicles"),
    (r"autobus[oó]w|autobusy", "buses", "buses"),
    (r"poci[aą]g[oó]w|poci[aą]gi", "trains", "trains"),
    (r"pasa[zż]er[oó]w", "passengers", "passengers"),
    (r"os[oó]b|osoby|podr[oó][zż]nych", "people", "crossings"),
    (r"ton\b|tony", "tonnes", "freight"),
    (r"godzin\w*", "hours", "wait time"),
    (r"dni|doby|dób", "days", "wait time"),
    (r"kilometr[oó]w|km\b", "km", "queue"),
]
# All nouns in one pattern, in table order (the first alternative that matches at a position and ends its
# word wins; the test after the alternatives backtracks into them in the same order as one after each).
_EACH_NOUN = "|".join(rf"(?P<n{i}>{p})" for i, (p, _, _) in enumerate(NOUNS))
# A noun ends where a word does; a Chinese measure word may run into the next word ("上千辆已是常态").
_ANY_NOUN = re.compile(rf"(?:{_EACH_NOUN})(?:(?<=[\u3400-\u9fff])|(?![^\W\d_]))", re.I)
# Every noun opens with a letter: one starting a word starts where a run of letters does.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_WORD_OR_ASIDE = re.compile(r"\([^)]{0,40}\)|[^\W\d_][\w’'.-]*")


# The words (lower case) a noun of the table can open with: whole words, and stems of rows ending in \w*.
# Only where one of them (or a word ending in "ns", a demonym) starts is the table's pattern tried.
NOUN_OPENERS = frozenset({
    # English
    "train", "trains", "pairs", "freight", "container", "cargo", "block", "passenger", "wagon", "wagons",
    "rail", "railcars", "carriages", "teu", "teus", "twenty", "containers", "truck", "trucks", "truckload",
    "truckloads", "lorry", "lorries", "heavy", "hgv", "hgvs", "goods", "commercial", "tractor", "semi",
    "trailers", "semis", "buses", "bus", "coaches", "private", "cars", "car", "automobiles", "vehicle",
    "vehicles", "passengers", "people", "persons", "individuals", "travellers", "travelers", "visitors",
    "tourists", "pedestrians", "commuters", "migrants", "refugees", "returnees", "asylum", "citizens",
    "nationals", "pilgrims", "shoppers", "border", "crossings", "entries", "arrivals", "metric", "tonnes",
    "tons", "t", "hour", "hours", "hr", "hrs", "h", "day", "days", "night", "nights", "minute", "minutes",
    "min", "mins", "week", "weeks", "km", "kilometre", "kilometres", "kilometer", "kilometers", "mile",
    "miles",
    # Russian
    "фур", "фуры", "грузовых", "транспортных", "человек", "чел", "туристов", "т", "суток", "сутки", "дней",
    "дня", "день", "км",
    # Spanish
    "camiones", "camión", "camion", "tráileres", "traileres", "tractocamiones", "vehículos", "vehiculos",
    "vehículo", "vehiculo", "autobuses", "coches", "automóviles", "automoviles", "autos", "trenes",
    "contenedores", "pasajeros", "personas", "viajeros", "turistas", "visitantes", "peatones", "cruces",
    "toneladas", "horas", "días", "dias", "kilómetros", "kilometros",
    # Polish
    "tirów", "tirow", "tiry", "pojazdów", "pojazdow", "pojazdy", "samochodów", "samochodow", "samochody",
    "aut", "autobusów", "autobusow", "autobusy", "osób", "osob", "osoby", "ton", "tony", "dni", "doby",
    "dób", "kilometrów", "kilometrow",
})
NOUN_OPENER_STEMS = ("грузовик", "большегруз", "машин", "автомобил", "автобус", "поезд", "состав", "вагон",
                     "контейнер", "пассажир", "путешественник", "тонн", "час", "километр", "ciężar", "ciezar",
                     "cieżar", "cięzar", "pociąg", "pociag", "pasażer", "pasazer", "podr", "godzin")
# Letters that case-fold unlike their lower case ("ſ" for "s"): in a word with one, as in a word with
# Chinese characters (has_cjk: nouns follow a number without a space), the pattern is always tried.
_TRY_ALWAYS = fold_unsafe("".join([*NOUN_OPENERS, *NOUN_OPENER_STEMS, "ians"]))


def _noun_at(text: str, i: int) -> re.Match[str] | None:
    """_ANY_NOUN.match(text, i), tried only where a word that can open a noun starts."""
    if i and i < len(text) and _is_letter(text[i - 1]):
        return _ANY_NOUN.match(text, i)  # inside a word
    run = _LETTER_RUN.match(text, i)
    if run is None:
        return None  # every noun opens with a letter
    word = run.group(0)
    if word.isascii() or _TRY_ALWAYS.isdisjoint(word) and not has_cjk(word):
        low = word.lower()
        if low not in NOUN_OPENERS and not low.startswith(NOUN_OPENER_STEMS) and not low.endswith("ns"):
            return None
    return _ANY_NOUN.match(text, i)


def _is_letter(ch: str) -> bool:
    """Whether a character is a letter as [^\\W\\d_] has it."""
    return ch.isalnum() and not ch.isdecimal()


def _counted(m: re.Match[str]) -> Counted:
    _, unit, metric = NOUNS[int(m.lastgroup[1:])]
    return Counted(unit, metric, m.end())
# Words that may stand between a number and its noun ("2,000 loaded trucks", "9,000 China-Europe freight
# train trips"): at most this many, and none of the words that end a noun phrase.
MAX_MODIFIERS = 4
PHRASE_END = quick_rx(r"[;:!?]|\.\s|,|\b(?:of|in|on|at|by|for|from|to|and|or|with|was|were|is|are|has|have|"
                      r"had|that|which|who|than|per|a|an|the|through|across|into|over|between|worth)\b",
                      re.I)

# Rates written after the counted thing ("a day", "annually") or before the number ("日均", "daily").
RATES: list[tuple[str, str]] = [
    (r"a\s+day|per\s+day|each\s+day|every\s+day|daily|/\s*day|a\s+day\s+on\s+average|per\s+24\s+hours|"
     r"в\s+сутки|в\s+день|ежедневно|每天|每日|al\s+d[ií]a|diari[oa]s|por\s+d[ií]a|dziennie|na\s+dob[eę]|"
     r"na\s+dzie[nń]", "day"),
    (r"a\s+year|per\s+year|each\s+year|every\s+year|annually|per\s+annum|yearly|/\s*year|в\s+год|"
     r"ежегодно|每年|al\s+a[nñ]o|anuales|rocznie|na\s+rok", "year"),
    (r"a\s+month|per\s+month|each\s+month|every\s+month|monthly|/\s*month|в\s+месяц|每月|al\s+mes|"
     r"miesi[eę]cznie", "month"),
    (r"a\s+week|per\s+week|each\s+week|every\s+week|weekly|/\s*week|в\s+неделю|每周|a\s+la\s+semana|"
     r"tygodniowo", "week"),
    (r"an\s+hour|per\s+hour|each\s+hour|every\s+hour|hourly|/\s*hour|в\s+час|每小时|por\s+hora|"
     r"na\s+godzin[eę]", "hour"),
]
# How far after its noun a rate may be written: a count's rate is close ("300 trucks a day"); a trade
# value's often ends its clause ("$5 billion of goods moves through the port annually").
RATE_REACH = {"count": 60, "money": 100}


def _rate_after_rx(rate: str, reach: int) -> re.Pattern[str]:
    """A rate phrase within reach after a noun, not one that dates something ("a year earlier"); tried at
    each offset up to the reach behind a look-ahead for the rates' first letters (quick_rx)."""
    here = quick_rx(r"(?<![^\W_])(?:" + rate + r")(?![^\W\d_])"
                    r"(?!\s+(?:earlier|ago|before|later|after|on|previously))", re.I)
    return re.compile(rf"^[^.;:!?\d]{{0,{reach}}}?{here.pattern}", re.I)


@cache
def _rate_after_each(kind: str, i: int) -> re.Pattern[str]:
    """RATES' i-th rate after a noun of this kind (compiled when first tried)."""
    return _rate_after_rx(RATES[i][0], RATE_REACH[kind])


# Any rate of the table (a quick test: without a match here, none of the rates follows).
_ANY_RATE = "|".join(p for p, _ in RATES)
_ANY_RATE_AFTER = {kind: _rate_after_rx(_ANY_RATE, reach) for kind, reach in RATE_REACH.items()}
_EVERY_AFTER = re.compile(r"[^.;:!?\d]{0,60}?(?=[ep])\b(?:every|each|per)\s+(day|week|month|year)\b", re.I)
_RATE_BEFORE = [
    (quick_rx(r"(?:\bdaily\s+(?:average\s+)?(?:of\s+)?|\ban?\s+average\s+of\s+|日均|每日|每天|单日)"
                r"[^\d.;]{0,12}$", re.I), "day"),
    (quick_rx(r"\bon\s+an?\s+(?:normal|average|typical|ordinary|busy|good)\s+day\b[^.;]{0,120}$", re.I),
     "day"),
    (quick_rx(r"\bin\s+an?\s+(?:normal|average|typical)\s+year\b[^.;]{0,60}$", re.I), "year"),
    (quick_rx(r"\b(?:each|every|per)\s+day\b[^.;]{0,60}$", re.I), "day"),
    (quick_rx(r"\b(?:each|every|per)\s+year\b[^.;]{0,60}$", re.I), "year"),
    (quick_rx(r"\b(?:for|in|within)\s+(?:an|one|a\s+single)\s+hour\b[^.;]{0,60}$", re.I), "hour"),
    # "the value of cargo passing through the border annually is estimated at $1.5 billion"
    (quick_rx(r"\b(?:annually|yearly)\b[^.;\d]{0,100}$", re.I), "year"),
]
# One of these is in every match of the _RATE_BEFORE pattern in the same place (a quick test first).
_RATE_BEFORE_CUES = [("daily", "average", "日均", "每日", "每天", "单日"), ("day",), ("year",), ("day",),
                     ("year",), ("hour",), ("annually", "yearly")]
_RATE_BEFORE_WORDS = Sieve([c for cues in _RATE_BEFORE_CUES for c in cues])
_DAILY_NOUN = re.compile(r"^\s*(?:daily|average\s+daily|a\s+day)\s", re.I)

# Chinese counts vehicles with one measure word (辆); a freight word in the clause makes them trucks
# ("货运通道通关车辆10万辆", "货车上千辆").
CJK_CLAUSE_END = re.compile(r"[，。；：、,;:]")
CJK_FREIGHT = re.compile(r"货|卡车|集装箱车")


def cjk_freight_clause(text: str, start: int) -> bool:
    """Whether the Chinese clause before start names freight (its vehicles are then trucks)."""
    if not start or not _is_cjk(text[start - 1]) and not text[start - 1].isdigit():
        return False
    clause = CJK_CLAUSE_END.split(text[max(0, start - 40):start])[-1]
    return any(_is_cjk(c) for c in clause) and CJK_FREIGHT.search(clause) is not None


# Rupee signs resolve by the country the sentence or document is about.
RUPEE = {"IN": "INR", "NP": "NPR", "PK": "PKR", "LK": "LKR"}
CURRENCY_COUNTRY = {"INR": "IN", "NPR": "NP", "PKR": "PK", "LKR": "LK", "BDT": "BD", "KZT": "KZ",
                    "MNT": "MN", "CNY": "CN", "RUB": "RU", "PLN": "PL", "USD": "US", "MXN": "MX",
                    "TRY": "TR", "GEL": "GE", "EUR": ""}


@dataclass(frozen=True)
class Counted:
    """The counted thing a number is followed by: output unit, metric, where the noun phrase ends."""

    unit: str
    metric: str
    end: int  # offset (in the searched text) just past the noun


def counted_noun(text: str, pos: int) -> Counted | None:
    """The unit noun starting at text[pos:], after at most a few modifier words; None when none."""
    i = pos
    for _ in range(MAX_MODIFIERS + 1):
        while i < len(text) and text[i] in " \t-–(":
            i += 1
        m = _noun_at(text, i)
        if m:
            return _counted(m)
        word = _WORD_OR_ASIDE.match(text, i)
        if not word or PHRASE_END.match(text, i) or not text[i].isascii() and _is_cjk(text[i]):
            return None
        i = word.end()
    return None


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def noun_before(text: str) -> Counted | None:
    """The last unit noun in text (the part of a sentence before a bare number: "trucks rose to 900")."""
    best: Counted | None = None
    after = 0
    for start in [w.start() for w in _LETTER_RUN.finditer(text)]:
        m = _noun_at(text, start) if start >= after else None
        if m is not None:
            after = m.end()
            found = _counted(m)
            if found.metric not in ("wait time", "queue"):
                best = found
    return best


def main_noun(text: str) -> Counted | None:
    """The unit noun named most often in text (what "trips" or "movements" are of), latest on ties."""
    found: dict[int, tuple[int, int, int]] = {}  # noun row -> (count, last start, end of its last match)
    each = _each_noun_at_word()
    for start in [w.start() for w in _LETTER_RUN.finditer(text)]:
        if _noun_at(text, start) is None:
            continue  # no noun of the table starts here
        for i, (s, e) in enumerate(each.match(text, start).regs[1:]):
            if s >= 0 and s >= found.get(i, (0, -1, 0))[2]:  # each noun's matches do not overlap
                n, _, _ = found.get(i, (0, -1, 0))
                found[i] = (n + 1, s, e)
    seen: dict[tuple[str, str], tuple[int, int]] = {}
    for i in sorted(found):  # in table order, as when each noun was looked for in turn
        _, unit, metric = _TALLIED[i]
        n, last = seen.get((unit, metric), (0, -1))
        seen[(unit, metric)] = (n + found[i][0], max(last, found[i][1]))
    if not seen:
        return None
    (unit, metric), _ = max(seen.items(), key=lambda kv: kv[1])
    return Counted(unit, metric, 0)


# The nouns main_noun tallies: what can be counted in trips, not waits, queues or freight.
_TALLIED = [row for row in NOUNS if row[2] not in ("wait time", "queue", "freight")]


@cache
def _each_noun_at_word() -> re.Pattern[str]:
    """Each tallied noun in its own lookahead at a word start, so that one match says which nouns start
    there (compiled when first needed)."""
    each = "".join(rf"(?:(?=(?P<n{i}>(?:{p})(?![^\W\d_])))|)" for i, (p, _, _) in enumerate(_TALLIED))
    return re.compile(rf"(?<![^\W\d_]){each}", re.I)


def rate_after(text: str, pos: int, kind: str = "count") -> tuple[str, int] | None:
    """("day", end) when a rate phrase follows pos closely ("a day", "annually"); else None."""
    tail = text[pos:]
    if _ANY_RATE_AFTER[kind].match(tail):
        for i, (_, rate) in enumerate(RATES):
            m = _rate_after_each(kind, i).match(tail)
            if m:
                return rate, pos + m.end()
    if kind != "count":
        return None
    m = _EVERY_AFTER.match(text, pos)  # "crossed the border every day before the closure"
    return (m.group(1).lower(), m.end()) if m else None


def rate_before(text: str, start: int) -> str | None:
    """A rate written before the number ("a daily average of 300", "日均1.2万")."""
    before = text[max(0, start - 140):start]
    low = _RATE_BEFORE_WORDS.lower(before)
    for (rx, rate), cues in zip(_RATE_BEFORE, _RATE_BEFORE_CUES, strict=True):
        if low is not None and not any(c in low for c in cues):
            continue  # none of the words every match of rx holds
        if rx.search(before):
            return rate
    return None


def daily_noun(text: str, pos: int) -> bool:
    """ "1,200 daily crossings": a rate word between the number and its noun."""
    return bool(_DAILY_NOUN.match(text[pos:]))
