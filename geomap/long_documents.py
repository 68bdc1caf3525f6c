"""Very long documents read in parts: a report or a transcript of megabytes is cut at paragraph breaks
into parts of at most `PART_CHARS` characters, each read like an article of its own, and the places
and events found are put back on the whole document (its id, offsets into its text).

Reading stays linear in the length of the text: the readers look across a document's sentences (one
sense per document, people named earlier, a crossing's later status), which costs more than linear
time over megabytes. A news article is far below the limit and is read whole, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from geomap.model import Document, Mention, Provenance, StatusEvent

PART_CHARS = 50_000
# Where a part may end, best first: a blank line, a line break, a sentence end, any white space.
BREAKS = [
    re.compile(r"\n[ \t]*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?。！？][\"'”’)]?\s"),
    re.compile(r"\s"),
]


@dataclass(frozen=True)
class Part:
    """Where a part's text sits in its document."""

    doc: Document  # the whole document
    offset: int  # of the part's first character in doc.text
    text: str


def cut_points(text: str, limit: int = PART_CHARS) -> list[int]:
    """Offsets at which to cut `text` so that no part is longer than `limit` (none when it fits)."""
    cuts, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = end
        for pattern in BREAKS:
            last = None
            for m in pattern.finditer(text, start + limit // 2, end):
                last = m
            if last is not None:
                cut = last.end()
                break
        cuts.append(cut)
        start = cut
    return cuts


def split_documents(docs: list[Document], limit: int = PART_CHARS) -> tuple[list[Document], dict[str, Part]]:
    """The documents to read, long ones replaced by their parts (ids 'doc-id#2'), and what each part is."""
    out: list[Document] = []
    parts: dict[str, Part] = {}
    for doc in docs:
        cuts = cut_points(doc.text, limit)
        if not cuts:
            out.append(doc)
            continue
        for k, (a, b) in enumerate(zip([0, *cuts], [*cuts, len(doc.text)], strict=True), start=1):
            part = replace(doc, id=f"{doc.id}#{k}", text=doc.text[a:b])
            out.append(part)
            parts[part.id] = Part(doc, a, part.text)
    return out, parts


def join_mentions(
    mentions: Mapping[str, list[Mention]], parts: Mapping[str, Part]
) -> dict[str, list[Mention]]:
    """Mentions keyed by the whole documents' ids, with offsets into their texts."""
    out: dict[str, list[Mention]] = {}
    for doc_id, found in mentions.items():
        part = parts.get(doc_id)
        if part is None:
            out.setdefault(doc_id, []).extend(found)
            continue
        shift = part.offset
        out.setdefault(part.doc.id, []).extend(
            replace(m, doc_id=part.doc.id, start=m.start + shift, end=m.end + shift,
                    sentence_start=m.sentence_start + shift)
            for m in found
        )  # fmt: skip
    return out


def _provenance(p: Provenance, parts: Mapping[str, Part]) -> Provenance:
    part = parts.get(p.doc_id)
    if part is None:
        return p
    return replace(p, doc_id=part.doc.id, quote_start=p.quote_start + part.offset,
                   quote_end=p.quote_end + part.offset)  # fmt: skip


Spans = list[tuple[int, int, int]]  # each source's index among the event's sources, quote start and end


class _SourceParts:
    """An event's sources grouped by the part they were read in, to find the part of each of its
    status events in time linear in the parts (not in the sources: a crossing told in every part of
    a long document has thousands)."""

    def __init__(self, sources: list[Provenance], parts: Mapping[str, Part]) -> None:
        self.by_part: dict[str, tuple[Part, Spans]] = {}
        for i, p in enumerate(sources):
            if p.doc_id in parts:
                entry = self.by_part.setdefault(p.doc_id, (parts[p.doc_id], []))
                entry[1].append((i, p.quote_start, p.quote_end))
        self.first = min((spans[0][0], part) for part, spans in self.by_part.values()) \
            if self.by_part else None  # fmt: skip

    def part_of(self, event: StatusEvent) -> Part | None:
        """The part a crossing's status event was read in: the first source (in the event's order) whose
        part's text holds the event's words at its offsets and whose sentence holds them; else the first
        whose part holds them; else the first whose sentence holds them; else the first source's."""
        if self.first is None:
            return None
        a, b = event.quote_start, event.quote_end
        held = [(part, spans) for part, spans in self.by_part.values() if part.text[a:b] == event.text]
        inside = _holding(held, a, b)
        if inside:
            return inside[1]
        if held:
            return min(held, key=lambda x: x[1][0][0])[0]
        inside = _holding(list(self.by_part.values()), a, b)
        return inside[1] if inside else self.first[1]


def _holding(groups: list[tuple[Part, Spans]], a: int, b: int) -> tuple[int, Part] | None:
    """The first source (by its index) of the groups whose sentence holds [a, b), with its part."""
    found = [(i, part) for part, spans in groups for i, s, e in spans if s <= a and b <= e]
    return min(found, key=lambda x: x[0]) if found else None


def join_events(events: Any, parts: Mapping[str, Part]) -> Any:
    """The events with every source (and a crossing's status events) on the whole documents."""
    if not parts:
        return events
    for kind in (events.visits, events.crossings, events.traffic):
        for event in kind:
            read_in = list(event.sources)
            event.sources = [_provenance(p, parts) for p in read_in]
            if isinstance(getattr(event, "status_events", None), list):
                shifted = []
                read_parts = _SourceParts(read_in, parts)
                for status in event.status_events:
                    part = read_parts.part_of(status)
                    shift = part.offset if part else 0
                    shifted.append(replace(status, quote_start=status.quote_start + shift,
                                           quote_end=status.quote_end + shift))  # fmt: skip
                event.status_events = shifted
    return events
