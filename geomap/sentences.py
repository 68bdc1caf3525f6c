"""Split text into sentences with their character offsets (lines, then sentence punctuation)."""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "vs", "etc", "gen", "gov", "sen", "rep",
    "lt", "col", "prof", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m",
}
# A sentence ends after a terminator (and closing quotes or brackets) followed by spaces and a capital, a
# digit, an opening quote or bracket; or right after a Chinese or Japanese terminator. Every line break
# also ends one. One pass finds both: a line break, or a terminator with what follows it (close, gap).
# (Opening with one class of characters lets the engine skip to the next of them at once.)
_CUT = re.compile(r"[\n.!?。！？](?:(?<=\n)"
                  r"|(?P<close>[\"”’)\]]*)[^\S\n]+(?=[\"“‘(\[]?[^\W_a-z])|(?<=[。！？]))")
_WORD_BEFORE = re.compile(r"([\w.]+)[.]$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence; every line break also ends a sentence."""
    return list(_split(text))


def _split(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences' spans, from one pass over the text's line breaks and sentence ends."""
    spans: list[tuple[int, int]] = []
    start = 0  # where the current sentence began
    line_start = 0
    for m in _CUT.finditer(text):
        at = m.start() + 1  # just past the line break or the terminator
        if text[m.start()] == "\n":
            _append(spans, text, start, at - 1)
            start = line_start = at
            continue
        before = _WORD_BEFORE.search(text, max(line_start, at - 12), at) if text[at - 1] == "." else None
        if before and before.group(1).lower() in _ABBREVIATIONS:
            continue
        if before and len(before.group(1)) == 1 and before.group(1).isupper():
            continue  # an initial: "J. Smith"
        _append(spans, text, start, at + len(m.group("close") or ""))
        start = m.end()
    _append(spans, text, start, len(text))
    return tuple(spans)


def _append(spans: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    chunk = text[a:b]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((a + lead, a + lead + len(stripped)))
