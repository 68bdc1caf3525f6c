"""Build the per-document contexts the extractors share, with people known across the corpus: all kept
for a corpus of ordinary size, or made one at a time as a reader needs them for a large one."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from geomap.events.context import DocContext, build_context
from geomap.events.people import TextScan, collect_people
from geomap.model import Document, Mention


def place_checker(gazetteer: Any) -> Callable[[str], bool] | None:
    """A test "is this name a place in the gazetteer" for people finding (None without one)."""
    if gazetteer is None or not hasattr(gazetteer, "lookup"):
        return None

    def is_place(name: str) -> bool:
        try:
            return bool(gazetteer.lookup(name))
        except Exception:  # noqa: BLE001 - a lookup failure means "not known as a place"
            return False

    return is_place


def contexts_for(
    docs: list[Document], mentions: Mapping[str, list[Mention]], gazetteer: Any
) -> list[DocContext]:
    """One context per document; people named in any document are recognised in all of them."""
    is_place = place_checker(gazetteer)
    scans = [TextScan(d.text, is_place) for d in docs]  # each text read once for people in this run
    known = collect_people([d.text for d in docs], is_place=is_place, scans=scans)
    return [build_context(d, list(mentions.get(d.id, [])), gazetteer, known, is_place, scan)
            for d, scan in zip(docs, scans, strict=True)]


def streamed_contexts(
    docs: list[Document], mentions: Mapping[str, list[Mention]], gazetteer: Any, known: Mapping[str, str]
) -> Iterator[DocContext]:
    """The contexts contexts_for makes, one at a time and not kept (known: collect_people's names), so
    that reading a corpus of any size holds one document's context at a time."""
    is_place = place_checker(gazetteer)
    for d in docs:
        yield build_context(d, list(mentions.get(d.id, [])), gazetteer, known, is_place)

