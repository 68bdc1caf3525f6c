"""Split text into sentences with their character offsets (lines, then sentence punctuation)."""

from __future__ import annotations

import re
from functools import lru_cache

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "vs", "etc", "gen", "gov", "sen", "rep",
    "lt", "col", "prof", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m",
}
_BOUNDARY = re.compile(r"(?<=[.!?。！？])(?P<close>[\"”’)\]]*)\s+(?=[\"“‘(\[]?[^\W_a-z])|(?<=[。！？])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.]$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence; every line break also ends a sentence."""
    return list(_split(text))


@lru_cache(maxsize=64)  # the geoparser and the event extractors split the same documents
def _split(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        start = 0
        for m in _BOUNDARY.finditer(line):
            before = _WORD_BEFORE.search(line, max(0, m.start() - 12), m.start())
            if before and before.group(1).lower() in _ABBREVIATIONS:
                continue
            if before and len(before.group(1)) == 1 and before.group(1).isupper():
                continue  # an initial: "J. Smith"
            _append(spans, line, line_start, start, m.start() + len(m.group("close") or ""))
            start = m.end()
        _append(spans, line, line_start, start, len(line))
    return tuple(spans)


def _append(spans: list[tuple[int, int]], line: str, offset: int, a: int, b: int) -> None:
    chunk = line[a:b]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((offset + a + lead, offset + a + lead + len(stripped)))
