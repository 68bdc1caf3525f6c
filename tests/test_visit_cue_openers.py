"""Visit cue tables tried only at the words they open with find exactly what a full scan finds.

Checked on sentences written here and, when the shared dev set is beside the repository, on every
sentence of its articles (read from ../shared, never copied here).
"""

from __future__ import annotations

import pytest
from dev_texts import dev_texts

from geomap.events.context import Sentence
from geomap.events.sieve import lower_words
from geomap.events.visit_cues import CUE_TABLES, HAN_TRAVEL_CUES
from geomap.events.visits import _cues_in
from geomap.sentences import split_sentences

WRITTEN = [
    "The governor flew back to Eastford, toured the depot and was warmly welcomed in Westgrad.",
    "Taking part in the forum, the minister met officials and held talks; she is currently in town.",
    "VISITED the ſite, the envoy TOOK PART in a ceremony and presided over the hand-over at the bridge.",
    "El ministro viajó también a Eastford y estuvo en Westgrad; minister przyjechał do Eastford.",
    "Министр прибыл в Истфорд и посетил пункт пропуска, затем побывал на мосту.",
    "部长抵达东福德口岸并视察了大桥。",
]


def _words(s: Sentence) -> list[tuple[int, str]]:
    return [(s.start + pos, word) for pos, word in lower_words(s.text)]


def _sentences() -> list[tuple[str, Sentence]]:
    texts = WRITTEN + dev_texts()
    out = []
    for text in texts:
        for i, (s, e) in enumerate(split_sentences(text) or [(0, len(text))]):
            out.append((text, Sentence(i, s, e, text[s:e], 0)))
    return out


@pytest.mark.parametrize("table", range(len(CUE_TABLES)))
def test_cue_table_tried_at_its_openers_finds_every_cue(table: int):
    pattern = CUE_TABLES[table][0]
    for text, s in _sentences():
        cues = _cues_in(text, s, _words(s))
        sieved = [(m.span(), m.group(0)) for m, _, _ in cues if m.re is pattern]
        assert sieved == [(m.span(), m.group(0)) for m in pattern.finditer(text, s.start, s.end)], s.text


def test_chinese_travel_cues_are_read_in_chinese_sentences():
    for text, s in _sentences():
        sieved = [m.span() for m, _, _ in _cues_in(text, s, _words(s)) if m.re is HAN_TRAVEL_CUES]
        assert sieved == [m.span() for m in HAN_TRAVEL_CUES.finditer(text, s.start, s.end)]


def test_a_cue_back_to_an_event_holds_one_of_its_nouns():
    from geomap.events.sieve import may_contain
    from geomap.events.visit_cues import EVENT_BACK, EVENT_BACK_NOUNS

    found = 0
    written = ["They LED THE CEREMONY.", "Both attended that Summit."]
    for sentence in [s.text for _, s in _sentences()] + written:
        if EVENT_BACK.search(sentence):
            found += 1
            assert may_contain(sentence, EVENT_BACK_NOUNS), sentence
    assert found
