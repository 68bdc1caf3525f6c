"""Quick tests before a costly case-insensitive pattern: is one of its cue strings in a text at all?
(like sieve.Sieve's, without compiling a pattern of word starts: the traffic reader needs only the test.)"""

from __future__ import annotations

from collections.abc import Iterable

from geomap.events.sieve import fold_unsafe


class CueWords:
    """Strings (lower case) one of which is in every match of a pattern."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({w.lower() for w in words}, key=len, reverse=True))
        # letters a case-insensitive pattern matches onto the cues' although str.lower() keeps them apart
        self.unsafe = fold_unsafe("".join(self.words))
        self._ascii_safe = not any(c.isascii() for c in self.unsafe)  # then an ASCII text needs no test

    def lower(self, text: str) -> str | None:
        """text.lower(), or None when a letter of the text folds apart from str.lower() (test in full)."""
        if not (self._ascii_safe and text.isascii()) and not self.unsafe.isdisjoint(text):
            return None
        low = text.lower()
        return low if len(low) == len(text) else None

    def any_in(self, text: str) -> bool:
        """False only when no cue is in text, whatever its case."""
        low = self.lower(text)
        return low is None or any(c in low for c in self.words)


def has_cjk(text: str) -> bool:
    """Whether text has a Chinese character (a test without a pattern over the whole range)."""
    return not text.isascii() and max(text) >= "\u3400" and any("\u3400" <= ch <= "\u9fff" for ch in text)
