"""The traffic gate skips only sentences that cannot yield a figure: checked by reading every sentence it
rejects in full, on invented articles and, when the shared dev set is beside the repository, on every
article of it (read from ../shared, never copied here)."""

from __future__ import annotations

import re

from dev_texts import dev_sentences, dev_texts

from geomap.events import traffic, traffic_gate
from geomap.events.context import DocContext, build_context
from geomap.events.quantities import find_quantities
from geomap.events.traffic_cues import TRADE_RX
from geomap.events.traffic_cuewords import has_cjk
from geomap.events.traffic_place import Placer
from geomap.events.traffic_units import _ANY_NOUN
from geomap.model import Document

INVENTED = [
    "Eastford Post, May 3. The post opened in 1998 and has 12 lanes. Officials met at 10 a.m. on Monday.\n"
    "Some 1,200 trucks crossed on Tuesday. Of them, 300 came back. The total was 4,500.\n"
    "Trade between the two countries rose. It reached $5 billion in 2023, up 12 percent.\n"
    "The ferry runs twice a week. The bridge spans 2 km and is 40 m wide.\n"
    "Drivers waited 3 days at the gate. The queue reached the 25 km mark on 4 June.\n"
    "About 2,000 Westlandians crossed the border at Easter. Buses now run 8,000 trips a year.",
    "Через пункт прошли 356 грузовиков за 2 суток. В 2023 году товарооборот составил 5 млрд рублей.\n"
    "Por el puente cruzaron 12.000 camiones y 300 autobuses. El comercio sumó 4 mil millones de dólares.\n"
    "Przez przejście przejechało 1500 ciężarówek, a na odprawę czekano 30 godzin.\n"
    "口岸今年前5个月通关车辆1.2万辆，同比增长12%。\n"
    "Kılıç said 40 people came; a ſign showed 300 vehicles.",
]


def _context(text: str) -> DocContext:
    return build_context(Document("d", "d.txt", "", "2024-06-10", "d.txt", text), [])


def _rejected_figures(text: str) -> tuple[int, list[str]]:
    """How many sentences the gate rejects in a document, and those of them the full path reads a
    figure from."""
    ctx = _context(text)
    placer = Placer(ctx, {})
    keep = traffic_gate.readable(ctx)
    wrong, rejected = [], 0
    for s in ctx.sentences:
        if s.index in keep:
            continue
        rejected += 1
        for dots in (False, True):
            if traffic._sentence_figures(ctx, s, placer, dots, []):
                wrong.append(s.text)
    return rejected, wrong


def test_no_sentence_the_gate_rejects_yields_a_figure():
    rejected = 0
    for text in INVENTED + dev_texts():
        n, wrong = _rejected_figures(text)
        assert wrong == []
        rejected += n
    assert rejected >= 3  # the invented articles alone have sentences without anything to count


def test_sentences_with_a_counted_noun_a_cue_word_or_money_for_trade_are_read():
    ctx = _context(INVENTED[0])
    keep = traffic_gate.readable(ctx)
    read = [s.text for s in ctx.sentences if s.index in keep]
    skipped = [s.text for s in ctx.sentences if s.index not in keep]
    assert any("1,200 trucks" in t for t in read)
    assert any("Of them" in t for t in read) and any("The total was" in t for t in read)
    assert any("$5 billion" in t for t in read)  # money, with "trade" in the sentence before
    assert any("twice a week" in t for t in read)
    assert any("waited 3 days" in t for t in read)  # days beside a word of waiting
    assert any("Westlandians" in t for t in read)
    assert any("12 lanes" in t for t in skipped)
    assert any("spans 2 km" in t for t in skipped)  # a length without a queue


def test_chinese_and_odd_case_folding_sentences_are_always_read():
    ctx = _context(INVENTED[1])
    keep = traffic_gate.readable(ctx)
    assert all(s.index in keep for s in ctx.sentences if "口岸" in s.text or "ſign" in s.text)


SENTENCES = [s for text in INVENTED for s in re.split(r"(?<=[.。])\s+", text)] + dev_sentences()
RUN_START = re.compile(r"(?<![^\W\d_])[^\W\d_]")


def _kinds(word: str) -> list[str]:
    return traffic_gate.word_kinds(word.lower())


def test_every_counted_noun_holds_a_word_of_the_gates_nouns():
    found = 0
    for text in SENTENCES:
        if has_cjk(text):
            continue
        for start in (m.start() for m in RUN_START.finditer(text)):
            m = _ANY_NOUN.match(text, start)
            if m is None:
                continue
            found += 1
            words = re.findall(r"[^\W\d_]+", m.group(0))
            assert any({"noun", "wait"} & set(_kinds(w)) for w in words) or \
                traffic_gate.DEMONYM.fullmatch(m.group(0)), m.group(0)
    assert found >= 20


def test_every_trade_word_and_every_currency_is_a_word_of_the_gates():
    trade = money = 0
    for text in SENTENCES:
        for m in TRADE_RX.finditer(text):
            trade += 1
            assert "trading" in _kinds(m.group(0)), m.group(0)
        for q in find_quantities(text):
            if q.kind == "money" and not has_cjk(text):  # Chinese sentences are all read
                money += 1
                words = re.findall(r"[^\W\d_]+", q.text.lower())
                assert traffic_gate.CURRENCY_SIGN.search(q.text) or \
                    any("money" in traffic_gate.word_kinds(w) for w in words), q.text
    assert trade >= 3 and money >= 2


def test_every_cue_that_finds_a_noun_elsewhere_is_a_word_of_the_gates():
    cues = [traffic.OF_THEM, traffic.TALLY, traffic.FREQUENCY]
    for text in SENTENCES:
        for rx in cues:
            for m in rx.finditer(text):
                words = re.findall(r"[^\W\d_]+", m.group(0))
                assert any("nounless" in _kinds(w) for w in words), m.group(0)


def test_every_queue_and_wait_word_holds_one_of_its_cues():
    from geomap.events import traffic_cues as cues

    invented = ["It can now handle 900 trucks; capped at 40; a limit of 5; able to clear 80; will serve 9.",
                "Trucks were stranded, stuck, queued, lined up and backed up; the tailback stretched; "
                "drivers waited and spent hours; clearance took a day; it takes as long as a week."]
    for rx, words in ((cues.QUEUE_RX, cues.QUEUE_CUES), (cues.WAIT_RX, cues.WAIT_CUES)):
        found = 0
        for text in invented + SENTENCES:
            for m in rx.finditer(text):
                found += 1
                assert any(c in m.group(0).lower() for c in words), m.group(0)
        assert found >= 3
