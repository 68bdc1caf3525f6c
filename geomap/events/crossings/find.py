"""Where a sentence names a crossing: a crossing noun (cues.NOUNS) and the names that go with it,
before it ("the Old Mill checkpoint", "the A–B bridge", "the A, B and C crossings") or after it
("the port of entry at A", "the bridge between A and B", "four crossings – A, B and C")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from geomap.events.context import DocContext, Sentence
from geomap.events.crossings.cues import (
    AFTER,
    ANAPHOR,
    ANAPHOR_CUES,
    BEFORE_ONLY,
    LIST_INTRO,
    MODE_WORDS,
    MODIFIERS,
    NOUN_FIRST,
    NOUN_STARTS,
    NOUNS,
    ORGANISATIONS,
    PLURAL,
    PLURAL_HEAD,
    TABLE_ONLY,
    WEAK_NOUNS,
    compile_all,
)
from geomap.events.crossings.records import Curated, demonym_in
from geomap.events.crossings.table import Table
from geomap.events.sieve import fold_unsafe, lower_case_pattern, reads_lower_case
from geomap.model import Mention, Place

_NOUNS = Table(NOUNS, NOUN_STARTS)
_PLURAL = re.compile(PLURAL)
_PLURAL_HEAD = re.compile(PLURAL_HEAD, re.I)
_WEAK = [re.compile(p, re.I) for p in WEAK_NOUNS]
_TABLE_ONLY = [re.compile(p, re.I) for p in TABLE_ONLY]
_BEFORE_ONLY = [re.compile(p, re.I) for p in BEFORE_ONLY]
_MODE_WORDS = compile_all(MODE_WORDS)
# matches wherever one of the mode words does
_ANY_MODE_WORD = re.compile("|".join(rx.pattern for _, rx in _MODE_WORDS), re.I)
_ANAPHOR = re.compile(ANAPHOR, re.I)
_ANAPHOR_LOWER = lower_case_pattern(ANAPHOR)  # its words are in lower case
_ANAPHOR_UNSAFE = fold_unsafe(ch for ch in ANAPHOR if ch.isalpha())
_MODIFIER_TAIL = re.compile(rf"(?:(?<!\w){MODIFIERS}(?!\w)[\s,]*)+$", re.I)
_MODIFIER_TAIL_LOWER = lower_case_pattern(_MODIFIER_TAIL.pattern)  # its words are in lower case
_MODIFIER_UNSAFE = fold_unsafe(ch for ch in MODIFIERS if ch.isalpha())
_PAIR_JOIN = re.compile(r"\s*[–—/-]\s*$|\s*[–—-]\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s+и\s+|\s+y\s+|\s+i\s+|"
                        r"、|和)$")
_CAP_RUN = re.compile(r"(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.]*(?:[ -](?=[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ]))?){1,3}$")
_CAP_RUN_FWD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.]*(?:[ -][A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.]*){0,2}")
_SENTENCE_DOT = re.compile(r"(?<=\w{3})\.$")
_PROPER_BEFORE = re.compile(r"(?:(?<![\w.])[A-Z][\w'’.-]*[ ]+){1,4}$")
_ORGANISATION = re.compile(rf"\s+(?:{ORGANISATIONS})\b")
_PROPER_AFTER = re.compile(r"[ ]+of[ ]+the[ ]+[A-Z][\w'’.-]*")
_AFTER = re.compile(rf"\s+{AFTER}\s+(?:the\s+)?", re.I)
_BETWEEN = re.compile(r",?\s+(?:between|from|linking|connecting|joining|(?:that|which)\s+(?:links?|connects?|"
                      r"joins?))\s+(?:the\s+)?", re.I)
_AND_TO = re.compile(r"\s*(?:and|to|with|[–—-])\s+(?:the\s+)?", re.I)
_COMPASS = re.compile(r"^(?:East|West|North|South|Upper|Lower|New|Old)\s+|\s+(?:East|West|North|South)$")
_AND = re.compile(r"\band\b|&|,|\bи\b|\by\b|\bi\b|和")
_PAIR_AFTER = re.compile(r"[ ]*[–—/-][ ]*")
_PART_OF = re.compile(r"[\"”’]?\s+(?:on|at|of|in)\s+(?:the|this|that)\s+")
_DIRECT = re.compile(r"[ ]*[«\"“][ ]*|[ ]+")  # "ICP Northgate", "пункт пропуска «Северный»"
# Between two items of a list of crossings, perhaps with a short remark on the first ("A, shut for
# two years, and B").
_LIST_NEXT = re.compile(r"\s*,\s*(?:[^\W\d][^,.;:]{0,40},\s*)?(?:(?:and|or|oraz|i|y|и)\s+)?|"
                        r"\s+(?:and|or|oraz|i|y|и)\s+", re.I)
_LIST_AFTER = re.compile(rf"[^.;]{{0,40}}?{LIST_INTRO}\s*", re.I)
# "entry points in Northvale (Aston–Bexley), Southmoor (Cray–Dunmore)": a crossing per bracketed pair.
_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+|(?<=\w)-(?=[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ])")
_GENERIC_TAIL = re.compile(r"\s+(?:Jetty|Pier|Wharf|Port|Terminal|Station|Gate|Checkpoint|Bridge)$")
_NOUN_FIRST = re.compile(NOUN_FIRST, re.I)
_NAME_AFTER = re.compile(r"(?:[ ]+[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.-]*){1,3}")
_ROMAN_TAIL = re.compile(r"\s+(?:I{1,3}|IV|V|[1-9])$")  # the number of a second bridge, read on its own
# From the end of one quoted name to the start of the next ("«A-road» and «B-road»", "“A”, “B”").
_QUOTED_NEXT = re.compile(r"[^»\"”,.;«“]{0,30}[»\"”]\s*"
                          r"(?:,\s*(?:(?:и|and|y|i)\s+)?|\s+(?:и|and|y|i|или|or)\s+)[«\"“]\s*")
_BRACKETED = re.compile(r"\(\s*(?P<inner>[^()]{3,80}?)\s*\)")
_PUNCTUATION = re.compile(r"[,;:()]")
_TWO_CAPITALISED = re.compile(r"[A-Z]\w+\s+[A-Z]\w+")  # "Friendship Gate"
_ARTICLE = re.compile(r"^(?:The|A|An)\s+")
_NOT_NAMES = {"the", "a", "an", "on", "in", "at", "this", "that", "its", "their", "our", "new", "old", "both",
              "and", "of", "for", "from", "with"}


@dataclass
class Name:
    """One name a crossing is called by: a place mention, or words the geoparser left alone."""

    start: int
    end: int
    text: str
    options: list[Place] = field(default_factory=list)  # readings, likeliest first


@dataclass
class Cue:
    """A crossing noun with the groups of names it goes with (each group one crossing)."""

    start: int
    end: int
    noun: str
    mode: str  # "" when neither the noun nor the words before it say
    groups: list[list[Name]]  # the names before the noun
    after: list[list[Name]]  # the names after it
    plural: bool
    weak: bool  # a noun that is a crossing only with two sides named ("the A–B railway")

    name: str = ""  # the crossing's own name ("Harmony Bridge"), "" when it has none
    table_only: bool = False  # a noun that is a crossing only at a curated crossing's town ("X port")

    @property
    def proper(self) -> bool:
        """A crossing with a name of its own ("Harmony Bridge", "Bridge of the Two Valleys")."""
        return bool(self.name)


class Namer:
    """Turns spans of a document into Names, with the readings the gazetteer offers."""

    def __init__(self, ctx: DocContext, lookups: Curated | None = None) -> None:
        self.ctx = ctx
        self.gaz = ctx.gazetteer
        self.by_end = {m.end: m for m in ctx.mentions}
        self.by_start = {m.start: m for m in ctx.mentions}
        # The countries the document is about: other readings of a name must lie in one of them.
        kinds = ("country", "admin1", "city", "town")
        self.countries = {m.place.country for m in ctx.mentions
                          if m.place.kind in kinds and len(m.place.country) == 2}
        # The gazetteer's answers by place id and by name, kept across documents when given for this
        # gazetteer, else for this document.
        same = lookups is not None and self.gaz is not None and lookups.gaz is self.gaz
        self._lookups = lookups if same else None
        self._namesakes: dict[str, list[Place]] = {}

    def is_demonym(self, text: str) -> bool:
        """Whether the words are a people's name ("Kazakh", "Afghan"): an adjective, not a side."""
        if self._lookups is not None:
            return self._lookups.is_demonym(text)
        return demonym_in(self.gaz, text)

    def _adjective(self, m: Mention | None, text: str) -> bool:
        """A country or a people's name before a noun ("the Russian border station") names no side."""
        return m is not None and m.place.kind in ("country", "continent", "admin1") or self.is_demonym(text)

    def _namesakes_of(self, text: str) -> list[Place]:
        """The gazetteer's first eight places named text (most populous first)."""
        if self._lookups is not None:
            return self._lookups.namesakes(text)
        if text not in self._namesakes:
            try:
                self._namesakes[text] = self.gaz.lookup(text)[:8]
            except Exception:  # noqa: BLE001 - a lookup failure means no namesake
                self._namesakes[text] = []
        return self._namesakes[text]

    def _place(self, place_id: str) -> Place | None:
        """The gazetteer's place with this id, None when there is none."""
        if self._lookups is not None:
            return self._lookups.get(place_id)
        try:
            return self.gaz.get(place_id)
        except Exception:  # noqa: BLE001 - a stale candidate id is skipped
            return None

    def options(self, m: Mention | None, text: str) -> list[Place]:
        """The mention's place, then the other candidates and namesakes in the gazetteer."""
        out: list[Place] = [m.place] if m is not None else []
        if self.gaz is not None:
            for c in (m.candidates if m is not None else ()):
                p = self._place(c.place_id)
                if p is not None and p not in out:
                    out.append(p)
            out += [p for p in self._namesakes_of(text) if p not in out]
        if len(out) > 1 and self.countries:
            out = out[:1 if m is not None else 0] + [p for p in out[1 if m is not None else 0:]
                                                     if p.country in self.countries]
        return out

    def ending_at(self, pos: int, floor: int) -> Name | None:
        """The name whose last character is just before pos (spaces and quotes skipped)."""
        text = self.ctx.doc.text
        while pos > floor and text[pos - 1] in " \"'’”":
            pos -= 1
        m = self.by_end.get(pos)
        if m is not None and m.start >= floor:
            if self._adjective(m, m.text):
                return None
            return Name(m.start, m.end, m.text, self.options(m, m.text))
        run = _CAP_RUN.search(text[max(floor, pos - 40):pos])
        if run is None:
            return None
        start = max(floor, pos - 40) + run.start()
        words = text[start:pos].strip()
        inside = start in self.by_start and self.by_start[start].end > pos
        if not words or words.lower() in _NOT_NAMES or inside or self._adjective(None, words):
            return None
        options = self.options(None, words)
        if not options and "-" in words:  # "Northgate-Southbank": two names, read one at a time
            cut = text.rindex("-", start, pos) + 1
            return self.ending_at(pos, cut) if cut < pos else None
        if not options and _COMPASS.search(words):  # "Northgate East": the place without its quarter
            options = self.options(None, _COMPASS.sub("", words).strip())
        return Name(start, pos, words, options)

    def whole(self, start: int, end: int) -> Name:
        """The words text[start:end] as one name: the mention that spans them, else their namesakes in
        the gazetteer, else those of the words without a generic last word ("Aston Jetty")."""
        words = self.ctx.doc.text[start:end]
        m = self.by_start.get(start)
        if m is not None and m.end == end:
            return Name(start, end, words, self.options(m, words))
        options = self.options(None, words) or self.options(None, _GENERIC_TAIL.sub("", words))
        return Name(start, end, words, options)

    def starting_at(self, pos: int, ceiling: int) -> Name | None:
        """The name whose first character is at pos."""
        text = self.ctx.doc.text
        m = self.by_start.get(pos)
        if m is not None and m.end <= ceiling:
            if self._adjective(m, m.text):
                return None
            return Name(m.start, m.end, m.text, self.options(m, m.text))
        run = _CAP_RUN_FWD.match(text, pos, ceiling)
        if run is None or run.group().lower() in _NOT_NAMES or self._adjective(None, run.group()):
            return None
        words = _SENTENCE_DOT.sub("", run.group())  # "... and Hare Hill." ends the sentence, not the name
        return Name(run.start(), run.start() + len(words), words, self.options(None, words))


def modes_in(text: str, start: int, end: int) -> list[str]:
    """Modes the mode words in text[start:end] name, in order of their first word."""
    return _modes_before(text, start, end)


def _modes_before(text: str, start: int, end: int) -> list[str]:
    """The modes the words between a crossing's name and its noun say, in the order written."""
    if start >= end:  # nothing between them (every mode word has letters)
        return []
    if not _ANY_MODE_WORD.search(text, start, end):  # none of them anywhere: one scan, not one per mode
        return []
    found = sorted((m.start(), mode) for mode, rx in _MODE_WORDS if (m := rx.search(text, start, end)))
    return [mode for _, mode in found]


def _lowered(text: str, start: int, end: int, unsafe: frozenset[str]) -> tuple[str, int] | None:
    """The lower case of text[start:end] with the character before it (a pattern's opening \\b or (?<!\\w)
    looks at it), and where that begins in text; None when patterns ignoring case would read the text
    otherwise (a letter of it folds apart from lower(), see sieve.fold_unsafe): then read the text."""
    at = start - 1 if start > 0 else 0
    window = text[at:end]
    low = window.lower()
    return (low, at) if reads_lower_case(window, low, unsafe) else None


def _modifier_tail(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of _MODIFIER_TAIL's search in text[start:end] (modifier words ending at end), read in the
    lower case of those few characters where that reads alike (about half the time)."""
    lowered = _lowered(text, start, end, _MODIFIER_UNSAFE)
    if lowered is not None:
        low, at = lowered
        m = _MODIFIER_TAIL_LOWER.search(low, start - at)
        return None if m is None else (m.start() + at, m.end() + at)
    m = _MODIFIER_TAIL.search(text, start, end)
    return None if m is None else m.span()


def _names_before(namer: Namer, s: Sentence, pos: int) -> tuple[list[list[Name]], int]:
    """Groups of names ending at pos: dash-joined names are one crossing, listed names several."""
    text = namer.ctx.doc.text
    groups: list[list[Name]] = []
    current: list[Name] = []
    while len(groups) + len(current) < 8:
        name = namer.ending_at(pos, s.start)
        if name is None:
            break
        current.insert(0, name)
        before = text[s.start:name.start]
        pm = _PAIR_JOIN.search(before)
        if pm and len(current) < 2:
            pos = s.start + pm.start()
            continue
        lm = _LIST_JOIN.search(before)
        groups.insert(0, current)
        current = []
        if lm is None:
            break
        pos = s.start + lm.start()
    if current:
        groups.insert(0, current)
    return groups, pos


_WATER = {"river", "lake", "sea", "bay"}  # what a crossing spans, not one of its sides


def _names_after(namer: Namer, s: Sentence, pos: int, plural: bool) -> list[list[Name]]:
    """Names after the noun: "at A", "between A and B", or a list introduced by a colon or dash."""
    text = namer.ctx.doc.text
    m = _BETWEEN.match(text, pos, s.end)
    if m:
        a = namer.starting_at(m.end(), s.end)
        if a is not None:
            j = _AND_TO.match(text, a.end, s.end)
            b = namer.starting_at(j.end(), s.end) if j else None
            return [[a, b]] if b is not None else [[a]]
    m = _AFTER.match(text, pos, s.end) or _DIRECT.match(text, pos, s.end)
    if m:
        a = namer.starting_at(m.end(), s.end)
        water = a is not None and a.options[:1] and a.options[0].kind in _WATER
        if water and _BETWEEN.match(text, a.end, s.end):
            return _names_after(namer, s, a.end, plural)  # "a bridge across the X between A and B"
        if a is not None:
            j = _PAIR_AFTER.match(text, a.end, s.end)
            b = namer.starting_at(j.end(), s.end) if j else None
            if b is None and plural:  # «пункты пропуска «A» и «B»»: each quoted name one crossing
                return [[x] for x in _quoted_list(namer, s, a)]
            return [[a, b]] if b is not None else [[a]]
    if plural and (pairs := _bracketed_pairs(namer, s, pos)):
        return pairs
    if plural:
        m = _LIST_AFTER.match(text, pos, s.end)
        if m:
            out: list[list[Name]] = []
            at = m.end()
            while len(out) < 8:
                name = namer.starting_at(at, s.end)
                if name is None:
                    break
                j = _PAIR_AFTER.match(text, name.end, s.end)  # "A–B, C–D": a pair is one crossing
                other = namer.starting_at(j.end(), s.end) if j else None
                out.append([name, other] if other is not None else [name])
                j = _LIST_NEXT.match(text, (other or name).end, s.end)
                if j is None:
                    break
                at = j.end()
            return out
    return []


def _quoted_list(namer: Namer, s: Sentence, first: Name) -> list[Name]:
    """The first quoted name after a plural noun and the quoted names listed after it."""
    out = [first]
    while len(out) < 8 and (j := _QUOTED_NEXT.match(namer.ctx.doc.text, out[-1].end, s.end)):
        nxt = namer.starting_at(j.end(), s.end)
        if nxt is None:
            break
        out.append(nxt)
    return out


def _bracketed_pairs(namer: Namer, s: Sentence, pos: int) -> list[list[Name]]:
    """Two names joined by a dash in brackets after a plural crossing noun, each pair one crossing
    ("crossings in Northvale (Aston–Bexley) and Southmoor (Cray–Dunmore)")."""
    text = namer.ctx.doc.text
    out: list[list[Name]] = []
    for m in _BRACKETED.finditer(text, pos, s.end):
        halves = _DASH.split(m.group("inner"))
        if len(halves) != 2 or not all(_CAP_RUN_FWD.fullmatch(h) for h in halves) or len(out) >= 8:
            continue
        a_start = m.start("inner")
        b_start = m.end("inner") - len(halves[1])
        out.append([namer.whole(a_start, a_start + len(halves[0])), namer.whole(b_start, m.end("inner"))])
    return out


def crossing_cues(ctx: DocContext, s: Sentence, namer: Namer, taken: list[tuple[int, int]]) -> list[Cue]:
    """Crossing nouns of the sentence with the names that go with them (no overlap with taken spans)."""
    text = ctx.doc.text
    spans: list[tuple[int, int, str]] = []
    for st, e, mode in _NOUNS.finditer(text, s.start, s.end):
        if any(st < b and a < e for a, b in taken) or any(st < b and a < e for a, b, _ in spans):
            continue  # overlapping Chinese and word matches: the first wins
        spans.append((st, e, mode))
    out: list[Cue] = []
    starts = {st for st, _, _ in spans}
    for start, end, mode in sorted(spans):
        noun = text[start:end]
        part = _PART_OF.match(text, end, s.end)
        if part and not _own_name(text, s, start, end) and any(
                part.end() <= st <= part.end() + 40 and not _PUNCTUATION.search(text, part.end(), st)
                for st in starts):
            continue  # "the checkpoint on the bridge", "the bridge at the A–B crossing": part of the next
            # (a part with a name of its own, "the Lotus Gate at the bridge", is a structure of its own)
        if _ORGANISATION.match(text, end, s.end):
            continue  # "the Harmony Bridge Authority", "Russian Railways Company": an organisation
        tail = _modifier_tail(text, max(s.start, start - 60), start)
        name_end = tail[0] if tail and tail[1] == start else start
        groups, _ = _names_before(namer, s, name_end)
        plural, only_before, weak, table_only = _noun_kind(noun)
        listed = plural and _LIST_AFTER.match(text, end, s.end)  # "two rail gateways, A and B"
        after = _names_after(namer, s, end, plural) if not only_before or listed else []
        own = _own_name(text, s, start, end)
        written = _modes_before(text, name_end, start)
        if mode:  # "the road and rail checkpoints": the noun's mode and the ones listed before it
            modes = list(dict.fromkeys(written + [mode])) if _AND.search(text, name_end, start) else [mode]
        else:
            modes = written[:1] or _modes_before(text, start, end)[:1] or [""]
        for one in modes:  # "the road and rail checkpoints at A": two crossings
            out.append(Cue(start, end, noun, one, groups, after, plural, weak, own, table_only))
    return out


@lru_cache(maxsize=512)  # the same few nouns recur in every document
def _noun_kind(noun: str) -> tuple[bool, bool, bool, bool]:
    """Whether a crossing noun is plural, takes its name from before only, is weak, is table-only."""
    return (bool(_PLURAL.search(noun) or _PLURAL_HEAD.match(noun)),
            any(rx.fullmatch(noun) for rx in _BEFORE_ONLY), any(rx.fullmatch(noun) for rx in _WEAK),
            any(rx.fullmatch(noun) for rx in _TABLE_ONLY))


def _own_name(text: str, s: Sentence, start: int, end: int) -> str:
    """ "Anna Smith Memorial Bridge", "Bridge of the Two Valleys": capitalised words with a capitalised
    noun, not at the start of a sentence or line."""
    if not text[start:start + 1].isupper():
        return ""
    run = _NAME_AFTER.match(text, end, s.end)
    if start > s.start and run and _NOUN_FIRST.fullmatch(text[start:end]):
        return _ROMAN_TAIL.sub("", text[start:run.end()])  # "Puente Aurora (II)": the noun, then the name
    if start > s.start and _TWO_CAPITALISED.fullmatch(text, start, end):
        return text[start:end]  # "Friendship Gate"
    before = _PROPER_BEFORE.search(text, s.start, start)
    words = _ARTICLE.sub("", before.group()) if before else ""
    after = _PROPER_AFTER.match(text, end, s.end)
    if words.strip() and not (before.start() == s.start and not words.strip()):
        return (words + text[start:end]).strip()
    if after:
        return text[start:after.end()].strip()
    return ""


def anaphors(ctx: DocContext, s: Sentence) -> list[tuple[int, int, str]]:
    """Spans of "the crossing", "this bridge", ... with the noun they use."""
    if not ctx.may_contain(s, ANAPHOR_CUES):
        return []
    lowered = _lowered(ctx.doc.text, s.start, s.end, _ANAPHOR_UNSAFE)
    if lowered is None:
        found = _ANAPHOR.finditer(ctx.doc.text, s.start, s.end)
        return [(m.start(), m.end(), m.group("noun").lower()) for m in found]
    low, at = lowered  # the same matches in the lower case, about twice as fast
    found = _ANAPHOR_LOWER.finditer(low, s.start - at)
    return [(m.start() + at, m.end() + at, m.group("noun")) for m in found]
