"""Visitors named in Cyrillic or Chinese get a Latin `who`; the name as written stays in `who_native`."""

from __future__ import annotations

from handmade import MiniGazetteer, make_document, mentions_by_doc

from geomap import tables
from geomap.events import extract_events
from geomap.events.latin_names import latin_name
from geomap.events.people import person_refs
from geomap.model import Mention, Place

CHITA = Place("geonames:2025339", "Chita", "city", 52.03, 113.5, "RU", 308500, "RU.93")
MANZHOULI = Place("geonames:2035836", "Manzhouli", "city", 49.6, 117.43, "CN", 54808, "CN.20")
CHINA = Place("country:CN", "China", "country", 35.0, 103.0, "CN", 1397715000)
GAZ = MiniGazetteer([CHITA, MANZHOULI, CHINA])
NAMES = {"Читу": CHITA, "Чите": CHITA, "Маньчжурии": MANZHOULI, "Китай": CHINA}


def test_cyrillic_names_follow_english_news_spelling() -> None:
    assert latin_name("Юрий Соколов") == "Yury Sokolov"
    assert latin_name("Евгения Кожемякина") == "Yevgeniya Kozhemyakina"
    assert latin_name("Дмитрий Петров") == "Dmitry Petrov"


def test_chinese_names_become_pinyin_surname_first() -> None:
    assert latin_name("王小明") == "Wang Xiaoming"
    assert latin_name("李强") == "Li Qiang"


def test_a_foreign_name_in_chinese_characters_keeps_its_parts() -> None:
    assert latin_name("安娜·诺瓦克") == "Anna Nuowake"


def test_latin_names_are_kept_as_written() -> None:
    assert latin_name("Ömer Çelik") == "Ömer Çelik"
    assert latin_name("Anna Nowak") == "Anna Nowak"


def test_an_agency_before_a_russian_name_is_not_part_of_it() -> None:
    text = "Вчера руководитель Минтранса Игорь Волков посетил Китай."
    names = {r.name for r in person_refs(text)}
    assert "Игорь Волков" in names
    assert not any(n.startswith("Минтранса") for n in names)


def test_a_patronymic_keeps_the_russian_name_whole() -> None:
    text = "Губернатор Игорь Сергеевич Волков приехал в Читу."
    assert "Игорь Сергеевич Волков" in {r.name for r in person_refs(text)}


def test_a_town_across_the_border_of_the_country_named_is_a_visit_place() -> None:
    doc = make_document("Губернатор Игорь Волков, который уже побывал в Чите, говорил с журналистами.\n\n"
                        "Китай ждёт гостей.", "2024-05-02")
    (v,) = extract_events([doc], mentions_by_doc([doc], NAMES), GAZ).visits
    assert (v.who, v.place.id) == ("Igor Volkov", CHITA.id)


def test_russian_visit_has_latin_who_and_native_name_in_the_table() -> None:
    doc = make_document("Губернатор Игорь Волков, который также побывал в Маньчжурии, "
                        "говорил с журналистами.\n\nКитай ждёт гостей.", "2024-05-02")
    found = extract_events([doc], mentions_by_doc([doc], NAMES), GAZ).visits
    (v,) = found
    assert (v.who, v.who_native, v.place.id) == ("Igor Volkov", "Игорь Волков", MANZHOULI.id)
    row = tables.visits_table(found).iloc[0]
    assert (row["who"], row["who_native"]) == ("Igor Volkov", "Игорь Волков")


def test_chinese_titled_name_travelling_to_a_town_is_a_visit() -> None:
    doc = make_document("测试\n\n6月3日，部长王小明抵达满洲里，与当地企业座谈。", "2024-06-10")
    at = doc.text.index("满洲里")  # Chinese has no spaces: the mention is placed by hand
    sentence = doc.text[doc.text.index("6月"):]
    mention = Mention(doc.id, at, at + 3, "满洲里", sentence, doc.text.index("6月"), MANZHOULI, 1.0)
    (v,) = extract_events([doc], {doc.id: [mention]}, GAZ).visits
    assert (v.who, v.who_native) == ("Wang Xiaoming", "王小明")
    assert (v.place.id, v.start) == (MANZHOULI.id, "2024-06-03")
