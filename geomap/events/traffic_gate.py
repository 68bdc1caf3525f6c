"""Which sentences can hold a traffic figure: one look at a sentence's words decides whether the costly
readers (quantities, periods, readings) run on it at all (speed only: a rejected sentence could not
have yielded a figure).

Every figure is read from a counted noun (traffic_units.NOUNS) in the sentence or, for a few cue words
("of them", "trips", "the total was", "twice a week", "100 times"), in the sentences before it; or it
is money in a sentence about trade (traffic_cues.TRADE, in it or just before it). A sentence with none
of these is skipped.
"""

from __future__ import annotations

import re

from geomap.events.context import DocContext, Sentence
from geomap.events.quantities import CURRENCY_SYMBOLS, CURRENCY_WORDS
from geomap.events.sieve import Sieve
from geomap.events.traffic_cues import TRADE

# The words (lower case) a counted noun of traffic_units.NOUNS can open with, by what it counts: whole
# words, and stems (a word that begins with one; NOUNS' rows ending in \w*). A noun of two words whose
# last word is a noun of the table on its own ("border crossings", "heavy goods vehicles") needs only
# that word. Chinese nouns follow numbers without a space: a sentence with Chinese characters is always
# read.
NOUN_WORDS = frozenset({
    # English
    "train", "trains", "wagon", "wagons", "railcars", "carriages", "teu", "teus", "twenty", "container",
    "containers", "truck", "trucks", "truckload", "truckloads", "lorry", "lorries", "hgv", "hgvs",
    "trailers", "semis", "bus", "buses", "coaches", "car", "cars", "automobiles", "vehicle", "vehicles",
    "passenger", "passengers", "people", "persons", "individuals", "travellers", "travelers", "visitors",
    "tourists", "pedestrians", "commuters", "migrants", "refugees", "returnees", "asylum", "citizens",
    "nationals", "pilgrims", "shoppers", "crossings", "entries", "arrivals", "tonnes", "tons", "t",
    # Russian
    "фур", "фуры", "транспортных", "человек", "чел", "туристов", "т",
    # Spanish
    "camiones", "camión", "camion", "tráileres", "traileres", "tractocamiones", "vehículos", "vehiculos",
    "vehículo", "vehiculo", "autobuses", "coches", "automóviles", "automoviles", "autos", "trenes",
    "contenedores", "pasajeros", "personas", "viajeros", "turistas", "visitantes", "peatones", "cruces",
    "toneladas",
    # Polish
    "tirów", "tirow", "tiry", "pojazdów", "pojazdow", "pojazdy", "samochodów", "samochodow", "samochody",
    "aut", "autobusów", "autobusow", "autobusy", "osób", "osob", "osoby", "ton", "tony",
})
NOUN_STEMS = ("грузовик", "большегруз", "машин", "автомобил", "автобус", "поезд", "состав", "вагон",
              "контейнер", "пассажир", "путешественник", "тонн", "ciężar", "ciezar", "cieżar", "cięzar",
              "pociąg", "pociag", "pasażer", "pasazer", "podr")
# Nouns of time (a wait) and of length (a queue): a figure in them is kept only beside a word of waiting
# or queueing (traffic._classify), so they count only in a sentence that has one of WAIT_QUEUE_CUES.
WAIT_WORDS = frozenset({
    "hour", "hours", "hr", "hrs", "h", "day", "days", "night", "nights", "minute", "minutes", "min",
    "mins", "week", "weeks", "km", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles",
    "суток", "сутки", "дней", "дня", "день", "км", "horas", "días", "dias", "kilómetros", "kilometros",
    "dni", "doby", "dób", "kilometrów", "kilometrow",
})
WAIT_STEMS = ("час", "километр", "godzin")
# A word of each pattern of traffic_cues' WAIT, QUEUE and QUEUE_MARK (a stem, lower case): a figure of
# waiting or queueing needs one of them in its sentence.
WAIT_QUEUE_CUES = (
    "wait", "delay", "stuck", "queu", "clear", "took", "take", "spen", "hold", "long", "stranded",
    "needed", "required", "ожидани", "простаива", "等待", "espera", "czeka", "oczekiw",
    "line", "electronic", "queue", "backed", "held", "trapped", "stretch", "tailback", "parked", "idling",
    "stood", "standing", "ожида", "очеред", "滞留", "排队", "esperan", "cola", "kolejk", "oczekuj",
    "mark", "peg", "point",
)
# "Russians", "Mexicans": people named by their country (NOUNS' capitalised row).
DEMONYM = re.compile(r"(?<![^\W\d_])[A-Z][a-z]+ns(?![^\W\d_])")
# Words by which a figure takes its noun from the sentences before ("of them", "the total was"), or
# needs none ("twice a week", "crossed 100 times"); and stems of the nouns that count trips of whatever
# the text is about ("8,000 trips": traffic.TRIP_WORDS).
NOUNLESS_WORDS = frozenset({"them", "these", "those", "count", "number", "figure", "total", "tally", "once",
                            "twice", "thrice", "times", "fold"})
TRIP_STEMS = ("trips", "journeys", "runs", "services", "departures", "movements")
# How many sentences before a sentence its money may take "trade" from (traffic._money reads two).
TRADE_REACH = 3
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LETTER = re.compile(r"[^\W\d_]")


def _words_and_stems(patterns: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The whole words and the stems (patterns ending in \\w*) of a list of one-word cue patterns."""
    words: set[str] = set()
    stems: list[str] = []
    for p in patterns:
        if p.endswith(r"\w*"):
            stems.append(p[:-3])
        elif p.endswith("s?"):
            words.update((p[:-2], p[:-2] + "s"))
        elif _WORD.fullmatch(p):
            words.add(p)
        else:
            raise ValueError(f"not a word, a word with an optional s or a stem: {p!r}")
    return frozenset(words), tuple(stems)


_WORD = re.compile(r"[^\W\d_]+")
TRADE_WORDS, TRADE_STEMS = _words_and_stems(TRADE)


def _currency_words() -> frozenset[str]:
    """The last word of each currency name or code the quantity finder reads money by (lower case)."""
    names = [k for k in [*CURRENCY_WORDS, *CURRENCY_SYMBOLS] if not CURRENCY_SIGN.search(k)]
    return frozenset(_WORD.findall(k.lower())[-1] for k in names)


# Money is written with a currency sign, or a currency's name or code (quantities.CURRENCY_*). A name may
# be followed by other than an ASCII letter ("złotych", "euroś"): a word of other letters that begins
# with one counts.
CURRENCY_SIGN = re.compile(r"[$¥€£₽₹]")
CURRENCY = _currency_words()
CURRENCY_STEMS = tuple(sorted(CURRENCY))
# What a word of a document is, as bits (one dict per document).
NOUN, WAIT, NOUNLESS, TRADING, MONEY = 1, 2, 4, 8, 16
# Letters the patterns match, ignoring case, although str.lower() keeps them apart from theirs ("ſ" for
# "s"): a sentence with one is always read.
_UNSAFE = Sieve([*NOUN_WORDS, *NOUN_STEMS, *WAIT_WORDS, *WAIT_STEMS, *NOUNLESS_WORDS, *TRIP_STEMS,
                 *TRADE_WORDS, *TRADE_STEMS, *WAIT_QUEUE_CUES, *CURRENCY]).unsafe
_UNSAFE_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(_UNSAFE)) + "]")


def _kind(word: str) -> int:
    """The bits of one lower-case word."""
    k = 0
    if word in NOUN_WORDS or word.startswith(NOUN_STEMS):
        k |= NOUN
    if word in WAIT_WORDS or word.startswith(WAIT_STEMS):
        k |= WAIT
    if word in NOUNLESS_WORDS or word.startswith(TRIP_STEMS):
        k |= NOUNLESS
    if word in TRADE_WORDS or word.startswith(TRADE_STEMS):
        k |= TRADING
    if word in CURRENCY or not word.isascii() and word.startswith(CURRENCY_STEMS):
        k |= MONEY
    return k


def may_report(ctx: DocContext, s: Sentence) -> bool:
    """False only when no figure can be read from the sentence: no counted noun, no cue word that finds
    one elsewhere, and no trade word in it or just before it (the document is read once for all)."""
    key = ("traffic readable", 0)
    if key not in ctx.memo:
        ctx.memo[key] = _readable(ctx)
    return s.index in ctx.memo[key]


def _readable(ctx: DocContext) -> set[int]:
    """The indexes of the sentences of a document that may report a figure."""
    sentences = ctx.sentences
    text = ctx.doc.text
    if ctx.words is None:
        return {s.index for s in sentences}  # the document's words are not the sentences': read all
    bits = _sentence_bits(ctx)
    always = {s.index for s in sentences if _split_edge(text, s)}
    always.update(ctx.sentence_at(m.start()).index for m in _UNSAFE_CHAR.finditer(text))
    if not text.isascii() and CJK.search(text):
        always.update(s.index for s in sentences if CJK.search(s.text))
    always.update(ctx.sentence_at(m.start()).index for m in DEMONYM.finditer(text))
    for m in CURRENCY_SIGN.finditer(text):
        bits[ctx.sentence_at(m.start()).index] |= MONEY
    out = set()
    for s in sentences:
        b = bits[s.index]
        if s.index in always or b & (NOUN | NOUNLESS) or b & WAIT and _waits(s.text) or b & MONEY and \
                any(bits[i] & TRADING for i in range(max(0, s.index - TRADE_REACH), s.index + 1)):
            out.add(s.index)
    return out


def _sentence_bits(ctx: DocContext) -> list[int]:
    """The bits of each sentence's words, from one pass over the document's words."""
    kinds: dict[str, int] = {}
    sentences = ctx.sentences
    bits = [0] * len(sentences)
    i = 0
    for pos, word in ctx.words or ():
        k = kinds.get(word)
        if k is None:
            k = kinds[word] = _kind(word)
        if k:
            while i + 1 < len(sentences) and sentences[i + 1].start <= pos:
                i += 1
            if sentences[i].start <= pos < sentences[i].end:
                bits[i] |= k
    return bits


def _split_edge(text: str, s: Sentence) -> bool:
    """Whether a word runs across an edge of the sentence (then its words are not the document's)."""
    return any(0 < at < len(text) and _LETTER.match(text, at - 1) and _LETTER.match(text, at)
               for at in (s.start, s.end))


def _waits(text: str) -> bool:
    """Whether one of WAIT_QUEUE_CUES is in text (anywhere in a word: the patterns are tried on parts of
    the sentence, whose first and last words may be cut)."""
    low = text.lower()
    return any(c in low for c in WAIT_QUEUE_CUES)
