"""Which stated period a traffic figure is for: the cue words that rule a date in or out, as data, and the
choice of the nearest one; the year a date written without one belongs to."""

from __future__ import annotations

import re

from geomap.events.dates import DateSpan
from geomap.events.sieve import quick_rx
from geomap.events.traffic_period import Span

# A date after these is a comparison base ("than in 2023", "compared with the same month of 2022").
COMPARED = quick_rx(r"(?:\b(?:than|compared\s+(?:with|to)|versus|against|over|year-on-year|чем|"
                    r"по\s+сравнению\s+с|que|frente\s+a|respecto\s+(?:a|de)|niż|w\s+porównaniu\s+z)\s+|比|较|相比|同比)"
                    r"(?:in\s+|the\s+)?"
                    r"(?:same\s+\w+\s+(?:of\s+)?)?(?:in\s+)?$", re.I)

# A date that looks back ("a year earlier", "the previous month").
BACKWARD = quick_rx(r"\b(?:earlier|before|previous|ago|prior)\b", re.I)
# A figure after these is the base of a comparison ("up from 9,100 a year earlier").
BASE_BEFORE = quick_rx(r"\b(?:from|compared\s+(?:with|to)|versus|vs\.?|against)\s+"
                       r"(?:about\s+|some\s+|just\s+)?$", re.I)
# "The first convoy since Oct. 7", "the first time since 2019": when it last happened, not the figure's date.
FIRST_SINCE = quick_rx(r"\bfirst\b[^,;.]{0,40}\bsince\s+$", re.I)
# "open since Dec. 11": when something began, not the period a later "in the period" means.
SINCE = quick_rx(r"\b(?:since|from)\s+$", re.I)
# A date in a clause that tells what happened next ("... before it was closed on 6 April") is not the
# period of the figure before it.
LATER_EVENT = quick_rx(r"\b(?:before|after|until|till|when|once)\b[^,;:()]{0,50}$"
                       r"|[,;]\s*(?:and|but|while|whereas)\s+[^,;:()]{0,30}$", re.I)  # or a next clause's

# A rate something rose or fell to ("had risen from 6,000 to 10,000 a day") is news, not a typical rate.
CHANGED_TO = quick_rx(r"\b(?:ris(?:en|es|e)|rose|grew|grown|fell|fallen|dropped|climbed|jumped|increased|"
                      r"increases?|decreases?|grows?|falls?|drops?|decreased|plunged|plummeted|slumped|soared|"
                      r"surged)\b[^.;]{0,60}\bto\s+"
                      r"(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$", re.I)

def nearest(text: str, start: int, end: int, spans: list[Span], plain: bool = False) -> Span | None:
    """The stated period closest to the figure at text[start:end], comparison bases ("than in 2023"), times
    of day and dates of what happened next last (or never: plain)."""
    best: tuple[int, Span] | None = None
    for sp in spans:
        if sp.start <= start < sp.end or FIRST_SINCE.search(text[max(0, sp.start - 50):sp.start]):
            continue
        gap = sp.start - end if sp.start >= end else start - sp.end
        compared = bool(COMPARED.search(text[max(0, sp.start - 30):sp.start]))
        if compared or BACKWARD.search(text[sp.start:sp.end]):
            if plain:
                continue
            gap += 200 if compared else 0
            if sp.end <= start:
                gap += 100  # "up from 9,100 the year before, some 25 a day": not the later figure's
        if sp.weak:  # a time of day stands for the filing day: any stated date is better
            if plain:
                continue
            gap += 300
        if sp.start >= end and LATER_EVENT.search(text[end:sp.start]):
            if plain:
                continue
            gap += 150
        if best is None or gap < best[0]:
            best = (gap, sp)
    return best[1] if best else None


# "by the end of the year" without a year: the year of the sentence's other date ("opened on April 30 ...").
THE_YEAR_END = quick_rx(r"(?:by|before|until|at)\s+the\s+end\s+of\s+the\s+year", re.I)


def end_of_that_year(text: str, spans: list[Span]) -> list[Span]:
    """A bare year end in the year of the date written before it in the sentence."""
    out = []
    for i, sp in enumerate(spans):
        dated = [x for x in spans[:i] if x.first and x.last and x.first.year == x.last.year and not x.weak]
        if dated and sp.first and THE_YEAR_END.fullmatch(text[sp.start:sp.end]) and \
                dated[-1].first.year != sp.first.year:
            sp = in_year(sp, dated[-1].first.year)
        out.append(sp)
    return out


YEAR = re.compile(r"(?:19|20)(?<![\d.,]..)\d{2}(?![\d.,]\d)")  # its first digits first: a quick scan


def last_year(text: str) -> int | None:
    """The last four-digit year written in text, the anchor of a date written without one."""
    years = YEAR.findall(text)
    return int(years[-1]) if years else None


# A year the text compares with ("more than in 2019", "down from 40 in 2019") is not the story's year.
BASE_YEAR = quick_rx(r"\b(?:than|from|compared\s+(?:with|to)|against|versus|vs\.?)\b[^.;]{0,30}$", re.I)


def is_base_year(text: str, year: int) -> bool:
    """Whether the last mention of year in text is a comparison base."""
    at = text.rfind(str(year))
    return at >= 0 and BASE_YEAR.search(text[:at]) is not None


def in_year(sp: Span, year: int) -> Span:
    """The same span in another year ("June 9" of a story told about 2019)."""
    try:
        first, last = sp.first.replace(year=year), sp.last.replace(year=year)
    except ValueError:  # 29 February
        return sp
    return Span(sp.start, sp.end, DateSpan(0, 0, "", first, last, "").period, first, last)
