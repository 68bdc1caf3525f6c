"""The extraction as rounds of work on groups of documents, each round followed by a merge, so that the
same steps run in one process (one group) or on a cluster (a group per partition) with the same result.

1. names: the people each document names          -> merged into the names known in the corpus
2. more names: those found untitled once known     -> merged
3. crossings and visits read in each document      -> crossings merged across documents, visits too
4. traffic figures, each placed with the merged crossings of its sentence -> merged

Every `group_*` function is the work on one group (its documents and their place mentions); the
merges run where the results come together. The gazetteer is the worker's own (loaded once per
process, memory-mapped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from geomap.model import Document, Mention, Place

Names = list[tuple[str, str]]  # (full name, nationality) in the order a text gives them
SentenceCrossings = dict[tuple[str, int], list[Place]]
# Runs one round: fn over each group (with the same extra arguments), the results in group order.
RunRound = Callable[..., list[Any]]


@dataclass
class Group:
    """Documents read together, their place mentions, and the corpus position of the first."""

    docs: list[Document]
    mentions: dict[str, list[Mention]]
    first_rank: int = 0


@dataclass
class Read:
    """What round 3 finds in a group: crossing sightings and visit reports, before merging."""

    sightings: list[Any] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)
    ranks: dict[str, int] = field(default_factory=dict)  # each document's place in the corpus
    natives: dict[str, str] = field(default_factory=dict)  # Latin name -> name as written


def group_names(group: Group, gazetteer: Any, known: Mapping[str, str] | None = None) -> Names:
    """Round 1 (known None) or 2 (known: round 1's names): the names a group's documents give."""
    from geomap.events.people import named_people
    from geomap.events.pipeline import place_checker

    is_place = place_checker(gazetteer)
    return [pair for d in group.docs for pair in named_people(d.text, known, is_place)]


def group_read(group: Group, gazetteer: Any, known: Mapping[str, str]) -> Read:
    """Round 3: each document analysed, its crossing sightings and visit reports read, the analysis
    dropped."""
    from geomap.events.crossings import doc_sightings
    from geomap.events.crossings.records import curated
    from geomap.events.pipeline import streamed_contexts
    from geomap.events.visits import doc_visits

    read = Read()
    table = curated(gazetteer)
    contexts = streamed_contexts(group.docs, group.mentions, gazetteer, known)
    for rank, ctx in enumerate(contexts, start=group.first_rank):
        read.ranks[ctx.doc.id] = rank
        read.reports += doc_visits(ctx, rank, read.natives)
        read.sightings += doc_sightings(ctx, table)
    return read


def group_figures(group: Group, gazetteer: Any, known: Mapping[str, str],
                  crossings: SentenceCrossings) -> list[Any]:
    """Round 4: each document analysed again and its traffic figures read (crossings: the merged
    crossing places named in each sentence, for this group's documents at least)."""
    from geomap.events.pipeline import streamed_contexts
    from geomap.events.traffic import unmerged_figures

    return unmerged_figures(streamed_contexts(group.docs, group.mentions, gazetteer, known), crossings)


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


def local_round(fn: Callable[..., Any], groups: Sequence[Any], *args: Any) -> list[Any]:
    """RunRound in this process."""
    return [fn(group, *args) for group in groups]


def groups_of(docs: Sequence[Document], mentions: Mapping[str, list[Mention]], size: int) -> list[Group]:
    """The documents in groups of up to size, in order, each with its mentions and first rank."""
    return [Group(list(docs[i:i + size]), {d.id: mentions.get(d.id, []) for d in docs[i:i + size]}, i)
            for i in range(0, len(docs), max(1, size))] or [Group([], {}, 0)]


def extract_in_rounds(groups: Sequence[Any], gazetteer: Any, run_round: RunRound = local_round) -> Any:
    """Events of the documents in groups (Groups, or what run_round turns into them, in corpus
    order), the four rounds run by run_round."""
    from geomap.events import Events
    from geomap.events.occasion_dates import narrow_visit_dates
    from geomap.events.people import join_people
    from geomap.events.traffic import merge_figures

    first = join_people(run_round(group_names, groups, gazetteer))
    known = join_people(run_round(group_names, groups, gazetteer, first), into=dict(first))
    crossings, by_sentence, visits = merge_read(run_round(group_read, groups, gazetteer, known))
    figures = run_round(group_figures, groups, gazetteer, known, by_sentence)
    traffic = merge_figures([f for found in figures for f in found])
    narrow_visit_dates(visits)
    return Events(visits=visits, crossings=crossings, traffic=traffic)
