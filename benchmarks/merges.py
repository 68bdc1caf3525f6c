"""The merges across documents on wire copy: one story's crossing, visit and traffic figure repeated in
N documents (as a news archive repeats agency copy), merged as extraction merges them. Prints seconds
per merge for N = 1,000 to 64,000 and the fitted exponent of each (linear is 1; a merge that copies
what it has gathered at every repeat shows 2).

Run: python benchmarks/merges.py
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

# a short story in the project's own words: a visit, a crossing with a status, and two figures
STORY = ("Governor Anna Petrova visited Narva on 3 March 2024. The Narva–Ivangorod bridge crossing "
         "reopened on 1 March 2024 after repairs. It handled 1,250 trucks a day in 2023, up from 900 "
         "trucks a day in 2022.")  # fmt: skip
SIZES = (1000, 4000, 16000, 64000)


def one_story() -> Any:
    """What round 3 reads in the story (geomap.events.rounds.Read)."""
    from geomap.events.rounds import Group, group_read
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import mentions_by_doc
    from geomap.model import Document

    gazetteer = load_gazetteer()
    doc = Document(id="story-0", path="story.txt", title="", date="2024-03-04", source="story.txt",
                   text=STORY)
    return group_read(Group([doc], mentions_by_doc([doc], gazetteer), 0), gazetteer, {})


def copies(found: list[Any], n: int) -> list[Any]:
    """The events found, as n documents would give them: the same, each quoted from its own document."""
    return [replace(e, sources=[replace(p, doc_id=f"story-{k}") for p in e.sources])
            for k in range(n) for e in found]  # fmt: skip


def seconds(merge: Any, found: list[Any], n: int) -> float:
    events = copies(found, n)
    started = time.perf_counter()
    merge(events)
    return time.perf_counter() - started


def main() -> None:
    from geomap.events.crossings import merge_sightings
    from geomap.events.traffic import merge_figures
    from geomap.events.visits import merge_visits
    from geomap.heap import fewer_collections

    read = one_story()
    figures = read.figures["story-0"]
    kinds = {
        "crossings": (merge_sightings, read.sightings),
        "visits": (lambda r: merge_visits(r, {e.sources[0].doc_id: 0 for e in r}, {}), read.reports),
        "traffic": (merge_figures, figures),
    }
    print(f"one story: {len(read.sightings)} crossing sightings, {len(read.reports)} visit reports, "
          f"{len(figures)} traffic figures; each repeated in N documents and merged")  # fmt: skip
    with fewer_collections():
        for kind, (merge, found) in kinds.items():
            if not found:
                print(f"{kind:10s} nothing read in the story: not measured")
                continue
            times = [seconds(merge, found, n) for n in SIZES]
            slope = math.log(times[-1] / times[0]) / math.log(SIZES[-1] / SIZES[0])
            cells = "  ".join(f"{n:>6,}: {t:7.3f} s" for n, t in zip(SIZES, times, strict=True))
            print(f"{kind:10s} {cells}  fitted exponent {slope:.2f}")


if __name__ == "__main__":
    main()
