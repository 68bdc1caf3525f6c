"""The gazetteer lookups' and the geoparser's fast paths give what their general paths give."""

from __future__ import annotations

from geomap.gazetteer import ARRAY_LOOKUP, Gazetteer, load_gazetteer
from geomap.gazetteer.names import name_hash_list, name_hashes, normalize

# names and words of many kinds: known places, their prefixes, common words, other scripts, digits
WORDS = ["springfield", "new", "new york", "lyon", "the", "harbin", "哈尔滨", "黑龙江省", "満洲里",
         "київ", "zürich", "straße", "st.", "st. louis", "rio", "rio de janeiro", "x" * 40, "١٢٣",
         "graz2020", "ky", "ky.", "ohio", "mal-", "bosnia-herzegovina", "", "moscow", "idaho"]


def _fresh(gaz: Gazetteer) -> Gazetteer:
    """A view over the same arrays with empty per-name caches."""
    return Gazetteer(gaz._a)


def test_bit_set_tests_in_arrays_agree_with_those_per_name() -> None:
    gaz = load_gazetteer()
    keys = [normalize(w) for w in WORDS] + [f"{w} {i}" for i, w in enumerate(WORDS)]
    hashes = name_hash_list(keys)
    for field, bits in (("hash", 0), ("prefix_hash", 2)):
        assert gaz._held_array(name_hashes(keys), field, bits) == gaz._held(hashes, field, bits)
    assert any(gaz._held(hashes, "hash", 0)) and any(gaz._held(hashes, "prefix_hash", 2))


def test_many_names_looked_up_at_once_are_found_as_one_by_one() -> None:
    gaz = load_gazetteer()
    keys = [normalize(w) for w in WORDS] * 3 + [f"{w}{i}" for i, w in enumerate(WORDS * 2)]
    assert len(set(keys)) >= ARRAY_LOOKUP
    at_once = _fresh(gaz).name_start_pairs(keys)
    one_by_one = _fresh(gaz)
    assert at_once == [one_by_one.name_start_pairs([k])[0] for k in keys]
    again = _fresh(gaz)
    again.name_start_pairs(keys[:5])
    assert again.name_start_pairs(keys) == at_once  # some known already, then all known
    assert again.name_start_pairs(keys) == at_once


def test_area_codes_are_those_of_the_decoded_places() -> None:
    gaz = load_gazetteer()
    for name in ("France", "Ohio", "Tenn.", "Georgia", "Springfield", "Paris", "Bavaria", "Texas"):
        for row, _ in gaz.rows_for_key(normalize(name)):
            place = gaz.place(row)
            expected = {"admin1": place.admin1, "country": place.country}.get(place.kind, "")
            assert gaz.area_code(row) == expected, (name, place)


def test_named_area_votes_counted_over_every_voter_are_those_of_the_live_voters() -> None:
    """_Named.fill counts every voter, a dead one (probability 0) too: the largest vote is the one
    _best_other gives over the live voters alone."""
    import numpy as np

    from geomap.geoparse import resolve

    rng = np.random.default_rng(7)
    for n in (1, 2, 5, 40):
        kid = np.sort(rng.integers(0, max(1, n // 3), n))
        ids = rng.integers(-1, 4, n)
        kind = rng.random(n) < 0.4
        named = resolve._Named.of(kind, ids, kid)
        if named is None:
            continue
        for p in (rng.random(n), np.where(rng.random(n) < 0.5, rng.random(n), 0.0), np.zeros(n)):
            out = np.zeros(n)
            named.fill(out, p)
            expected = np.zeros(n)
            voters = kind.nonzero()[0]
            live = p[voters] > 0
            if live.any():
                rows = (ids >= 0).nonzero()[0]
                expected[rows] = resolve._best_other(ids[rows], kid[rows], resolve._slots(ids[voters])[live],
                                                     kid[voters][live], p[voters][live])
            assert out.tobytes() == expected.tobytes()


def test_columns_read_for_an_array_of_rows_are_those_read_row_by_row() -> None:
    import numpy as np

    gaz = load_gazetteer()
    rows = [r for name in ("Paris", "Springfield", "Narva", "Київ", "Harbin") for r, _ in
            gaz.rows_for_key(normalize(name))]
    for given in (rows, np.array(rows, dtype=np.intp), []):
        listed = [int(r) for r in given]
        assert gaz.facts_of(given) == [gaz.facts(r) for r in listed]
        assert gaz.borders_of(given) == [gaz.border(r) for r in listed]
        assert gaz.place_ids(given) == [gaz.place(r).id for r in listed]
