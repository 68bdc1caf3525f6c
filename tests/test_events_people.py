"""People: titled names, full names, surnames, and role or pronoun references."""

from __future__ import annotations

from geomap.events.people import collect_people, find_people, person_refs

TEXT = (
    "Kazakh President Aigerim Nurlanova landed in the capital on Monday. "
    "Ms Nurlanova was greeted by Prime Minister Tomas Berg. "
    "The Kazakh leader then toured a factory, and she praised its workers. "
    "Berg said the talks went well."
)


def test_titled_names_and_surnames_get_the_full_name() -> None:
    people = find_people(TEXT)
    names = [(TEXT[s:e], who) for s, e, who in people]
    assert names == [
        ("Aigerim Nurlanova", "Aigerim Nurlanova"),
        ("Nurlanova", "Aigerim Nurlanova"),
        ("Tomas Berg", "Tomas Berg"),
        ("Berg", "Tomas Berg"),
    ]


def test_the_title_is_not_part_of_the_span() -> None:
    (s, e, _), *_ = find_people(TEXT)
    assert TEXT[s:e] == "Aigerim Nurlanova"


def test_references_resolve_to_the_person_of_that_nationality() -> None:
    refs = {r.text: r for r in person_refs(TEXT)}
    assert refs["The Kazakh leader"].name == "Aigerim Nurlanova"
    assert refs["she"].name == "Aigerim Nurlanova"
    assert refs["Aigerim Nurlanova"].nationality == "KZ"


def test_role_reference_prefers_the_most_named_person_when_nationality_is_unknown() -> None:
    text = ("Lena Vogt visited the port. Lena Vogt met Omar Haddad there. "
            "Later the German chancellor left.")
    refs = [r for r in person_refs(text) if r.kind == "ref"]
    assert [(r.text, r.name) for r in refs] == [("the German chancellor", "Lena Vogt")]


def test_untitled_full_names_need_a_person_context() -> None:
    text = "Marta Lindqvist said the new road was busy. Hong Kong said nothing."
    names = {who for _, _, who in find_people(text, is_place=lambda n: n == "Hong Kong")}
    assert names == {"Marta Lindqvist"}


def test_a_first_name_that_is_also_a_city_is_inside_the_person() -> None:
    text = "Vladimir Sokolov visited the fair; later Mr Sokolov spoke to reporters."
    spans = find_people(text)
    assert (0, len("Vladimir Sokolov"), "Vladimir Sokolov") in spans
    assert any(text[s:e] == "Sokolov" for s, e, _ in spans)


def test_family_name_first_short_forms() -> None:
    text = "Premier Li Wenjun arrived. Later Mr Li met the press, and Li smiled."
    assert {text[s:e] for s, e, who in find_people(text) if who == "Li Wenjun"} == {"Li Wenjun", "Li"}


def test_possessive_country_before_the_name_gives_nationality() -> None:
    text = "The summit welcomed leader Norway's Ingrid Dahl and others."
    (ref,) = person_refs(text, references=False)
    assert (ref.name, ref.nationality) == ("Ingrid Dahl", "NO")


def test_names_known_from_other_documents() -> None:
    known = collect_people(["Finnish President Eero Salo opened the forum.",
                            "Eero Salo and the mayor toured the harbour."])
    assert known == {"Eero Salo": "FI"}
    refs = person_refs("Afterwards Salo thanked the hosts.", known, references=False)
    assert [(r.text, r.name, r.nationality) for r in refs] == [("Salo", "Eero Salo", "FI")]


def test_references_are_optional() -> None:
    assert find_people("He said the president would come.") == []
    assert find_people("Omar Haddad said he would come.", references=True)[-1][2] == "Omar Haddad"


def test_roles_in_apposition_before_or_after_the_name() -> None:
    text = ("The country's interior minister, Jonas Pettersen, arrived first. Lia Moreau, a deputy "
            "governor of the northern region, followed him.")
    assert {who for _, _, who in find_people(text)} == {"Jonas Pettersen", "Lia Moreau"}


def test_names_in_any_latin_or_cyrillic_letters_with_particles() -> None:
    text = ("Interior Minister Tomasz Wiśniewski met Envoy Ömer Yıldız and Trade Minister Karim "
            "al-Hadi. Губернатор Олег Смирнов приехал.")
    names = {who for _, _, who in find_people(text)}
    assert {"Tomasz Wiśniewski", "Ömer Yıldız", "Karim al-Hadi", "Олег Смирнов"} <= names


def test_a_plural_title_names_both_people() -> None:
    text = "Prime Ministers Anna Berg of Norway and Ville Koski of Finland opened the road."
    assert [who for _, _, who in find_people(text)] == ["Anna Berg", "Ville Koski"]


def test_a_name_never_runs_across_a_line_break() -> None:
    text = "Northern Herald\n\nPresident Lena Vogt visited the port."
    assert {who for _, _, who in find_people(text)} == {"Lena Vogt"}


def test_a_surname_with_a_particle_is_found_capitalised_at_a_sentence_start() -> None:
    text = "Trade Minister Karim al-Mansour met reporters.\n\nAl-Mansour later left for home."
    refs = [r for r in person_refs(text) if r.name == "Karim al-Mansour"]
    assert any(text[r.start:r.end] == "Al-Mansour" for r in refs)
