"""Occasions of a visit: "for the opening of X", "attending X and Y", "met students at Z"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from geomap.events.context import DocContext, Sentence
from geomap.model import Place

AREA_KINDS = {"country", "admin1", "continent"}
FOR_OCCASION = re.compile(
    r"\b(?:(?P<for>for)\s+(?!(?:an?\s+|the\s+first\s+|the\s+past\s+|(?:several|many|some|two|three|"
    r"\d+)\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|while|time|long|now|ever)\b)|"
    r"(?P<verb>to attend|to take part in|to mark|to celebrate|to open|to launch|to inaugurate)\s+)", re.I)
KEEP_FOR_VERB = re.compile(r"to (?:mark|celebrate|open|launch|inaugurate)", re.I)
# What may stand between a visit's place and a "for ..." occasion: dates, "city", a light verb.
OCCASION_GAP = re.compile(r"[\s,]*(?:(?:city|came|comes|was|were|is|took\s+place|went)[\s,]+)*")
ACTIVITY = re.compile(
    r"\b(?P<verb>to attend|attending|attended|attends|attend|took part in|take part in|"
    r"taking part in|participated in|participating in|participate in|(?:will\s+)?(?:also\s+)?meet|"
    r"(?:is\s+|was\s+|are\s+)?due\s+(?:at|in)|"
    r"met with|met|meets|meeting with|signed|signs|gave|give|held talks|hold talks|holding talks|"
    r"spent|spend|opened|inaugurated|laid|addressed|toured|tours|inspected|inspects|visited|visits)\s+",
    re.I)
KEEP_VERB = re.compile(r"meet|met|signed|signs|gave|give|held|hold|spent|spend|opened|inaugurated|"
                       r"laid|addressed|tour|inspect|visit", re.I)
PLACE_VERB = re.compile(r"tour|inspect|visit", re.I)
# What may stand between a person and the verb they act with ("Mr Putin will also meet").
SUBJECT_GAP = re.compile(r"(?:['’]s)?\s*(?:(?:also|will|then|later|both|has|had|have|would|is|was|are|were|"
                         r"jointly|together)\s+)*", re.I)
CHAINED = re.compile(r"\b(?:and|includes|including|include|included|to|also|then)\s+$", re.I)
CLAUSE_END = re.compile(
    r",(?!\d)|;|:|\.(?:\s|$)|\(|\)|—|\s[-–]\s|\s(?:as|which|who|whom|where|while|before|after|"
    r"when|that|because|although|but|so|amid|since|heralding|covering|symboli[sz]ing|reflecting|"
    r"highlighting|aimed|aiming|to discuss|to strengthen|to promote|according)\s|"
    r"\sand\s+(?=(?:also\s+)?(?:gave|signed|met|held|made|took|spent|visited|attended|said|"
    r"announced|will|would|then|later|toured|opened|addressed|strolled)\b)", re.I)
LIST_SPLIT = re.compile(r"\s+and\s+(?:(?:at|in)\s+)?(?=(?:the|a|an|\d)\b)|;\s*", re.I)
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
SPEECH = re.compile(r"^(?:said|says|told|reported)\b", re.I)
MAX_OCCASION_WORDS = 14




def clean_occasion(phrase: str, ctx: DocContext, place: Place, cap: bool = True) -> str:
    """Cut an occasion phrase at the end of its clause, drop a trailing "in <place>" and dates."""
    m = CLAUSE_END.search(phrase)
    if m:
        phrase = phrase[: m.start()]
    for d in ctx.dates:
        if d.text and d.text in phrase:
            phrase = phrase.split(d.text)[0]
    phrase = re.sub(rf"\s+(?:in|of)\s+(?:the\s+)?{re.escape(place.name)}(?:\s+city)?\s*$", "", phrase.strip(),
                    flags=re.I)
    phrase = re.sub(r"\s+(?:in|at|on|of|and|with|for)\s*$", "", phrase.strip(), flags=re.I)
    phrase = phrase.strip(" \"“”'‘’")
    return cap_words(phrase) if cap else phrase


def cap_words(phrase: str) -> str:
    """At most MAX_OCCASION_WORDS words."""
    words = phrase.split()
    return " ".join(words[:MAX_OCCASION_WORDS]) if len(words) > MAX_OCCASION_WORDS else phrase


def acted(ctx: DocContext, s: Sentence, pos: int) -> bool:
    """Whether a person (or a chain of verbs after one) is the subject of the verb at pos."""
    text = ctx.doc.text
    if CHAINED.search(text[max(s.start, pos - 30):pos]):
        return True
    return any(p.end <= pos and SUBJECT_GAP.fullmatch(text, p.end, pos) for p in ctx.people_in(s))


def activities(ctx: DocContext, s: Sentence, start: int, place: Place) -> list[tuple[int, str]]:
    """Occasion phrases from activity verbs: "attending the X and the Y", "meet students at Z"."""
    text = ctx.doc.text
    out: list[tuple[int, str]] = []
    for m in ACTIVITY.finditer(text, start, s.end):
        if not acted(ctx, s, m.start()):
            continue
        if PLACE_VERB.match(m.group("verb")) and any(0 <= x.start - m.end() <= 12
                                                     for x in ctx.mentions_in(s)):
            continue  # "visited Beijing" is the visit itself, not an occasion
        verb, obj = m.group("verb"), clean_occasion(text[m.end():s.end], ctx, place, cap=False)
        if not obj or SPEECH.match(obj):
            continue
        if KEEP_VERB.search(verb):
            verb_word = re.sub(r"^(?:will\s+)?(?:also\s+)?", "", verb, flags=re.I)
            out.append((m.start(), cap_words(f"{verb_word} {obj}")))
        else:
            parts = [cap_words(LEADING_ARTICLE.sub("", part).strip()) for part in LIST_SPLIT.split(obj)]
            out += [(m.end() + i, part) for i, part in enumerate(parts) if part]
    return out


def for_phrase(ctx: DocContext, s: Sentence, after: int, place: Place) -> list[tuple[int, str]]:
    """A "for ..." or "to mark ..." phrase after the place, with only dates or "city" in between."""
    text = ctx.doc.text
    m = FOR_OCCASION.search(text, after, s.end)
    if not m:
        return []
    gap = text[after:m.start()]
    for d in ctx.dates_in(s):
        gap = gap.replace(d.text, " ")
    if not OCCASION_GAP.fullmatch(gap):
        return []
    phrase = clean_occasion(text[m.end():s.end], ctx, place)
    if not phrase:
        return []
    verb = m.group("verb") or ""
    if KEEP_FOR_VERB.fullmatch(verb):
        return [(m.end(), f"{verb[3:]} {phrase}")]
    return [(m.end(), LEADING_ARTICLE.sub("", phrase))]


def neighbour_occasions(ctx: DocContext, s: Sentence, who: str, place: Place) -> list[tuple[int, str]]:
    """Activities in the next sentences of the paragraph about the same person and no other place."""
    out: list[tuple[int, str]] = []
    para = [x for x in ctx.paragraph(s) if x.index > s.index][:2]
    for nxt in para:
        if not any(p.name == who for p in ctx.people_in(nxt)):
            break
        others = [m for m in ctx.mentions_in(nxt) if ctx.parent_city(m.place).id != place.id
                  and m.place.kind not in AREA_KINDS | {"continent"}]
        if others:
            break
        out += activities(ctx, nxt, nxt.start, place)
    return out


def key(phrase: str) -> str:
    """Comparison form: lower case, articles dropped, padded with spaces."""
    return " " + re.sub(r"\b(?:the|a|an)\s+", "", phrase.lower()).strip() + " "


def join_occasions(items: Iterable[tuple[int, int, str]], venues: Iterable[Place]) -> str:
    """Occasions in text order without repeats, plus venues the occasions do not name; "; "-joined."""
    out: list[str] = []
    for _, _, item in sorted(items):
        k = key(item)
        if any(k in key(o) for o in out):
            continue
        out = [o for o in out if key(o) not in k]
        out.append(item)
    for venue in venues:
        if not any(key(venue.name).strip() in key(o) for o in out):
            out.append(f"at {venue.name}")
    return "; ".join(out)
