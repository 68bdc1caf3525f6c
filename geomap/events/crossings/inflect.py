"""Border towns written in an inflected form ("w Miednikach", "przez Kuźnicę", "в Забайкальске"):
the nominative forms a word may stand for, from a table of case endings per language, matched only
against the side names of the curated crossings (so no ordinary word becomes a place)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import product

from geomap.model import Mention, Place

# (case ending, the endings of the nominative it may stand for), longest ending first within a
# language. Polish, Russian, Lithuanian: locative, genitive, accusative, instrumental, dative.
ENDINGS: list[tuple[str, tuple[str, ...]]] = [
    # Polish
    ("ach", ("i", "y", "e", "a", "")), ("ami", ("e", "i", "y", "a", "")), ("iem", ("",)), ("em", ("",)),
    ("ym", ("y",)), ("im", ("i",)), ("ego", ("y", "i")), ("owi", ("",)), ("ów", ("y", "i")),
    ("ę", ("a",)), ("ą", ("a",)), ("y", ("a",)), ("i", ("a", "e")), ("u", ("",)), ("e", ("a", "i")),
    ("a", ("", "e")),
    # Russian
    ("ами", ("ы", "и", "")), ("ах", ("ы", "и", "")), ("ом", ("",)), ("ой", ("а", "ая")),
    ("ым", ("ый",)), ("ом", ("ый",)), ("е", ("", "а")), ("у", ("", "а")), ("а", ("",)), ("ы", ("а",)),
    ("и", ("а", "ь")),
    # Lithuanian
    ("uose", ("ai",)), ("ų", ("ai", "os")), ("ose", ("os",)), ("oje", ("a",)),
]
MAX_KNOWN = 50_000  # runs remembered with the side town they name (or none), across documents
_ALTERNATION = (("o", "ó"),)  # Polish: "Łogiem" from "Łóg", "Krakowa" from "Kraków"
_CAPITAL = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ]"
_WORD = rf"{_CAPITAL}[^\W\d_]+"
# A run begins at a capital not after a letter or hyphen: the capital is matched first and what stands
# before it checked after (the same runs; the scan skips from capital to capital instead of testing
# every character).
_RUN = re.compile(rf"{_CAPITAL}(?<![\w-].)[^\W\d_]+(?:[ ]{_WORD}){{0,2}}(?![\w])")


def base_forms(word: str) -> list[str]:
    """The word itself, then the nominatives its case ending may stand for (at most a dozen)."""
    out = [word]
    low = word.lower()
    for ending, bases in ENDINGS:
        if low.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            stems = [stem] + [stem[:i] + b + stem[i + 1:] for a, b in _ALTERNATION
                              if (i := stem.lower().rfind(a)) >= len(stem) - 2]
            out += [s + base for s in stems for base in bases]
    return list(dict.fromkeys(out))[:12]


class SideNames:
    """The curated crossings' side towns by name key, with the first three letters of each name (a
    sieve: only capitalised words that begin like a side name are inflected and looked up)."""

    def __init__(self, sides: dict[str, list[str]], key: Callable[[str], str],
                 place: Callable[[str], Place | None]) -> None:
        self.sides = sides  # name key -> the ids of the places with that name, the first known one read
        self.key = key
        self.place = place  # the place of an id, read when a text names it
        self.starts = {k[:3] for k in sides}  # name keys are case-folded: so is each word's start
        self._known: dict[tuple[str, ...], Place | None] = {}
        self._runs: dict[str, tuple[int, int, Place] | None] = {}  # _in_run's answer for each run read

    def mentions(self, text: str, doc_id: str, taken: list[tuple[int, int]]) -> list[Mention]:
        """Mentions of side towns the geoparser left alone because the text inflects them: each
        capitalised run (up to three words) whose base forms name a side, longest first."""
        spans = sorted(taken)
        ends = [b for _, b in spans]
        out: list[Mention] = []
        runs = self._runs
        for m in _RUN.finditer(text):
            i = bisect_right(ends, m.start())
            if i < len(spans) and spans[i][0] < m.end():
                continue  # part of a place the geoparser found
            run = m.group()
            if run in runs:  # the same runs recur across texts: each read once
                found = runs[run]
            else:
                if len(runs) >= MAX_KNOWN:
                    runs.clear()
                found = runs[run] = self._in_run(run)
            if found is not None:
                at, end = m.start() + found[0], m.start() + found[1]
                out.append(Mention(doc_id, at, end, text[at:end], "", 0, found[2], 0.6))
        return out

    def _in_run(self, run: str) -> tuple[int, int, Place] | None:
        """(start, end, place) in a capitalised run of its first side town, longest first; None when it
        names none."""
        words = run.split(" ")
        at = 0
        for j, word in enumerate(words):
            found = None
            if word[:3].casefold() in self.starts:
                found = next(((n, p) for n in range(len(words) - j, 0, -1)
                              if (p := self._match(words[j:j + n])) is not None), None)
            if found is not None:
                return at, at + len(" ".join(words[j:j + found[0]])), found[1]
            at += len(word) + 1
        return None

    def _match(self, words: list[str]) -> Place | None:
        """The side town a run of inflected words names (remembered: the same runs recur in every text)."""
        key = tuple(words)
        if key not in self._known:
            if len(self._known) >= MAX_KNOWN:
                self._known.clear()
            self._known[key] = self._lookup(words)
        return self._known[key]

    def _lookup(self, words: list[str]) -> Place | None:
        for combo in product(*(base_forms(w)[:6] for w in words)):
            if list(combo) == words:
                continue  # a name written as the table writes it was the geoparser's to find
            ids = self.sides.get(self.key(" ".join(combo)), ())
            place = next((p for pid in ids if (p := self.place(pid)) is not None), None)
            if place is not None:
                return place
        return None
