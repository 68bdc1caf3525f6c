"""Word classes recognition reads (titles, agencies, outlet head nouns, ...), from one data table.

geomap/data/recognition_cues.csv holds one cue a row: the word (lower case), its class and why the
class matters; the classes are general word classes, not names from any corpus.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from geomap.gazetteer.sources import data_path

CLASSES = ("title", "agency", "outlet_head", "combining_form", "person_noun", "speech_verb",
           "sentence_opener", "credit_cue", "name_particle", "month", "preposition", "place_noun",
           "organisation_head")


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {c: set() for c in CLASSES}
    with open(data_path("recognition_cues.csv"), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            found[row["class"]].add(row["cue"])
    return {c: frozenset(words) for c, words in found.items()}


def words(cls: str) -> frozenset[str]:
    """The lower-case words of one class of the table."""
    return _table()[cls]
