"""Find place mentions in a document and resolve each to one gazetteer entry with a confidence.

recognise.py finds the names and drops those that are not places here; resolve.py picks each
name's place jointly with the document's other names.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.names import normalize
from geomap.geoparse.datelines import in_dateline
from geomap.geoparse.recognise import (
    PERSON_READINGS,
    Reading,
    Span,
    find_spans,
    people_words,
    prior,
    reading_of,
    rejection,
    surnames,
)
from geomap.geoparse.resolve import (
    F,
    bindings,
    blocks,
    comma_follows,
    confidence,
    disambiguate,
    place_ids,
    rank_candidates,
)
from geomap.model import Candidate, Document, Mention, Place
from geomap.sentences import split_sentences

__all__ = ["geoparse", "resolve_spans", "split_sentences", "rank_candidates", "prior", "mentions_by_doc"]

# A name is kept as a place when its chosen reading is supported at least this much: its prior
# (a town of a few thousand people scores about 0.6) plus what the document's context adds.
MIN_SCORE = 0.55
# A town named by one of its other names (an old or foreign spelling: "Banjska" for Bansko) that
# nothing else in the document lies near or in the country of loses this much support: a small
# town abroad so read is more often a place the gazetteer lacks than that town.
UNSUPPORTED_ALTERNATE = 0.15
N_CANDIDATES = 10  # the likeliest places kept on each mention
TIE = 1e-12  # probabilities this close are equal: the tie is broken by place id
_NONE: frozenset[str] = frozenset()
_BEFORE_COMMA = frozenset((",", " ", "\t"))  # what follows a name that comma_follows() may accept


def geoparse(doc: Document, gaz: Gazetteer) -> list[Mention]:
    """Every place mention in the document, resolved with the document's other places as context."""
    text = doc.text
    sentences = split_sentences(text) or [(0, len(text))]
    spans = find_spans(doc, gaz, sentences)
    kept: list[tuple[Span, bool]] = []  # each place reading, and whether it is firm
    person_words: set[str] = set()
    people = people_words(text)
    family = surnames(text, gaz)
    # most names are followed by neither a comma nor a space: their next character rules them out
    areas = {span.end: bindings(text, span.end, gaz)
             if text[span.end:span.end + 1] in _BEFORE_COMMA and comma_follows(text, span.end) else _NONE
             for span in spans}
    for span in spans:
        reading = _reading(gaz, span.key)
        bound = bool(areas[span.end]) and reading.kind not in ("admin1", "country")
        sentence_start = sentences[span.sentence][0]
        why = rejection(span, reading, text, sentence_start, people, family, bound)
        if why in PERSON_READINGS and reading.population < 100_000:
            person_words.add(span.key)
        if not why:
            firm = span.text.isupper() and in_dateline(text, span.start, span.end, sentence_start)
            kept.append((span, firm))
    # one sense per document: a name read as a person's is one in the document's other mentions,
    # except in a dateline, where it can only be the place the story comes from
    places = [s for s, firm in kept if firm or s.key not in person_words]
    return [m for m, _ in _resolve_in_context(doc, places, sentences, gaz, areas, MIN_SCORE)]


@lru_cache(maxsize=16384)
def _reading(gaz: Gazetteer, key: str) -> Reading:
    """A name's likeliest place before context (cached across documents: keyed by the name)."""
    return reading_of(gaz, gaz.rows_for_key(key))


def _resolve_in_context(doc: Document, spans: list[Span], sentences: list[tuple[int, int]],
                        gaz: Gazetteer, areas: dict[int, frozenset[str]] | None = None,
                        min_support: float | None = None) -> list[tuple[Mention, float]]:
    """One resolution per name (one sense per document), chosen jointly with the other names.
    areas: bindings() at each span's end, where already known; min_support: leave out the names
    whose support is lower (no mention is made for them)."""
    keys: list[str] = []
    index: dict[str, int] = {}
    bound: list[set[str]] = []
    for span in spans:
        if span.key not in index:
            index[span.key] = len(keys)
            keys.append(span.key)
            bound.append(set())
        bound[index[span.key]].update(areas[span.end] if areas else bindings(doc.text, span.end, gaz))
    name_blocks = blocks(gaz, keys)
    probs, feats = disambiguate(name_blocks, [frozenset(b) for b in bound])
    resolved: list[tuple[Place, float, tuple[Candidate, ...], float] | None] = []
    for b, p_array, f in zip(name_blocks, probs, feats, strict=True):
        p = p_array.tolist()
        order = _likeliest_first(p_array, p, b.places, N_CANDIDATES)
        top = order[0]
        place = b.places[top]
        # Support for "is this a place at all": its prior plus same-region, nearby or bound evidence.
        row = f[top].tolist()
        near = max(row[_ADMIN1_SHARE], row[_NEAR_50KM], row[_BOUND], row[_ADMIN1_NAMED])
        main_name = bool(row[_MAIN_NAME])
        support = prior(place, main_name) + 0.3 * near + 0.15 * row[_COUNTRY_SHARE]
        if not main_name and len(name_blocks) > 1 and _unsupported(row):
            support -= UNSUPPORTED_ALTERNATE
        if min_support is not None and not support >= min_support:
            resolved.append(None)
            continue
        conf = _confidence(p[top], len(p) == 1)
        cands = tuple([_candidate(pid, round(p[i], 3))
                       for pid, i in zip(place_ids(b.places, order), order, strict=True)])
        resolved.append((place, conf, cands, support))
    mentions = []
    text, doc_id = doc.text, doc.id
    sentence_texts: dict[int, str] = {}  # one string per sentence, shared by its mentions
    for span in spans:
        found = resolved[index[span.key]]
        if found is None:
            continue
        place, conf, cands, support = found
        s_start, s_end = sentences[span.sentence]
        sentence = sentence_texts.get(span.sentence)
        if sentence is None:
            sentence = sentence_texts[span.sentence] = text[s_start:s_end]
        mention = _mention(doc_id, span.start, span.end, span.text, sentence, s_start, place, conf, cands)
        mentions.append((mention, support))
    return mentions


_ADMIN1_SHARE, _NEAR_50KM, _BOUND, _ADMIN1_NAMED, _MAIN_NAME, _COUNTRY_SHARE = (
    F[name] for name in ("admin1_share", "near_50km", "bound", "admin1_named", "main_name", "country_share"))


def _unsupported(row: list[float]) -> bool:
    """Nothing in the document supports the candidate (its features, as a list): no other name in
    its country or first-level area, none near it, no "City, Country" binding."""
    return not any(row[i] > 0.05 for i in _SUPPORT)


_SUPPORT = tuple(F[name] for name in ("country_share", "admin1_share", "near_50km", "near_300km", "bound",
                                      "country_named", "admin1_named"))


@lru_cache(maxsize=4096)  # a name's only candidate has probability 1.0: a few values recur
def _confidence(p_top: float, single: bool) -> float:
    """confidence() of the chosen place, rounded as mentions show it."""
    return round(confidence(p_top, 1 if single else 2), 3)


def _candidate(place_id: str, score: float) -> Candidate:
    """Candidate(place_id, score), without the frozen dataclass's object.__setattr__ per field."""
    made = object.__new__(Candidate)
    made.__dict__.update(place_id=place_id, score=score)
    return made


def _mention(doc_id: str, start: int, end: int, text: str, sentence: str, sentence_start: int,
             place: Place, confidence: float, candidates: tuple[Candidate, ...]) -> Mention:
    """Mention(...) with every field given, without the frozen dataclass's object.__setattr__ per
    field (most of the cost of making a mention)."""
    made = object.__new__(Mention)
    made.__dict__.update(doc_id=doc_id, start=start, end=end, text=text, sentence=sentence,
                         sentence_start=sentence_start, place=place, confidence=confidence,
                         candidates=candidates)
    return made


def _likeliest_first(p: np.ndarray, probs: list[float], places: Sequence[Place], n: int) -> list[int]:
    """The n likeliest candidates, likeliest first, ties by place id: the head of that full sort,
    sorting only the candidates at least as likely as the n-th likeliest, and reading the ids of
    equally likely ones only. probs: p as a list."""
    if len(probs) == 1:  # one candidate (most names): nothing to sort
        return [0]
    if len(p) > n:
        nth = np.partition(p, len(p) - n)[len(p) - n]
        indices = (p >= nth).nonzero()[0].tolist()
    else:
        indices = range(len(p))
    order = sorted(indices, key=probs.__getitem__, reverse=True)
    out: list[int] = []
    i = 0
    while i < len(order) and len(out) < n:
        j = i + 1
        while j < len(order) and probs[order[i]] - probs[order[j]] <= TIE:  # equal up to float noise
            j += 1
        tied = order[i:j]
        if len(tied) > 1:
            tied = [k for _, k in sorted(zip(place_ids(places, tied), tied, strict=True))]
        out += tied
        i = j
    return out[:n]


def gold_spans(doc: Document, spans: list[tuple[int, int]], gaz: Gazetteer) -> list[Span]:
    """Given spans (e.g. gold toponyms) that have at least one candidate, as Spans."""
    starts = [s for s, _ in split_sentences(doc.text) or [(0, len(doc.text))]]
    found: list[Span] = []
    for start, end in spans:
        key = normalize(doc.text[start:end])
        rows = gaz.rows_for_key(key)
        if rows:
            sent = max(0, bisect_right(starts, start) - 1)
            span = Span(start, end, doc.text[start:end], key, rows, sent)
            span.places = [gaz.place(r) for r, _ in rows]
            found.append(span)
    return found


def resolve_spans(doc: Document, spans: list[tuple[int, int]], gaz: Gazetteer) -> list[Mention | None]:
    """Resolve given spans (e.g. gold toponyms) in the document's context; None where no candidate."""
    sentences = split_sentences(doc.text) or [(0, len(doc.text))]
    found = gold_spans(doc, spans, gaz)
    by_span = {(m.start, m.end): m for m, _ in _resolve_in_context(doc, found, sentences, gaz)}
    return [by_span.get(s) for s in spans]


def mentions_by_doc(docs: list[Document], gaz: Gazetteer) -> dict[str, list[Mention]]:
    """Geoparse every document; keyed by document id."""
    out: dict[str, list[Mention]] = defaultdict(list)
    for doc in docs:
        out[doc.id] = geoparse(doc, gaz)
    return dict(out)
