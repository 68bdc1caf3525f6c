"""What the crossings reader asks once and keeps: the curated records per gazetteer, a side town's place
when a text names it (the first of its ids the gazetteer has), and a status verb's clause read back from
the verb (future words before a clause break do not make it planned)."""

from __future__ import annotations

from handmade import MiniGazetteer, crossing_record, make_document, mentions_by_doc

from geomap.events import extract_events
from geomap.events.crossings.inflect import SideNames
from geomap.events.crossings.records import curated
from geomap.model import Place

# Invented towns at real places on the Bug (Poland–Belarus).
PINES = Place("geonames:11", "Sosnowiki", "city", 52.07, 23.63, "PL", 6000)
OAKS = Place("geonames:12", "Dębniaki", "city", 52.09, 23.70, "BY", 9000)
POLAND = Place("country:PL", "Poland", "country", 52.0, 19.5, "PL")
BELARUS = Place("country:BY", "Belarus", "country", 53.5, 28.0, "BY")
POST = Place("landmark:pines-oaks", "Sosnowiki–Dębniaki border crossing", "checkpoint", 52.08, 23.66,
             "PL/BY")
PLACES = [PINES, OAKS, POLAND, BELARUS, POST]
GAZ = MiniGazetteer(PLACES, records=[crossing_record(POST, PINES, OAKS, "road")])
NAMES = {p.name: p for p in PLACES if p.kind in ("city", "country")}


def crossings(text: str, date: str = "2024-06-01"):
    doc = make_document(text, date)
    return extract_events([doc], mentions_by_doc([doc], NAMES), GAZ).crossings


def test_the_curated_records_are_read_once_per_gazetteer() -> None:
    other = MiniGazetteer(PLACES, records=[])
    assert curated(GAZ) is curated(GAZ)
    assert [r.place_id for r in curated(GAZ).records] == [POST.id]
    assert curated(other).records == []  # another gazetteer gets its own records
    assert [r.place_id for r in curated(GAZ).records] == [POST.id]


def test_a_side_name_reads_the_first_of_its_ids_the_gazetteer_has() -> None:
    names = SideNames({"sosnowiki": ["geonames:404", PINES.id]}, str.casefold, curated(GAZ).get)
    (m,) = names.mentions("Ruch w Sosnowikach wstrzymano.", "doc", [])
    assert (m.text, m.place.id) == ("Sosnowikach", PINES.id)


def test_a_side_name_whose_ids_the_gazetteer_lacks_names_no_town() -> None:
    names = SideNames({"sosnowiki": ["geonames:404"]}, str.casefold, curated(GAZ).get)
    assert names.mentions("Ruch w Sosnowikach wstrzymano.", "doc", []) == []


def test_an_inflected_town_is_read_at_a_capital_not_after_a_letter_or_a_hyphen() -> None:
    names = SideNames({"sosnowiki": [PINES.id]}, str.casefold, curated(GAZ).get)
    text = "Sosnowikach; Nowe-Sosnowikach; xSosnowikach; (Sosnowikach)"
    found = names.mentions(text, "doc", [])
    assert [m.start for m in found] == [0, text.index("(") + 1]


def test_future_words_before_a_clause_break_leave_the_status_unplanned() -> None:
    (c,) = crossings("Both ministries will publish a long report on border traffic next year; the crossing "
                     "at Sosnowiki reopened on 3 May 2024.", "2024-05-10")
    (ev,) = c.status_events
    assert (ev.what, ev.date, ev.planned) == ("reopened", "2024-05-03", False)


def test_future_words_in_the_verbs_own_long_clause_make_the_status_planned() -> None:
    (c,) = crossings("Officials meeting with their neighbours in the regional capital on Tuesday said the "
                     "crossing at Sosnowiki will be reopened to lorries and coaches.", "2024-05-10")
    (ev,) = c.status_events
    assert (ev.what, ev.planned) == ("reopened", True)
