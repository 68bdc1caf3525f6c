"""The shortcuts people finding takes give what the full scans give.

Each shortcut (trying a pattern only where the next word allows it, searching names without the
look-behind, asking for a word instead of collecting every word, reusing one document's answer for the
same relevant known names) is checked against the full path on invented sentences and, when the shared
dev set is beside the repository, on its articles (read from ../shared, never copied here).
"""

from __future__ import annotations

from dev_texts import dev_texts

from geomap.events import people
from geomap.events.people import (
    BEFORE_CONTEXT,
    NAT_REF,
    PLURAL_REF,
    ROLE_REF,
    UNTITLED,
    OpeningIndex,
    TextScan,
    TokenTest,
    collect_people,
    person_refs,
)
from geomap.events.sieve import lower_words, matches_at

INVENTED = [
    "The Kazakh president met the Polish prime minister; the two leaders and both ministers spoke.",
    "Later the president of the bank, the President, the prime  minister and the premier left.",
    "China's leader and the U.S. envoy met the US president; the us team and a Chinese envoy waited.",
    "Both presidents, the two statesmen and THE KING arrived; the leaders' aides followed the head.",
    "Odd letters: the preſident, the mınister, the İnvoy and the Kelvin \u212aing met; Anna Berg said so.",
    "Meeting with Anna Berg, talks with  Omar Haddad, and, according to Lena Vogt-Smith, Jean-Luc Picard.",
    "Photo by Tomas O'Brien; accompanied by Samir al-Hadi and Luis de la Vega; he and Mei Lin met.",
    "x3Anna Berg, _Omar Haddad, -Lena Vogt, ’Tomas Berg and 'Mei Lin are names next to other marks.",
    "The Ukrainian Foreign Minister Olena Koval visited Kyiv; Koval met Mr Berg and Ms Lin there.",
]
TEXTS = INVENTED + [" ".join(INVENTED)] + dev_texts()


def _finditer_spans(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


def test_reference_patterns_tried_where_the_next_word_allows_find_every_match():
    for text in TEXTS:
        index = OpeningIndex(text, lower_words(text))
        tried = {
            NAT_REF: index.offsets(people._NAT_REF_STARTS, people._NAT_NEXT),
            ROLE_REF: index.offsets({"the"}, people._ROLE_FIRST),
            PLURAL_REF: index.offsets({"the", "both"}, people._PLURAL_NEXT),
        }
        for pattern, offsets in tried.items():
            found = [m.span() for m in matches_at(pattern, offsets, text)]
            assert found == _finditer_spans(pattern, text), text


def test_untitled_names_searched_without_the_look_behind_are_finditers():
    for text in TEXTS:
        assert [m.span() for m in people._untitled_matches(text)] == _finditer_spans(UNTITLED, text)


def test_before_context_gate_answers_as_the_pattern():
    for text in TEXTS:
        for end in range(len(text) + 1):
            before = text[max(0, end - 40):end]
            assert people._before_context(before) == (BEFORE_CONTEXT.search(before) is not None), before


def test_token_test_answers_as_the_word_set():
    for text in TEXTS:
        words = people._word_set(text)
        tokens = TokenTest(text, frozenset(w for _, w in lower_words(text)))
        asked = set(words) | {w.lower() for w in words} | {w.upper() for w in words} | set(text.split())
        asked |= {"Berg-Smith", "O'Brien", "Anna Berg", "", "3", "x3Anna", "Anna"}
        for word in asked:
            assert (word in tokens) == (word in words), word


def test_known_names_scanned_with_the_word_test_are_found_alike():
    for text in TEXTS:
        tokens = TokenTest(text, frozenset(w for _, w in lower_words(text)))
        names = {n for _, _, n in people.find_people(text)} | {"al-Hadi", "Berg", "Anna Berg", "Vogt-Smith"}
        names |= {w for w in text.split() if w[:1].isupper()}
        assert people._scan_known(text, names, [], tokens) == people._scan_known(text, names, [])


def test_spans_overlap_as_a_look_at_each():
    taken = [(0, 4), (10, 20), (12, 14), (30, 31)]
    spans = people._Spans(taken)
    for s in range(0, 40):
        for e in range(s + 1, 42):
            assert spans.overlaps(s, e) == any(s < b and a < e for a, b in taken), (s, e)


def test_people_read_with_shared_scans_equal_people_read_afresh():
    texts = INVENTED + dev_texts()
    scans = [TextScan(t) for t in texts]
    known = collect_people(texts, scans=scans)
    assert known == collect_people(texts)
    for text, scan in zip(texts, scans, strict=True):
        assert person_refs(text, known, scan=scan) == person_refs(text, known)
