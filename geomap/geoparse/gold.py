"""Read geoparsing evaluation corpora (the LGL / TR-News XML schema, see
../shared/geoparse-gold/README.md) for training and benchmarks; nothing of them is shipped."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Gold:
    """A gold toponym: its span in the text and its point (None when the corpus gives none)."""

    start: int
    end: int
    lat: float | None
    lon: float | None


def read_corpus(path: Path) -> list[tuple[str, str, list[Gold]]]:
    """(doc id, text, gold toponyms) per article. A toponym whose offsets do not cover its phrase
    (TR-News has about 117) is moved to the nearest occurrence of the phrase within 60 characters;
    one with no such occurrence is kept as given (and counts as a miss)."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            lat = tag.findtext("lat") if tag is not None else None
            lon = tag.findtext("lon") if tag is not None else None
            start, end = realign(text, int(t.findtext("start")), int(t.findtext("end")),
                                 t.findtext("phrase") or "")
            golds.append(Gold(start, end, float(lat) if lat else None, float(lon) if lon else None))
        docs.append((art.get("docid", str(len(docs))), text, golds))
    return docs


def realign(text: str, start: int, end: int, phrase: str, window: int = 60) -> tuple[int, int]:
    """The offsets of the phrase's occurrence nearest to `start` (the given ones if they fit)."""
    if not phrase or text[start:end] == phrase:
        return start, end
    lo = max(0, start - window)
    found = [m for m in range(lo, start + window + 1) if text.startswith(phrase, m)]
    if not found:
        return start, end
    best = min(found, key=lambda m: abs(m - start))
    return best, best + len(phrase)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (the error measure of accuracy@161 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
