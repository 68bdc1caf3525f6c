"""Visit cue tables tried only at the words they open with find exactly what a full scan finds.

Checked on sentences written here and, when the shared dev set is beside the repository, on every
sentence of its articles (read from ../shared, never copied here).
"""

from __future__ import annotations

import pytest
from dev_texts import dev_texts

from geomap.events.context import DocContext, Sentence
from geomap.events.sieve import lower_words
from geomap.events.visit_cues import CUE_TABLES, HAN_TRAVEL_CUES
from geomap.events.visits import _cues_in
from geomap.model import Document
from geomap.sentences import split_sentences

WRITTEN = [
    "The governor flew back to Eastford, toured the depot and was warmly welcomed in Westgrad.",
    "Taking part in the forum, the minister met officials and held talks; she is currently in town.",
    "VISITED the ſite, the envoy TOOK PART in a ceremony and presided over the hand-over at the bridge.",
    "El ministro viajó también a Eastford y estuvo en Westgrad; minister przyjechał do Eastford.",
    "Министр прибыл в Истфорд и посетил пункт пропуска, затем побывал на мосту.",
    "部长抵达东福德口岸并视察了大桥。",
]


def _sentences() -> list[tuple[DocContext, Sentence]]:
    """Each sentence with its document's context (the document's words given, as build_context gives them,
    and not: then each sentence's words are read alone)."""
    out = []
    for n, text in enumerate(WRITTEN + [" ".join(WRITTEN)] + dev_texts()):
        sentences = [Sentence(i, s, e, text[s:e], 0)
                     for i, (s, e) in enumerate(split_sentences(text) or [(0, len(text))])]
        words = lower_words(text) if n % 2 else None
        ctx = DocContext(Document(f"d{n}", f"d{n}.txt", "", None, f"d{n}.txt", text), sentences, [], [], [],
                         words=words)
        out += [(ctx, s) for s in sentences]
    return out


@pytest.mark.parametrize("table", range(len(CUE_TABLES)))
def test_cue_table_tried_at_its_openers_finds_every_cue(table: int):
    pattern = CUE_TABLES[table][0]
    for ctx, s in _sentences():
        cues = _cues_in(ctx, s)
        sieved = [(m.span(), m.group(0)) for m, _, _ in cues if m.re is pattern]
        found = [(m.span(), m.group(0)) for m in pattern.finditer(ctx.doc.text, s.start, s.end)]
        assert sieved == found, s.text


def test_chinese_travel_cues_are_read_in_chinese_sentences():
    for ctx, s in _sentences():
        sieved = [m.span() for m, _, _ in _cues_in(ctx, s) if m.re is HAN_TRAVEL_CUES]
        assert sieved == [m.span() for m in HAN_TRAVEL_CUES.finditer(ctx.doc.text, s.start, s.end)]


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
