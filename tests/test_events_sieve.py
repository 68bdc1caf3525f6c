"""The sieves that try a pattern only where a match can start find exactly what a full scan finds.

Checked on invented sentences and, when the shared dev set is beside the repository, on every sentence
of its articles (read from ../shared, never copied here).
"""

from __future__ import annotations

import re

import pytest
from dev_texts import dev_sentences, dev_texts

from geomap.events import dates, quantities
from geomap.events.crossings.later import later_date
from geomap.events.dates import find_dates
from geomap.events.sieve import WordIndex, digit_offsets, lower_words, matches_at, may_contain, offsets_of

INVENTED = [
    "On Monday, March 3, 2025 the Eastford bridge reopened after repairs that began in early May 2024.",
    "Traffic fell in the second half of last year and rose again by the end of 2023, officials said.",
    "The crossing handled 1,250 trucks a day in Q3 2024, up 12% from two years ago, and −3.5% since June.",
    "Some two thousand vehicles, dozens of buses and hundreds of travellers waited on 5 de marzo de 2025.",
    "Около 3 марта 2025 года через пункт прошли 6,5 тыс. грузовиков и 19,37,414 рупий.",
    "2025年3月3日，口岸通行上千辆货车，数千人次过境。",
    "The networktwo times figure, 3:15 and 1/2 are no counts; the 8th lane opened this summer.",
    "Exports doubled to US$5bn last month while imports were 4.2 million tonnes next week, not tonight.",
    "A year earlier the gate was closed; the following week it opened; now it handles three-fold more.",
]


SENTENCES = INVENTED + dev_sentences()


def test_matches_at_gives_finditer_matches_when_every_start_is_offered():
    pattern = re.compile(r"\b(?:on|in)\s+\w+")
    text = "We met on Monday in Eastford and stayed in town."
    offsets = [pos for pos, word in lower_words(text) if word in {"on", "in"}]
    assert [m.group(0) for m in matches_at(pattern, offsets, text)] == ["on Monday", "in Eastford", "in town"]


@pytest.mark.parametrize("kind", [kind for kind, _ in dates.PATTERNS])
def test_date_pattern_tried_at_its_openers_finds_every_match(kind: str):
    pattern = dict(dates.PATTERNS)[kind]
    openers, digit_cue = dates.OPENERS[kind]
    for text in SENTENCES:
        by_digit = digit_cue is not None and digit_cue in text
        offsets = offsets_of(lower_words(text), openers, digit_offsets(text) if by_digit else ())
        sieved = [m.span() for m in matches_at(pattern, offsets, text)]
        assert sieved == [m.span() for m in pattern.finditer(text)], text


@pytest.mark.parametrize("kind", [kind for kind, _ in dates.PATTERNS])
def test_date_pattern_tried_at_its_opening_words_and_digits_finds_every_match(kind: str):
    pattern = dict(dates.PATTERNS)[kind]
    openers, digit_cue = dates.OPENERS[kind]
    for text in SENTENCES + ["Talks held 3RD May went well; data of 2024-05-01 came 7 days ago.",
                              "Late on 2nd May and 12th of June 2023年5月3日 and 5月4日."]:
        runs = [m.span() for m in re.finditer(r"\d+", text)]
        han = "年" in text or "月" in text
        by_digit = digit_cue is not None and digit_cue in text
        digits = dates.digit_starts(kind, text, runs, han) if by_digit else []
        offsets = sorted({*(p for p, w in lower_words(text) if w in openers), *digits})
        sieved = [m.span() for m in matches_at(pattern, offsets, text)]
        assert sieved == [m.span() for m in pattern.finditer(text)], text


def test_find_dates_reads_dates_found_only_at_their_openers():
    spans = find_dates(INVENTED[0], "2025-03-05")
    assert [(s.text, s.period) for s in spans] == [("Monday, March 3, 2025", "2025-03-03"),
                                                   ("in early May 2024", "2024-05-01..2024-05-10")]


def test_quantity_sieves_find_every_match():
    for text in SENTENCES:
        numbers = [m.start() for m in quantities._NUMBER_START.finditer(text)]
        signed = sorted({*numbers, *(p - 1 for p in numbers if p and text[p - 1] in quantities._SIGNS)})
        for pattern, offsets in ((quantities.COUNT, numbers), (quantities.MONEY_SUFFIX, numbers),
                                 (quantities.PERCENT, signed)):
            assert [m.span() for m in matches_at(pattern, offsets, text)] == \
                [m.span() for m in pattern.finditer(text)], text
        assert [m.span() for m in quantities._word_counts(text)] == \
            [m.span() for m in quantities.WORD_COUNT.finditer(text)], text
        if quantities.PERCENT.search(text):  # the unit test before PERCENT lets every share through
            assert any(unit in text.lower() for unit in quantities._PERCENT_UNITS), text


def test_later_date_still_reads_a_later_phrase_and_skips_a_clause_without_one():
    text = "The gate shut on 4 May 2024. Three weeks later it reopened."
    spans = find_dates(text, "2024-06-30")
    assert later_date(text, 29, len(text), spans) is not None
    assert later_date(text, 0, 28, spans) is None


def test_reference_patterns_tried_at_their_words_find_every_match():
    from geomap.events import people

    texts = [" ".join(INVENTED) + " He met her; the President, both leaders, the two ministers, HE, Him."]
    texts += dev_texts()
    for pattern, words in ((people.ROLE_REF, {"the"}), (people.PLURAL_REF, {"the", "both"}),
                           (people.PRONOUN, people._PRONOUNS)):
        for text in texts:
            sieved = people._matches_at_words(pattern, words, WordIndex(lower_words(text)), text)
            assert [m.span() for m in sieved] == [m.span() for m in pattern.finditer(text)]


def _words_starting_with(starts: frozenset[str], text: str) -> list[int]:
    """Offsets where a word (after no letter, digit or underscore) begins with one of starts."""
    low = text.lower()
    return sorted({i for p in starts for i in range(len(low)) if low.startswith(p, i)
                   and (i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"))})


def test_crossing_cue_tables_try_every_word_that_begins_with_a_start():
    from geomap.events.crossings import find, status

    texts = [" ".join(INVENTED) + " The re-opened border crossing; 5bor ICP_Gate, (Bridge) customs-post."]
    texts += dev_texts()
    for table in (find._NOUNS, status._STATUS):
        for text in texts:
            assert table._word_starts(text, 0, len(text)) == _words_starting_with(table.starts, text)


def _context(text: str):
    from geomap.events.context import build_context
    from geomap.model import Document

    return build_context(Document("d", "d.txt", "", None, "d.txt", text), [])


CUE_TEXTS = [
    "The Eastford crossing faces Westbury. Nothing else here.\nA new line: the BRIDGE was shut.",
    "Opposite the depot stood a gate. The ſtory of the terminal. Two quiet sentences follow. None at all.",
    "İstanbul traffic was light; the crossing opened. A second sentence names no cue.",  # lower() is longer
]


@pytest.mark.parametrize("cues", [("crossing", "bridge", "terminal"), ("opposite", "faces", "across")])
def test_a_document_answers_may_contain_as_each_sentence_would(cues) -> None:
    dev = dev_texts()
    for text in CUE_TEXTS + dev:
        ctx = _context(text)
        expected = [may_contain(s.text, cues) for s in ctx.sentences]
        assert [ctx.may_contain(s, cues) for s in ctx.sentences] == expected


@pytest.mark.parametrize("text", INVENTED + [
    "ΟΔΟΣ'Α and ΟΔΟΣ Β met İstanbul's İNAN at KELVIN ſtreet; x_y2z Ⅻ ⓐ ½",
    "Der Straße-Ausbau: 3 ÉTAPES, ЖЕЛЕЗНАЯ дорога, 年月日.",
])
def test_lower_words_lower_cases_each_run_of_letters_on_its_own(text: str):
    letters = re.compile(r"[^\W\d_]+")
    assert lower_words(text) == [(m.start(), m.group(0).lower()) for m in letters.finditer(text)]


@pytest.mark.parametrize("text", [
    " ".join(INVENTED),
    "Tuesday's talks ran late.On 3 May 2025 the gate reopened;next week it closes.\nΣΟΦΙΑ came in June 2024.",
    "İstanbul hosted the forum in May 2024, and the ministers met again on 3 June.",
    *dev_texts(),
])
def test_a_document_context_finds_the_dates_each_sentence_holds(text: str):
    ctx = _context(text)
    expected = [d for s in ctx.sentences for d in find_dates(s.text, None, offset=s.start)]
    assert ctx.dates == expected


@pytest.mark.parametrize("text", [
    "Tuesday's talks ran late.On 3 May 2025 the gate reopened;next week it closes.\nΣΟΦΙΑ came in June 2024.",
    "İstanbul hosted the forum. The ministers met again on 3 June.",
    "A word cut across sentences: abc.Def ghi.jkl",
])
def test_a_sentence_reads_the_same_words_from_its_document_as_alone(text: str):
    ctx = _context(text)
    for s in ctx.sentences:
        assert ctx.words_in(s) == [(s.start + pos, word) for pos, word in lower_words(s.text)]


def _people_texts() -> list[str]:
    written = " Ana Lind, the trade minister, met Ivo Berg.\nThe envoy of Eastland,  Ola Nes spoke."
    return [" ".join(INVENTED) + written] + dev_texts()


def test_untitled_names_tried_at_capitalised_words_find_every_match():
    from geomap.events import people

    for text in _people_texts():
        offsets = [pos for pos, _ in lower_words(text) if text[pos] in people._UP_CHARS]
        sieved = [m.span() for m in matches_at(people.UNTITLED, offsets, text)]
        assert sieved == [m.span() for m in people.UNTITLED.finditer(text)]


def test_a_role_in_apposition_before_a_name_always_ends_in_a_comma():
    from geomap.events import people

    found = 0
    for text in _people_texts():
        for end, _ in lower_words(text):
            if people.APPOSITION_BEFORE.search(text, max(0, end - 90), end):
                found += 1
                assert people._after_comma(text, max(0, end - 90), end), text[max(0, end - 90):end]
    assert found
