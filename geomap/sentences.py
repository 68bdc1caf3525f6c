"""Split text into sentences with their character offsets (lines, then sentence punctuation)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "vs", "etc", "gen", "gov", "sen", "rep",
    "lt", "col", "prof", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m",
}
_BOUNDARY = re.compile(r"(?<=[.!?。！？])(?P<close>[\"”’)\]]*)\s+(?=[\"“‘(\[]?[^\W_a-z])|(?<=[。！？])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.]$")
# _BOUNDARY can only match just after one of these: tried there alone, not at every character.
_TERMINATOR = re.compile(r"[.!?。！？]")


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
        for m in _boundaries(line):
            before = _WORD_BEFORE.search(line, max(0, m.start() - 12), m.start())
            if before and before.group(1).lower() in _ABBREVIATIONS:
                continue
            if before and len(before.group(1)) == 1 and before.group(1).isupper():
                continue  # an initial: "J. Smith"
            _append(spans, line, line_start, start, m.start() + len(m.group("close") or ""))
            start = m.end()
        _append(spans, line, line_start, start, len(line))
    return tuple(spans)


def _boundaries(line: str) -> Iterator[re.Match[str]]:
    """The matches of _BOUNDARY.finditer(line), found by trying the pattern only after a terminator."""
    after = 0
    for t in _TERMINATOR.finditer(line):
        if t.end() >= after and (m := _BOUNDARY.match(line, t.end())):
            after = m.end()
            yield m


def _append(spans: list[tuple[int, int]], line: str, offset: int, a: int, b: int) -> None:
    chunk = line[a:b]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((offset + a + lead, offset + a + lead + len(stripped)))
