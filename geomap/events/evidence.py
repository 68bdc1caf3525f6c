"""Evidence from the body: an event read from a title line (front matter `title:`, a `#` heading, the
headline a text opens with) is quoted with the body sentence that says the same, not the title."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import accumulate

from geomap.corpus import front_matter_span
from geomap.model import Document, Provenance
from geomap.sentences import split_sentences

_LINE = re.compile(r"[^\n]*")
_WORD = re.compile(r"\w{3,}")
_TERMINATED = re.compile(r"[.!?。！？][\"”’)\]]*\s*$")
STEM = 5  # letters two words must share to count as the same ("visits", "visited")
# Function words a title shares with any sentence; they tell nothing about which sentence says the same.
STOPWORDS = frozenset(
    "the and for with from into this that its his her their has have had was were are will after "
    "before over under new says said".split()
)


def title_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the title lines are: the front matter block, `#` headings, and the opening line when it
    is the document's title and ends with no sentence punctuation (a headline)."""
    text = doc.text
    spans = []
    matter = front_matter_span(text)
    if matter is not None:
        spans.append(matter)
    first = True
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if not line or (matter is not None and m.start() < matter[1]):
            continue
        if line.startswith("#"):
            spans.append(m.span())
        elif first and line.strip("# ") == doc.title.rstrip("…") and not _TERMINATED.search(line):
            spans.append(m.span())
        elif first and re.match(r"(?i)date:?\s+\d{4}-\d{2}-\d{2}\s*$", line):
            continue  # the date marker line: the title may follow it
        first = False
    return spans


def _keys(text: str) -> dict[str, int]:
    """The words that identify what a title says, by their first letters, names and figures weighing more."""
    keys: dict[str, int] = {}
    for word in _WORD.findall(text):
        if word.lower() in STOPWORDS:
            continue
        weight = 2 if word[0].isupper() or word[0].isdigit() else 1
        stem = word.lower()[:STEM]
        keys[stem] = max(keys.get(stem, 0), weight)
    return keys


def _stems(sentence: str) -> frozenset[str]:
    """The stems _keys would weigh, of every word of a sentence."""
    low = sentence.lower()
    if len(low) == len(sentence):  # each letter lower-cased in place: the same words, one lower() call
        return frozenset(w[:STEM] for w in _WORD.findall(low))
    return frozenset(w.lower()[:STEM] for w in _WORD.findall(sentence))


Span = tuple[int, int]
Body = list[tuple[Span, frozenset[str]]]


class _Titles:
    """Title spans asked "does one cover this offset / overlap this span" by bisection, not one by one
    (a long document has many headings and many sentences)."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))  # the furthest end of the first k

    def covers(self, pos: int) -> bool:
        """Whether a title span holds pos (a <= pos < b)."""
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a title span overlaps [start, end) (a < end and start < b)."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start


# Title spans of one document scored sentence by sentence before its stems are indexed (a long document
# with many headings): most documents ask one or two, for which building the index costs more.
SCANNED = 4


@dataclass
class _Index:
    """A document's body sentences with their stems and, once many title spans were asked, for each stem
    the body sentences that have it (in order); the answer for each title span asked so far."""

    spans: list[Span]
    stems: list[frozenset[str]]
    found: dict[Span, Span | None] = field(default_factory=dict)
    by_stem: dict[str, list[int]] | None = None

    def scores(self, keys: dict[str, int]) -> dict[int, int]:
        """Each body sentence sharing a stem with keys (stem -> weight), with the sum of their weights."""
        if self.by_stem is None and len(self.found) < SCANNED:
            wanted = frozenset(keys)
            weight = keys.__getitem__
            return {i: sum(map(weight, shared)) for i, stems in enumerate(self.stems)
                    if (shared := stems & wanted)}
        if self.by_stem is None:
            self.by_stem = {}
            for i, stems in enumerate(self.stems):
                for stem in stems:
                    self.by_stem.setdefault(stem, []).append(i)
        scores: dict[int, int] = {}
        for stem, weight in keys.items():
            for i in self.by_stem.get(stem, ()):
                scores[i] = scores.get(i, 0) + weight
        return scores


def _index(body: Body) -> _Index:
    return _Index([span for span, _ in body], [stems for _, stems in body])


def body_stems(doc: Document, titles: list[Span]) -> Body:
    """Each body sentence (not a title line, not a table row) with its stems: made once per document
    and read for each of its title sources."""
    text = doc.text
    title = _Titles(titles)
    return [((a, b), _stems(text[a:b])) for a, b in split_sentences(text)
            if not title.overlaps(a, b) and text[a] != "|"]


def body_sentence(doc: Document, start: int, end: int, titles: list[Span], body: Body | None = None
                  ) -> Span | None:
    """The body sentence that shares most of the words at [start, end) of a title line (the earliest of
    equals; the first body sentence when none shares a word); None when the body has no sentence.
    body: body_stems(doc, titles), when the caller keeps it."""
    return _best(doc, start, end, _index(body if body is not None else body_stems(doc, titles)))


def _best(doc: Document, start: int, end: int, index: _Index) -> Span | None:
    """body_sentence from the index: each sentence scored by the title's stems it has (a sentence with
    none of them scores 0)."""
    if (start, end) in index.found:
        return index.found[(start, end)]
    best: Span | None = index.spans[0] if index.spans else None
    scores = index.scores(_keys(doc.text[start:end]))
    if scores:  # weights are positive: the highest score, the earliest of equals
        top = max(scores.values())
        best = index.spans[min(i for i, score in scores.items() if score == top)]
    index.found[(start, end)] = best
    return best


def from_body(doc: Document, sources: Iterable[Provenance], titles: list[Span],
              bodies: dict[str, _Index] | None = None) -> list[Provenance]:
    """The sources, each one quoting a title line moved to its body sentence (bodies: each document's
    body sentences indexed, filled as needed, for a caller that reads the same documents again)."""
    return _from_body(doc, sources, titles, _Titles(titles), bodies)


def _from_body(doc: Document, sources: Iterable[Provenance], titles: list[Span], title: _Titles,
               bodies: dict[str, _Index] | None) -> list[Provenance]:
    out = []
    for p in sources:
        if p.doc_id == doc.id and title.covers(p.quote_start):
            index = None if bodies is None else bodies.get(doc.id)
            if index is None:
                index = _index(body_stems(doc, titles))
                if bodies is not None:
                    bodies[doc.id] = index
            found = _best(doc, p.quote_start, p.quote_end, index)
            if found is not None:
                p = replace(p, sentence=doc.text[found[0]:found[1]], quote_start=found[0], quote_end=found[1])
        out.append(p)
    return out


def evidence_from_body(docs: Iterable[Document], events: object) -> object:
    """`events` (visits, crossings, traffic) with no source quoting a title line where a body sentence
    can stand for it; changed in place and returned."""
    by_id = {d.id: d for d in docs}
    titles = {doc_id: title_spans(d) for doc_id, d in by_id.items()}
    title = {doc_id: _Titles(spans) for doc_id, spans in titles.items() if spans}  # asked per event
    bodies: dict[str, _Index] = {}  # each document's body sentences, split, stemmed and indexed once
    for kind in (events.visits, events.crossings, events.traffic):  # type: ignore[attr-defined]
        for event in kind:  # one pass over its sources (an event merged across many documents has many)
            if any(titles.get(p.doc_id) for p in event.sources):
                event.sources = [
                    _from_body(by_id[p.doc_id], [p], titles[p.doc_id], title[p.doc_id], bodies)[0]
                    if titles.get(p.doc_id) else p for p in event.sources
                ]  # fmt: skip
    return events
