"""Shortcuts the recogniser takes read the same words as the plain scans they replace."""

from __future__ import annotations

import re
from operator import itemgetter

import pytest

from geomap.gazetteer import load_gazetteer
from geomap.gazetteer.names import normalize
from geomap.geoparse import recognise
from geomap.model import Document
from geomap.sentences import split_sentences

TEXTS = [
    "Officials from Springfield met the mayor of Lyon on Monday.",
    "SPRINGFIELD, Ill. -- The council of Springfield_North voted; Lyon-" + "-" * 70 + "Paris agreed.",
    "Traders in Narva" + " " * 30 + "and Tartu said prices rose in Pskov_ and Riga.",
    "Frankfort, Ky. and Harrisburg, Pa. are state capitals. Ky. is short for Kentucky.",
    "A very long word " + "x" * 50 + " Paris, then Dover" + "." * 65 + "Calais.",
    "Paris",
    "  Lyon,\nNew Title Case Line Here\nÉcole Über Straße in Zürich; COVID19 rules in Graz2020 Wien",
]


def _old_title_case_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    words = re.findall(r"[^\W\d_]{4,}", text[line_start:line_end if line_end >= 0 else len(text)])
    return len(words) >= 3 and sum(map(str.isupper, map(itemgetter(0), words))) / len(words) > 0.6


@pytest.mark.parametrize("text", TEXTS)
def test_words_around_a_span_are_those_the_text_shows(text: str) -> None:
    gaz = load_gazetteer()
    doc = Document(id="t", path="", title="", date=None, source="", text=text)
    spans = recognise.find_spans(doc, gaz, split_sentences(text) or [(0, len(text))])
    assert spans
    for span in spans:
        expected = (*recognise._word_before(text, span.start), *recognise._word_after(text, span.end))
        assert recognise._words_around(span, text) == expected, span.text


@pytest.mark.parametrize("text", TEXTS)
def test_headline_test_counts_the_lines_long_words(text: str) -> None:
    for pos in [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]:
        recognise._title_case_line.cache_clear()
        assert recognise._title_case_line(text, pos) == _old_title_case_line(text, pos)


def test_token_keys_are_normalised_names() -> None:
    for token in ("Springfield", "ZÜRICH", "Graz2020", "İstanbul", "Straße", "ＡＢＣ", "Київ"):
        assert recognise._token_key(token) == normalize(token)


def test_places_read_from_the_gazetteer_are_ordinary_frozen_places() -> None:
    import dataclasses
    import pickle

    from geomap.model import Place

    gaz = load_gazetteer()
    place = gaz.lookup("Springfield")[0]
    same = Place(**{f.name: getattr(place, f.name) for f in dataclasses.fields(Place)})
    assert place == same and hash(place) == hash(same) and repr(place) == repr(same)
    assert pickle.loads(pickle.dumps(place)) == place
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Elsewhere"  # type: ignore[misc]
