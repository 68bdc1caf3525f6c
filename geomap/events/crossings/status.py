"""Status as dated events: what happened to a crossing (opened, closed, reopened, ...), when, and
whether it is still to come. A verb's date is the date expression of its sentence nearest to it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from geomap.events.context import DocContext, Sentence
from geomap.events.crossings.cues import (
    CAPTION_DATE,
    CLAUSE_BREAK,
    FUTURE,
    LASTED,
    LASTED_BEFORE,
    LIST_ITEM,
    LISTED_AFTER_VERB,
    NEGATION,
    OPEN_AGAIN,
    PLAIN_OPEN,
    SINCE,
    SINCE_BEGAN,
    STATUS,
    STATUS_STARTS,
    UNTIL,
)
from geomap.events.crossings.later import later_date, paragraph_year, story_year
from geomap.events.crossings.table import Table
from geomap.events.dates import DateSpan
from geomap.events.sieve import fold_unsafe, lower_case_pattern, reads_lower_case
from geomap.model import StatusEvent

_STATUS = Table(STATUS, STATUS_STARTS)
_FUTURE = re.compile(FUTURE, re.I)
_FUTURE_LOWER = lower_case_pattern(FUTURE)  # its words are all in lower case: the same for the lower case
_FUTURE_UNSAFE = fold_unsafe(ch for ch in FUTURE if ch.isalpha())
_NEGATED = re.compile(NEGATION, re.I)
_NEGATION_WORDS = ("no", "ne", "n't", "ni", "не", "不", "未")  # one of them is in every _NEGATED match
_UNTIL = re.compile(UNTIL, re.I)  # "did not reopen until May": it reopened then
_SINCE = re.compile(SINCE, re.I)
_LASTED = re.compile(LASTED, re.I)
_LISTED = re.compile(LISTED_AFTER_VERB, re.I)
_LASTED_BEFORE = re.compile(LASTED_BEFORE, re.I)
_PLAIN_OPEN = re.compile(PLAIN_OPEN, re.I)
_LIST_ITEM = re.compile(LIST_ITEM)
_CAPTION_DATE = re.compile(CAPTION_DATE, re.I | re.M)
_CAPTION_WORDS = ("photo", "foto", "фото")  # one of them opens every _CAPTION_DATE match
_CLAUSE_BREAK = re.compile(CLAUSE_BREAK, re.I)
_CLAUSE_BREAK_MARKS = (";", ",", "while", "whereas", "but")  # one of them is in every _CLAUSE_BREAK match
STORY_DAYS = 7  # an opening this close to the publication date is the story's news
_DASHES_SPACES = re.compile(r"[-\s]+")
_CLAUSE_END = re.compile(r"[;:.]|\bbut\b|\bafter\b")  # what ends the clause a status verb is in
_CLAUSE_END_MARKS = (";", ":", ".", "but", "after")  # one of them is in every _CLAUSE_END match
_CLAUSE_END_LONGEST = len("after")  # a clause end reaching into the window starts at most this far before it
CLAUSE_WINDOW = 60  # future words are looked for in the last 60 characters of the verb's clause
_PAST_ONLY = re.compile(r"\b(?:since|ago|last|earlier|previously|was|were|had|has|have)\b", re.I)


class _Cue(NamedTuple):
    """A status word read: what it says and where (a tuple: made for every status word of a corpus)."""

    what: str
    start: int
    end: int


def _cues(text: str, start: int, end: int) -> list[_Cue]:
    """Status words in text[start:end], first pattern wins where two overlap ("reopened" over "opened")."""
    return [_Cue(what, s, e) for s, e, what in _STATUS.finditer(text, start, end) if what]


def _nearest(dates: list[DateSpan], cue: _Cue) -> DateSpan | None:
    """The date expression nearest the cue; ties go to the one after it (the verb's complement)."""
    if not dates:
        return None
    return min(dates, key=lambda d: (max(d.start - cue.end, cue.start - d.end, 0), d.start < cue.start))


def _gap(start: int, end: int, cue: _Cue) -> int:
    return max(start - cue.end, cue.start - end, 0)


def _future(clause: str) -> bool:
    """Whether the clause holds future words (_FUTURE), read in its lower case where that reads alike."""
    low = clause.lower()
    if reads_lower_case(clause, low, _FUTURE_UNSAFE):
        return _FUTURE_LOWER.search(low) is not None
    return _FUTURE.search(clause) is not None


def _planned(text: str, cue_start: int, base: int, date: DateSpan | None, doc_date: str | None) -> bool:
    """Future words before the verb in its clause, or a date after the publication date."""
    end = cue_start - base
    start = max(0, end - CLAUSE_WINDOW)
    reach = max(0, start - _CLAUSE_END_LONGEST)
    if _ends_clause(text[reach:end]):
        for m in _CLAUSE_END.finditer(text, reach, end):
            start = max(start, m.end())  # the clause begins after the last clause end before the verb
    clause = text[start:end]  # read on its own: its first word has nothing before it
    if _future(clause) and not _PAST_ONLY.search(clause[-25:]):
        return True
    return bool(date and doc_date and date.first.isoformat() > doc_date)


def _negated(text: str, start: int, end: int) -> bool:
    """Whether words that deny a status end text[start:end] (_NEGATED), looked for only where one of its
    words may be."""
    return _may_hold(text[start:end], _NEGATION_WORDS) and _NEGATED.search(text, start, end) is not None


def _ends_clause(window: str) -> bool:
    """Whether _CLAUSE_END can match in the window: one of its marks or words is there (it is read as
    written, case and all)."""
    return any(mark in window for mark in _CLAUSE_END_MARKS)


def status_events(ctx: DocContext, s: Sentence) -> list[StatusEvent]:
    """Every status the sentence reports, each dated from the nearest date expression in it."""
    out: list[StatusEvent] = []
    text = ctx.doc.text
    cues = _cues(text, s.start, s.end)
    if not cues:
        return out  # no status word: its dates are not needed
    dates = [d for d in ctx.dates_in(s) if d.kind != "now"] or _line_dates(ctx, s)
    # "opens X, closed for 1469 days"; "reopened after being closed for 24 years" (asked only when the
    # sentence opens or reopens: else no closure's length changes a thing)
    opens = any(c.what in OPEN_AGAIN or c.what in OPEN_AGAIN.values() for c in cues)
    lasted = {c.start for c in cues if c.what in ("closed", "suspended") and (
        _LASTED.match(text, c.end) or _LASTED_BEFORE.search(text, max(s.start, c.start - 40), c.start))} \
        if opens else set()
    if lasted:
        cues = [_Cue(OPEN_AGAIN.get(c.what, c.what), c.start, c.end) for c in cues]
    for cue in cues:
        if _negated(text, max(s.start, cue.start - 25), cue.start) and not _UNTIL.match(text, cue.end):
            continue  # "will not be closed", "never reopened"
        date = _nearest(dates, cue)
        period = story_year(text, date, ctx.dates) if date else None
        if date is not None and period == date.period:
            period = paragraph_year(date, ctx.dates, _paragraph_start(ctx, s))
        words = date.text if date else ""
        later = later_date(text, *_clause(text, s, cue.start), ctx.dates)
        if later and (date is None or _gap(later[0], later[1], cue) < _gap(date.start, date.end, cue)):
            period = later[2]  # "reopened a month later": from the story's last date
            words = text[later[0]:later[1]]
        if cue.start in lasted:
            period = None  # the closure began that long before the reopening: its day is not told
        start, _, end = (period or "").partition("..")
        planned = _planned(s.text, cue.start, s.start, date, ctx.doc.date)
        began = SINCE_BEGAN.get(cue.what) if _SINCE.match(text, cue.end) else None
        for what in ([began] if began else []) + [cue.what]:
            out.append(StatusEvent(what=what, date=start or None, end=end or None, planned=planned,
                                   text=text[cue.start:cue.end], quote_start=cue.start, quote_end=cue.end,
                                   date_text=words if start else ""))
    return out


def _paragraph_start(ctx: DocContext, s: Sentence) -> int:
    """Offset of the first sentence of s's paragraph."""
    i = s.index
    while i > 0 and ctx.sentences[i - 1].para == s.para:
        i -= 1
    return ctx.sentences[i].start


def _line_dates(ctx: DocContext, s: Sentence) -> list[DateSpan]:
    """For a sentence with no date of its own: the date heading its item of a dated list, or the date
    its photo caption ends with."""
    text = ctx.doc.text
    line = text.rfind("\n", 0, s.start) + 1
    stop = text.find("\n", s.end)
    stop = len(text) if stop < 0 else stop
    on_line = [d for d in ctx.dates_from(line, stop) if d.kind not in ("now", "weekday")]
    if _LIST_ITEM.match(text, line):
        return [d for d in on_line if d.end <= s.start][:1]
    caption = _CAPTION_DATE.search(text, s.start, stop) if _may_hold(text[s.start:stop], _CAPTION_WORDS) \
        else None
    if caption is not None:
        return [d for d in on_line if d.start >= caption.start("date")][:1]
    return []


@lru_cache(maxsize=16)
def _unsafe(words: tuple[str, ...]) -> frozenset[str]:
    """The letters a case-insensitive pattern made of these words matches beyond their str.lower()."""
    return fold_unsafe("".join(words))


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when a case-insensitive pattern each of whose matches holds one of the words (lower
    case) cannot match in text: none of them is in its lower case, and no letter of it folds apart."""
    low = text.lower()
    return any(w in low for w in words) or not text.isascii() and not _unsafe(words).isdisjoint(text)


def _clause(text: str, s: Sentence, at: int) -> tuple[int, int]:
    """The clause of sentence s around offset at (offsets in the document text)."""
    start, end = s.start, s.end
    for b_start, b_end in _breaks(text, s.start, s.end):
        if b_end <= at:
            start = b_end
        elif b_start >= at:
            end = b_start
            break
    return start, end


@lru_cache(maxsize=64)  # asked for each status word of a sentence, and again for each crossing named in it
def _breaks(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of the clause breaks in text[start:end]."""
    if not _may_hold(text[start:end], _CLAUSE_BREAK_MARKS):
        return ()
    return tuple(m.span() for m in _CLAUSE_BREAK.finditer(text, start, end))


def by_clause(text: str, s: Sentence, events: list[StatusEvent],
              named: list[list[int]]) -> list[list[StatusEvent]]:
    """Each crossing's statuses, given the offsets where each is named in sentence s: a status goes to
    the crossings named in its own clause, else (none there) to every crossing of the sentence."""
    out: list[list[StatusEvent]] = [[] for _ in named]
    if not named:
        return out
    where = [(i, o) for i, offs in enumerate(named) for o in offs]  # each place a crossing is named
    last = max((o for _, o in where), default=-1)
    for ev in events:
        lo, hi = _clause(text, s, ev.quote_start)
        # "closed its crossings, including A, B, and C": all (asked only when a crossing is named after)
        if last >= hi and _LISTED.search(text, ev.quote_end, hi):
            hi = s.end
        own = sorted({i for i, o in where if lo <= o < hi})
        for i in own or range(len(named)):
            out[i].append(ev)
    return out


def status_text(events: list[StatusEvent]) -> str:
    """Readable status: "closed 2023-11-30; reopened 2024-02-01; opened 2026 (planned)"."""
    parts = []
    for ev in events:
        words = ev.what + (f" {ev.date}" if ev.date else "") + (f"..{ev.end}" if ev.end else "")
        note = _DASHES_SPACES.sub(" ", ev.text.lower())
        if note[:4] != ev.what[:4]:
            words += f" ({note})"
        if ev.planned:
            words += " (planned)"
        parts.append(words)
    return "; ".join(dict.fromkeys(parts))


def again(ev: StatusEvent, doc_date: str | None) -> StatusEvent:
    """In a story that tells of a reopening, a crossing opened (plain "opened", not "inaugurated") within
    a few days of publication reopened; other events as they are."""
    if ev.what != "opened" or ev.planned or not ev.date or not doc_date or not _PLAIN_OPEN.search(ev.text):
        return ev
    try:
        days = abs((date.fromisoformat(ev.date[:10]) - date.fromisoformat(doc_date[:10])).days)
    except ValueError:  # a month or a year: not a day of the story
        return ev
    return replace(ev, what="reopened") if days <= STORY_DAYS else ev
