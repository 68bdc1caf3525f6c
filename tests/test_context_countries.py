"""The countries a document's place mentions are in, leaving one place out, as a look at every place gives."""

from __future__ import annotations

from geomap.events.context import DocContext, Sentence
from geomap.model import Document, Mention, Place

PLACES = [
    Place("p:eastford", "Eastford", "city", 50.0, 120.0, "CN"),
    Place("p:westgrad", "Westgrad", "city", 50.1, 119.9, "RU"),
    Place("p:bridge", "Harmony Bridge", "bridge", 50.05, 119.95, "CN/RU"),
    Place("p:north", "North Lake", "lake", 51.0, 121.0, ""),
    Place("p:hill", "Hill Town", "town", 49.0, 118.0, "MN"),
    Place("p:westgrad-2", "Westgrad Port", "terminal", 50.2, 119.8, "RU"),
    Place("p:ford", "Odd Ford", "town", 49.5, 118.5, "/MN//KZ/"),  # empty codes between the slashes
]


def _naive(mentions: list[Mention], but: str | None) -> set[str]:
    return {c for m in mentions if m.place.id != but for c in m.place.country.split("/") if c}


def test_mention_countries_leave_out_only_what_the_place_alone_has():
    text = " ".join(p.name for p in PLACES)
    mentions, at = [], 0
    for p in [*PLACES, PLACES[0], PLACES[2]]:
        at = text.find(p.name, at) if text.find(p.name, at) >= 0 else text.find(p.name)
        mentions.append(Mention("d", at, at + len(p.name), p.name, text, 0, p, 0.9))
    for kept in range(len(mentions) + 1):
        ms = mentions[:kept]
        doc = Document("d", "d.txt", "", None, "d.txt", text)
        ctx = DocContext(doc, [Sentence(0, 0, len(text), text, 0)], ms, [], [])
        for but in [None, "p:unknown", *(p.id for p in PLACES)]:
            assert ctx.mention_countries(but) == _naive(ms, but), (kept, but)
            assert ctx.mention_countries(but) == _naive(ms, but)  # asked again
