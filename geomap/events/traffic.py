"""Traffic figures: every number with a counted noun, a rate, a period and a place, from sentences and tables.

One figure per number: its unit comes from the noun it counts (traffic_units), what kind of figure it is
from cue words around it (traffic_cues), its period from the dates nearest to it (traffic_period) and its
place from the crossing the sentence is about (traffic_place).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geomap.events.context import DocContext, Sentence
from geomap.events.dates import parse_doc_date
from geomap.events.number_words import groups_thousands_with_dots, words_to_number
from geomap.events.quantities import Quantity, find_markdown_tables, find_quantities
from geomap.events.sieve import QuickSieve, matches_at, may_contain, quick_rx
from geomap.events.text_tables import find_text_tables
from geomap.events.traffic_cues import (
    AT_ONCE_CUES,
    AT_ONCE_RX,
    CAPACITY_RX,
    EXPECTED_TAKE_RX,
    FACILITIES_RX,
    FIXTURES_RX,
    HANDLED_CUES,
    HANDLED_RX,
    HARMED_RX,
    MATERIAL_RX,
    NOT_FREIGHT_RX,
    NOT_MOVING_RX,
    NOT_TRADE_RX,
    POPULATION_RX,
    QUEUE_MARK_RX,
    QUEUE_RX,
    QUEUE_SUBJECT_RX,
    TRADE_RX,
    VENUE_RX,
    WAIT_RX,
)
from geomap.events.traffic_figure import Figure, label
from geomap.events.traffic_gate import readable
from geomap.events.traffic_period import Span, find_periods, running_total, same_period
from geomap.events.traffic_place import Placer
from geomap.events.traffic_respectively import respective_places
from geomap.events.traffic_tables import table_figures
from geomap.events.traffic_units import (
    RUPEE,
    Counted,
    cjk_freight_clause,
    counted_noun,
    daily_noun,
    main_noun,
    noun_before,
    rate_after,
    rate_before,
)
from geomap.events.traffic_when import (
    BACKWARD,
    BASE_BEFORE,
    CHANGED_TO,
    COMPARED,
    SINCE,
    end_of_that_year,
    in_year,
    is_base_year,
    last_year,
    nearest,
)
from geomap.events.unseen import Seen, add_unseen
from geomap.model import Place, Traffic

CONVERSION = quick_rx(r"(?:\(\s*|\b(?:or|about|approximately|roughly|around|some|equivalent\s+to)\s+|,\s*)"
                      r"(?:about|approximately|around|roughly|some|equivalent\s+to|~)?\s*$", re.I)
RANGE_JOIN = re.compile(r"^\s*(?:to|-|–|—|or|and|y|a|o|i|do|и|до|по)\s*(?:about\s+|some\s+)?$", re.I)
FROM_BEFORE = quick_rx(r"\bfrom\s+(?:about\s+|some\s+)?$", re.I)
BETWEEN_BEFORE = quick_rx(r"\b(?:between|from|entre|mi[eę]dzy|od|между|от)\s+(?:about\s+|some\s+)?$", re.I)
INHERIT_WORDS = {"", "more", "others", "other", "each", "apiece", "a", "per", "daily", "the", "in", "on",
                 "at",
                 "by", "and", "or", "to", "from", "last", "this", "with", "as", "were", "was", "had", "have",
                 # motion words after an elided noun ("272 trucks heading out and 154 coming in")
                 "coming", "going", "heading", "leaving", "entering", "crossing", "arriving", "departing",
                 "went", "came", "left", "crossed", "entered", "waiting", "inbound", "outbound",
                 "today", "now", "currently", "during",
                 "units", "unidades", "jednostek", "единиц", "counted", "recorded", "registered", "reported"}
# Fewer "crossings" than this are crossing points counted ("two crossings reopened"), not people crossing.
MIN_CROSSINGS = 100
FREQUENCY = re.compile(r"\b(?P<n>once|twice|thrice|(?P<k>\d+|two|three|four|five|six|seven|eight|nine|ten)"
                       r"\s+times)\s+(?:a|per|each|every)\s+(?P<per>day|week|month|year)\b", re.I)
# Between a figure with a rate and a like figure without one, the words that carry the rate over.
RATE_CARRIED = re.compile(r"[^;:()\d]{0,200}?\b(?:and|along\s+with|as\s+well\s+as)\s+"
                          r"(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|up\s+to\s+)?"
                          r"(?:[\d.,]+\s*(?:to|-|–|or)\s*)?", re.I)  # "... and 40 to 50 lorries"
# Between two figures that share a rate ("300 vehicles and 2,850 people a day", "from 20 to 40 thousand
# passengers and from 1 to 2 thousand cars per day").
SHARED = re.compile(r"\s*(?:(?:of|in)\s+\w+\s+)?(?:,|and|or|,\s*and|to|and\s+from|,\s*and\s+from)\s*"
                    r"(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?", re.I)
# A change still to come ("capacity will increase from ..."): the figure it starts from stands now.
WILL_CHANGE = quick_rx(r"\b(?:will|shall|(?:is|are)\s+(?:expected|planned|set)\s+to)\s+(?:\w+\s+){0,2}?"
                       r"(?:increase|rise|grow|double|triple|expand|fall|decrease|drop)\s+"
                       r"(?:from\b[^.;]{0,80}?\band\s+)?from\s+(?:about\s+|some\s+)?$", re.I)
# A figure told as what stands now ("there are 300 trucks waiting"): it is dated by the publication date.
CURRENT = quick_rx(r"\b(?:there\s+(?:are|is)|are\s+(?:now\s+)?(?:waiting|stuck|stranded|held\s+up|"
                   r"trapped|queu\w*)|remain\s+(?:stuck|stranded))\b", re.I)
FREQUENCY_SIEVE = ("once", "twice", "thrice", "times")
RAIL_WORDS = quick_rx(r"\b(?:trains?|rail\w*|carriages?|wagons?|station|locomotives?)\b", re.I)
VAGUE_EN = ("dozens of", "hundreds of", "thousands of")
# "the count was 11,933": a tally of what the text was counting.
TALLY = quick_rx(r"\b(?:count|number|figure|total|tally)\s+(?:\w+\s+){0,3}?"
                 r"(?:was|were|is|stood\s+at|reached|"
                 r"rose\s+to|fell\s+to|came\s+to|hit)\s+(?:about\s+|some\s+|roughly\s+|nearly\s+|just\s+)?$",
                 re.I)
# Nouns that count journeys of whatever the text is about ("8,000 trips" of trains, of buses).
TRIP_WORDS = {"trips", "journeys", "runs", "services", "departures", "movements"}
DATE_TAIL = quick_rx(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
                     r"(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*$", re.I)
OBSERVED = quick_rx(r"\b(?:(?:we|I|you)\s+(?:can\s+|could\s+)?(?:watch\w*|observ\w*|saw|see|seen|spott\w*|"
                    r"count\w*)|(?:can|could)\s+(?:watch|observe|see))\b", re.I)
CREDIT = re.compile(r"^\s*\(?(?:Photo|Picture|Image|Pictured|Credit)s?\b"
                    r"|/\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*\)?\s*$")
# "Highway 15", "Gate 3", "No. 2": a number that names something, not a count.
IDENTIFIER = quick_rx(r"(?:\b(?:Highway|Route|Road|Interstate|Gate|Terminal|Pier|Berth|Platform|Exit|Km|"
                      r"No\.?|"
                      r"Number|Section|Phase|Line|Block|Lane|Zone|Article|Resolution|Flight|Checkpoint|Post|"
                      r"Building|Hall|Window|Booth|Track|Runway|Bridge|Unit|Title|T[ií]tulo|Titre|Chapter|"
                      r"Cap[ií]tulo|Art[ií]culo|Paragraph)\s*|#\s*|[A-Za-z]-)$")
# The longest name IDENTIFIER reads before a number ("Resolution"), and a little more.
IDENTIFIER_REACH = 12
# "COVID-19", "F-16": digits glued to a word by a hyphen name something, whatever noun follows.
GLUED = re.compile(r"[^\W\d_]-$|\d+-\d+-$")  # ... and the last part of "555-123-4567"


def ends_with(rx: re.Pattern[str], text: str, end: int) -> bool:
    """rx.search(text[:end]) is not None for a pattern of TAIL_WORDS (anchored at its end): tried only
    over the last few runs of non-space characters before end, as many as its matches span."""
    lo = end
    for _ in range(TAIL_WORDS[rx]):
        while lo and text[lo - 1].isspace():
            lo -= 1
        while lo and not text[lo - 1].isspace():
            lo -= 1
    return rx.search(text, lo, end) is not None


def _identified(text: str, start: int) -> bool:
    """IDENTIFIER.search(text[:start]), tried only over the last few characters before the spaces before
    start (every match is a name, spaces and the end)."""
    end = start
    while end and text[end - 1].isspace():
        end -= 1
    return IDENTIFIER.search(text, max(0, end - IDENTIFIER_REACH), start) is not None


def _glued(text: str, start: int) -> bool:
    """GLUED.search(text[:start]), tried only over the run of digits and hyphens before start."""
    at = start - 1 if start and text[start - 1] == "\n" else start
    while at and (text[at - 1] == "-" or text[at - 1].isdecimal()):
        at -= 1
    return GLUED.search(text, max(0, at - 1), start) is not None


def _credit_after_slash(text: str) -> bool:
    """CREDIT.search(text) past its first character: its credit date, tried only at each "/"."""
    at = text.find("/")
    while at >= 0:
        if CREDIT.match(text, at):
            return True
        at = text.find("/", at + 1)
    return False
# How far from hours or days a word saying they are a wait may be ("drivers waited up to three days").
WAIT_REACH = 120
# A person's age: "aged 25, 29 and 40", "ages 10 and 7", "Ana Ruiz, 41, said".
AGE_BEFORE = re.compile(r"(?:\b(?:aged?|ages)\s+(?:\d{1,3}\s*(?:,|and|or)\s*)*|"
                        r"(?-i:[A-Z][\w'’.-]+\s+[A-Z][\w'’.-]+),\s+)$", re.I)
AGE_AFTER = re.compile(r"\s*(?:[,;)]|\.(?:\s|$)|$|\s+(?:and|or)\s+\d)")
MAX_AGE = 110
# "400 to 500 of them a day": the pronoun stands for the noun of the figures just before.
OF_THEM = re.compile(r"\s+of\s+(?:them\b|(?:these|those)\b(?!\s+[^\W\d_]))", re.I)
# "476 vehicles, of which 356 ...", "из них 356": a part of the figure before, in its noun.
OF_WHICH = quick_rx(r"(?:\bof\s+(?:them|these|those|which)|(?<![^\W\d_])из\s+(?:них|которых)|"
                    r"\bde\s+(?:ellos|ellas|los\s+cuales|las\s+cuales)|(?<![^\W\d_])z\s+(?:nich|których))"
                    r"\s*,?\s*(?:about\s+|some\s+|около\s+|почти\s+)?$", re.I)
# One of these is in every OF_WHICH match (a quick test before it).
OF_WHICH_CUES = ("them", "these", "those", "which", "них", "которых", "ellos", "ellas", "cuales", "nich",
                 "których")
SHARE = re.compile(r"^\s*(?:%|percent|per\s+cent)?\s*of\b", re.I)
CROSS_VERB = quick_rx(r"\b(?:cross\w*|enter\w*|pass\w*\s+through)\b", re.I)
# A sentence reports a figure only with a digit, or failing that a number word or a "more than an hour".
DIGIT = re.compile(r"\d")
HAS_FIGURE = quick_rx(r"\b(?:single|no|zero|dozens?|hundreds|thousands|million|one|two|three|four|five|"
                      r"six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\b|\b(?:as\s+long\s+as|up\s+to|"
                      r"more\s+than|at\s+least)\s+an?\s+(?:hour|day|week)\b", re.I)
# The words HAS_FIGURE opens with: it is tried only where one starts.
FIGURE_OPENERS = QuickSieve(["single", "no", "zero", "dozen", "hundreds", "thousands", "million", "one",
                             "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
                             "thirty", "forty", "fifty", "as", "up", "more", "at"])


def _has_figure(text: str) -> bool:
    """A digit, or HAS_FIGURE's words (looked for only where their first word starts)."""
    if DIGIT.search(text):
        return True
    low = FIGURE_OPENERS.lower(text)
    if low is None:
        return HAS_FIGURE.search(text) is not None
    return next(matches_at(HAS_FIGURE, FIGURE_OPENERS.starts(low), text), None) is not None


# How many runs of non-space characters a match of each pattern anchored at its end ($) spans at most:
# before a number it is tried only over that many (ends_with).
TAIL_WORDS = {BASE_BEFORE: 4, DATE_TAIL: 4, TALLY: 8, FROM_BEFORE: 3, BETWEEN_BEFORE: 3, OF_WHICH: 5}
SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+")
SHARE_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent)", re.I)  # "12 percent": a share, not a count
SCALE_WORD = re.compile(r"\d\s?[^\W\d_]")  # "23.9 billion", "5bn"
NEXT_WORD = re.compile(r"\s*([^\W\d_]*)")
LETTER = re.compile(r"[^\W\d_]")
# Where a bare number's clause begins: its noun or fixture is looked for after the last of these.
CLAUSE_MARK = re.compile(r"[,;:]")
CLAUSE_BREAK = quick_rx(r"[;:]|,\s*(?:and|but|while|whereas|а|и|но|y|pero|a)\s")
OR_WORD = quick_rx(r"\bor\b")
AND_WORD = quick_rx(r"\b(?:and|y|i|и)\b")
DIGITS_RUN = re.compile(r"[\d.,  ]+")
UP_DOWN = quick_rx(r"\b(?:up|down)\b")


@dataclass
class _Reading:
    """One number of a sentence read as a figure, before its period and place are added."""

    q: Quantity
    value: float
    unit: str
    metric: str
    end: int  # where its noun phrase (and rate) ends, in the sentence
    rate: str = ""
    value_min: float | None = None


def _money(q: Quantity, text: str, prev: Quantity | None, country: str, prior: str = "") -> _Reading | None:
    """A trade value; None for budgets, costs, revenues and currency conversions."""
    if prev is not None and prev.kind == "money" and CONVERSION.search(text[prev.end:q.start]) \
            and q.start - prev.end < 25:
        return None
    clause = text[max(0, q.start - 70):min(len(text), q.end + 40)]
    recent = " ".join(SENTENCE_GAP.split(prior)[-2:]) if prior else ""
    if NOT_TRADE_RX.search(clause) or not (TRADE_RX.search(text) or TRADE_RX.search(recent)):
        return None
    unit = RUPEE.get(country, "INR") if q.unit == "Rs" else q.unit
    r = rate_after(text, q.end, "money")
    rate = r[0] if r else rate_before(text, q.start) or ""
    return _Reading(q, q.value, unit, "trade value", r[1] if r else q.end, rate)


def _count(q: Quantity, text: str, prev: _Reading | None, joined: Quantity | None = None,
           prior: str = "") -> _Reading | None:
    """A count with its noun, or the noun of the figure after it ("from 12 to 60 trains") or before it
    ("700 to 750 a day", "and 250 more")."""
    start = q.number_end
    if SHARE_AFTER.match(text, start) or q.text.lower().startswith(VAGUE_EN) or \
            "-" in text[max(0, q.start - 2):q.start] and _glued(text, q.start):
        return None  # a share, "hundreds of trucks" or "COVID-19": no figure
    if q.value <= MAX_AGE and q.text.isdigit() and AGE_AFTER.match(text, start) and \
            AGE_BEFORE.search(text[:q.start]):
        return None  # a person's age
    handled, at_once = text[max(0, q.start - 40):q.start], text[max(0, q.start - 40):q.end + 40]
    if FACILITIES_RX.match(text, start) or \
            may_contain(handled, HANDLED_CUES) and HANDLED_RX.search(handled) or \
            may_contain(at_once, AT_ONCE_CUES) and AT_ONCE_RX.search(at_once):
        return None  # "the other two checkpoints", "officers seized 40 cars", "12 cars at once": no traffic
    counted: Counted | None = counted_noun(text, start)
    them = OF_THEM.match(text, start) if counted is None and q.text[:1].isdigit() else None
    if them is not None:
        named = noun_before(prior + " " + text[:q.start])
        if named is not None:
            counted = Counted(named.unit, named.metric, them.end())
    if counted is None and may_contain(text[:q.start], OF_WHICH_CUES) and \
            ends_with(OF_WHICH, text, q.start):
        named = noun_before(text[:q.start])
        if named is not None:
            counted = Counted(named.unit, named.metric, start)
    if counted is None and text[start:start + 1] == "-":
        return None  # "a two-year break": a compound adjective, not a count
    if counted is None and _identified(text, q.start) and not q.text[:1].isalpha():
        return None
    if counted is not None and MATERIAL_RX.match(text[counted.end:counted.end + 40]):
        return None  # "113,000 tonnes of rails": a construction input, not freight carried
    if counted is not None and counted.metric == "crossings" and (
            NOT_MOVING_RX.search(text[counted.end:counted.end + 40])
            or POPULATION_RX.search(text[:q.start][-40:]) or HARMED_RX.search(text[:q.start][-40:])
            or VENUE_RX.search(text)):
        return None  # "four nationals were arrested", "a village of 700 people", "500 visitors at the fair"
    if counted is not None and counted.metric == "freight" and NOT_FREIGHT_RX.search(text[:q.start][-50:]):
        return None  # "rated for loads of up to 100 tonnes": a weight, not freight carried
    if counted is None and q.unit in TRIP_WORDS:
        named = main_noun(prior + " " + text[:q.start])
        if named is not None and named.metric not in ("freight", "wait time", "queue"):
            counted = Counted(named.unit, named.metric, start + len(q.unit))
    scaled = prev is not None and prev.metric == "trade value" and SCALE_WORD.search(q.text)
    following = NEXT_WORD.match(text, start).group(1).lower()  # no anchor: the same as on text[start:]
    if counted is None and following not in INHERIT_WORDS and not scaled:
        return None  # "23.9 billion" after "$24.6 billion" is money too, whatever word follows
    if counted is None and joined is not None:
        nxt = counted_noun(text, joined.number_end)
        if nxt is not None:
            r = rate_after(text, nxt.end)
            value = q.value
            if not LETTER.search(q.text) and _scale_of(joined) > 1:
                value *= _scale_of(joined)  # "3 and 4 million tonnes": both in millions
            return _Reading(q, value, nxt.unit, nxt.metric, start, r[0] if r else "")
    if counted is None and FIXTURES_RX.search(CLAUSE_MARK.split(text[:q.start])[-1]):
        return None  # "... and the lanes will number 22": a count of lanes, not of traffic
    if counted is None and prev is not None and (q.start - prev.end < 90 or scaled):
        r = rate_after(text, start)
        rate = r[0] if r else rate_before(text, q.start) or prev.rate  # "800 lorries a day, and 1,000 by ..."
        return _Reading(q, q.value, prev.unit, prev.metric, r[1] if r else start, rate)
    if counted is None and ends_with(TALLY, text, q.start):
        named = noun_before(text[:q.start]) or noun_before(prior)
        if named is not None:
            counted = Counted(named.unit, named.metric, start)
    if counted is None:
        clause = CLAUSE_BREAK.split(text[:q.start])[-1]
        before = noun_before(clause)
        if before is None:
            return None
        counted = Counted(before.unit, before.metric, start)
    r = rate_after(text, counted.end)
    rate = r[0] if r else ("day" if daily_noun(text, start) else rate_before(text, q.start) or "")
    return _Reading(q, q.value, counted.unit, counted.metric, r[1] if r else counted.end, rate)


def _classify(rd: _Reading, text: str, clause_start: int) -> _Reading | None:
    """Wait times, queues and capacities apart from flows; durations and distances not about waits dropped."""
    q = rd.q
    before = text[max(clause_start, q.start - 90):q.start]
    after = text[rd.end:rd.end + 40]
    if rd.metric == "wait time":
        near = text[max(0, q.start - WAIT_REACH):rd.end + WAIT_REACH]
        if not WAIT_RX.search(near) or EXPECTED_TAKE_RX.search(before):
            return None
        to_hours = {"days": 24.0, "weeks": 168.0, "minutes": 1 / 60}.get(rd.unit)
        if to_hours:  # waits are given in hours (SCHEMA.md)
            rd.value, rd.unit = round(rd.value * to_hours, 4), "hours"
            rd.value_min = round(rd.value_min * to_hours, 4) if rd.value_min is not None else None
        rd.rate = ""
        return rd
    if rd.metric == "queue":  # a length in km; "12 km an hour" is a speed
        queue = QUEUE_RX.search(before + " " + after) or QUEUE_MARK_RX.match(after)
        return rd if queue and not rd.rate else None
    if rd.unit in ("trucks", "vehicles", "cars", "buses", "containers", "people", "passengers", "trains") \
            and not rd.rate and (QUEUE_RX.search(before[-40:] + " " + text[rd.end:rd.end + 40])
                                 or QUEUE_SUBJECT_RX.search(text[clause_start:q.start])):
        rd.metric = "queue"
        return rd
    if CAPACITY_RX.search(before) or CAPACITY_RX.search(after[:25]):
        rd.metric = "capacity"
    return rd


def _readings(text: str, qs: list[Quantity], country: str, prior: str = "") -> list[_Reading]:
    """Every count and trade value of a sentence read as a figure; ranges joined."""
    nums = [q for q in qs if q.kind in ("count", "money")]
    factors = [q for q in qs if q.kind == "factor" and q.value >= 100 and CROSS_VERB.search(text)]
    nums = sorted(nums + [Quantity(f.start, f.end, f.text, f.value, "count", "crossings") for f in factors],
                  key=lambda q: q.start)
    out: list[_Reading] = []
    prev_q: Quantity | None = None
    skip_next = False
    for i, q in enumerate(nums):
        if skip_next:
            skip_next = False
            prev_q = q
            continue
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        low: float | None = None
        joined = nxt is not None and nxt.kind == q.kind and RANGE_JOIN.match(text[q.end:nxt.start])
        if joined and ends_with(FROM_BEFORE, text, q.start) and \
                not OR_WORD.search(text[q.end:nxt.start]):
            pass  # "from 12 to 60": a change, not a range ("from one or two days" is one)
        elif nxt is not None and nxt.kind == q.kind and RANGE_JOIN.match(text[q.end:nxt.start]) and \
                (q.kind == "count" and q.unit in ("", "to", "and", "or") or q.kind == "money" and
                 q.value <= nxt.value) and \
                (not AND_WORD.search(text[q.end:nxt.start])
                 or ends_with(BETWEEN_BEFORE, text, q.start)):
            low = q.value
            if low * 100 < nxt.value and not LETTER.search(q.text):
                low *= _scale_of(nxt)
            if low < nxt.value:
                q, skip_next = nxt, True
            else:
                low = None
        prev = out[-1] if out else None
        if q.unit == "crossings" and q.kind == "count" and q.text.lower().endswith("times"):
            rd: _Reading | None = _Reading(q, q.value, "crossings", "crossings", q.end)
        elif q.kind == "money":
            rd = _money(q, text, prev_q, country, prior)
        else:
            if q.value <= 31 and not q.unit and ends_with(DATE_TAIL, text, q.start):
                prev_q = q
                continue  # "between Nov. 8 and 12": the day of a date, not a count
            rd = _count(q, text, prev, nxt if joined else None, prior)
        prev_q = q
        if rd is None:
            continue
        if rd.unit == "vehicles" and cjk_freight_clause(text, q.start):
            rd.unit = rd.metric = "trucks"
        rd.value_min = low
        clause_start = prev.end if prev is not None else 0
        rd = _classify(rd, text, clause_start)
        if rd is not None and rd.value == 0 and not OBSERVED.search(text):
            continue  # "the link carries no passengers": only a count someone made can be zero
        if rd is not None and not (rd.unit == "crossings" and rd.value < MIN_CROSSINGS):
            out.append(rd)
    out = sorted(out + _frequencies(text, prior, out), key=lambda r: r.q.start)
    for a, b in zip(out, out[1:], strict=False):  # "capacity will grow from 20 to 40 ... and from 1 to 2 ..."
        if a.metric == "capacity" and b.metric not in ("capacity", "wait time", "queue", "trade value") and \
                SHARED.fullmatch(text[a.end:b.q.start]):
            b.metric = "capacity"
    for a, b in reversed(list(zip(out, out[1:], strict=False))):  # "300 vehicles and 2,850 people a day"
        between = text[a.end:b.q.start]
        if not a.rate and b.rate and a.metric != "wait time" and SHARED.fullmatch(between):
            a.rate = b.rate
    for a, b in zip(out, out[1:], strict=False):  # "5 tonnes a year now and 9 tonnes once expanded"
        if a.rate and not b.rate and a.unit == b.unit and b.metric in (a.metric, a.unit, "freight") and \
                RATE_CARRIED.fullmatch(text[a.end:b.q.start]):
            b.rate, b.metric = a.rate, a.metric  # the second figure is of the same kind
    return out


def _frequencies(text: str, prior: str, found: list[_Reading]) -> list[_Reading]:
    """Timetabled services ("runs twice a month", "three times a week"): a count of trains, buses..."""
    out: list[_Reading] = []
    lower = text.lower()
    if not any(w in lower for w in FREQUENCY_SIEVE):
        return out
    for m in FREQUENCY.finditer(text):
        if any(r.q.start <= m.start() < r.end for r in found):
            continue
        service = main_noun(prior + " " + text)
        if service is None or service.metric not in ("trains", "buses", "vehicles", "trucks"):
            if not RAIL_WORDS.search(prior + " " + text):
                continue
            service = Counted("trains", "trains", 0)  # a timetabled service on a railway
        n = m.group("n").lower()
        value = {"once": 1, "twice": 2, "thrice": 3}.get(n) or words_to_number(m.group("k") or "") or \
            float(m.group("k") or 0)
        if value:
            q = Quantity(m.start(), m.end(), m.group(0), float(value), "count", service.unit)
            out.append(_Reading(q, float(value), service.unit, service.metric, m.end(),
                                m.group("per").lower()))
    return out


def _scale_of(q: Quantity) -> float:
    m = DIGITS_RUN.match(q.text)
    if not m:
        return 1.0
    try:
        from geomap.events.number_words import digits_to_number
        raw = digits_to_number(m.group(0).strip(" ,."))
    except ValueError:
        return 1.0
    return q.value / raw if raw else 1.0


def _change(rd: _Reading, changes: list[Quantity],
            bounds: tuple[int, int]) -> tuple[float | None, float | None]:
    """The percent or factor change written in the figure's clause (after it, else just before it)."""
    lo, hi = bounds
    pct = factor = None
    near = sorted((q for q in changes if lo <= q.start < hi), key=lambda q: abs(q.start - rd.q.start))
    for q in near:
        if q.kind == "percent" and pct is None and (q.direction or UP_DOWN.search(q.text)):
            pct = q.value
        elif q.kind == "factor" and factor is None:
            factor = q.value if q.direction >= 0 else 1 / q.value if q.value > 1 else q.value
    return pct, factor


def _period(ctx: DocContext, s: Sentence, rd: _Reading, spans: list[Span], country: str,
            bounds: tuple[int, int], earlier: list[str]) -> tuple[str, str]:
    """ "The same period" as a figure before; the nearest stated period (in the figure's own stretch of
    the sentence first); a running total from 1 January; a photo's credit date; none for a typical rate."""
    lo, hi = bounds
    if ends_with(BASE_BEFORE, s.text, rd.q.start):  # "up from 9,100 a year earlier"
        base = [sp for sp in spans if lo <= sp.start and sp.end <= hi and sp.start >= rd.end
                and BACKWARD.search(s.text[sp.start:sp.end])]
        if base:
            return base[0].period, s.text[base[0].start:base[0].end]
        if WILL_CHANGE.search(s.text[:rd.q.start]) and not own_spans_before(spans, rd.q.start):
            return ctx.doc.date or "", ""  # "will grow from 30 to 50 thousand": 30 thousand is today's
    same = same_period(s.text, earlier)
    if same is not None and not any(sp.end <= same[1].start() and not SINCE.search(s.text[:sp.start])
                                    for sp in spans):
        return same[0], same[1].group(0)  # unless the sentence stated the period it points back to
    own = [sp for sp in spans if lo <= sp.start and sp.end <= hi]
    best = nearest(s.text, rd.q.start, rd.end, own, plain=True) or nearest(s.text, rd.q.start, rd.end, spans)
    credit = _credit(ctx, s, country)
    if best is not None and not (best.weak and credit):
        return best.period, s.text[best.start:best.end]
    if credit:
        return credit
    if OBSERVED.search(s.text):  # the reporter's own observation: the month the story is filed
        base = parse_doc_date(ctx.doc.date)
        return (f"{base.year:04d}-{base.month:02d}", "") if base else ("", "")
    if rd.rate and not CHANGED_TO.search(s.text[max(0, rd.q.start - 80):rd.q.start]):
        return "", ""  # a typical rate; but a rate something rose or fell to is dated by its story
    for x in reversed([x for x in ctx.paragraph(s) if x.index < s.index]):  # its paragraph, not the document
        ds = [sp for sp in _spans(ctx, x, country)
              if not COMPARED.search(x.text[max(0, sp.start - 30):sp.start])]
        if ds:
            return ds[0].period, x.text[ds[0].start:ds[0].end]
    if rd.metric in ("queue", "wait time") or CURRENT.search(s.text):
        return ctx.doc.date or "", ""  # a queue or a state as it stands when the story is filed
    return "", ""


def own_spans_before(spans: list[Span], start: int) -> bool:
    """Whether the sentence states a period before the figure (then the figure is of that period)."""
    return any(sp.end <= start for sp in spans)


def _credit(ctx: DocContext, s: Sentence, country: str) -> tuple[str, str] | None:
    """The date of a photo caption's credit line ("Photo: Staff / Oct. 20, 2023") in the paragraph
    (read once per sentence)."""
    key = ("traffic credit " + country, s.index)
    if key not in ctx.memo:
        ctx.memo[key] = _read_credit(ctx, s, country)
    return ctx.memo[key]


def _read_credit(ctx: DocContext, s: Sentence, country: str) -> tuple[str, str] | None:
    for x in [x for x in ctx.paragraph(s) if x.index >= s.index]:
        if _is_credit_line(ctx, x):
            ds = [sp for sp in _spans(ctx, x, country) if not sp.weak]
            if ds:
                return ds[-1].period, x.text[ds[-1].start:ds[-1].end]
    return None


def _is_credit_line(ctx: DocContext, s: Sentence) -> bool:
    """Whether a sentence is a photo's credit line (read once per sentence: asked for each figure of its
    paragraph)."""
    key = ("traffic credit line", s.index)
    if key not in ctx.memo:
        # a credit opens its line, or has a "/" before its date
        ctx.memo[key] = bool(CREDIT.match(s.text) or "/" in s.text and _credit_after_slash(s.text))
    return ctx.memo[key]


def _spans(ctx: DocContext, s: Sentence, country: str) -> list[Span]:
    """Stated periods of a sentence (read once per document and country: a sentence is read again for
    each of its figures and its neighbours')."""
    key = ("traffic periods " + country, s.index)
    if key not in ctx.memo:
        ctx.memo[key] = _read_spans(ctx, s, country)
    return ctx.memo[key]


def _read_spans(ctx: DocContext, s: Sentence, country: str) -> list[Span]:
    """Stated periods of a sentence: its own spans (fiscal years, month ranges) and the shared dates."""
    base = parse_doc_date(ctx.doc.date)
    prior = " ".join(x.text for x in ctx.sentences[max(0, s.index - 2):s.index] if x.para == s.para)
    prior_year = last_year(prior)
    if base is not None and prior_year is not None and prior_year >= base.year:
        prior_year = None  # only a story told in the past carries its year to dates written without one
    own = find_periods(s.text, base, country, prior_year)
    story_year = prior_year if prior_year is not None and not is_base_year(prior, prior_year) else None
    out = list(own)
    for d in ctx.dates_in(s):
        a, b = d.start - s.start, d.end - s.start
        if any(o.start < b and a < o.end for o in own):
            continue
        sp = Span(a, b, d.period, d.first, d.last)
        year = last_year(s.text[:a]) or story_year
        if d.kind in ("month_day", "month") and year and year != d.first.year and d.first.year == d.last.year:
            sp = in_year(sp, year)  # "the first half of 2019 (to June 9)": June 9, 2019
        out.append(sp)
    out = end_of_that_year(s.text, sorted(out, key=lambda x: x.start))
    return sorted((running_total(x, s.text) for x in out), key=lambda x: x.start)


DOTTED_DATE = re.compile(r"(?<![\d.])\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}(?![\d.]\d)")
DOTTED_THOUSAND = re.compile(r"\d(?<![\d.]\d)\d{0,2}\.\d{3}(?![\d.])")  # a digit first: a quick scan
# What every match of each holds: a quick scan before the one whose lookbehind makes it slow.
DOTTED_DATE_CORE = re.compile(r"[./]\d{1,2}[./](?:19|20)\d{2}")
DOTTED_THOUSAND_CORE = re.compile(r"\.\d{3}")


def _sentence_figures(ctx: DocContext, s: Sentence, placer: Placer, dots: bool,
                      earlier: list[str]) -> list[Figure]:
    """The figures of one sentence, each with its unit, period, change and place; earlier: the periods of
    the document's figures before it (what "the same period" points back to)."""
    if not _has_figure(s.text) or s.text.rstrip().endswith("?"):
        return []  # no number, or a question (it quotes figures, it does not report them)
    found = find_quantities(s.text, dot_thousands=dots)
    if not any(q.kind in ("count", "money", "factor") for q in found):
        return []
    country = placer.country(s)
    spans = _spans(ctx, s, country)
    dotted = [m.span() for m in DOTTED_DATE.finditer(s.text)] if DOTTED_DATE_CORE.search(s.text) else []
    covered = [(p.start, p.end) for p in spans] + dotted  # numbers in dates are not figures
    qs = [q for q in found if not any(a <= q.start < b for a, b in covered)] if covered else list(found)
    prior = " ".join(x.text for x in ctx.sentences[max(0, s.index - 3):s.index])
    readings = _readings(s.text, qs, country, prior)
    if not readings:
        return []
    subject = placer.subject(s)
    figures = [(rd.q.start, rd.end) for rd in readings]
    respective = respective_places(s.text, figures, ctx.mentions_in(s), s.start)
    changes = [q for q in qs if q.kind in ("percent", "factor") and not SHARE.match(s.text[q.end:q.end + 8])]
    out = []
    for i, rd in enumerate(readings):
        lo = readings[i - 1].end if i else max(0, rd.q.start - 60)
        hi = readings[i + 1].q.start if i + 1 < len(readings) else len(s.text)
        pct, factor = _change(rd, changes, (lo, hi))
        period, period_text = _period(ctx, s, rd, spans, country, (lo, hi), earlier)
        unit = f"{rd.unit}/{rd.rate}" if rd.rate else rd.unit
        prov = ctx.provenance(s, s.start + rd.q.start, s.start + rd.end)
        own = [placer.place_of(respective[rd.q.start].place)] if rd.q.start in respective else subject
        out.append(Figure(rd.metric, rd.value, unit, period, period_text, pct, factor, own,
                           label(own, rd.metric), 0.8 if period else 0.6, rd.value_min, [prov]))
    return out


# A short unpunctuated line among the first few of a document is its headline (a rubric may come first).
TOP_LINES = 3


def _is_headline(ctx: DocContext, s: Sentence) -> bool:
    """The title line of a document (its first sentence, or the title the corpus reader found)."""
    title = (ctx.doc.title or "").strip()
    text = s.text.strip()
    top_line = s.index < TOP_LINES and len(text) < 200 and not text.endswith((".", "!", "?", "»", '"', "”"))
    return s.index == 0 or bool(title) and text in title or top_line


def _without_headline_roundings(headline: list[Figure], body: list[Figure]) -> list[Figure]:
    """Headline figures that round one of the body's ("2.75 million" for 2,753,000) are dropped."""
    body_keys = [(f.unit, f.value) for f in body]
    return [f for f in headline if not any(u == f.unit and abs(v - f.value) <= 0.02 * max(v, f.value)
                                           for u, v in body_keys)]


def extract_traffic(contexts: Iterable[DocContext],
                    crossings_by_sentence: dict[tuple[str, int], list[Place]] | None = None) -> list[Traffic]:
    """Figures from sentences and Markdown tables, merged when the same figure is reported twice. The
    contexts may be a stream: each is read once and not kept."""
    return merge_figures(unmerged_figures(contexts, crossings_by_sentence))


def unmerged_figures(contexts: Iterable[DocContext],
                     crossings_by_sentence: dict[tuple[str, int], list[Place]] | None = None) -> list[Figure]:
    """Every figure the documents report, in order, before merging (crossings_by_sentence: the crossing
    places each sentence names, keyed by document id and sentence index)."""
    by_doc: dict[str, dict[int, list[Place]]] = {}
    for (doc, i), ps in (crossings_by_sentence or {}).items():
        by_doc.setdefault(doc, {})[i] = ps
    known: dict[str, tuple[str, ...]] = {}  # what each word is to the gate, looked up once in this run
    return [f for ctx in contexts for f in doc_figures(ctx, by_doc.get(ctx.doc.id, {}), known)]


def doc_figures(ctx: DocContext, crossings_by_sentence: dict[int, list[Place]],
                known: dict[str, tuple[str, ...]]) -> list[Figure]:
    """Every figure one document reports, before merging (crossings_by_sentence: the crossing places
    each of its sentences names; known: the gate's word look-ups, shared by a run)."""
    placer = Placer(ctx, crossings_by_sentence)
    tables = find_markdown_tables(ctx.doc.text)
    tables += [t for t in find_text_tables(ctx.doc.text)
               if not any(m.start <= t.start < m.end for m in tables)]
    # the language only matters to a number like "12.000"
    dots = DOTTED_THOUSAND_CORE.search(ctx.doc.text) is not None and \
        DOTTED_THOUSAND.search(ctx.doc.text) is not None and groups_thousands_with_dots(ctx.doc.text)
    body: list[Figure] = []
    headline: list[Figure] = []
    earlier: list[str] = []
    may_report = readable(ctx, known)  # the others cannot yield a figure: not read
    for s in ctx.sentences:
        if s.index in may_report and not any(t.start <= s.start < t.end for t in tables):
            found = _sentence_figures(ctx, s, placer, dots, earlier)
            (headline if _is_headline(ctx, s) else body).extend(found)
            earlier += [f.period for f in found if f.period]
    for t in tables:
        body += table_figures(ctx, t, placer)
    return body + _without_headline_roundings(headline, body)


def merge_figures(figures: list[Figure]) -> list[Traffic]:
    """One traffic row per figure reported (the same figure in several sentences or documents joined)."""
    merged: dict[tuple, Figure] = {}
    seen: Seen = {}  # each merged figure's sources (geomap.events.unseen)
    for f in figures:
        k = f.key()
        if k in merged:
            into = merged[k]
            add_unseen(into.sources, f.sources, seen, k)
            into.confidence = 1 - (1 - into.confidence) * (1 - f.confidence)
            into.change_pct = into.change_pct if into.change_pct is not None else f.change_pct
            into.change_factor = into.change_factor if into.change_factor is not None else f.change_factor
        else:
            merged[k] = f
    out = [Traffic(metric=f.metric, value=f.value, unit=f.unit, period=f.period, period_text=f.period_text,
                   change_pct=f.change_pct, change_factor=f.change_factor, subject=f.subject, label=f.label,
                   value_min=f.value_min,
                   confidence=round(min(f.confidence, 0.99), 3), sources=f.sources)
           for f in merged.values()]
    out.sort(key=lambda t: (t.metric, t.period, ";".join([p.id for p in t.subject]), t.value))
    return out
