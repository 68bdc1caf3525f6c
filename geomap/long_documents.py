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


def _status_part(event: StatusEvent, sources: list[Provenance], parts: Mapping[str, Part]) -> Part | None:
    """The part a crossing's status event was read in: one of its sources' parts whose text holds the
    event's words at its offsets (inside that source's sentence when several do)."""
    candidates = [(p, parts[p.doc_id]) for p in sources if p.doc_id in parts]
    if not candidates:
        return None

    def holds(part: Part) -> bool:
        return part.text[event.quote_start : event.quote_end] == event.text

    def inside(p: Provenance) -> bool:
        return p.quote_start <= event.quote_start and event.quote_end <= p.quote_end

    for test in (lambda p, part: holds(part) and inside(p), lambda p, part: holds(part),
                 lambda p, part: inside(p)):  # fmt: skip
        for p, part in candidates:
            if test(p, part):
                return part
    return candidates[0][1]


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
                for status in event.status_events:
                    part = _status_part(status, read_in, parts)
                    shift = part.offset if part else 0
                    shifted.append(replace(status, quote_start=status.quote_start + shift,
                                           quote_end=status.quote_end + shift))  # fmt: skip
                event.status_events = shifted
    return events
