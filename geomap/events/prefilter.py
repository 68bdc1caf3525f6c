"""Skip a regex when none of the literal words every match contains is in the text: a substring test on
the lower-cased text is far cheaper than the regex failing at every offset."""

from __future__ import annotations

from collections.abc import Iterable

# Letters that re.IGNORECASE matches to an ASCII letter although lower() keeps them apart ("ſ" as "s").
_FOLDS_APART = frozenset("ıİſK")


def may_contain(text: str, cues: Iterable[str]) -> bool:
    """False only when no cue (lower case) occurs in text, whatever its case: a case-insensitive
    pattern each of whose matches contains one of the cues cannot match."""
    low = text.lower()
    return any(cue in low for cue in cues) or not _FOLDS_APART.isdisjoint(text)
