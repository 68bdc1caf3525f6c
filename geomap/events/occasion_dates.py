"""Narrow a vague visit date with a curated table of dated occasions (geomap/data/occasions.csv).

"At the beginning of last year, for the opening of the Winter Olympics" resolves to early 2022;
the table knows that ceremony was in Beijing on 4 February 2022, so the visit gets that day.
A row applies only when its keywords are all in the visit's occasion, its place is the visit's
place and its dates lie inside the range read from the text: it narrows, never contradicts.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from geomap.gazetteer.sources import data_path
from geomap.model import Visit


@dataclass(frozen=True)
class Occasion:
    """A dated occasion at a place, recognised by keywords in a visit's stated purpose."""

    keywords: tuple[str, ...]
    place_id: str
    start: str
    end: str
    name: str
    source: str


@cache
def occasions() -> tuple[Occasion, ...]:
    """The curated occasions, each with its source."""
    with open(data_path("occasions.csv"), encoding="utf-8", newline="") as fh:
        return tuple(
            Occasion(tuple(k.strip().lower() for k in r["keywords"].split("|")), r["place_id"],
                     r["start"], r["end"], r["name"], r["source"])
            for r in csv.DictReader(fh)
        )


def matching_occasion(visit: Visit, table: tuple[Occasion, ...]) -> Occasion | None:
    """The most specific occasion consistent with the visit's place, purpose and date range."""
    if not (visit.start and visit.end and visit.occasion) or visit.start == visit.end:
        return None
    purpose = visit.occasion.lower()
    fits = [
        o for o in table
        if o.place_id == visit.place.id and all(k in purpose for k in o.keywords)
        and visit.start <= o.start and o.end <= visit.end
    ]
    fits.sort(key=lambda o: (-len(o.keywords), o.end > o.start, o.start))
    return fits[0] if fits else None


def narrow_visit_dates(visits: list[Visit], table: tuple[Occasion, ...] | None = None) -> None:
    """Give vague visits the dates of the known occasion they were for (in place)."""
    table = occasions() if table is None else table
    for visit in visits:
        found = matching_occasion(visit, table)
        if found:
            visit.start, visit.end = found.start, found.end
            visit.date_source = f"dates of the {found.name}: {found.source}"  # date_text: only the words read
