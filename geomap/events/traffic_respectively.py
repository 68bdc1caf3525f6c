"""Figures given "respectively" for a list of places ("the A and B gates recorded 8 million and 8.03
million crossings, respectively"): the n-th figure of the list is the n-th place's."""

from __future__ import annotations

import re

from geomap.events.sieve import quick_rx
from geomap.events.traffic_cuewords import CueWords
from geomap.model import Mention

# The word that pairs a list of figures with a list of places, per language.
RESPECTIVELY = quick_rx(r"\b(?:respectively|respectivamente|соответственно|odpowiednio)\b", re.I)
_CUES = CueWords(["respectiv", "соответственно", "odpowiednio"])  # one is in every match (a quick test)
# What may stand between two places of the list ("A and B", "A, B and C", "A y B").
LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|y\s+|i\s+|и\s+)?|\s+(?:and|y|i|и|oraz)\s+)\s*", re.I)
# What may stand between two figures of the list (the nouns and units they carry are allowed).
FIGURE_JOIN = re.compile(r"[^.;:!?\d]{0,40}")


def respective_places(text: str, figures: list[tuple[int, int]], mentions: list[Mention],
                      offset: int = 0) -> dict[int, Mention]:
    """Per figure (start, end offsets in text, in order): the place it belongs to, for the figures
    listed just before "respectively" and the places listed before them, when both lists have the same
    length (two or more); empty when the sentence says no such thing. Mentions' offsets less `offset`
    are offsets in text."""
    word = RESPECTIVELY.search(text) if _CUES.any_in(text) else None
    if word is None:
        return {}
    listed = [f for f in figures if f[1] <= word.start()]
    run = listed[-1:]
    for f in reversed(listed[:-1]):  # the run of figures that ends just before the word
        if not FIGURE_JOIN.fullmatch(text[f[1]:run[0][0]]):
            break
        run.insert(0, f)
    if len(run) < 2 or not FIGURE_JOIN.fullmatch(text[run[-1][1]:word.start()]):
        return {}
    places = [m for m in mentions
              if m.end - offset <= run[0][0] and m.place.kind not in ("country", "continent")]
    chain: list[Mention] = places[-1:]
    for m in reversed(places[:-1]):  # the list of places that ends nearest the figures
        if not LIST_JOIN.fullmatch(text[m.end - offset:chain[0].start - offset]):
            break
        chain.insert(0, m)
    if len(chain) != len(run):
        return {}
    return {f[0]: m for f, m in zip(run, chain, strict=True)}
