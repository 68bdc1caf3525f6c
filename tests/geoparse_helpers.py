"""Helpers for geoparser tests: the places a sentence resolves to, and how far one is from a border."""

from __future__ import annotations

from geomap import borders
from geomap.geoparse import geoparse
from geomap.model import Document, Place


def places(gaz, text: str) -> dict[str, Place]:
    """Each mention's text -> the place it resolves to, in a one-sentence document."""
    doc = Document(id="t", path="t.txt", title="t", date=None, source="t.txt", text=text)
    return {m.text: m.place for m in geoparse(doc, gaz)}


def border_km(place: Place, a: str, b: str) -> float:
    """Kilometres from place to the land border of countries a and b."""
    return borders.border_km(place.lat, place.lon, a, b)
