"""A table of cue patterns read in one pass: each row tried only at the words it can begin with.

The rows stay data (cues.py); what the matcher builds from them is which letters each row can begin
with, read from the pattern itself, so a word is tried against the few rows that can start there,
in table order, instead of the whole table as one long alternation.
"""

from __future__ import annotations

import re
from bisect import bisect_left

try:  # the letters re.IGNORECASE also matches beyond lower() ("ſ" for "s"); absent: every row everywhere
    from re._casefix import _EXTRA_CASES as _FOLDS
except ImportError:  # pragma: no cover - an interpreter without it
    _FOLDS = None

_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"\w+")
_DIGIT = "\\d"  # a row that can begin with any decimal digit


def _class_end(p: str, i: int) -> int:
    """The index of the "]" closing the character class opening at p[i] (-1 when there is none); a "]"
    first in the class (after any "^") is one of its characters."""
    j = i + 1
    j += p.startswith("^", j)
    j += p.startswith("]", j)
    while j < len(p):
        if p[j] == "\\":
            j += 2
            continue
        if p[j] == "]":
            return j
        j += 1
    return -1


def _scan(p: str, i: int = 0) -> tuple[list[str], int]:
    """From p[i]: the alternatives at its depth (split at "|" outside groups and classes), and the
    index of the ")" that closes them (len(p) at the top level, -1 when a class or group is open)."""
    out, depth, start, j = [], 0, i, i
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(p, j)
            if j < 0:
                return out, -1
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return out + [p[start:j]], j
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(p[start:j])
            start = j + 1
        j += 1
    return out + [p[start:]], (len(p) if depth == 0 else -1)


def _alternatives(p: str) -> list[str]:
    """The top-level alternatives of a pattern (split at "|" outside groups and classes)."""
    return _scan(p)[0]


def _closing(p: str, i: int) -> int:
    """The index of the ")" closing the group that opens at p[i] (-1 when unbalanced)."""
    end = _scan(p, i + 1)[1]
    return end if end < len(p) else -1


_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})\??")
_NEVER_A_WORD = ("\\s", "\\W")  # classes with no word character: never the first of a word
_ZERO_WIDTH = ("(?=", "(?!", "(?<=", "(?<!")


def _item(p: str, i: int) -> tuple[frozenset[str] | None, bool, int]:
    """The first characters of the item at p[i] (None: cannot tell), whether it can match nothing
    (before its quantifier), and where it ends."""
    if p.startswith(_ZERO_WIDTH, i):
        return frozenset(), True, _closing(p, i) + 1
    if p.startswith(("(?:", "(?P<"), i) or p[i] == "(" and p[i + 1:i + 2] != "?":
        close = _closing(p, i)
        if close < 0:
            return None, False, 0
        inner = p[i + 3:close] if p.startswith("(?:", i) else p[p.index(">", i) + 1:close] \
            if p.startswith("(?P<", i) else p[i + 1:close]
        first, empty = _sequence_alternatives(inner)
        return first, empty, close + 1
    if p[i] == "[":
        close = _class_end(p, i)
        chars = p[i + 1:close]
        plain = close > 0 and chars != "" and not chars.startswith("^") and "\\" not in chars \
            and "-" not in chars.strip("-")
        return (frozenset(chars) if plain else None), False, close + 1
    if p[i] == "\\":
        esc = p[i:i + 2]
        if esc == "\\b" or esc == "\\B":
            return frozenset(), True, i + 2
        if esc in _NEVER_A_WORD:
            return frozenset(), False, i + 2
        if esc == "\\d":
            return frozenset([_DIGIT]), False, i + 2
        return (None if esc[1:].isalnum() else frozenset(esc[1])), False, i + 2
    if p[i] in ".(":
        return None, False, i + 1
    if p[i] in "^$":
        return frozenset(), True, i + 1
    return frozenset(p[i]), False, i + 1


def _sequence(p: str) -> tuple[frozenset[str] | None, bool]:
    """The first characters of a sequence of items, and whether all of it can match nothing."""
    out: set[str] = set()
    i = 0
    while i < len(p):
        first, empty, i = _item(p, i)
        if first is None or i <= 0:
            return None, False
        q = _QUANTIFIER.match(p, i)
        if q is not None:
            empty = empty or q.group().startswith(("?", "*", "{0", "{,", "{}"))
            i = q.end()
        out |= first
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def _sequence_alternatives(p: str) -> tuple[frozenset[str] | None, bool]:
    out: set[str] = set()
    empty = False
    for alt in _alternatives(p):
        first, can_be_empty = _sequence(alt)
        if first is None:
            return None, False
        out |= first
        empty = empty or can_be_empty
    return frozenset(out), empty


def first_letters(p: str) -> frozenset[str] | None:
    """The characters a match of pattern p can begin with at the start of a word (as written; "\\d" for
    any digit), or None when it cannot tell (a wildcard, a class it does not read, a match that may be
    empty): such a row is tried at every word. Whitespace and lookarounds are never a word's first."""
    first, empty = _sequence_alternatives(p)
    return None if empty else first


def _keys(letters: frozenset[str] | None) -> frozenset[str] | None:
    """The lower-cased text characters a case-insensitive match beginning with these letters can start
    at: each letter's lower case and the letters re.IGNORECASE folds to it."""
    if letters is None or _FOLDS is None:
        return None
    out: set[str] = set()
    for x in letters:
        if x == _DIGIT:
            out.add(x)
            continue
        low = x.lower()
        if len(low) != 1:
            return None
        out.add(low)
        out.update(chr(k) for k in _FOLDS.get(ord(low), ()))
        out.update(chr(k).lower() for k in _FOLDS.get(ord(low), ()))
    return frozenset(out)


def prefix_scanner(prefixes: list[str]) -> re.Pattern[str]:
    """A pattern finding, in lower-cased text, where words that begin with one of the prefixes start:
    the prefixes grouped by first letter (cheap to compile, quick to scan); one that begins with a
    shorter one adds nothing and is left out. It matches nothing, so no word start is stepped over."""
    given = set(prefixes)
    short = sorted(p for p in given if not any(p[:k] in given for k in range(1, len(p))))
    by_first: dict[str, list[str]] = {}
    for p in short:
        by_first.setdefault(p[0], []).append(re.escape(p[1:]))
    alts = [re.escape(c) + (f"(?:{'|'.join(rests)})" if all(rests) else "") for c, rests in by_first.items()]
    return re.compile(rf"(?<!\w)(?={'|'.join(alts)})")


class _Rows:
    """Rows of a table as one whole-word alternation, each row a named group: trying it at an offset
    tries the rows in their order, as one call."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        alternatives = "|".join(f"(?P<_r{k}>{p})" for k, (p, _) in enumerate(rows))
        rx = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)
        self.match = rx.match
        self._labels = [label for _, label in rows]
        self.by_group = {rx.groupindex[f"_r{k}"]: label for k, (_, label) in enumerate(rows)}  # as a rule
        self._groups = len(rows)

    def label(self, m: re.Match[str]) -> str:
        """The label of the row that matched (the outer group closed last; else the one that took part)."""
        found = self.by_group.get(m.lastindex)
        if found is None:
            k = next(k for k in range(self._groups) if m.group(f"_r{k}") is not None)
            found = self._labels[k]
        return found


class Table:
    """A table of (label, pattern) read in one scan: the leftmost match, then the first pattern listed.
    Word patterns are tried only at words whose first three letters are in `starts` (a fast sieve: every
    pattern's possible first words must be there), and there only the rows that can begin with the
    word's first letter; Chinese ones only in text that has Chinese."""

    def __init__(self, patterns: list[tuple[str, str]], starts: str) -> None:
        words = [(i, p) for i, (_, p) in enumerate(patterns) if not _CJK.match(p)]
        mixed = [p for _, p in words if _CJK.search(p)]
        if mixed:
            raise ValueError(f"Chinese words go in rows of their own, not in {mixed[0]!r}")
        cjk = [(i, p) for i, (_, p) in enumerate(patterns) if _CJK.match(p)]
        self.patterns = patterns
        self.labels = [label for label, _ in patterns]
        self.cjk = re.compile("|".join(f"(?P<n{i}>{p})" for i, p in cjk)) if cjk else None
        self.starts = frozenset(starts.split())
        self._scanner = prefix_scanner(starts.split())
        self._rows = [(i, p, _keys(first_letters(p))) for i, p in words]
        # the rows that can begin at a letter, as one alternation in table order; None: no row can
        self._by_letter: dict[str | None, _Rows | None] = {}
        self._by_rows: dict[tuple[int, ...], _Rows] = {}  # each set of rows compiled once
        self._text: str | None = None
        self._low: str | None = None  # the lower case of _text, None when its offsets differ
        self._hits: list[int] = []
        self._cjk_text = False  # whether _text has Chinese at all

    def _rows_at(self, c: str | None) -> _Rows | None:
        """The rows, in table order, that can begin at a character whose lower case is c (every row when
        c is None), as one whole-word alternation: a match of it is the first row's that matches there."""
        if c in self._by_letter:
            return self._by_letter[c]
        rows = tuple(i for i, _, keys in self._rows
                     if c is None or keys is None or c in keys or _DIGIT in keys and c.isdecimal())
        found = self._by_rows.get(rows)  # letters that begin the same rows share one alternation
        if found is None and rows:
            found = self._by_rows[rows] = _Rows([(self.patterns[i][1], self.labels[i]) for i in rows])
        self._by_letter[c] = found
        return found

    def _word_starts(self, text: str, start: int, end: int) -> list[int]:
        """Offsets of the words in text[start:end] that begin with one of the starts, found for the whole
        text once (one scan of its lower case) and kept for the next sentence of the same text."""
        if self._text is not text:
            low = text.lower()
            if len(low) != len(text):  # a letter whose lower case is longer: every word, every row
                self._low, hits = None, [w.start() for w in _WORD.finditer(text)]
            else:
                self._low, hits = low, [m.start() for m in self._scanner.finditer(low)]
            self._text, self._hits = text, hits
            self._cjk_text = self.cjk is not None and _CJK.search(text) is not None
        return self._hits[bisect_left(self._hits, start):bisect_left(self._hits, end)]

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, label) of every match in text[start:end], in order."""
        end = len(text) if end is None else end
        found: list[tuple[int, int, str]] = []
        after = start
        hits = self._word_starts(text, start, end)
        low, by_letter = self._low, self._by_letter
        for at in hits:
            if at < after:
                continue
            c = low[at] if low is not None else None
            rows = by_letter[c] if c in by_letter else self._rows_at(c)
            if rows is not None and (m := rows.match(text, at, end)) is not None:
                label = rows.by_group.get(m.lastindex)
                found.append((at, m.end(), rows.label(m) if label is None else label))
                after = m.end()
        if self._cjk_text and _CJK.search(text, start, end):  # Chinese rows: only where the text has Chinese
            found += [(m.start(), m.end(), self.labels[int(m.lastgroup[1:])])
                      for m in self.cjk.finditer(text, start, end)]
            found.sort()
        return found
