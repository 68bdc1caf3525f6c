"""The crossings reader's shortcuts give what the general path gives: rows of a cue table tried as one
alternation, tests skipped where their words are absent, patterns read in lower case, mentions grouped by
sentence with a bisect each. Sentences are our own, awkward ones included (a long s, the Kelvin sign,
a dotted capital I, Cyrillic, Chinese, digits written oddly)."""

from __future__ import annotations

import copy
import re

import pytest

from geomap.events.context import build_context
from geomap.events.crossings import _by_sentence, _names_vehicles, _shallow_copy, _Sighting
from geomap.events.crossings.cues import ANAPHOR_CUES, FUTURE, NOUN_STARTS, NOUNS, STATUS, STATUS_STARTS
from geomap.events.crossings.find import _MODE_WORDS, _modes_before
from geomap.events.crossings.status import (
    _CAPTION_DATE,
    _CAPTION_WORDS,
    _CLAUSE_END,
    _ends_clause,
    _future,
    _may_hold,
    by_clause,
)
from geomap.events.crossings.table import Table
from geomap.events.quantities import find_quantities
from geomap.model import Document, Mention, Place, Provenance, StatusEvent

AWKWARD = [
    "The bridge REOPENED on 3 May; the Upton checkpoint stayed ſhut and the ferry was ſuspended.",
    "Trucks queued for 12 km. A 24-hour operation began at the port of entry, which is due to open in 2026.",
    "No LORRIES were seen for an hour, while the rail link was closed, but the ICP was inaugurated.",
    "Zero truc\u212as crossed; the \u0130ce road stayed open from 8 a.m., after a pause.",
    "Пункт пропуска закрыли. Мост будет открыт; ФОТО: архив / 5 мая 2024",
    "口岸恢复通关。铁路桥将在2025年开通。 Photo: Staff / May 7, 2024",
    "Fifty vehicles waited at the crossing; ４２ buses (full-width digits) and 0 cars crossed before noon.",
    "Przejście graniczne zostało zamknięte, ale ruch wznowiono. El puente quedó abierto; se planea otro.",
    "It will reopen, says the agency; shall we say soon? Next week, perhaps, or never.",
]


def _row_by_row(table: Table, text: str) -> list[tuple[int, int, str]]:
    """The general path: at each word start, every row in table order, the first match wins."""
    rows = [(label, re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.I)) for label, p in table.patterns
            if not re.match(r"[\u4e00-\u9fff]", p)]
    found, after = [], 0
    for w in re.finditer(r"\w+", text):
        at = w.start()
        if at < after:
            continue
        hit = next(((m, label) for label, rx in rows if (m := rx.match(text, at))), None)
        if hit is not None:
            found.append((at, hit[0].end(), hit[1]))
            after = hit[0].end()
    if table.cjk is not None:
        found += [(m.start(), m.end(), table.labels[int(m.lastgroup[1:])]) for m in table.cjk.finditer(text)]
    return sorted(found)


@pytest.mark.parametrize("patterns, starts", [(NOUNS, NOUN_STARTS), (STATUS, STATUS_STARTS + " ſhu ſus")])
def test_rows_tried_as_one_alternation_find_what_row_by_row_finds(patterns, starts) -> None:
    for text in AWKWARD:
        assert Table(patterns, starts).finditer(text) == _row_by_row(Table(patterns, starts), text), text


def _by_clause_in_full(text, s, events, named):
    """by_clause as it read before the shortcut: the list words asked for each event."""
    from geomap.events.crossings.status import _LISTED, _clause

    out = [[] for _ in named]
    for ev in events:
        lo, hi = _clause(text, s, ev.quote_start)
        if _LISTED.search(text, ev.quote_end, hi):
            hi = s.end
        own = [i for i, offs in enumerate(named) if any(lo <= o < hi for o in offs)]
        for i in own or range(len(named)):
            out[i].append(ev)
    return out


def test_statuses_go_to_the_crossings_of_their_clause_as_before() -> None:
    text = ("Upton closed on Monday, while Downey stayed open; the ferry resumed, including Lakeby and "
            "Hillton: all of them.")
    doc = Document("d", "d", "", "2024-05-01", "d", text)
    s = build_context(doc, []).sentences[0]
    events = [StatusEvent(w, None, None, False, w, m.start(), m.end())
              for w in ("closed", "open", "resumed") for m in re.finditer(w, text)]
    for named in ([], [[0]], [[0], [30]], [[0], [30], [70], [82]], [[70, 82]], [[95]]):
        assert by_clause(text, s, events, named) == _by_clause_in_full(text, s, events, named), named


def test_clause_ends_are_looked_for_only_where_one_of_their_marks_is() -> None:
    for text in AWKWARD + ["closed after the storm", "BUT it reopened", "a;b", "no mark here at all"]:
        for at in range(len(text) + 1):
            window = text[max(0, at - 65):at]
            assert _ends_clause(window) or not _CLAUSE_END.search(window), window


def test_future_words_read_in_lower_case_as_ignoring_case() -> None:
    full = re.compile(FUTURE, re.I)
    clauses = AWKWARD + ["It WILL reopen", "it ſhall be closed", "Будет открыт", "将开通", "\u0130s due to",
                         "Plans To reopen", "targeted for 2026", "ma zostać otwarte", "será abierto"]
    for clause in clauses:
        for cut in range(0, len(clause), 7):
            part = clause[cut:cut + 60]
            assert _future(part) == bool(full.search(part)), part


def test_a_caption_is_looked_for_only_where_its_word_may_be() -> None:
    texts = AWKWARD + ["PHOTO: Staff / 7 May 2024", "Foto: archiwum / 3 maja 2024", "ф\u1c82то: / 5 мая 2024"]
    for text in texts:
        if _CAPTION_DATE.search(text):
            assert _may_hold(text, _CAPTION_WORDS), text
    assert not _may_hold("A plain line with no caption", _CAPTION_WORDS)


def test_a_count_of_no_vehicles_is_read_only_where_a_vehicle_word_is() -> None:
    unit = re.compile(r"vehicle|car|truck|lorr|bus")
    for text in AWKWARD + ["Not a single lorry crossed.", "no TRUCKS at all", "zero truc\u212as"]:
        zeros = [q for q in find_quantities(text) if q.kind == "count" and not q.value and unit.match(q.unit)]
        assert _names_vehicles(text) or not zeros, text


def test_one_scan_for_any_mode_word_gives_the_modes_of_one_scan_each() -> None:
    for text in AWKWARD + ["the Upton rail and road crossings", "железнодорожный мост", "公路口岸 铁路",
                           "drogowe i kolejowe", "a pier, a jetty and a foot bridge"]:
        for start in range(0, len(text), 5):
            end = min(len(text), start + 40)
            hits = ((m, mode) for mode, rx in _MODE_WORDS if (m := rx.search(text, start, end)))
            found = sorted((m.start(), mode) for m, mode in hits)
            assert _modes_before(text, start, end) == [mode for _, mode in found], text[start:end]


def test_mentions_grouped_by_bisect_fall_where_sentence_at_puts_them() -> None:
    text = "Upton closed.  Downey opened.\n\nLakeby waits. Hillton"
    doc = Document("d", "d", "", None, "d", text)
    ctx = build_context(doc, [])
    town = Place("geonames:1", "Town", "city", 0.0, 0.0, "PL")
    mentions = [Mention("d", at, at + 1, text[at], "", 0, town, 1.0) for at in range(len(text))]
    expected: dict[int, list[Mention]] = {}
    for m in mentions:
        expected.setdefault(ctx.sentence_at(m.start).index, []).append(m)
    assert _by_sentence(ctx.sentences, mentions) == expected


def test_a_sighting_seen_again_is_a_shallow_copy() -> None:
    town = Place("geonames:1", "Town", "city", 0.0, 0.0, "PL")
    source = Provenance("d", "t", None, "s", "a sentence", 0, 1)
    sg = _Sighting("k", town, town, None, "road", False, 0.5, ("d", 0), [source], [], frozenset({"x"}), True)
    seen = _shallow_copy(sg)
    assert seen == copy.copy(sg) and seen is not sg and seen.sources is sg.sources


def test_denials_and_clause_breaks_are_looked_for_only_where_their_words_may_be() -> None:
    from geomap.events.crossings.status import _CLAUSE_BREAK, _NEGATED, _breaks, _negated

    texts = AWKWARD + ["It was NOT reopened", "never REOPENED", "won't close", "nie otwarto", "не открыт",
                       "未开通", "closed, BUT reopened", "a; b", "ſo, while it waited", "N\u0130E otwarte"]
    for text in texts:
        for end in range(len(text) + 1):
            start = max(0, end - 25)
            assert _negated(text, start, end) == bool(_NEGATED.search(text, start, end)), text[start:end]
        assert _breaks(text, 0, len(text)) == tuple(m.span() for m in _CLAUSE_BREAK.finditer(text)), text


def test_modifier_words_before_a_noun_read_in_lower_case_as_ignoring_case() -> None:
    from geomap.events.crossings.find import _MODIFIER_TAIL, _modifier_tail

    texts = AWKWARD + ["the Upton–Downey Road and RAIL, border crossing", "X , the new bridge",
                       "Northgate ROAD\ncrossing", "the ſmall checkpoint", "Tru\u212aCK the \u0130CP"]
    for text in texts:
        for end in range(len(text) + 1):
            start = max(0, end - 60)
            m = _MODIFIER_TAIL.search(text, start, end)
            assert _modifier_tail(text, start, end) == (m.span() if m else None), text[start:end]


def test_words_pointing_back_read_in_lower_case_as_ignoring_case() -> None:
    from geomap.events.crossings.find import _ANAPHOR, anaphors

    text = " ".join(AWKWARD) + (" THE Bridge reopened.xthe crossing shut. This ſame port of entry, "
                                "ITS border post\u212a and the \u0130nternational ferry; both Bridges.")
    ctx = build_context(Document("d", "d", "", None, "d", text), [])
    for s in ctx.sentences:
        found = _ANAPHOR.finditer(text, s.start, s.end)
        general = [(m.start(), m.end(), m.group("noun").lower()) for m in found]
        assert anaphors(ctx, s) == (general if ctx.may_contain(s, ANAPHOR_CUES) else []), s.text
    assert any(anaphors(ctx, s) for s in ctx.sentences)
