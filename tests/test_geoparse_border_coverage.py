"""Crossing points and border villages are places, found in sentences written for these tests:
the villages and posts a crossing is named after, a name in a Polish case ending, and a town
abroad read through one of its other names that nothing in the text supports."""

import pytest
from geoparse_helpers import border_km, places

from geomap.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(("text", "name", "pair"), [
    ("Pilgrims walked from Attari towards the frontier at dusk.", "Attari", ("IN", "PK")),
    ("Finnish guards closed Vaalimaa to cars with Russian plates.", "Vaalimaa", ("FI", "RU")),
    ("Timber lorries from Russia still queue at Niirala each Monday.", "Niirala", ("FI", "RU")),
    ("A rail siding at Vartius handles ore wagons from Russia.", "Vartius", ("FI", "RU")),
    ("Night trains to Russia once stopped at Vainikkala for passport checks.", "Vainikkala", ("FI", "RU")),
    ("Lorries waited two days at Kozlovichi on the Belarusian side.", "Kozlovichi", ("BY", "PL")),
    ("Grain wagons are re-gauged at Altynkol before they roll on into China.", "Altynkol", ("KZ", "CN")),
    ("Serb protesters parked lorries across the road at Jarinje in northern Kosovo.", "Jarinje",
     ("RS", "XK")),
    ("Kosovo police reopened the post at Brnjak after the barricades came down.", "Brnjak", ("XK", "RS")),
    ("Lithuanian officers at Medininkai checked every bus from Belarus.", "Medininkai", ("LT", "BY")),
    ("Georgian lorries queued below Upper Lars for a second night.", "Upper Lars", ("RU", "GE")),
    ("Snow closed the road below Verkhny Lars again.", "Verkhny Lars", ("RU", "GE")),
    ("Freight lorries bound for Belarus are cleared at Kukuryki.", "Kukuryki", ("PL", "BY")),
])
def test_a_village_or_post_at_a_crossing_is_the_place_at_the_border(gaz, text, name, pair):
    place = places(gaz, text)[name]
    assert place.country.split("/")[0] == pair[0]
    assert border_km(place, *pair) < 40  # Natural Earth's line is coarse


def test_the_gate_named_after_a_border_village_is_the_crossing(gaz):
    found = places(gaz, "Crowds filled the stands at the Wagah gate for the flag ceremony.")
    crossing = found["Wagah gate"]
    assert set(crossing.country.split("/")) == {"IN", "PK"}


def test_a_checkpoint_named_after_a_border_village_is_the_crossing(gaz):
    found = places(gaz, "Drivers said the Nur Zholy checkpoint cleared 300 lorries a day.")
    crossing = found["Nur Zholy checkpoint"]
    assert set(crossing.country.split("/")) == {"CN", "KZ"}


def test_a_polish_name_in_the_accusative_is_found(gaz):
    found = places(gaz, "Straż Graniczna zamknęła Kuźnicę dla ciężarówek.")
    village = found["Kuźnicę"]
    assert village.name == "Kuźnica"
    assert border_km(village, "PL", "BY") < 25


def test_a_polish_name_after_a_preposition_is_found(gaz):
    found = places(gaz, "Kolejka ciężarówek przed Kuźnicą rosła od rana.")
    assert found["Kuźnicą"].name == "Kuźnica"


def test_a_town_abroad_read_through_an_other_name_nothing_supports_is_not_kept(gaz):
    # "Banjska", a village in Kosovo the gazetteer lacks, is also an other name of Bansko (Bulgaria)
    found = places(gaz, "Police patrolled Banjska, a village in northern Kosovo.")
    assert all(place.country != "BG" for place in found.values())
    assert found["Kosovo"].id == "country:XK"


def test_a_provincial_capital_is_not_read_as_a_namesake_village(gaz):
    found = places(gaz, "Flights from Changsha to Moscow resumed in March.")
    changsha = found["Changsha"]
    assert changsha.country == "CN" and changsha.population > 1_000_000


def test_a_region_named_with_its_type_word_is_the_region(gaz):
    found = places(gaz, "Officials in the Zhetisu Region opened a new customs yard.")
    region = found["Zhetisu"]
    assert region.kind == "admin1" and region.country == "KZ"


@pytest.mark.parametrize(("text", "word", "name", "pair"), [
    # Прывалка, a Belarusian village at a crossing from Lithuania, in its Polish spelling, accusative
    ("Litewscy celnicy odprawili ciężarówki jadące przez Prywałkę.", "Prywałkę", "Privalka",
     ("BY", "LT")),
    # Ягодин, the Ukrainian side of a crossing from Poland, in the Polish spelling of its Ukrainian
    ("Autobusy z Chełma jadą dalej przez Jahodyn.", "Jahodyn", "Yahodyn", ("UA", "PL")),
])
def test_a_border_village_in_the_polish_spelling_of_its_cyrillic_name_is_found(gaz, text, word, name,
                                                                                   pair):
    village = places(gaz, text)[word]
    assert (village.name, village.country) == (name, pair[0])
    assert border_km(village, *pair) < 40  # Natural Earth's line is coarse
