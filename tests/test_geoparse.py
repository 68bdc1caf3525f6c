"""Finding and resolving place mentions: spans, disambiguation, names that are not places."""

import math
from pathlib import Path

import pytest

from geomap.corpus import load_documents
from geomap.gazetteer import load_gazetteer
from geomap.geoparse import geoparse, rank_candidates
from geomap.model import Document

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def parse(gaz, text: str, date: str | None = "2024-01-01"):
    doc = Document(id="t", path="t.txt", title="t", date=date, source="t.txt", text=text)
    return geoparse(doc, gaz)


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_spans_point_at_the_surface_text_and_sentence(gaz):
    text = "Officials met in Heihe. Then they crossed to Blagoveshchensk by bridge."
    mentions = parse(gaz, text)
    assert [(m.text, text[m.start:m.end]) for m in mentions] == [
        ("Heihe", "Heihe"), ("Blagoveshchensk", "Blagoveshchensk")]
    assert mentions[1].sentence == "Then they crossed to Blagoveshchensk by bridge."
    assert text[mentions[1].sentence_start:].startswith("Then")


def test_blagoveshchensk_on_the_amur_is_the_amur_oblast_city(gaz):
    m = parse(gaz, "Ferries link Blagoveshchensk with Heihe across the Amur.")[0]
    assert m.place.id == "geonames:2026609"
    assert m.place.admin1 != "RU.08"  # not Bashkortostan
    assert [c.place_id for c in m.candidates][:2] == ["geonames:2026609", "geonames:576116"]


def test_peoples_names_and_common_words_are_not_places(gaz):
    text = (
        "Read more\nSign up for alerts\nPhoto: The Independent\n"
        "Mr Putin met Mr Xi. Vladimir Putin greeted Kim Jong-un, and Kim smiled."
    )
    assert parse(gaz, text) == []


def test_an_institution_named_after_a_city_is_one_place(gaz):
    mentions = parse(gaz, "Students at the Harbin Institute of Technology met him.")
    assert [m.place.id for m in mentions] == ["landmark:harbin-institute-of-technology"]


def test_nickname_and_description_resolve(gaz):
    mentions = parse(gaz, "Harbin, called Little Moscow, is far from the Chinese capital.")
    assert [m.place.id for m in mentions] == ["geonames:2037013", "geonames:2037013", "geonames:1816670"]


def test_russian_and_chinese_text_resolves_through_alternate_names(gaz):
    ru = parse(gaz, "Мост соединяет Благовещенск и Хэйхэ через Амур.")
    assert {m.place.id for m in ru} >= {"geonames:2026609", "geonames:2036973"}
    zh = parse(gaz, "黑河市与布拉戈维申斯克隔江相望。")
    assert "geonames:2036973" in {m.place.id for m in zh}


def test_geocode_ranks_candidates_with_reasons(gaz):
    ranked = rank_candidates("Blagoveshchensk", gaz, near=gaz.get("geonames:2036973"))
    assert ranked[0][0].id == "geonames:2026609"
    assert ranked[0][1] > ranked[1][1]
    assert "near Heihe" in ranked[0][2]
    assert [p.id for p, _s, _w in rank_candidates("Moscow", gaz, country="US")][0].startswith("geonames:")


@pytest.mark.shared
def test_seed_places_are_where_they_should_be(gaz):
    mentions = [m for d in load_documents([SEEDS]) for m in geoparse(d, gaz)]
    by_name = {}
    for m in mentions:
        by_name.setdefault(m.place.name, m.place)
    expected = {"Heihe": (50.245, 127.490, 5), "Blagoveshchensk": (50.276, 127.526, 5),
                "Harbin": (45.75, 126.65, 15), "Beijing": (39.91, 116.40, 15)}
    for name, (lat, lon, tol) in expected.items():
        assert km(by_name[name].lat, by_name[name].lon, lat, lon) <= tol, name
    assert not any(m.place.country == "RU" and m.place.admin1 == "RU.08" for m in mentions)
    surfaces = {m.text for m in mentions}
    assert not surfaces & {"Read", "Photo", "Independent", "Sign", "Mr", "Putin", "Xi", "Kim", "Vladimir"}


def test_abbreviations_keep_their_dot_and_contractions_are_not_names(gaz):
    mentions = parse(gaz, "I've seen U.S. officials in Frankfort, Ky. We're told Georgia agreed.")
    assert [m.text for m in mentions] == ["U.S.", "Frankfort", "Ky.", "Georgia"]
    assert mentions[2].place.id == "admin1:US.KY"


def test_a_region_named_in_the_document_pulls_its_towns(gaz):
    mentions = parse(gaz, "The fire in Athens, Ga., was the third this year.")
    athens = next(m for m in mentions if m.text == "Athens")
    assert athens.place.country == "US" and athens.place.admin1 == "US.GA"


def test_demonyms_resolve_to_their_country(gaz):
    mentions = parse(gaz, "Russian and Chinese officials met.")
    assert [m.place.id for m in mentions] == ["country:RU", "country:CN"]


def test_direction_words_are_not_regions(gaz):
    text = "Relations with the West soured, while Eastern and Western officials met in the East."
    assert parse(gaz, text) == []


def test_a_demonym_is_its_country_not_a_town_named_so(gaz):
    mentions = parse(gaz, "Canadian and Georgian officials met in Ottawa on Monday.")
    found = [(m.text, m.place.id) for m in mentions][:2]
    assert found == [("Canadian", "country:CA"), ("Georgian", "country:GE")]


def test_a_world_capital_beats_a_small_namesake_in_an_american_story(gaz):
    text = "Airlines will add flights from New York and Washington to Moscow this summer, the carrier said."
    moscow = next(m for m in parse(gaz, text) if m.text == "Moscow")
    assert moscow.place.country == "RU"


def test_curated_regions_are_places_and_beat_a_namesake_town(gaz):
    mentions = parse(gaz, "Oil prices rose across the Middle East after the storm.")
    assert [m.place.id for m in mentions] == ["region:middle-east"]


def test_a_word_written_after_a_first_name_is_a_person_in_the_whole_document(gaz):
    text = "Dana Trapani opened a bakery in Columbus, Ohio, last year. Trapani said sales doubled."
    assert [m.text for m in parse(gaz, text)] == ["Columbus", "Ohio"]


def test_a_bare_county_name_binds_to_the_state_of_the_dateline(gaz):
    text = "ATHENS, Ga. -- Voters in Oconee approved a school tax on Tuesday."
    found = {m.text: m.place for m in parse(gaz, text)}
    assert found["ATHENS"].admin1 == "US.GA"
    assert found["Oconee"].kind == "admin2" and found["Oconee"].admin1 == "US.GA"


def test_a_common_word_that_is_only_a_countrys_other_name_is_not_a_place(gaz):
    assert parse(gaz, "Man held after a crash on the bypass.") == []
    assert [m.place.id for m in parse(gaz, "She flew home from the Isle of Man.")] == ["country:IM"]


def test_word_frequencies_match_wordfreq():
    from wordfreq import zipf_frequency

    from geomap.geoparse.recognise import _zipf

    for word in ("march", "union", "paris", "moscow", "zzqx", "straße", "new york", "Lincoln"):
        assert _zipf(word) == zipf_frequency(word, "en"), word
