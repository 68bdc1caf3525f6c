"""Datelines: the place a news story opens with ("HELSINKI, Nov 18 (Reuters) -", "MOSCOW, March 3 —",
"NEW DELHI (AP) —"). A name in that slot is the place the story was filed from, even when its
word is common or the line is in capitals."""

from __future__ import annotations

import re

from geomap.geoparse.cues import words

# After the place: an optional state or country ("ATHENS, Ga.", "LOUISVILLE, KY"), an optional
# agency in brackets, then a dash or colon, or a date ("Nov 18", "March 3"); a bracketed agency
# alone also ends a dateline.
_TAIL = (
    r"(?:,[ \t]*[A-Z][A-Za-z.]{{0,11}}(?:[ \t][A-Z][A-Za-z.]{{0,11}})?)?"
    r"(?:(?P<agency>[ \t]*\([^()\n]{{1,40}}\))|)"
    r"(?:[ \t]*(?:[—–\x97]|-{{1,2}}(?!\w)|:)"
    r"|,?[ \t]+(?i:{months})\.?[ \t]+\d{{1,2}}\b"
    r"|(?(agency)|(?!)))"
)


_DATELINE_TAIL = re.compile(_TAIL.format(months="|".join(sorted(words("month"), key=len, reverse=True))))


def in_dateline(text: str, start: int, end: int, sentence_start: int) -> bool:
    """True when text[start:end], written in capitals, opens its sentence or line and is followed
    by a dateline's date, agency or dash."""
    surface = text[start:end]
    if not surface.isupper() or sum(c.isalpha() for c in surface) < 3:
        return False
    if start != sentence_start:
        i = start
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i > 0 and text[i - 1] != "\n":
            return False
    return _DATELINE_TAIL.match(text, end) is not None
