"""The shortcuts of the shared per-document reading give what the general path gives: a text's words as
two columns, spans told apart by a running furthest end, known names found once per text, and title
lines scored sentence by sentence. All texts are invented for these tests."""

from __future__ import annotations

import random
import re

from geomap.events import evidence
from geomap.events.people import TokenTest, _scan_known, _Spans, _whole_word
from geomap.events.sieve import lower_word_columns, lower_words
from geomap.events.visits import _opens_with

AWKWARD = [
    "President Anna Berg visited Eastford on 3 May.",
    "İstanbul'da Bakan İsmail Kaya ile görüştü; ΣΟΦΙΑ and Σοφία met ΚΑΛΟΣ.",
    "The \u212aelvin sign, a long \u017f and the dotless \u0131 fold apart: \u212aRAKOW, Stra\u00dfe.",
    "Министр Иван Петров прибыл в Истфорд, затем побывал на мосту № 3.",
    "Minister Łukasz Żółć przyjechał do Gdańska; Ørsted and Ærø in Åland.",
    "部长李强抵达东福德口岸并视察了大桥。 Then Li Qiang flew to Westgrad.",
    "Digits in odd forms: x² y½ Ⅻ ٣٤ ３４ 1,000.5 and a_b snake_case words.",
    "Combining marks: Jose\u0301 Mari\u0301a and cafe\u0301 met e\u0300 la\u0300.",
    "Greek and Armenian: αβγ Ωμέγα Հայաստան and Ⴀ Georgian capitals ႠႡ; ǅ titlecase ǈ.",
    "",
    "   \n\t 42 ",
    "ᾼ and ﬁ ligatures; ǰ and ŉ lower-case alone; ﬀ ﬃ.",
]


def test_word_columns_are_lower_words_as_two_lists():
    texts = AWKWARD + [" ".join(AWKWARD), "".join(chr(c) for c in range(0x20, 0x600))]
    for text in texts:
        starts, lows = lower_word_columns(text)
        assert list(zip(starts, lows, strict=True)) == lower_words(text), text


def test_word_columns_of_every_character_near_a_word_are_lower_words():
    for code in range(0x80, 0x3000):
        if 0xD800 <= code < 0xE000:
            continue
        text = f"Ab{chr(code)}cD {chr(code)} x{chr(code)}"
        assert list(zip(*lower_word_columns(text), strict=True)) == lower_words(text), hex(code)


def test_spans_added_overlap_as_a_look_at_each():
    rng = random.Random(7)
    for _ in range(200):
        taken = [(a, a + rng.randint(1, 9)) for a in rng.sample(range(60), rng.randint(0, 6))]
        spans = _Spans(taken)
        for _ in range(8):
            s = rng.randint(0, 70)
            e = s + rng.randint(1, 12)
            assert spans.overlaps(s, e) == any(s < b and a < e for a, b in taken), (taken, s, e)
            if rng.random() < 0.5:
                spans.add(s, e)
                taken.append((s, e))


def test_known_names_found_once_per_text_are_found_as_afresh():
    text = ("Anna Berg met al-Hadi in Eastford. Al-Hadi and Berg spoke; Anna Berg-Smith left. "
            "Li Qiang, Li and Qiang Li; Иван Петров и Петров.")
    names = ["Anna Berg", "al-Hadi", "Berg", "Li Qiang", "Qiang Li", "Li", "Петров", "Nobody Here", "Anna"]
    tokens = TokenTest(text, frozenset(w for _, w in lower_words(text)))
    for names_asked in (names, names[::-1], names[2:5], names):
        taken = [(0, 4)]
        fresh = _scan_known(text, names_asked, list(taken))
        assert _scan_known(text, names_asked, taken, tokens) == fresh


def test_title_scored_sentence_by_sentence_as_by_the_stem_index():
    rng = random.Random(3)
    vocabulary = ["ferry", "eastford", "minister", "orlov", "pier", "bridge", "trucks", "week", "port"]
    body = [((i, i + 1), frozenset(rng.sample(vocabulary, rng.randint(0, 4)))) for i in range(30)]
    scanned, indexed = evidence._index(body), evidence._index(body)
    indexed.found.update({(-k, -k): None for k in range(evidence.SCANNED)})  # as after many titles
    for _ in range(50):
        keys = {w: rng.randint(1, 2) for w in rng.sample(vocabulary, rng.randint(1, 5))}
        assert scanned.scores(keys) == indexed.scores(keys)
    assert scanned.by_stem is None and indexed.by_stem is not None


def test_whole_word_found_without_a_pattern_as_with_one():
    texts = [*AWKWARD, "Anna Berg-Smith and Anna Berg_x met anna berg; Berg2 Berg.", "x-Anna Berg-",
             "Anna Berg"]
    words = ["Anna Berg", "Berg", "anna berg", "Anna", "Berg-Smith", "İsmail Kaya", "Li Qiang", "Ørsted",
             "x", "Berg2", "Jose\u0301", "3 May", "Berg_x"]
    for text in texts:
        for word in words:
            plain = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None
            assert _whole_word(word, text) == plain, (word, text)


def test_place_name_opening_a_crossing_name_told_without_a_pattern_as_with_one():
    names = ["Rio Port of Entry", "rio port", "Rio_Grande bridge", "Rio", "RIO-2 gate", "Rio2", "Ri", "",
             "Río Bravo", "Kelvin \u212a crossing", "Straße Ford", "Eastford"]
    for text in names:
        for words in ["Rio", "rio", "RIO", "Rio Port", "Ri", "Río", "Kelvin k", "Kelvin", "Strasse",
                      "Eastford", "Eastford crossing", "", "Rio_"]:
            plain = re.match(rf"{re.escape(words)}\b", text, re.I) is not None
            assert _opens_with(text, words) == plain, (text, words)
