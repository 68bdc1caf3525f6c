"""Recognition across a document: datelines, sentence openers, and one sense per document that a
single non-place reading cannot turn against a name's other mentions; sentences written here."""

import pytest

from geomap.gazetteer import load_gazetteer
from geomap.geoparse import geoparse
from geomap.model import Document


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def found(gaz, text: str) -> list[tuple[str, str]]:
    """(surface text, place name) of each place mention geoparse() returns."""
    doc = Document(id="t", path="t.txt", title="t", date="2024-05-01", source="t.txt", text=text)
    return [(m.text, m.place.name) for m in geoparse(doc, gaz)]


@pytest.mark.parametrize("text, name, place", [
    ("HELSINKI, Nov 18 (Reuters) - The government will shut the crossings.", "HELSINKI", "Helsinki"),
    ("MOSCOW, March 3 — Officials announced new rules for lorries.", "MOSCOW", "Moscow"),
    ("NEW DELHI (AP) — The ministry published the figures.", "NEW DELHI", "New Delhi"),
    ("Road works begin\nHAMILTON — The council voted on Tuesday.", "HAMILTON", "Hamilton"),
])
def test_the_place_of_a_dateline_is_found(gaz, text, name, place):
    hits = found(gaz, text)
    assert hits and hits[0][0] == name and place in hits[0][1]


def test_a_word_in_capitals_without_a_dateline_is_not_a_place(gaz):
    assert found(gaz, "NOTE: Traffic was heavy.") == []


def test_a_sentence_opener_is_not_part_of_the_name_after_it(gaz):
    text = "Trucks crossed at dawn. Later Suifenhe traders counted their goods."
    assert found(gaz, text) == [("Suifenhe", "Suifenhe")]


def test_a_town_named_after_a_leading_the_is_found(gaz):
    assert found(gaz, "The Suifenhe market reopened.") == [("Suifenhe", "Suifenhe")]


def test_an_organisation_reading_does_not_erase_later_mentions(gaz):
    text = ("The Suifenhe highway port reopened on Monday. "
            "Later Suifenhe traders celebrated in the square.")
    assert [t for t, _ in found(gaz, text)] == ["Suifenhe highway port", "Suifenhe"]


def test_officials_of_a_town_keep_the_town_in_later_sentences(gaz):
    text = "Calexico officials said traffic was heavy. The wait in Calexico was long."
    assert [t for t, _ in found(gaz, text)][-1:] == ["Calexico"]


def test_part_of_a_longer_name_does_not_erase_the_town(gaz):
    text = "The Torrington Fire Department responded. Crews in Torrington worked all night."
    assert ("Torrington", "Torrington") in found(gaz, text)


def test_a_person_reading_covers_the_names_other_mentions(gaz):
    # a small town's name written as a speaker's is the person in the whole article
    text = "\"Prices doubled,\" said Alton, a driver. Alton then left for Vilnius."
    assert found(gaz, text) == [("Vilnius", "Vilnius")]


def test_a_dateline_keeps_its_place_even_when_the_name_is_a_person_elsewhere(gaz):
    text = "ALTON, Ill. (AP) — Jim Alton said the bridge was closed."
    assert [t for t, _ in found(gaz, text)][:1] == ["ALTON"]


def test_a_surname_does_not_erase_the_town_where_the_text_puts_someone_at_it(gaz):
    text = "Victor Narva drives a truck. On Monday he waited at Narva for hours before reaching Ivangorod."
    hits = found(gaz, text)
    assert ("Narva", "Narva") in hits and [t for t, _ in hits].count("Narva") == 1  # the man is no place


def test_a_surname_alone_stays_a_person(gaz):
    assert found(gaz, "Victor Narva drives a truck. Narva said the queue was long.") == []
