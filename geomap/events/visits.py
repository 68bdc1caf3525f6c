"""Visits: a person, a visit cue, a place, a date and an occasion; reports of one visit merged.

The place of a visit is a city (or a country when no city is named). A landmark visited inside a
city (a venue, a university) puts the visit in that city and the landmark into the occasion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from geomap.events.context import DocContext, Sentence
from geomap.events.dates import DateSpan, parse_doc_date
from geomap.events.people import PersonRef
from geomap.model import Mention, Place, Provenance, Visit

# Cues that say someone travelled to a place: the place follows the cue's preposition...
PREP_CUES = re.compile(
    r"\b(?:visit(?:s|ed|ing)?\s+to|(?:trip|journey|tour|travel(?:s|led|ed)?|flew|flies|fly|"
    r"head(?:s|ed)?|went|goes|go|came|comes|return(?:s|ed|ing)?|travelling|traveling|heading)\s+"
    r"(?:back\s+)?to|(?:arriv(?:ed|es|e|ing)|land(?:ed|s|ing)?)\s+(?:in|at)|back\s+in|"
    r"(?:stop(?:ped)?|stay(?:ed|s|ing)?|stopover)\s+in|itinerary\s+in|"
    r"(?:trip|journey|tour|visit)\s+(?:of|through|around))\b",
    re.I)
# ...or is the direct object of the verb ("visited Beijing", "tours Harbin"), or precedes the noun
# ("his China visit").
VERB_CUES = re.compile(r"\b(?:visit(?:s|ed|ing)?|tour(?:s|ed|ing)?)\b(?!\s+(?:to|of|through|around)\b)",
                       re.I)
DIRECT_GAP = re.compile(
    r"[\s'\"“‘]*(?:(?:the|a|an|city|town|capital|port|border|nearby|neighbouring|neighboring|"
    r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|eastern|western|chinese|russian|of)\s+[\s'\"“‘]*)*",
    re.I)
# Cues that only say someone was somewhere: the place follows "in" or "at".
WEAK_CUES = re.compile(
    r"\b(?:(?:is|was|are|were|remains?|remained|stays?|stayed)\s+(?:now\s+|currently\s+|still\s+|"
    r"also\s+|already\s+)?(?=in\b)|due|attend(?:s|ed|ing)?|took\s+part|take\s+part|taking\s+part|participat(?:ed|es|e|ing)|"
    r"meet(?:s|ing)?|met|gave|give|held|hold(?:s|ing)?|spent|spend(?:s|ing)?|strolled|"
    r"opened|inaugurated|addressed|spoke|speaks|joined)\b",
    re.I)
FOR_OCCASION = re.compile(
    r"\b(?:(?P<for>for)\s+(?!(?:an?\s+|the\s+first\s+|the\s+past\s+|(?:several|many|some|two|three|"
    r"\d+)\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|while|time|long|now|ever)\b)|"
    r"(?P<verb>to attend|to take part in|to mark|to celebrate|to open|to launch|to inaugurate)\s+)", re.I)
KEEP_FOR_VERB = re.compile(r"to (?:mark|celebrate|open|launch|inaugurate)", re.I)
FRONTED = re.compile(r"(?:In|At|While\s+in|Back\s+in|During\s+(?:his|her|their)\s+(?:stay|visit)\s+in)\s+"
                     r"(?:the\s+)?$")
DATE_ANAPHOR = re.compile(r"\b(?P<same>that\s+(?:day|evening|morning|afternoon|night)|the\s+same\s+day|"
                          r"later\s+that\s+day)\b|\b(?P<next>the\s+(?:next|following)\s+day|a\s+day\s+"
                          r"later|the\s+day\s+after)\b", re.I)
ADJACENT = re.compile(r"(?:['’]s)?\s*(?:(?:now|already|again|also|finally|once\s+again)\s+)*")
# What may stand between a visit's place and a "for ..." occasion: dates, "city", a light verb.
OCCASION_GAP = re.compile(r"[\s,]*(?:(?:city|came|comes|was|were|is|took\s+place|went)[\s,]+)*")
# A cue under negation or cancellation is no visit: "has never visited", "cancelled his trip".
NEGATION = re.compile(r"\b(?:never|not|n['’]t|no\s+longer|cancel+(?:ed|ing|s)?|postpon(?:ed|es|e|ing)|"
                      r"call(?:ed|s)?\s+off|scrap(?:ped|s)|rul(?:ed|es)\s+out|declin(?:ed|es)|"
                      r"refus(?:ed|es)|fail(?:ed|s)|without|instead\s+of)\b", re.I)
NEGATED_AFTER = re.compile(r"^[^,;.]{0,25}?\b(?:was|were|has\s+been|had\s+been|is|is\s+being)\s+"
                           r"(?:cancel+ed|postponed|called\s+off|scrapped|shelved)\b", re.I)
PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|by|to|for|from|of|about|against|towards?|alongside|without|beside|met|meets|meet|"
    r"hosted|hosts|invited|greeted|welcomed|joined)\s+(?:(?:Mr|Mrs|Ms|Dr|President|Premier|Minister|"
    r"leader|president|counterpart|his|her|their|the|[A-Z][a-z]+['’]s|[A-Z][a-z]+)\.?\s+){0,3}$")
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
PRESENT = re.compile(r"\b(?:(?:is|are|am)\s+(?:\w+ing|set|due|expected|scheduled|slated|to)\b|will\b|"
                     r"now\b|today\b|currently\b|this\s+week\b)", re.I)
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
SPEECH = re.compile(r"^(?:said|says|told|reported)\b", re.I)
AREA_KINDS = {"country", "admin1", "continent"}
STRONG_CONFIDENCE, WEAK_CONFIDENCE = 0.75, 0.6
MAX_OCCASION_WORDS = 14


@dataclass
class _Report:
    """One sentence's evidence of a visit, before merging."""

    who: str
    place: Place  # a city, or a country/admin1 when no city is named
    first: str | None
    last: str | None
    date_text: str
    explicit: bool  # the date was written (or the tense says "now"), not just the document date
    occasions: list[tuple[int, int, str]]  # (document rank, offset, phrase): sorted into text order
    confidence: float
    doc_id: str
    rank: int  # the document's position in the corpus
    pos: int  # offset of the evidence, to find the nearest report in the same document
    strong: bool
    sources: list[Provenance] = field(default_factory=list)
    venues: list[Place] = field(default_factory=list)

    @property
    def is_area(self) -> bool:
        return self.place.kind in AREA_KINDS


def _possessive(text: str, end: int) -> bool:
    return bool(re.match(r"['’]s\b", text[end:end + 2]))


def _place_after(ctx: DocContext, s: Sentence, pos: int, limit: int, people: list[PersonRef],
                 mode: str) -> Mention | None:
    """First usable place mention after pos in the sentence (not a possessive, not in a name)."""
    text = ctx.doc.text
    for m in ctx.mentions_in(s):
        if m.start < pos or m.start - pos > limit:
            continue
        if _possessive(text, m.end) or any(p.start <= m.start < p.end for p in people):
            continue
        if m.place.kind == "continent":
            continue
        between = text[pos:m.start]
        if re.search(r"[.;!?]", between):
            return None
        if mode == "direct":
            return m if DIRECT_GAP.fullmatch(between) else None
        if mode == "prep" and between.count(",") > 1:
            return None
        if mode == "presence" and not re.search(r"\b(?:in|at|inside)\s+(?:the\s+)?$", between, re.I):
            continue
        return m
    return None


def _place_before(ctx: DocContext, s: Sentence, pos: int) -> Mention | None:
    """A place written right before a cue noun: "his China visit", "the Harbin visit"."""
    for m in ctx.mentions_in(s):
        if m.end <= pos and ctx.doc.text[m.end:pos].strip() == "":
            return m
    return None


def _owner(text: str, p: PersonRef, cue_start: int) -> bool:
    """A possessive person right before the cue noun: "his China tour", "Putin's visit"."""
    possessive = p.text.lower() in ("his", "her", "their") or re.match(r"['’]s\b", text[p.end:p.end + 2])
    gap = re.fullmatch(r"(?:['’]s)?(?:\s+[\w-]+){0,3}\s+", text[p.end:cue_start])
    return bool(possessive) and gap is not None


def _subjects(ctx: DocContext, s: Sentence, cue_start: int, people: list[PersonRef]) -> list[PersonRef]:
    """The person (and any "X and Y" partner) acting before the cue, within the clause."""
    text = ctx.doc.text
    # A person after a preposition is not the subject, unless the cue follows at once
    # ("with the Russian leader back in the capital").
    before = [p for p in people if p.end <= cue_start and cue_start - p.end <= 90
              and (not PREPOSITION_BEFORE.search(text, max(s.start, p.start - 60), p.start)
                   or ADJACENT.fullmatch(text, p.end, cue_start) or _owner(text, p, cue_start))]
    if not before:
        return []
    subject = before[-1]
    if re.search(r"[;]", text[subject.end:cue_start]):
        return []
    objects = [p for p in people if subject.end <= p.start and p.end <= cue_start and p not in before]
    if objects:
        return []  # "X invited Y to visit ...": neither is reported as visiting
    if subject.kind == "plural":
        return [p for p in before if (p.start, p.end) == (subject.start, subject.end)]
    chosen = [subject]
    for p in reversed(before[:-1]):
        if re.fullmatch(r"\s*,?\s+and\s+(?:[A-Za-z.]+\s+){0,2}", text[p.end:chosen[-1].start]):
            chosen.append(p)
        else:
            break
    return chosen


def _clean_occasion(phrase: str, ctx: DocContext, place: Place, cap: bool = True) -> str:
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
    return _cap(phrase) if cap else phrase


def _cap(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[:MAX_OCCASION_WORDS]) if len(words) > MAX_OCCASION_WORDS else phrase


def _acted(ctx: DocContext, s: Sentence, pos: int) -> bool:
    """Whether a person (or a chain of verbs after one) is the subject of the verb at pos."""
    text = ctx.doc.text
    if CHAINED.search(text[max(s.start, pos - 30):pos]):
        return True
    return any(p.end <= pos and SUBJECT_GAP.fullmatch(text, p.end, pos) for p in ctx.people_in(s))


def _activities(ctx: DocContext, s: Sentence, start: int, place: Place) -> list[tuple[int, str]]:
    """Occasion phrases from activity verbs: "attending the X and the Y", "meet students at Z"."""
    text = ctx.doc.text
    out: list[tuple[int, str]] = []
    for m in ACTIVITY.finditer(text, start, s.end):
        if not _acted(ctx, s, m.start()):
            continue
        if PLACE_VERB.match(m.group("verb")) and any(0 <= x.start - m.end() <= 12
                                                     for x in ctx.mentions_in(s)):
            continue  # "visited Beijing" is the visit itself, not an occasion
        verb, obj = m.group("verb"), _clean_occasion(text[m.end():s.end], ctx, place, cap=False)
        if not obj or SPEECH.match(obj):
            continue
        if KEEP_VERB.search(verb):
            verb_word = re.sub(r"^(?:will\s+)?(?:also\s+)?", "", verb, flags=re.I)
            out.append((m.start(), _cap(f"{verb_word} {obj}")))
        else:
            parts = [_cap(LEADING_ARTICLE.sub("", part).strip()) for part in LIST_SPLIT.split(obj)]
            out += [(m.end() + i, part) for i, part in enumerate(parts) if part]
    return out


def _date_for(ctx: DocContext, s: Sentence, pos: int) -> tuple[str | None, str | None, str, bool]:
    """The visit's dates: a date in the sentence, else the document date (explicit if tense is now)."""
    spans: list[DateSpan] = [d for d in ctx.dates_in(s) if "previous" not in d.text.lower()]
    if spans:
        d = min(spans, key=lambda d: abs(d.start - pos))
        return d.first.isoformat(), d.last.isoformat(), d.text, True
    anaphor = DATE_ANAPHOR.search(s.text)
    if anaphor:
        earlier = [d for d in ctx.dates if d.end <= s.start and "previous" not in d.text.lower()
                   and ctx.sentence_at(d.start).index >= s.index - 3]
        if earlier and earlier[-1].first == earlier[-1].last:
            day = earlier[-1].first + timedelta(days=1 if anaphor.group("next") else 0)
            return day.isoformat(), day.isoformat(), f"{anaphor.group(0)} ({earlier[-1].text})", True
    doc_date = parse_doc_date(ctx.doc.date)
    iso = doc_date.isoformat() if doc_date else None
    return iso, iso, "", bool(PRESENT.search(s.text))


def _neighbour_occasions(ctx: DocContext, s: Sentence, who: str, place: Place) -> list[tuple[int, str]]:
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
        out += _activities(ctx, nxt, nxt.start, place)
    return out


def _reports_in(ctx: DocContext, s: Sentence, rank: int) -> list[_Report]:
    text = ctx.doc.text
    people = ctx.people_in(s)
    if not people:
        return []
    reports: list[_Report] = []
    used: set[tuple[str, int]] = set()
    cues = [(m, "prep") for m in PREP_CUES.finditer(text, s.start, s.end)]
    cues += [(m, "direct") for m in VERB_CUES.finditer(text, s.start, s.end)]
    cues += [(m, "presence") for m in WEAK_CUES.finditer(text, s.start, s.end)]
    for cue, mode in sorted(cues, key=lambda c: c[0].start()):
        strong = mode != "presence"
        limit = 200 if mode == "presence" else 70
        mention = _place_after(ctx, s, cue.end(), limit, people, mode)
        if mention is None and mode == "direct":
            mention = _place_before(ctx, s, cue.start())
        if mention is None:
            continue
        subjects = _subjects(ctx, s, min(cue.start(), mention.start), people)
        same = [p for p in people if subjects and p.name == subjects[-1].name and p.end <= cue.start()]
        lead_in = text[same[0].end if same else s.start:cue.end()]
        if NEGATION.search(lead_in) or NEGATED_AFTER.match(text, mention.end, s.end):
            continue
        if not subjects and re.match(r"\s+by\s+", text[cue.end():cue.end() + 5]):
            subjects = [p for p in people if p.start > cue.end()][:1]
        for person in subjects:
            key = (person.name, mention.start)
            if key in used:
                continue
            used.add(key)
            reports.append(_report(ctx, s, person, cue.span(), mention, strong and person.kind != "plural",
                                   rank))
    # A place put first: "In Harbin, the president ..." says the person was there.
    for mention in ctx.mentions_in(s):
        if not FRONTED.fullmatch(text, s.start, mention.start):
            continue
        after = [p for p in people if mention.end <= p.start <= mention.end + 60]
        for person in after[:1]:
            if (person.name, mention.start) not in used:
                used.add((person.name, mention.start))
                reports.append(_report(ctx, s, person, (s.start, mention.end), mention, False, rank))
    return reports


def _report(ctx: DocContext, s: Sentence, person: PersonRef, cue: tuple[int, int], mention: Mention,
            strong: bool, rank: int) -> _Report:
    text = ctx.doc.text
    place = ctx.parent_city(mention.place)
    venue = mention.place if place.id != mention.place.id else None
    first, last, date_text, explicit = _date_for(ctx, s, cue[0])
    found: list[tuple[int, str]] = []
    gap_start = max(mention.end, cue[1])
    m = FOR_OCCASION.search(text, gap_start, s.end)
    gap = text[gap_start:m.start()] if m else ""
    for d in ctx.dates_in(s):
        gap = gap.replace(d.text, " ")
    if m and OCCASION_GAP.fullmatch(gap):
        phrase = _clean_occasion(text[m.end():s.end], ctx, place)
        if phrase:
            verb = m.group("verb") or ""
            keep = KEEP_FOR_VERB.fullmatch(verb)
            found.append((m.end(), f"{verb[3:]} {phrase}" if keep else LEADING_ARTICLE.sub("", phrase)))
    found += _activities(ctx, s, cue[0], place)
    if strong:
        found += _neighbour_occasions(ctx, s, person.name, place)
    occasions = [(rank, pos, phrase) for pos, phrase in found]
    quote_start = min(person.start, cue[0], mention.start)
    quote_end = max(person.end, cue[1], mention.end)
    confidence = (STRONG_CONFIDENCE if strong else WEAK_CONFIDENCE) + (0.1 if explicit else 0.0)
    return _Report(
        who=person.name, place=place, first=first, last=last, date_text=date_text,
        explicit=explicit, occasions=occasions, confidence=confidence, doc_id=ctx.doc.id, rank=rank,
        pos=cue[0], strong=strong, sources=[ctx.provenance(s, quote_start, quote_end)],
        venues=[venue] if venue is not None else [],
    )


def _allowed(r: _Report, strong_keys: set[str], nationality: dict[str, str]) -> bool:
    """Strong cues always count; presence cues only for a foreign person or a known traveller."""
    if r.strong:
        return True
    nat = nationality.get(r.who, "")
    if nat and r.place.country and nat not in r.place.country.split("/"):
        return True
    return r.who in strong_keys


def doc_reports(ctx: DocContext, rank: int = 0) -> list[_Report]:
    """Every visit report in one document, before any merging."""
    reports: list[_Report] = []
    for s in ctx.sentences:
        reports += _reports_in(ctx, s, rank)
    nationality = {p.name: p.nationality for p in ctx.people if p.nationality}
    strong_keys = {r.who for r in reports if r.strong}
    return [r for r in reports if _allowed(r, strong_keys, nationality)]


def _overlap(a: _Report, b: _Report) -> bool:
    if a.first is None or b.first is None:
        return a.first is None and b.first is None
    return a.first <= (b.last or b.first) and b.first <= (a.last or a.first)


def _absorb(into: _Report, other: _Report) -> None:
    """Merge other's evidence into `into`, keeping the narrowest written date."""
    if other.explicit and other.first is not None:
        if not into.explicit or into.first is None:
            into.first, into.last, into.date_text, into.explicit = (
                other.first, other.last, other.date_text, True)
        elif _overlap(into, other):
            lo, hi = max(into.first, other.first), min(into.last or into.first, other.last or other.first)
            if lo <= hi and (lo, hi) != (into.first, into.last):
                narrower_text = other.date_text if (other.first, other.last) == (lo, hi) else into.date_text
                into.first, into.last, into.date_text = lo, hi, narrower_text
    elif into.first is None and other.first is not None:
        into.first, into.last, into.date_text = other.first, other.last, other.date_text
    into.occasions += other.occasions
    into.sources += [src for src in other.sources if src not in into.sources]
    into.venues += [v for v in other.venues if v not in into.venues]
    into.strong = into.strong or other.strong
    into.confidence = 1 - (1 - into.confidence) * (1 - other.confidence)


def _in_area(city: Place, area: Place) -> bool:
    if area.kind == "country":
        return city.country == area.country or city.country in area.id
    if area.kind == "admin1":
        return bool(city.admin1) and area.id.endswith(city.admin1)
    return False


def _merge_doc(reports: list[_Report]) -> list[_Report]:
    """Within one document: undated-by-text reports join the nearest written-date report."""
    kept: list[_Report] = []
    for r in sorted(reports, key=lambda r: (not r.explicit, r.pos)):
        same = [k for k in kept if k.who == r.who and k.place.id == r.place.id]
        target = None
        if r.explicit:
            target = next((k for k in same if _overlap(k, r)), None)
        elif same:
            target = min(same, key=lambda k: abs(k.pos - r.pos))
        if target is None:
            kept.append(r)
        else:
            _absorb(target, r)
    # A country-level report joins a city-level report in that country with compatible dates.
    cities = [k for k in kept if not k.is_area]
    out = []
    for r in kept:
        if r.is_area:
            targets = [c for c in cities if c.who == r.who and _in_area(c.place, r.place) and _overlap(c, r)]
            if targets:
                _absorb(min(targets, key=lambda c: (not _overlap(c, r), abs(c.pos - r.pos))), r)
                continue
        out.append(r)
    return out


def _merge_corpus(reports: list[_Report]) -> list[_Report]:
    """Across documents: same person and place with overlapping dates; undated ones join a sole match."""
    kept: list[_Report] = []
    dated = [r for r in reports if r.first is not None]
    undated = [r for r in reports if r.first is None]
    for r in dated:
        same = (k for k in kept if k.who == r.who and k.place.id == r.place.id and _overlap(k, r))
        target = next(same, None)
        if target is None:
            kept.append(r)
        else:
            _absorb(target, r)
    for r in undated:
        same = [k for k in kept if k.who == r.who and k.place.id == r.place.id]
        if r.is_area and not same:
            same = [k for k in kept if k.who == r.who and not k.is_area and _in_area(k.place, r.place)]
        if len(same) == 1:
            _absorb(same[0], r)
        else:
            kept.append(r)
    # Country-level visits on the same days as a city-level visit in that country.
    out = []
    for r in kept:
        if r.is_area:
            target = next((c for c in kept if not c.is_area and c.who == r.who
                           and _in_area(c.place, r.place) and _overlap(c, r)), None)
            if target is not None:
                _absorb(target, r)
                continue
        out.append(r)
    return out


def _key(phrase: str) -> str:
    return " " + re.sub(r"\b(?:the|a|an)\s+", "", phrase.lower()).strip() + " "


def _occasion(r: _Report) -> str:
    """The report's occasions in text order, without repeats, plus venues not named in them."""
    out: list[str] = []
    for _, _, item in sorted(r.occasions):
        key = _key(item)
        if any(key in _key(o) for o in out):
            continue
        out = [o for o in out if _key(o) not in key]
        out.append(item)
    for venue in r.venues:
        if not any(_key(venue.name).strip() in _key(o) for o in out):
            out.append(f"at {venue.name}")
    return "; ".join(out)


def extract_visits(contexts: list[DocContext]) -> list[Visit]:
    """Visits read from every document, merged within and across documents, in date order."""
    reports: list[_Report] = []
    ranks = {ctx.doc.id: i for i, ctx in enumerate(contexts)}
    for rank, ctx in enumerate(contexts):
        reports += _merge_doc(doc_reports(ctx, rank))
    merged = _merge_corpus(reports)
    visits = [
        Visit(who=r.who, place=r.place, start=r.first, end=r.last, date_text=r.date_text,
              occasion=_occasion(r), confidence=round(min(r.confidence, 0.99), 3),
              sources=sorted(r.sources, key=lambda p: (ranks[p.doc_id], p.quote_start)))
        for r in merged
    ]
    visits.sort(key=lambda v: (v.start or "9999", v.end or "", v.who, v.place.id))
    return visits
