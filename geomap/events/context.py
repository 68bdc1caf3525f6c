"""What the extractors share about one document: sentences, paragraphs, places, people, dates."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from geomap.events.dates import DateSpan, find_dates, parse_doc_date
from geomap.events.people import PersonRef, TextScan, person_refs
from geomap.events.sieve import FOLDS_APART_RX, lower_words, may_contain
from geomap.model import Document, Mention, Place, Provenance
from geomap.sentences import split_sentences

_SPAN = attrgetter("start", "end")  # the order of mentions and people: by start, then end
_START = attrgetter("start")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its offsets in the document and the paragraph (line) it belongs to."""

    index: int
    start: int
    end: int
    text: str
    para: int


@dataclass
class DocContext:
    """A document with its sentences, place mentions, people and dates, all by offset."""

    doc: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    people: list[PersonRef]
    dates: list[DateSpan]
    gazetteer: Any = None
    _starts: list[int] = field(default_factory=list, repr=False)
    _mention_starts: list[int] = field(default_factory=list, repr=False)
    _people_starts: list[int] = field(default_factory=list, repr=False)
    _date_starts: list[int] = field(default_factory=list, repr=False)
    _countries_by_place: dict[str, set[str]] | None = field(default=None, repr=False)
    _paragraphs: dict[int, list[Sentence]] | None = field(default=None, repr=False)
    _cue_sentences: dict[tuple[str, ...], set[int]] = field(default_factory=dict, repr=False)
    words: list[tuple[int, str]] | None = field(default=None, repr=False)  # the text's lower_words, if known
    # what an extractor works out once per sentence of this document and asks again, by (name, index)
    memo: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)
    _word_starts: list[int] = field(default_factory=list, repr=False)
    _countries_but: dict[str | None, frozenset[str]] = field(default_factory=dict, repr=False)
    _only_one: set[str] = field(default_factory=set, repr=False)
    _lower: str | None = field(default=None, repr=False)  # the text lower-cased, once asked
    _folds_apart: set[int] | None = field(default=None, repr=False)  # sentences with a letter folding apart

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]
        # Sorted by start, then end: a sentence's share is one bisected slice.
        self.mentions = sorted(self.mentions, key=_SPAN)
        self.people = sorted(self.people, key=_SPAN)
        self.dates = sorted(self.dates, key=_START)
        self._mention_starts = [m.start for m in self.mentions]
        self._people_starts = [p.start for p in self.people]
        self._date_starts = [d.start for d in self.dates]
        if self.words is not None and not words_keep_offsets(self.doc.text):
            self.words = None
        if self.words is None:
            self._word_starts = []
        elif len(self._word_starts) != len(self.words):  # unless the builder passed them
            self._word_starts = list(map(itemgetter(0), self.words))

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence containing an offset (the previous one when between sentences)."""
        return self.sentences[max(0, bisect_right(self._starts, pos) - 1)]

    def mentions_in(self, s: Sentence) -> list[Mention]:
        """Place mentions inside the sentence, in order."""
        i = bisect_left(self._mention_starts, s.start)
        j = bisect_left(self._mention_starts, s.end, i)
        return self.mentions[i:j]

    def people_in(self, s: Sentence) -> list[PersonRef]:
        """Person references inside the sentence, in order."""
        i = bisect_left(self._people_starts, s.start)
        j = bisect_left(self._people_starts, s.end, i)
        return self.people[i:j]

    def dates_in(self, s: Sentence) -> list[DateSpan]:
        """Date expressions inside the sentence, in order."""
        i = bisect_left(self._date_starts, s.start)
        j = bisect_left(self._date_starts, s.end, i)
        return self.dates[i:j]

    def dates_from(self, start: int, end: int) -> list[DateSpan]:
        """Date expressions starting at an offset in [start, end), in order."""
        i = bisect_left(self._date_starts, start)
        return self.dates[i:bisect_left(self._date_starts, end, i)]

    def words_in(self, s: Sentence) -> list[tuple[int, str]]:
        """(document offset, lower-cased word) of each run of letters of the sentence (lower_words)."""
        own = cut_words(self.words, self._word_starts, s) if self.words is not None else None
        return [(s.start + pos, word) for pos, word in lower_words(s.text)] if own is None else own

    def mention_countries(self, but: str | None = None) -> frozenset[str]:
        """Countries of the place mentions (a border place counts for both sides), leaving out those of
        the place with id `but`; grouped by place once per document, each answer made once."""
        found = self._countries_but.get(but)
        if found is not None:
            return found
        if self._countries_by_place is None:
            self._countries_by_place = {}
            for place_id, country in {(m.place.id, m.place.country) for m in self.mentions}:
                codes = self._countries_by_place.setdefault(place_id, set())
                codes.update(country.split("/"))
                codes.discard("")
            places_of = Counter(c for codes in self._countries_by_place.values() for c in codes)
            self._countries_but[None] = frozenset(places_of)
            self._only_one = {c for c, n in places_of.items() if n == 1}  # countries of a single place
        # a country is left out only when the place left out is the one place it has
        found = self._countries_but[None] - (self._countries_by_place.get(but, set()) & self._only_one)
        self._countries_but[but] = found
        return found

    def paragraph(self, s: Sentence) -> list[Sentence]:
        """The sentences of the sentence's paragraph (grouped once per document)."""
        if self._paragraphs is None:
            self._paragraphs = {}
            for x in self.sentences:
                self._paragraphs.setdefault(x.para, []).append(x)
        return list(self._paragraphs.get(s.para, []))

    def may_contain(self, s: Sentence, cues: tuple[str, ...]) -> bool:
        """sieve.may_contain(s.text, cues), answered from one search of the document for each cue."""
        found = self._cue_sentences.get(cues)
        if found is None:
            found = self._cue_sentences[cues] = self._sentences_with(cues)
        return s.index in found

    def _sentences_with(self, cues: tuple[str, ...]) -> set[int]:
        """Indexes of the sentences in which sieve.may_contain finds one of the cues."""
        text = self.doc.text
        if self._lower is None:
            self._lower = text.lower()
        low = self._lower
        if len(low) != len(text):  # offsets of the lower case differ: sentence by sentence
            return {s.index for s in self.sentences if may_contain(s.text, cues)}
        out: set[int] = set()
        for cue in cues:
            at = low.find(cue)
            while at >= 0:
                s = self.sentence_at(at)
                if s.start <= at and at + len(cue) <= s.end:
                    out.add(s.index)
                at = low.find(cue, at + 1)
        if self._folds_apart is None:
            self._folds_apart = set()
            for m in FOLDS_APART_RX.finditer(text):
                s = self.sentence_at(m.start())
                if s.start <= m.start() < s.end:
                    self._folds_apart.add(s.index)
        return out | self._folds_apart

    def provenance(self, s: Sentence, start: int, end: int) -> Provenance:
        """Provenance for evidence at [start, end) within sentence s."""
        d = self.doc
        return Provenance(doc_id=d.id, doc_title=d.title, doc_date=d.date, source=d.source,
                          sentence=s.text, quote_start=max(start, s.start), quote_end=min(end, s.end))

    def parent_city(self, place: Place) -> Place:
        """A landmark's enclosing city (following parents), else the place itself."""
        seen = {place.id}
        current = place
        while self.gazetteer is not None and current.kind not in ("city", "town", "country", "admin1"):
            parent_id = _parent(self.gazetteer, current.id)
            if not parent_id or parent_id in seen:
                break
            seen.add(parent_id)
            try:
                current = self.gazetteer.get(parent_id)
            except Exception:  # noqa: BLE001 - an unknown parent id leaves the place as is
                break
        return current if current.kind in ("city", "town") else place


def _parent(gazetteer: Any, place_id: str) -> str:
    getter = getattr(gazetteer, "parent", None)
    return getter(place_id) if getter else ""


def build_context(
    doc: Document,
    mentions: list[Mention],
    gazetteer: Any = None,
    known_people: Mapping[str, str] | None = None,
    is_place: Callable[[str], bool] | None = None,
    scan: TextScan | None = None,
) -> DocContext:
    """Split the document and find its people and dates once, for every extractor (scan: the text's
    TextScan when the run has one)."""
    text = doc.text
    spans = split_sentences(text) or [(0, len(text))]
    sentences: list[Sentence] = []
    line = counted = 0
    for i, (s, e) in enumerate(spans):  # the line of each sentence, counting on from the one before
        line += text.count("\n", counted, s)
        counted = s
        sentences.append(Sentence(i, s, e, text[s:e], line))
    scan = scan or TextScan(text, is_place)
    if scan.spans is None:
        scan.spans = spans
    words = scan.words if words_keep_offsets(text) else None
    word_starts = scan.columns[0] if words is not None else []
    dates: list[DateSpan] = []
    base = parse_doc_date(doc.date)
    for s in sentences:
        own = cut_words(words, word_starts, s) if words is not None else None
        dates += find_dates(s.text, base, offset=s.start, words=own)
    people = person_refs(text, known_people, is_place=is_place, scan=scan)
    return DocContext(doc, sentences, mentions, people, dates, gazetteer,  # each sorted by the context
                      words=words, _word_starts=word_starts)


def words_keep_offsets(text: str) -> bool:
    """Whether a sentence's words can be cut from the document's: not where "İ" is, which lower-cases
    to two letters and shifts the offsets after it."""
    return "\u0130" not in text


def cut_words(words: list[tuple[int, str]], starts: list[int], s: Sentence) -> list[tuple[int, str]] | None:
    """The document's words (starts: their offsets) that make up sentence s, which reads them alike
    alone; None when a word runs across an edge of the sentence."""
    i = bisect_left(starts, s.start)
    j = bisect_left(starts, s.end, i)
    if i and starts[i - 1] + len(words[i - 1][1]) > s.start:
        return None
    if j > i and starts[j - 1] + len(words[j - 1][1]) > s.end:
        return None
    return words[i:j]
