"""Recognition: acronyms, agencies, credits, newspapers, combining forms, common noun phrases and
people's names are not places; sentences written for these tests."""

import pytest

from geomap.gazetteer import load_gazetteer
from geomap.geoparse import geoparse
from geomap.model import Document


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def found(gaz, text: str) -> list[tuple[str, str]]:
    """(surface text, country) of each place mention geoparse() returns."""
    doc = Document(id="t", path="t.txt", title="t", date="2024-05-01", source="t.txt", text=text)
    return [(m.text, m.place.country) for m in geoparse(doc, gaz)]


def test_a_unit_written_in_capitals_is_not_a_town(gaz):
    # "TEU" is also an alternate name of Theux in Belgium
    assert found(gaz, "Last year the container yard at Lianyungang moved 90,000 TEU.") == [
        ("Lianyungang", "CN")]


def test_an_acronym_of_an_organisation_is_not_a_town(gaz):
    assert found(gaz, "The ICP staff at Raxaul checked each lorry.") == [("Raxaul", "IN")]


def test_country_short_forms_in_capitals_stay_places(gaz):
    assert [c for _, c in found(gaz, "Exports from the UK to the US rose.")] == ["GB", "US"]


def test_a_photo_credit_names_no_place(gaz):
    text = "Lorries wait at the gate in Brest.\nPhoto: EPA-EFE\n"
    assert found(gaz, text) == [("Brest", "BY")] or found(gaz, text) == [("Brest", "FR")]
    assert all(t != "EFE" for t, _ in found(gaz, text))


def test_a_photographer_beside_an_agency_is_not_a_place(gaz):
    text = "Guards closed the road.\n(Photo: K. Narva/AFP)\nTraffic resumed at Narva later."
    assert found(gaz, text) == [("Narva", "EE")]


def test_a_newspaper_named_after_a_city_is_not_a_mention_of_it(gaz):
    text = "The Los Angeles Times and the Moscow Times ran the story on Monday."
    assert found(gaz, text) == []


def test_a_newspaper_does_not_erase_the_city_elsewhere(gaz):
    text = "The Moscow Times ran the story. Officials in Moscow said nothing."
    assert found(gaz, text) == [("Moscow", "RU")]


def test_a_nationality_prefix_does_not_make_a_town(gaz):
    # "Pak" alone matches Paka in Malaysia
    assert found(gaz, "Talks on Indo-Pak trade were held in Delhi.") == [("Delhi", "IN")]


def test_a_common_noun_phrase_is_not_a_place(gaz):
    # "Port of entry" is an alternate name of a village in Virginia
    assert found(gaz, "Port of entry staff at Calexico counted the cars.") == [("Calexico", "US")]


def test_a_place_noun_written_in_lower_case_stays_part_of_the_name(gaz):
    assert [c for _, c in found(gaz, "Trade with Heilongjiang province grew.")] == ["CN"]


def test_a_person_described_in_apposition_is_not_a_place(gaz):
    # "Min'er" matches Miner (United States)
    assert found(gaz, "Min'er, a shop owner from Harbin, said sales fell.") == [("Harbin", "CN")]


def test_a_surname_after_a_role_is_not_a_place(gaz):
    assert found(gaz, "Finance minister Chidambaram arrived in Mumbai.") == [("Mumbai", "IN")]


def test_a_surname_after_a_title_in_another_language_is_not_a_place(gaz):
    assert found(gaz, "Gospodin Lida spoke to reporters in Minsk.") == [("Minsk", "BY")]


def test_a_person_speaking_is_not_a_place(gaz):
    text = "Long queues formed in Terespol. \"We waited all night,\" said Alton, a driver."
    assert found(gaz, text) == [("Terespol", "PL")]


def test_an_organisation_named_after_a_city_is_not_a_mention_of_it(gaz):
    text = "The Harbin Railway Bureau added two night trains. Passengers in Harbin welcomed them."
    doc = Document(id="t", path="t.txt", title="t", date="2024-05-01", source="t.txt", text=text)
    mentions = geoparse(doc, gaz)
    assert [(m.text, m.start) for m in mentions] == [("Harbin", text.rindex("Harbin"))]


def test_a_customs_house_named_after_its_town_leaves_the_town_elsewhere(gaz):
    assert found(gaz, "Manzhouli Customs said coal imports rose at Manzhouli.") == [("Manzhouli", "CN")]
