"""Polish spellings of East Slavic place names, by the Polish transcription standard's rules."""

import pytest

from geomap.gazetteer.crossing_table import side_names
from geomap.gazetteer.polish_spelling import polish_spellings


@pytest.mark.parametrize(("cyrillic", "country", "polish"), [
    ("Рязань", "RU", "Riazań"),  # я after a consonant -> ia, нь -> ń
    ("Объём", "RU", "Objom"),  # ъ dropped, ё after it -> jo
    ("Ильич", "RU", "Iljicz"),  # и after ь -> ji, ч -> cz
    ("Ульяновск", "RU", "Uljanowsk"),  # ь before a vowel left out, the vowel's j-form written
    ("Нью-Йорк", "RU", "Nju-Jork"),  # not ń before a vowel
    ("Усть-Каменогорск", "KZ", "Ust-Kamienogorsk"),  # ть at a word's end: the sign left out
    ("Гродно", "BY", "Grodno"),  # the Russian name of a Belarusian town
    ("Гродна", "BY", "Hrodna"),  # its Belarusian name: г -> h
    ("Маладзечна", "BY", "Maładzieczna"),  # л before a hard vowel -> ł
    ("Білозерське", "UA", "Biłozerśke"),  # Ukrainian е -> e, сь -> ś
    ("Таврійськ", "UA", "Tawrijśk"),
    ("Южноукраїнськ", "UA", "Jużnoukrajinśk"),  # ю at a word's start -> ju, ї -> ji
    ("Авдіївка", "UA", "Awdijiwka"),
])
def test_a_cyrillic_name_gets_its_polish_transcription(cyrillic, country, polish):
    assert polish in polish_spellings(cyrillic, country)


def test_a_russian_name_also_gets_the_hard_r_spelling_geographical_names_may_keep():
    spellings = polish_spellings("Верея", "RU")
    assert spellings[0] == "Wierieja"
    assert "Wiereja" in spellings


def test_a_name_in_another_script_or_a_balkan_country_gets_none():
    assert polish_spellings("Grodno", "BY") == ()
    assert polish_spellings("Калотина", "BG") == ()


def test_a_crossing_side_is_also_named_by_the_polish_spelling_of_its_cyrillic_names():
    row = {"side_a_name": "Lesnaya (Лесная; Лясная)", "side_a_country": "BY"}
    names = side_names(row, "side_a")
    assert names[:3] == ["Lesnaya", "Лесная", "Лясная"]
    assert {"Lesnaja", "Lasnaja"} <= set(names)
