"""The dateline of a news story ("NORTHGATE, Ruritania (Agency) —"): the town it was filed from, which
"this border point" may stand for when the story names its crossing nowhere else."""

from __future__ import annotations

import re

from geomap.events.context import DocContext
from geomap.model import Mention

# A line opening with words in capitals, perhaps a comma and a country, then a dash or ".-".
DATELINE = re.compile(r"^[ \t]*(?P<place>[A-ZÀ-ÖØ-ÞĀ-ſ][A-ZÀ-ÖØ-ÞĀ-ſ'’ .]{2,40}?)"
                      r"(?:,[ \t]*[A-ZÀ-ÖØ-ÞĀ-ſ][\w .]{1,30}?)?(?:\s*\(\w[^)]{0,30}\))?[ \t]*(?:\.-|[–—-])\s",
                      re.M)
HEAD_CHARS = 800  # a dateline stands near the top of the story
TOWN_KINDS = {"city", "town"}


def dateline_place(ctx: DocContext) -> Mention | None:
    """The town of the story's dateline, tried as written and without its leading words ("FRONTIER
    NORTHGATE": Northgate); None when there is no dateline or no town of that name."""
    if ctx.gazetteer is None:
        return None
    m = DATELINE.search(ctx.doc.text, 0, HEAD_CHARS)
    if m is None or not m.group("place").isupper():
        return None
    words = m.group("place").split()
    for i in range(len(words)):
        name = " ".join(words[i:]).title()
        try:
            found = [p for p in ctx.gazetteer.lookup(name) if p.kind in TOWN_KINDS]
        except Exception:  # noqa: BLE001 - a lookup failure means no such town
            found = []
        if found:
            start = m.start("place") + m.group("place").index(words[i])
            return Mention(ctx.doc.id, start, m.end("place"), ctx.doc.text[start:m.end("place")], "", 0,
                           found[0], 0.5)
    return None
