"""Evidence from the body: an event read from a title line (front matter `title:`, a `#` heading, the
headline a text opens with) is quoted with the body sentence that says the same, not the title."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

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


def _score(keys: dict[str, int], stems: frozenset[str]) -> int:
    return sum(weight for stem, weight in keys.items() if stem in stems)


Span = tuple[int, int]
Body = list[tuple[Span, frozenset[str]]]


def body_stems(doc: Document, titles: list[Span]) -> Body:
    """Each body sentence (not a title line, not a table row) with its stems: made once per document
    and read for each of its title sources."""
    text = doc.text
    return [((a, b), _stems(text[a:b])) for a, b in split_sentences(text)
            if not any(a < t_end and t_start < b for t_start, t_end in titles) and text[a] != "|"]


def body_sentence(doc: Document, start: int, end: int, titles: list[Span], body: Body | None = None
                  ) -> Span | None:
    """The body sentence that shares most of the words at [start, end) of a title line (the earliest of
    equals; the first body sentence when none shares a word); None when the body has no sentence.
    body: body_stems(doc, titles), when the caller keeps it."""
    keys = _keys(doc.text[start:end])
    best: tuple[int, int] | None = None
    best_score = 0
    for span, stems in body if body is not None else body_stems(doc, titles):
        score = _score(keys, stems)
        if best is None or score > best_score:
            best, best_score = span, score
    return best


def from_body(doc: Document, sources: Iterable[Provenance], titles: list[Span],
              bodies: dict[str, Body] | None = None) -> list[Provenance]:
    """The sources, each one quoting a title line moved to its body sentence (bodies: body_stems by
    document id, filled as needed, for a caller that reads the same documents again)."""
    out = []
    for p in sources:
        if p.doc_id == doc.id and any(a <= p.quote_start < b for a, b in titles):
            if bodies is None:
                body = None
            elif (body := bodies.get(doc.id)) is None:
                body = bodies[doc.id] = body_stems(doc, titles)
            found = body_sentence(doc, p.quote_start, p.quote_end, titles, body)
            if found is not None:
                p = replace(p, sentence=doc.text[found[0]:found[1]], quote_start=found[0], quote_end=found[1])
        out.append(p)
    return out


def evidence_from_body(docs: Iterable[Document], events: object) -> object:
    """`events` (visits, crossings, traffic) with no source quoting a title line where a body sentence
    can stand for it; changed in place and returned."""
    by_id = {d.id: d for d in docs}
    titles = {doc_id: title_spans(d) for doc_id, d in by_id.items()}
    bodies: dict[str, Body] = {}  # each document's body sentences, split and stemmed once
    for kind in (events.visits, events.crossings, events.traffic):  # type: ignore[attr-defined]
        for event in kind:  # one pass over its sources (an event merged across many documents has many)
            if any(titles.get(p.doc_id) for p in event.sources):
                event.sources = [from_body(by_id[p.doc_id], [p], titles[p.doc_id], bodies)[0]
                                 if titles.get(p.doc_id) else p for p in event.sources]  # fmt: skip
    return events
