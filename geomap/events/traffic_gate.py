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
from itertools import compress
from operator import itemgetter

from geomap.events.context import DocContext, Sentence
from geomap.events.quantities import CURRENCY_SYMBOLS, CURRENCY_WORDS
from geomap.events.sieve import fold_unsafe
from geomap.events.traffic_cues import QUEUE_CUES, QUEUE_MARK, TRADE, WAIT_CUES
from geomap.events.traffic_cuewords import has_cjk

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
# A figure of waiting or queueing needs a word of traffic_cues' WAIT, QUEUE or QUEUE_MARK in its sentence.
WAIT_QUEUE_CUES = (*WAIT_CUES, *QUEUE_CUES, *QUEUE_MARK)
# "Russians", "Mexicans": people named by their country (NOUNS' capitalised row), a whole word.
DEMONYM = re.compile(r"[A-Z][a-z]+ns")
DEMONYM_KIND = "demonym"  # a word that may be one (lower case)
_LOWER_DEMONYM = re.compile(r"[a-z]{2,}ns")
# Words by which a figure takes its noun from the sentences before ("of them", "the total was"), or
# needs none ("twice a week", "crossed 100 times"); and stems of the nouns that count trips of whatever
# the text is about ("8,000 trips": traffic.TRIP_WORDS).
NOUNLESS_WORDS = frozenset({"them", "these", "those", "count", "number", "figure", "total", "tally", "once",
                            "twice", "thrice", "times", "fold"})
TRIP_STEMS = ("trips", "journeys", "runs", "services", "departures", "movements")
# How many sentences before a sentence its money may take "trade" from (traffic._money reads two).
TRADE_REACH = 3
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
# Letters the patterns match, ignoring case, although str.lower() keeps them apart from theirs ("ſ" for
# "s"): a sentence with one is always read.
_UNSAFE = fold_unsafe("".join([*NOUN_WORDS, *NOUN_STEMS, *WAIT_WORDS, *WAIT_STEMS, *NOUNLESS_WORDS,
                                 *TRIP_STEMS, *TRADE_WORDS, *TRADE_STEMS, *WAIT_QUEUE_CUES, *CURRENCY]))
_UNSAFE_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(_UNSAFE)) + "]")


# What the words of a sentence may make of it, each kind with its whole words and stems (a stem counts
# in a word that begins with it; money's only in a word with a letter beyond ASCII).
NOUN, WAIT, NOUNLESS, TRADING, MONEY = "noun", "wait", "nounless", "trading", "money"
VOCABULARIES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    NOUN: (NOUN_WORDS, NOUN_STEMS),
    WAIT: (WAIT_WORDS, WAIT_STEMS),
    NOUNLESS: (NOUNLESS_WORDS, TRIP_STEMS),
    TRADING: (TRADE_WORDS, TRADE_STEMS),
    MONEY: (CURRENCY, CURRENCY_STEMS),
}
OTHER_LETTERS_ONLY = {MONEY}
# The same, looked up: each word's kinds, and the stems by their first two letters.
_WORD_KINDS: dict[str, tuple[str, ...]] = {}
_STEMS_AT: dict[str, list[tuple[str, str]]] = {}
for _kind, (_words, _stems) in VOCABULARIES.items():
    for _w in _words:
        _WORD_KINDS[_w] = (*_WORD_KINDS.get(_w, ()), _kind)
    for _s in _stems:
        _STEMS_AT.setdefault(_s[:2], []).append((_s, _kind))


def word_kinds(word: str) -> tuple[str, ...]:
    """The kinds of VOCABULARIES a lower-case word belongs to."""
    own = _WORD_KINDS.get(word, ())
    if word.endswith("ns") and _LOWER_DEMONYM.fullmatch(word):
        own = (*own, DEMONYM_KIND)
    stems = _STEMS_AT.get(word[:2])
    if stems is None:
        return own
    out = list(own)
    for stem, kind in stems:
        if word.startswith(stem) and kind not in out and \
                (kind not in OTHER_LETTERS_ONLY or not word.isascii()):
            out.append(kind)
    return tuple(out)


def readable(ctx: DocContext, known: dict[str, tuple[str, ...]] | None = None) -> set[int]:
    """The indexes of the sentences of a document that may report a figure: every other sentence has no
    counted noun, no cue word that finds one elsewhere, and no money beside a trade word (known: the
    kinds of words looked up so far in this run, filled in)."""
    sentences = ctx.sentences
    text = ctx.doc.text
    if ctx.words is None:
        return {s.index for s in sentences}  # the document's words are not the sentences': read all
    found = _sentences_by_kind(ctx, {} if known is None else known)
    out = found[NOUN] | found[NOUNLESS]
    out.update(i for i in found[WAIT] if i not in out and _waits(sentences[i].text))
    trading = found[TRADING]
    out.update(i for i in found[MONEY] if not trading.isdisjoint(range(i - TRADE_REACH, i + 1)))
    if not text.isascii():  # odd case folding, Chinese
        out.update(ctx.sentence_at(m.start()).index for m in _UNSAFE_CHAR.finditer(text))
        out.update(s.index for s in sentences if s.index not in out and has_cjk(s.text))
    out.update(s.index for s in sentences if s.index not in out and _split_edge(text, s))
    return out


def _sentences_by_kind(ctx: DocContext, known: dict[str, tuple[str, ...]]) -> dict[str, set[int]]:
    """For each kind of VOCABULARIES, the sentences that hold one of its words (one pass over the
    document's words; known: the kinds of the words looked up so far in this run); money also by its
    signs; a demonym ("Westlandians", a whole word) is a noun."""
    words = ctx.words or []
    text = ctx.doc.text
    for w in set(map(itemgetter(1), words)).difference(known):
        known[w] = word_kinds(w)
    flagged = map(known.__getitem__, map(itemgetter(1), words))
    out: dict[str, set[int]] = {kind: set() for kind in VOCABULARIES}
    for pos, w in compress(words, flagged):
        s = ctx.sentence_at(pos)
        if s.start <= pos < s.end:
            for kind in known[w]:
                if kind != DEMONYM_KIND:
                    out[kind].add(s.index)
                elif DEMONYM.fullmatch(text, pos, pos + len(w)):
                    out[NOUN].add(s.index)
    if "$" in text or not text.isascii():
        out[MONEY].update(ctx.sentence_at(m.start()).index for m in CURRENCY_SIGN.finditer(text))
    return out


def _split_edge(text: str, s: Sentence) -> bool:
    """Whether a word runs across an edge of the sentence (then its words are not the document's)."""
    for at in (s.start, s.end):
        if 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum() \
                and _LETTER.match(text, at - 1) and _LETTER.match(text, at):
            return True
    return False


def _waits(text: str) -> bool:
    """Whether one of WAIT_QUEUE_CUES is in text (anywhere in a word: the patterns are tried on parts of
    the sentence, whose first and last words may be cut)."""
    return any(map(text.lower().__contains__, WAIT_QUEUE_CUES))
