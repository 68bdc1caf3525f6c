"""Recognition: the gazetteer names in a text, and the matches that are not places here."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import itemgetter

from geomap.gazetteer import Gazetteer, sources
from geomap.gazetteer.names import normalize
from geomap.geoparse import context, english
from geomap.geoparse.cues import words
from geomap.geoparse.datelines import in_dateline
from geomap.model import Document, Place

__all__ = ["find_spans", "rejection", "people_words", "surnames", "prior", "kind_prior", "Reading",
           "reading_of", "PERSON_READINGS"]

MAX_TOKENS = 7
# Case endings no name in the gazetteer's spellings ends in, and the ending of the name they come
# from: Polish writes a name in -a with -ę after a verb ("otwiera Kuźnicę") and -ą after a
# preposition ("przed Kuźnicą"). A capitalised word so ending, found under no name, is looked up
# with the name's own ending.
INFLECTED_ENDINGS = {"ę": "a", "ą": "a"}
_TOKEN = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# What may separate two tokens of one name: a space, a hyphen or dash, an apostrophe, "St. ".
_JOINER = re.compile(r"[ \t]{1,2}|[ \t]?[-‐‑–—][ \t]?|['’]|\.[ \t]?")
TITLES = words("title")  # written just before a person's name
AGENCIES = words("agency")  # news and photo agencies ("AFP", "EFE")
SPEECH_VERBS = words("speech_verb")
GEO_SUFFIXES = {
    "city", "province", "oblast", "krai", "region", "county", "district", "river", "island",
    "islands", "lake", "mountains", "port", "prefecture", "state", "republic", "autonomous",
}
CURATED_KINDS = {"river", "bridge", "checkpoint", "terminal", "river crossing", "building",
                 "university", "venue", "town", "region", "sea", "lake", "mountain", "island"}
# Determiners are not names on their own.
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "our",
               "their", "my", "your"}
# Regions named with a plain direction or landform word ("East" in Cameroon, "Western" in Ghana):
# in running text these words describe, they do not name.
GENERIC_AREA_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "north east", "north west", "south east",
    "south west", "far north", "far east", "upper", "lower", "coast", "coastal", "lakes", "islands",
    "gulf", "capital", "centre", "center", "interior", "highlands", "lowlands", "mountains", "plains",
}
# A name is kept as a place when its best reading scores at least this much (a town of a few
# thousand people with no support from the document scores about 0.6).
MIN_SCORE = 0.55
# Curated names written with a final dot ("Ky.", "Ga."): the dot belongs to the name.
ABBREVIATIONS = frozenset(
    alias[:-1] for alias, _pid, _src in sources.aliases() if alias.endswith(".") and "." not in alias[:-1]
)
# A first-level area with this many towns (a US state, a province) is a place even when its name
# is also a word ("Georgia", "Washington"); smaller areas' names face the common-word tests.
MAJOR_AREA_TOWNS = 50
# A town smaller than this, or a county, is taken for a person where the document writes its name
# after a first name ("Andrew Trapani ... Trapani said").
SURNAME_TOWN = 300_000
# A place smaller than this is taken for a person where the document makes its name a verb of
# speech's subject ("Anna said").
SPEAKER_TOWN = 100_000
KIND_PRIOR = {"country": 1.0, "continent": 0.8, "admin1": 0.9, "admin2": 0.8}


@dataclass
class Span:
    start: int
    end: int
    text: str
    key: str
    rows: list[tuple[int, bool]]
    sentence: int
    places: list[Place] = field(default_factory=list)
    # its first and last word among the document's tokens (_words), when it was found by words
    first_token: int = -1
    last_token: int = -1


def prior(place: Place, main_name: bool = True) -> float:
    """How likely a place is meant before context: kind, then population for cities."""
    return kind_prior(place.kind, place.population, main_name)


def kind_prior(kind: str, population: int, main_name: bool = True) -> float:
    """prior() of a place of this kind and population (read without decoding the place)."""
    if kind == "country":  # a shared name or demonym ("American"): the larger country
        base = 0.92 + 0.008 * math.log10(population + 1)
    elif kind in KIND_PRIOR:
        base = KIND_PRIOR[kind]
    elif kind in CURATED_KINDS:
        base = 0.9
    else:
        base = 0.25 + 0.1 * math.log10(population + 1)
    return min(1.0, base) + (0.05 if main_name else 0.0)


@dataclass(frozen=True)
class Reading:
    """A name's likeliest place before context, and what recognition asks of its other places."""

    kind: str  # the likeliest place's kind and population (the place itself is not decoded)
    population: int
    best_main: bool  # the name is the likeliest place's main name
    major_area: bool  # one of its places is a first-level area of MAJOR_AREA_TOWNS towns or more
    largest_town: int  # the population of its most populous town (0 when it names no town)


def reading_of(gaz: Gazetteer, rows: list[tuple[int, bool]]) -> Reading:
    """The Reading of a name's gazetteer rows, read without decoding any place."""
    best, best_prior, best_main, major, largest = ("", 0), -math.inf, False, False, 0
    for row, main in rows:
        kind, population = gaz.kind_and_population(row)
        p = kind_prior(kind, population)
        if p > best_prior:  # the first of equals, as max() keeps
            best, best_prior, best_main = (kind, population), p, main
        if kind == "admin1" and population >= MAJOR_AREA_TOWNS:
            major = True
        elif kind == "city" and population > largest:
            largest = population
    return Reading(*best, best_main, major, largest)


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word (see geomap.geoparse.english)."""
    return english.zipf(word)


@lru_cache(maxsize=2)  # find_spans and people_words read the same document's words
def _words(text: str) -> tuple[list[str], list[str], list[int]]:
    """The text's tokens, the text after each (up to the next token), and where each part starts:
    token k spans offsets[2k + 1]:offsets[2k + 2], the gap after it starts at offsets[2k + 2]."""
    parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, token, ..., gap
    return parts[1::2], parts[2::2], list(accumulate(map(len, parts), initial=0))


@lru_cache(maxsize=2)  # find_spans and people_words read the same document's words
def _distinct(text: str) -> list[str]:
    """The text's distinct tokens (_words), for tests run once per word rather than per token."""
    return list(set(_words(text)[0]))


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_CONTRACTIONS = {"s", "t", "d", "m", "ve", "re", "ll"}  # "I've", "we're", "Russia's" are not names
_normalized = lru_cache(maxsize=65536)(normalize)


def _token_key(token: str) -> str:
    """normalize() of a token (letters and digits): it only lower-cases an ASCII one."""
    return token.lower() if token.isascii() else _normalized(token)


class _TokenKeys(dict):
    """_token_key per token, remembered (keyed by words, a bounded vocabulary) so that a text's
    tokens are keyed by dictionary lookups in a C loop."""

    LIMIT = 200_000

    def __missing__(self, token: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        key = self[token] = _token_key(token)
        return key


_TOKEN_KEYS = _TokenKeys()


_APOSTROPHES = ("'", "’")


def _gap_key(gap: str, next_token: str) -> str | None:
    """What normalize() makes of the gap between two tokens of one name; None when they do not join."""
    if gap in _APOSTROPHES:
        return None if next_token.lower() in _CONTRACTIONS else ""
    return _joiner_key(gap)


@lru_cache(maxsize=4096)
def _joiner_key(gap: str) -> str | None:
    if _JOINER.fullmatch(gap) is None:
        return None
    core = gap.strip(" \t")
    if not core:
        return " "
    if core == ".":
        return ". " if gap != "." else "."
    return "-"


def _with_abbreviation_dot(text: str, end: int, surface: str) -> int:
    """Keep the final dot of an abbreviation ("U.S.", "W.Va.", "Ky.") inside the span."""
    if text[end:end + 1] == "." and ("." in surface or surface in ABBREVIATIONS):
        return end + 1
    return end


def find_spans(doc: Document, gaz: Gazetteer, sentences: list[tuple[int, int]]) -> list[Span]:
    """Longest gazetteer names in the text, left to right, without overlaps."""
    text = doc.text
    tokens, gaps, offsets = _words(text)
    sent_starts = [s for s, _ in sentences]
    cjk = {i for i, t in enumerate(tokens) if _CJK.search(t)} if _CJK.search(text) else set()
    longest = _longest_names(tokens, gaps, gaz, cjk, _distinct(text))
    cjk_runs = [(offsets[2 * i + 1], offsets[2 * i + 2]) for i in sorted(cjk)]
    in_cjk = _cjk_spans(text, cjk_runs, gaz, sent_starts)
    spans: list[Span] = []
    after = 0  # the first token not inside a span found
    for i in sorted([*longest, *cjk]):
        if i < after:
            continue
        t_start = offsets[2 * i + 1]
        if i in cjk:
            spans += in_cjk[t_start]
            after = i + 1
        else:
            j, key = longest[i]
            end = _with_abbreviation_dot(text, offsets[2 * j + 2], text[t_start:offsets[2 * j + 2]])
            sent = max(0, bisect_right(sent_starts, t_start) - 1)
            spans.append(Span(t_start, end, text[t_start:end], key, [], sent, first_token=i, last_token=j))
            after = j + 1
    _fill_rows(spans, gaz)
    return spans


def _fill_rows(spans: list[Span], gaz: Gazetteer) -> None:
    """Give the spans found by word runs (not yet having rows) their gazetteer rows, in one search."""
    keys = list(dict.fromkeys(s.key for s in spans if not s.rows))
    rows = dict(zip(keys, gaz.rows_for_keys(keys), strict=True))
    for span in spans:
        if not span.rows:
            span.rows = rows[span.key]


def _longest_names(tokens: list[str], gaps: list[str], gaz: Gazetteer, cjk: set[int],
                   distinct: list[str] | set[str] | None = None) -> dict[int, tuple[int, str]]:
    """Per token starting a gazetteer name: the last token and the key of the longest such name.

    Only names starting with a capital (or in an uncased script) can be places. Runs of up to
    MAX_TOKENS words are looked up one length at a time, all runs of a length at once, and a run
    grows only while some longer name begins with it. Keys are built from each token's and each
    gap's normalised form: the same as normalize() of the whole run (tokens are letters and
    digits; gaps are joiners). distinct: the distinct tokens, when known."""
    if distinct is None:
        distinct = set(tokens)
    # a name starts with a word not written in lower case nor with a digit: tested once per
    # distinct word, then picked out of the text's words in a C loop
    capital = {t for t in distinct if not (t[0].islower() or t[0].isdigit())}
    named = compress(count(), map(capital.__contains__, tokens))
    starts = [i for i in named if i not in cjk] if cjk else list(named)
    keys = map(_TOKEN_KEYS.__getitem__, map(tokens.__getitem__, starts))
    runs = list(zip(starts, starts, keys, strict=True))
    longest: dict[int, tuple[int, str]] = {}
    n_tokens = len(tokens)
    while runs:
        longer = []
        found = gaz.name_start_pairs([key for _, _, key in runs])
        for (i, j, key), (name, start) in zip(runs, found, strict=True):
            if name:
                longest[i] = (j, key)  # runs of one start come in increasing length
            joiner = gaps[j]
            # a name's key has a space, hyphen or dot where its words meet, unless an apostrophe
            # joins them ("O'Fallon": "ofallon"): such a run grows without the prefix test
            apostrophe = joiner in _APOSTROPHES
            if not (start or apostrophe) or j + 1 >= n_tokens or j + 1 >= i + MAX_TOKENS:
                continue
            gap = _gap_key(joiner, tokens[j + 1]) if apostrophe else _joiner_key(joiner)
            if gap is not None and (start or gap == ""):
                longer.append((i, j + 1, key + gap + _TOKEN_KEYS[tokens[j + 1]]))
        runs = longer
    _inflected_names(tokens, starts, capital, gaz, longest)
    return longest


def _inflected_names(tokens: list[str], starts: list[int], capital: set[str], gaz: Gazetteer,
                     longest: dict[int, tuple[int, str]]) -> None:
    """Add to `longest` the single words found under no name that name a place once their case
    ending (INFLECTED_ENDINGS) is turned back into the name's own."""
    inflected = {t: _token_key(t[:-1] + INFLECTED_ENDINGS[t[-1]]) for t in capital
                 if t[-1] in INFLECTED_ENDINGS and len(t) > 3}
    if not inflected:
        return
    words = list(inflected)
    found = {w for w, (name, _) in zip(words, gaz.name_start_pairs([inflected[w] for w in words]),
                                        strict=True) if name}
    for i in starts:
        if i not in longest and tokens[i] in found:
            longest[i] = (i, inflected[tokens[i]])


# CJK ideographs, hiragana and katakana letters: unchanged by normalize() (no compatibility forms,
# no case, no combining or spacing sound marks); with ASCII letters and digits, only lower-cased
_PLAIN_CJK = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]+")


def _cjk_spans(text: str, runs: list[tuple[int, int]], gaz: Gazetteer,
               sent_starts: list[int]) -> dict[int, list[Span]]:
    """Names inside runs of Chinese or Japanese characters (no spaces to split on), by run start."""
    # every substring of 2 to 8 characters, looked up in one vectorised pass; then left to right,
    # the longest name at each position
    subs = [(pos, length) for start, end in runs
            for pos in range(start, end) for length in range(min(8, end - pos), 1, -1)]
    keys = [key for start, end in runs for key in _cjk_keys(text, start, end)]
    hits = map(itemgetter(0), gaz.name_start_pairs(keys))  # remembered per name, unlike known_keys
    known = {sub: key for sub, key, hit in zip(subs, keys, hits, strict=True) if hit}
    found: dict[int, list[Span]] = {}
    for start, end in runs:
        found[start] = in_run = []
        pos = start
        while pos < end:
            for length in range(min(8, end - pos), 1, -1):
                key = known.get((pos, length))
                if key is not None:
                    sent = max(0, bisect_right(sent_starts, pos) - 1)
                    in_run.append(Span(pos, pos + length, text[pos:pos + length], key, [], sent))
                    pos += length
                    break
            else:
                pos += 1
    return found


def _cjk_keys(text: str, start: int, end: int) -> list[str]:
    """normalize() of each substring of 2 to 8 characters of a run, by position then longest first."""
    # ideographs, kana letters and ASCII digits and letters: normalize() only lower-cases them
    plain = _PLAIN_CJK.fullmatch(text, start, end) is not None
    run = text[start:end].lower() if plain else ""
    return [run[pos - start:pos - start + length] if plain else normalize(text[pos:pos + length])
            for pos in range(start, end) for length in range(min(8, end - pos), 1, -1)]


def _word_before(text: str, start: int) -> tuple[str, str]:
    """The word just before a position and what separates them."""
    i = start
    while i > 0 and not text[i - 1].isalnum() and start - i < 20:
        i -= 1
    gap_start = i
    while i > 0 and text[i - 1].isalnum() and gap_start - i < 40:
        i -= 1
    return text[i:gap_start], text[gap_start:start]


_NEXT_WORD = re.compile(r"([^\w]*)([^\W_]+)")


def _word_after(text: str, end: int) -> tuple[str, str]:
    m = _NEXT_WORD.match(text, end, end + 60)
    return (m.group(2), m.group(1)) if m else ("", "")


def _words_around(span: Span, text: str) -> tuple[str, str, str, str]:
    """_word_before(text, span.start) and _word_after(text, span.end), read off the document's
    tokens when the span starts and ends on them: the gaps between tokens hold no letter or digit."""
    if span.first_token < 0:
        return (*_word_before(text, span.start), *_word_after(text, span.end))
    tokens, gaps, offsets = _words(text)
    k, j = span.first_token, span.last_token
    gap = gaps[k - 1] if k else text[:offsets[1]]
    before = ("", gap[-20:]) if len(gap) > 20 or not k else (tokens[k - 1][-40:], gap)
    if span.end != offsets[2 * j + 2]:  # a final dot kept in the span ("Ky.")
        return (*before, *_word_after(text, span.end))
    gap = gaps[j]
    if "_" in gap or len(gap) >= 60 or j + 1 >= len(tokens):  # no word follows within reach
        return (*before, "", "")
    return (*before, tokens[j + 1][:60 - len(gap)], gap)


@lru_cache(maxsize=4)  # the document's text: one scan per document
def _line_starts(text: str) -> list[int]:
    """Where each line of the text starts."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


_NEWLINE = re.compile("\n")
_HYPHENS = ("-", "‐", "–")
_CREDIT_JOINERS = ("/", "-")


@lru_cache(maxsize=256)  # keyed by (text, line start): one count per line
def _title_case_line(text: str, pos: int) -> bool:
    """Headlines capitalise every word, so capitalised neighbours mean nothing there."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    # the line's words of four letters or more (_LONG_WORD), from the document's tokens: a token
    # of letters is one such word when long enough; a token with digits may hold several
    tokens, _, offsets = _words(text)
    first = bisect_left(offsets, line_start) // 2  # token k starts at offsets[2k + 1]
    last = bisect_left(offsets, line_end if line_end >= 0 else len(text)) // 2
    line = tokens[first:last]
    long = list(compress(line, map((3).__lt__, map(len, line))))  # the tests in C loops
    words = list(filter(str.isalpha, long))
    if len(words) < len(long):
        words += [w for t in long if not t.isalpha() for w in _LONG_WORD.findall(t)]
    return len(words) >= 3 and sum(map(str.isupper, map(itemgetter(0), words))) / len(words) > 0.6


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


# The name after a title: up to three capitalised words or initials ("K.P.").
_TITLED_NAME = re.compile(r"(?:(?:[A-Z]\.){1,3}[ \t]?|[A-Z][\w’'-]*[ \t]?){1,3}")


def people_words(text: str) -> set[str]:
    """Names written after a title anywhere in the document ("Mr Putin", "President Vladimir
    Putin", "Sgt. Don Yarbrough"): one sense per document, so they are people's names wherever
    else they appear."""
    tokens, gaps, offsets = _words(text)
    distinct = _distinct(text)  # distinct words first, tested in C loops
    titles = {t for t in compress(distinct, map(TITLES.__contains__, map(str.lower, distinct))) if len(t) > 1}
    found: set[str] = set()
    if not titles:
        return found
    for i in compress(count(), map(titles.__contains__, tokens)):
        gap = gaps[i]
        if gap and gap.lstrip(".").strip(" \t") == "" and gap[-1] in " \t" and gap.count(".") <= 1:
            name = _TITLED_NAME.match(text, offsets[2 * i + 2] + len(gap))
            if name:
                found.update(normalize(w) for w in name.group(0).split()
                             if not w.endswith(".") and w.lower() not in TITLES)
    return found


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common US first names (the 1990 census lists the `names` package ships; 0.01%+ of people)."""
    from importlib.resources import files

    found = set()
    for part in ("dist.male.first", "dist.female.first"):
        for line in (files("names") / part).read_text(encoding="ascii").splitlines():
            cols = line.split()
            if len(cols) < 2:
                continue
            if float(cols[1]) < 0.01:
                break  # the lists go from the commonest name down (their third column is cumulative)
            found.add(cols[0].lower())
    return frozenset(found)


# A capital not after a letter or digit (a word's start: tried only where a capital stands), then a
# capitalised word after one space or tab and an optional initial
_FULL_NAME = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+)[ \t]+(?:[A-Z]\.[ \t]+)?([A-Z][a-z][\w’'-]*)")


def surnames(text: str, gaz: Gazetteer) -> set[str]:
    """Words written after a common first name ("Andrew Trapani", "Emilie H. Holroyd"): one sense per
    document, so a small place of that name is the person elsewhere in it too ("Trapani said")."""
    given = first_names()
    pairs = [(m.group(1), m.group(2)) for m in _FULL_NAME.finditer(text)]
    pairs = [(f, la) for f, la in pairs if f.lower() in given and la.lower() not in GEO_SUFFIXES]
    if not pairs:
        return set()
    # "Glen Burnie", "Virginia Beach": a place's own name
    places = map(itemgetter(0), gaz.name_start_pairs([_normalized(f"{f} {la}") for f, la in pairs]))
    found = {_normalized(la) for (_, la), place in zip(pairs, places, strict=True) if not place}
    return found


# Readings that make a name a person's for the whole document (one sense per document); other
# non-place readings (a newspaper, part of a longer name) hold for their own mention only.
PERSON_READINGS = frozenset({"after a title: a person's name", "described as a person", "a speaker"})
# Curated names written partly in lower case ("Chinese capital"): descriptions that are places.
CURATED_PHRASES = frozenset(normalize(alias) for alias, _pid, _src in sources.aliases() if " " in alias)
# Curated all-capital aliases ("US", "UK"): these acronyms are places.
CAPITAL_ALIASES = frozenset(alias for alias, _pid, _src in sources.aliases() if alias.isupper())


_NOT_ACRONYM_KINDS = frozenset({"country", "continent", "admin1", *CURATED_KINDS})


def _acronym(span: Span, best_kind: str, text: str) -> bool:
    """A word of two to four capitals ("TEU", "ICP") outside an all-capitals line: an acronym,
    unless the gazetteer knows it as a country's, a state's or a curated place's short form."""
    surface = span.text
    if not (2 <= len(surface) <= 4 and surface.isascii() and surface.isalpha() and surface.isupper()):
        return False
    if surface in CAPITAL_ALIASES or best_kind in _NOT_ACRONYM_KINDS:
        return False
    window = max(0, span.start - 120)
    line_start = text.rfind("\n", window, span.start) + 1 or window
    line_end = text.find("\n", span.end, span.end + 120)
    line = text[line_start:line_end if line_end >= 0 else span.end + 120]
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) < 0.8 * len(letters)


def _second_word_lower(text: str) -> bool:
    """Whether the name's second word (after any space, a tab or a line break) opens in lower case."""
    words = text.split(maxsplit=1)
    return len(words) > 1 and words[1][:1].islower()


def rejection(span: Span, reading: Reading, text: str, sentence_start: int,
               people: frozenset[str] | set[str] = frozenset(),
               family: frozenset[str] | set[str] = frozenset(), bound: bool = False) -> str:
    """Why a matched name is not a place here ("" when it is one). `reading`: the name's places
    before context (reading_of); `people`: names the document
    gives a person after a title; `family`: words it writes after a first name; `bound`: the name
    is followed by its state or country ("ATHENS, Ga.", "Columbus, Ohio")."""
    best = reading  # the likeliest place's kind and population
    first = span.text[0]
    if first.isalpha() and first.islower():
        return "lowercase"
    abbreviation = span.text.endswith(".")  # "Ga.", "Pa."
    if len(span.text) <= 2 and span.text.isascii() and not span.text.isupper() and not abbreviation:
        return "too short"
    capitals = span.text.isupper()
    if capitals and in_dateline(text, span.start, span.end, sentence_start):
        return ""
    if " " in span.key and span.key.split(" ", 1)[0] in DETERMINERS and _second_word_lower(span.text):
        return "a common noun phrase"
    if (" " in span.text and best.kind not in CURATED_KINDS and span.key not in CURATED_PHRASES
            and context.common_noun_phrase(span.text)):
        return "a common noun phrase"
    if span.key in AGENCIES:
        return "a news agency"
    before, after = text[span.start - 1:span.start], text[span.end:span.end + 1]
    # a credit joins its agency with a slash or hyphen, or follows a credit label ("Photo:")
    if ((before in _CREDIT_JOINERS or after in _CREDIT_JOINERS or context.has_credit_cue(text))
            and context.in_credit(text, span.start, span.end)):
        return "a photo credit"
    hyphened = before in _HYPHENS or after in _HYPHENS
    if hyphened and best.kind != "country" and context.combining_form(text, span.start, span.end, span.key):
        return "a combining form"
    prev, gap_before, nxt, gap_after = _words_around(span, text)
    if gap_after == " " and nxt[:1].isupper() and context.outlet(nxt, gap_after):
        return "a newspaper's title"
    if gap_after == " " and context.organisation(text, span.end, nxt):
        return "an organisation's name"
    if capitals and _acronym(span, best.kind, text):
        return "an acronym"
    if best.kind in ("country", "continent") or best.kind in CURATED_KINDS:
        own = not span.text[1:].islower() or " " in span.text or reading.best_main
        if not own and _zipf(span.text.lower()) >= 5.5:  # "Man" for the Isle of Man
            return "a common word"
        return ""
    area = best.kind in ("admin1", "admin2")
    pop = best.population
    plural = span.key.endswith("s") and span.key[:-1] in family  # "the Smiths"
    located = gap_before == " " and prev.lower() in context.PREPOSITIONS  # "at Narva": a place here
    if ((span.key in family or plural) and best.kind != "admin1" and pop < SURNAME_TOWN
            and " " not in span.key and not located):
        return "a surname the document gives a person"
    if prev.lower() in TITLES and context.after_title(prev, gap_before) and best.kind != "admin1":
        return "after a title: a person's name"
    person = best.kind != "admin1" and pop < SURNAME_TOWN
    if person and gap_after[:1] == "," and context.describes_person(text, span.end):
        return "described as a person"
    if (person and pop < SPEAKER_TOWN and (nxt in SPEECH_VERBS or prev in SPEECH_VERBS)
            and context.speaks(prev, gap_before, nxt, gap_after)):
        return "a speaker"
    if people and (span.key in people or (gap_after == " " and _token_key(nxt) in people)):
        return "a name the document gives a person"
    if bound:
        return ""
    if area:
        if span.key in GENERIC_AREA_WORDS:
            return "a generic word"
        if span.text in ABBREVIATIONS:  # "Miss", "Pa" without the dot that makes them states
            return "an abbreviation without its dot"
        if reading.major_area or " " in span.text or "-" in span.text or not span.text.isascii():
            return ""
        # A county or a small region named with one word: as doubtful as the largest town of that
        # name when the name is also a common word ("March", "Union", "Paul").
        pop = reading.largest_town
        zipf = _zipf(span.text.lower())
        if (zipf >= 4.5 and pop < 1_000_000) or (zipf >= 3.5 and pop < 100_000):
            return "a common word"
        return ""
    # a capitalised word joined to the name makes it part of a longer one, except in a headline
    joined_name = nxt[:1].isupper() and gap_after in (" ", "") and nxt.lower() not in GEO_SUFFIXES
    if ((joined_name and pop < 1_000_000)
            or (prev[:1].isupper() and gap_before == " " and span.start != sentence_start and pop < 100_000
                and not context.opens_sentence(prev, span.start - 1 - len(prev), sentence_start))):
        starts = _line_starts(text)
        if not _title_case_line(text, starts[bisect_right(starts, span.start) - 1]):
            return "part of a longer proper name"
    if " " not in span.text and "-" not in span.text and span.text.isascii():
        zipf = _zipf(span.text.lower())
        if zipf >= 4.5 and pop < 1_000_000:
            return "a common word"
        if zipf >= 3.5 and pop < 100_000:
            return "a common word"
        if span.start == sentence_start and zipf >= 3.0 and pop < 1_000_000:
            return "a common word at the start of a sentence"
    return ""
