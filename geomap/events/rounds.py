"""The extraction as rounds of work on groups of documents, each round followed by a merge, so that the
same steps run in one process (one group) or on a cluster (a group per partition) with the same result.

1. names: the people each document names          -> merged into the names known in the corpus
2. more names: those found untitled once known     -> merged
3. each document analysed once: its crossings, visits and traffic figures read, each figure placed with
   the crossings its own document names               -> crossings merged across documents, visits too
4. only for a document whose sentences name other crossing places once merged (a crossing joined with
   one of another document): its figures read again with the merged ones -> all figures merged

Every `group_*` function is the work on one group (its documents and their place mentions); the
merges run where the results come together. The gazetteer is the worker's own (loaded once per
process, memory-mapped). A group keeps its documents' people scans (without their word lists) from
round 1 to round 3, one at a time (what one process does for a corpus it holds), within HOLD_SCAN_CHARS
per process; past that they are made again and dropped once read.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from geomap.model import Document, Mention, Place

Names = list[tuple[str, str]]  # (full name, nationality) in the order a text gives them
SentenceCrossings = dict[tuple[str, int], list[Place]]
DocCrossings = dict[int, list[Place]]  # sentence index -> the crossing places it names, in one document
# Runs one round: fn over each group (with the same extra arguments), the results in group order.
RunRound = Callable[..., list[Any]]
# Characters of text whose people scans a process keeps between rounds: about 12 bytes a character once
# their word lists are dropped (geomap.events.people.TextScan; 27 with them), the first FULL_SCAN_CHARS
# with them (round 3 reads them): some 450 MB at most.
HOLD_SCAN_CHARS = 32_000_000
FULL_SCAN_CHARS = 4_000_000
_held_chars = [0]  # characters whose scans this process keeps now


@dataclass
class Scans:
    """A group's people scans kept between rounds (None for a document past the budget), with the place
    test they were made with (a scan remembers answers per test)."""

    is_place: Callable[[str], bool] | None
    scans: list[Any]  # TextScan or None, one per document of the group
    chars: list[int] = field(default_factory=lambda: [0])  # characters whose scans are kept


@dataclass
class Group:
    """Documents read together, their place mentions, and the corpus position of the first."""

    docs: list[Document]
    mentions: dict[str, list[Mention]]
    first_rank: int = 0
    held: Scans | None = field(default=None, compare=False, repr=False)  # not sent to another process

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "held": None}


@dataclass
class Read:
    """What round 3 finds in a group: crossing sightings and visit reports before merging, and each
    document's traffic figures with the crossings they were placed with."""

    sightings: list[Any] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)
    ranks: dict[str, int] = field(default_factory=dict)  # each document's place in the corpus
    natives: dict[str, str] = field(default_factory=dict)  # Latin name -> name as written
    figures: dict[str, list[Any]] = field(default_factory=dict)  # doc id -> its figures, unmerged
    placed: dict[str, DocCrossings] = field(default_factory=dict)  # doc id -> crossings its figures used


def _release(chars: list[int]) -> None:
    _held_chars[0] -= chars[0]
    chars[0] = 0


def _held(group: Group, gazetteer: Any) -> Scans:
    """The group's kept scans (none yet on its first round in this process)."""
    from geomap.events.pipeline import place_checker

    if group.held is None:
        group.held = Scans(place_checker(gazetteer), [None] * len(group.docs))
        weakref.finalize(group.held, _release, group.held.chars)
    return group.held


def _scans(group: Group, gazetteer: Any) -> Iterator[Any]:
    """A scan of each of the group's documents, one at a time: the one kept from an earlier round, or
    one made now (and kept while this process's budget allows; else dropped once read)."""
    from geomap.events.people import TextScan

    held = _held(group, gazetteer)
    for k, doc in enumerate(group.docs):
        scan = held.scans[k]
        if scan is None:
            scan = TextScan(doc.text, held.is_place)
            if _held_chars[0] + len(doc.text) <= HOLD_SCAN_CHARS:
                held.scans[k] = scan
                held.chars[0] += len(doc.text)
                _held_chars[0] += len(doc.text)
        yield scan


def _lighten(scan: Any) -> None:
    """Drop a kept scan's list of words once this process keeps FULL_SCAN_CHARS of scans: most of its
    memory, and what round 2 does not read; round 3 makes it again (in about a third of a scan's time)."""
    if _held_chars[0] > FULL_SCAN_CHARS:
        scan.__dict__.pop("words", None)


def _forget(group: Group, k: int) -> None:
    """The group's k-th scan is read for the last time (round 3): free it and its share of the budget."""
    held = group.held
    if held is not None and held.scans[k] is not None:
        held.scans[k] = None
        held.chars[0] -= len(group.docs[k].text)
        _held_chars[0] -= len(group.docs[k].text)


def group_names(group: Group, gazetteer: Any, known: Mapping[str, str] | None = None) -> Names:
    """Round 1 (known None) or 2 (known: round 1's names): the names a group's documents give."""
    from geomap.events.people import named_people

    is_place = _held(group, gazetteer).is_place
    out: Names = []
    for d, scan in zip(group.docs, _scans(group, gazetteer), strict=True):
        out += named_people(d.text, known, is_place, scan)
        _lighten(scan)
    return out


def group_read(group: Group, gazetteer: Any, known: Mapping[str, str], first_rank: int | None = None) -> Read:
    """Round 3: each document analysed once, its crossing sightings, visit reports and traffic figures
    read (the figures placed with the crossings the document names, merged within it), the analysis
    dropped. first_rank: the corpus position of the group's first document (the group's own when None)."""
    from geomap.events import pipeline  # its build_context, as every reading makes contexts
    from geomap.events.crossings import doc_sightings, merge_sightings
    from geomap.events.crossings.records import curated
    from geomap.events.traffic import doc_figures
    from geomap.events.visits import doc_visits

    read = Read()
    table = curated(gazetteer)
    is_place = _held(group, gazetteer).is_place
    gate: dict[str, tuple[str, ...]] = {}  # the traffic gate's word look-ups, shared by the group
    rank = group.first_rank if first_rank is None else first_rank
    for k, (doc, scan) in enumerate(zip(group.docs, _scans(group, gazetteer), strict=True)):
        mentions = list(group.mentions.get(doc.id, []))
        ctx = pipeline.build_context(doc, mentions, gazetteer, known, is_place, scan)
        _forget(group, k)
        read.ranks[doc.id] = rank
        read.reports += doc_visits(ctx, rank, read.natives)
        sightings = doc_sightings(ctx, table)
        read.sightings += sightings
        placed = by_document(merge_sightings(sightings)[1]).get(doc.id, {}) if sightings else {}
        read.placed[doc.id] = placed
        read.figures[doc.id] = doc_figures(ctx, placed, gate)
        rank += 1
    return read


def group_figures(group: Group, gazetteer: Any, known: Mapping[str, str],
                  crossings: Mapping[str, DocCrossings]) -> dict[str, list[Any]]:
    """Round 4: the traffic figures of the group's documents named in crossings (doc id -> the merged
    crossing places of each of its sentences) read again, placed with those crossings."""
    from geomap.events.pipeline import streamed_contexts
    from geomap.events.traffic import doc_figures

    docs = [d for d in group.docs if d.id in crossings]
    gate: dict[str, tuple[str, ...]] = {}
    return {ctx.doc.id: doc_figures(ctx, crossings[ctx.doc.id], gate)
            for ctx in streamed_contexts(docs, group.mentions, gazetteer, known)}


def by_document(by_sentence: SentenceCrossings) -> dict[str, DocCrossings]:
    """The crossings of each sentence, grouped by document (what doc_figures takes)."""
    out: dict[str, DocCrossings] = {}
    for (doc, i), places in by_sentence.items():
        out.setdefault(doc, {})[i] = places
    return out


def merge_read(reads: Iterable[Read]) -> tuple[list[Any], SentenceCrossings, list[Any]]:
    """Crossings and visits merged across the groups (in corpus order), and each sentence's crossings."""
    from geomap.events.crossings import merge_sightings
    from geomap.events.visits import merge_visits

    whole = Read()
    for read in reads:
        whole.sightings += read.sightings
        whole.reports += read.reports
        whole.ranks.update(read.ranks)
        whole.natives.update(read.natives)
    crossings, by_sentence = merge_sightings(whole.sightings)
    return crossings, by_sentence, merge_visits(whole.reports, whole.ranks, whole.natives)


def to_read_again(reads: Sequence[Read], by_sentence: SentenceCrossings) -> list[dict[str, DocCrossings]]:
    """For each group, its documents whose figures were placed with other crossings than the merged
    ones, each with the merged crossings of its sentences (empty for most groups)."""
    merged = by_document(by_sentence)
    return [{doc: merged.get(doc, {}) for doc, placed in read.placed.items() if merged.get(doc, {}) != placed}
            for read in reads]  # fmt: skip


def all_figures(reads: Sequence[Read], again: Sequence[Mapping[str, list[Any]]]) -> list[Any]:
    """Every figure in corpus order, a document's from round 4 when it was read again."""
    return [f for read, redone in zip(reads, again, strict=True) for doc, found in read.figures.items()
            for f in redone.get(doc, found)]  # fmt: skip


def local_round(fn: Callable[..., Any], groups: Sequence[Any], *args: Any,
                each: Sequence[tuple[Any, ...]] | None = None) -> list[Any]:
    """RunRound in this process: fn(group, *args, *each[k]) for the k-th group."""
    return [fn(group, *args, *(each[k] if each is not None else ())) for k, group in enumerate(groups)]


def groups_of(docs: Sequence[Document], mentions: Mapping[str, list[Mention]], size: int) -> list[Group]:
    """The documents in groups of up to size, in order, each with its mentions and first rank."""
    return [Group(list(docs[i:i + size]), {d.id: mentions.get(d.id, []) for d in docs[i:i + size]}, i)
            for i in range(0, len(docs), max(1, size))] or [Group([], {}, 0)]


def extract_in_rounds(groups: Sequence[Any], gazetteer: Any, run_round: RunRound = local_round, *,
                      names: Sequence[Names] | None = None, ranks: Sequence[int] | None = None) -> Any:
    """Events of the documents in groups (Groups, or what run_round turns into them, in corpus
    order), the rounds run by run_round(fn, groups, gazetteer, *args, each=per-group args). names: round
    1's answer for each group when it is known already; ranks: each group's first document's position
    in the corpus (the groups' first_rank when None)."""
    from geomap.events import Events
    from geomap.events.occasion_dates import narrow_visit_dates
    from geomap.events.people import join_people
    from geomap.events.traffic import merge_figures

    first = join_people(names if names is not None else run_round(group_names, groups, gazetteer))
    known = join_people(run_round(group_names, groups, gazetteer, first), into=dict(first))
    starts = ranks if ranks is not None else [g.first_rank for g in groups]
    reads = run_round(group_read, groups, gazetteer, known, each=[(r,) for r in starts])
    crossings, by_sentence, visits = merge_read(reads)
    again = to_read_again(reads, by_sentence)
    some = [k for k, docs in enumerate(again) if docs]
    redone = run_round(group_figures, [groups[k] for k in some], gazetteer, known,
                       each=[(again[k],) for k in some]) if some else []  # fmt: skip
    by_group = dict(zip(some, redone, strict=True))
    traffic = merge_figures(all_figures(reads, [by_group.get(k, {}) for k in range(len(reads))]))
    narrow_visit_dates(visits)
    return Events(visits=visits, crossings=crossings, traffic=traffic)
