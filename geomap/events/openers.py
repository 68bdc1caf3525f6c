"""Cheap exact tests on a lower-cased text before case-insensitive patterns run (speed only).

A pattern compiled with re.IGNORECASE that needs a word ("first", a month) cannot match a text whose
lower-cased form lacks it, and can only start where such a word starts. Both tests read text.lower()
once; they are exact unless the text holds a letter the regex engine folds differently from
str.lower() (the Kelvin sign, a long s, "İ"...), and then `Sieve.lower` says so and callers scan in full.
"""

from __future__ import annotations

import _sre
import re
from collections.abc import Iterable
from re import _casefix

# str.lower() maps these differently from the regex engine's case folding ("İ" -> "i̇", final sigma).
_SPECIAL_LOWER = "\u0130\u03a3"
_LETTER = r"[^\W\d_]"


def fold_unsafe(letters: Iterable[str]) -> frozenset[str]:
    """The characters a case-insensitive pattern made of these letters matches although their
    str.lower() is none of them (the long s for "s", the rounded ve for "в")."""
    odd: set[str] = set(_SPECIAL_LOWER)
    for x in {ch.lower() for ch in letters}:
        for y in _casefix._EXTRA_CASES.get(ord(x), ()):
            t = chr(y)
            forms = {t, t.upper(), t.title()}
            odd.update(c for c in forms if len(c) == 1 and _sre.unicode_tolower(ord(c)) == y)
    return frozenset(odd)


class Sieve:
    """Words (lower case) a family of case-insensitive patterns is made of: tests on one text."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({w.lower() for w in words}, key=len, reverse=True))
        self.unsafe = fold_unsafe("".join(self.words))
        # a word that begins with another one adds no start ("january" after "jan")
        shortest = sorted(set(self.words), key=len)
        prefixes = [w for i, w in enumerate(shortest) if not any(w.startswith(v) for v in shortest[:i])]
        self._unsafe_char = re.compile("[" + "".join(re.escape(c) for c in sorted(self.unsafe)) + "]")
        self._ascii_safe = not any(c.isascii() for c in self.unsafe)  # then an ASCII text needs no test
        alternatives = "|".join(re.escape(w) for w in prefixes)
        self.word_start = re.compile(rf"(?<!{_LETTER})(?:{alternatives})")

    def lower(self, text: str) -> str | None:
        """text.lower(), or None when a letter of the text folds apart from str.lower() (test in full)."""
        if not (self._ascii_safe and text.isascii()) and self._unsafe_char.search(text):
            return None
        low = text.lower()
        return low if len(low) == len(text) else None

    def starts(self, low: str) -> list[int]:
        """Offsets of the words of low (text.lower()) that begin with one of the words: the only places
        a pattern opening with one of them can start."""
        return [m.start() for m in self.word_start.finditer(low)]
