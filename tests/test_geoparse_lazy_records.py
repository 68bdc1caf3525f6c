"""The geoparser reads places lazily and in batches: what it reads must equal what decoding every
place, one name at a time, gives."""

from __future__ import annotations

import numpy as np
import pytest

from geomap.gazetteer import load_gazetteer
from geomap.gazetteer.names import normalize
from geomap.geoparse import _candidate, _likeliest_first, _mention, geoparse, recognise, resolve
from geomap.model import Candidate, Document, Mention

NAMES = ["Springfield", "Georgia", "Paris", "Moscow", "Canadian", "Amur", "Washington", "Lyon"]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("name", NAMES)
def test_a_names_reading_is_what_its_decoded_places_say(gaz, name: str) -> None:
    rows = gaz.rows_for_key(normalize(name))
    places = [gaz.place(r) for r, _ in rows]
    best = max(places, key=recognise.prior)
    reading = recognise.reading_of(gaz, rows)
    assert (reading.kind, reading.population) == (best.kind, best.population)
    assert reading.best_main == any(main for (_, main), p in zip(rows, places, strict=True) if p is best)
    assert reading.major_area == any(p.kind == "admin1" and p.population >= recognise.MAJOR_AREA_TOWNS
                                     for p in places)
    assert reading.largest_town == max((p.population for p in places if p.kind == "city"), default=0)


def _same_block(a: resolve.Block, b: resolve.Block) -> None:
    for field in ("static", "xyz", "codes", "flags", "border_near", "pairs", "voters"):
        assert np.array_equal(getattr(a, field), getattr(b, field)), field
    for field in ("countries", "admin1", "country_ids", "n_pairs"):
        assert getattr(a, field) == getattr(b, field), field
    assert [p.id for p in a.places] == [p.id for p in b.places]


def test_blocks_built_together_equal_blocks_built_alone(gaz) -> None:
    keys = [normalize(n) for n in NAMES]
    together = resolve._build(gaz, [gaz.name_rows(k) for k in keys])
    for key, built in zip(keys, together, strict=True):
        _same_block(built, resolve._build(gaz, [gaz.name_rows(key)])[0])


def test_a_blocks_places_are_decoded_only_when_read_and_equal_the_gazetteers(gaz) -> None:
    b = resolve._build(gaz, [gaz.name_rows("springfield")])[0]
    rows = [r for r, _ in gaz.name_rows("springfield")]
    assert len(b.places) == len(rows) > 1
    assert b.places[1] == gaz.place(rows[1])
    assert resolve.place_ids(b.places, [1, 0]) == [gaz.place(rows[1]).id, gaz.place(rows[0]).id]


def test_equally_likely_candidates_are_ordered_by_place_id(gaz) -> None:
    b = resolve._build(gaz, [gaz.name_rows("springfield")])[0]
    n = len(b.places)
    probs = [0.5 if i in (1, 2, 3) else 0.1 for i in range(n)]
    order = _likeliest_first(np.array(probs), probs, b.places, 2)
    expected = sorted(range(n), key=lambda i: (-probs[i], b.places[i].id))[:2]
    assert order == expected


def test_mentions_made_without_setattr_equal_the_dataclasses(gaz) -> None:
    place = gaz.lookup("Lyon")[0]
    cands = (_candidate(place.id, 0.9),)
    assert cands == (Candidate(place.id, 0.9),) and hash(cands) == hash((Candidate(place.id, 0.9),))
    made = _mention("d", 3, 7, "Lyon", "In Lyon.", 0, place, 0.8, cands)
    plain = Mention(doc_id="d", start=3, end=7, text="Lyon", sentence="In Lyon.", sentence_start=0,
                    place=place, confidence=0.8, candidates=cands)
    assert made == plain and repr(made) == repr(plain) and hash(made) == hash(plain)


def test_a_document_parses_the_same_twice(gaz) -> None:
    text = ("Officials from Springfield, Illinois, met traders from Lyon, France. Mr Paris said the "
            "Springfield council and the mayor of Lyon would meet again in Moscow.")
    doc = Document(id="t", path="", title="", date=None, source="", text=text)
    first = geoparse(doc, gaz)
    assert [m.text for m in first] and first == geoparse(doc, gaz)


@pytest.mark.parametrize("text", ["Lyon, France", "Lyon ,France", "Lyon" + " " * 70 + ", France", "Lyon   ",
                                  "Lyon", "Lyon\t, Ohio", "Lyon and Paris", "Lyon;, x", "Lyon" + " " * 70])
def test_comma_test_agrees_with_the_binding_pattern(text: str) -> None:
    follows = resolve.comma_follows(text, 4)
    assert follows == (text[4:].lstrip(" \t")[:1] == ",")
    assert follows or resolve._AFTER_COMMA.match(text, 4) is None


def test_candidates_equal_up_to_float_noise_are_ordered_by_place_id(gaz) -> None:
    b = resolve._build(gaz, [gaz.name_rows("springfield")])[0]
    n = len(b.places)
    ids = [b.places[i].id for i in (1, 2)]
    later, earlier = (1, 2) if ids[0] > ids[1] else (2, 1)
    probs = [0.4 + 1e-15 if i == later else 0.4 if i == earlier else 0.2 / (n - 2) for i in range(n)]
    order = _likeliest_first(np.array(probs), probs, b.places, 2)
    assert order == [earlier, later]
