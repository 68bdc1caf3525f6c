"""The offline gazetteer: names in every script, curated data with sources, the on-disk cache."""

import csv

import pytest

from geomap.gazetteer import index, load_gazetteer, sources


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Благовещенск", "geonames:2026609"),
        ("黑河", "geonames:2036973"),
        ("哈尔滨", "geonames:2037013"),
        ("Россия", "country:RU"),
        ("中国", "country:CN"),
        ("Little Moscow", "geonames:2037013"),
        ("the Chinese capital", "geonames:1816670"),
        ("Heilongjiang River", "landmark:amur-river"),
        ("Amur Oblast", "admin1:RU.05"),
        ("Heilongjiang Province", "admin1:CN.08"),
        ("Kanikurgan Customs and Logistics Terminal", "landmark:kanikurgan-terminal"),
        ("US", "country:US"),
        ("Democratic Republic of Congo", "country:CD"),
        ("DRC", "country:CD"),
        ("Republic of Congo", "country:CG"),
    ],
)
def test_names_in_any_script_or_alias_find_the_place(gaz, name, place_id):
    found = [p.id for p in gaz.lookup(name.removeprefix("the "))]
    assert place_id in found


def test_most_populous_homonym_comes_first(gaz):
    first = gaz.lookup("Blagoveshchensk")[0]
    assert first.id == "geonames:2026609"
    assert abs(first.lat - 50.28) < 0.05 and abs(first.lon - 127.53) < 0.05


def test_airport_codes_are_not_names(gaz):
    assert all(p.id != "geonames:2037013" for p in gaz.lookup("HRB"))


def test_every_curated_row_names_its_source():
    for name in ("landmarks.csv", "crossings.csv", "aliases.csv"):
        with open(sources.data_path(name), encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, name
        assert all(r["source"].strip() for r in rows), name


def test_bridge_crossing_joins_heihe_and_blagoveshchensk(gaz):
    bridge = next(c for c in gaz.crossings() if c.place_id == "landmark:heihe-blagoveshchensk-bridge")
    assert (bridge.side_a, bridge.side_b) == ("geonames:2036973", "geonames:2026609")
    assert gaz.get(bridge.side_a).country == "CN" and gaz.get(bridge.side_b).country == "RU"
    place = gaz.get(bridge.place_id)
    assert abs(place.lat - 50.201) < 0.01 and abs(place.lon - 127.600) < 0.01


def test_crossing_sides_are_known_places_or_left_empty(gaz):
    for c in gaz.crossings():
        for side in (c.side_a, c.side_b):
            assert side == "" or gaz.has(side)
    assert sum(1 for c in gaz.crossings() if c.side_a and c.side_b) >= 15


def test_compiled_index_is_reused_from_the_disk_cache(gaz):
    _arrays, from_cache = index.load_or_build()
    assert from_cache
    assert len(list(index.cache_dir().glob(f"gazetteer-{index.source_fingerprint()}.npz"))) == 1
