"""Lists of crossings (one crossing per item, each at its own place, a status over the list for every
item), structures placed only near the line, datelines, noun-first names and status paraphrases."""

from __future__ import annotations

from handmade import MiniGazetteer, crossing_record, events_of

from geomap.events.crossings.sides import km
from geomap.model import Place

# Invented towns at real places on the Thailand–Malaysia border, and one namesake on another border.
NORTHVALE = Place("geonames:11", "Northvale", "city", 6.64, 100.42, "TH", 20000)
SOUTHMOOR = Place("geonames:12", "Southmoor", "city", 6.52, 100.42, "MY", 20000)
EASTBROOK = Place("geonames:13", "Eastbrook", "city", 6.03, 101.97, "TH", 20000)
WESTBROOK = Place("geonames:14", "Westbrook", "city", 6.02, 101.98, "MY", 20000)
HILLVIEW_TH = Place("geonames:15", "Hillview", "city", 5.77, 101.07, "TH", 5000)
HILLVIEW_FAR = Place("geonames:16", "Hillview", "city", 1.40, 111.52, "MY", 5000)  # by another border
HARBOURTON = Place("geonames:17", "Harbourton", "city", 6.40, 100.13, "MY", 5000)
THAILAND = Place("country:TH", "Thailand", "country", 15.0, 101.0, "TH")
MALAYSIA = Place("country:MY", "Malaysia", "country", 4.0, 102.0, "MY")
GATE = Place("landmark:northvale", "Northvale checkpoint", "checkpoint", 6.58, 100.42, "MY/TH")
PUENTE = Place("landmark:aurora", "Puente Aurora", "bridge", 6.03, 101.975, "MY/TH")
PLACES = [NORTHVALE, SOUTHMOOR, EASTBROOK, WESTBROOK, HILLVIEW_TH, HILLVIEW_FAR, HARBOURTON, THAILAND,
          MALAYSIA, GATE, PUENTE]
GAZ = MiniGazetteer(PLACES, records=[crossing_record(GATE, NORTHVALE, SOUTHMOOR, "road"),
                                     crossing_record(PUENTE, EASTBROOK, WESTBROOK, "road bridge")])
NAMES = {p.name: p for p in PLACES if p.kind in ("city", "country")} | {"Hillview": HILLVIEW_FAR}

# Invented towns on the Jordan–Israel line, and a capital well inside Jordan (about 38 km from the line).
HILLTOP = Place("geonames:21", "Hilltop", "city", 31.96, 35.95, "JO", 900000)
SOUTHPORT = Place("geonames:22", "Southport", "city", 29.56, 34.95, "IL", 50000)
RIVERBEND = Place("geonames:23", "Riverbend", "city", 32.50, 35.50, "IL", 20000)
JORDAN = Place("country:JO", "Jordan", "country", 31.0, 36.0, "JO")
ISRAEL = Place("country:IL", "Israel", "country", 31.5, 34.9, "IL")
EAST_PLACES = [HILLTOP, SOUTHPORT, RIVERBEND, JORDAN, ISRAEL]
EAST_GAZ = MiniGazetteer(EAST_PLACES)
EAST_NAMES = {p.name: p for p in EAST_PLACES}


def crossings(text: str, date: str = "2024-03-05", gaz: MiniGazetteer = GAZ, names: dict | None = None):
    return events_of(text, date, names or NAMES, gaz).crossings


def test_a_list_before_a_plural_noun_gives_each_town_its_own_crossing_and_the_status() -> None:
    cs = crossings("Thailand and Malaysia agreed. Malaysia closed the Harbourton and Hillview checkpoints "
                   "on 2 March 2024.")
    assert len(cs) == 2
    assert {c.side_a.id for c in cs} == {HARBOURTON.id, HILLVIEW_TH.id}  # not the namesake far away
    assert all("closed 2024-03-02" in c.status for c in cs)
    assert {c.place.name for c in cs} == {"Harbourton checkpoint", "Hillview checkpoint"}


def test_bracketed_pairs_after_entry_points_are_one_crossing_each() -> None:
    cs = crossings("Thailand has closed all its entry points with Malaysia on 2 March 2024.\n\n"
                   "These entry points are in Upland (Hillview–Westbrook), Coastal (Harbourton Jetty–"
                   "Eastbrook Jetty) and Lowland (Northvale–Southmoor).")
    assert len(cs) == 3
    assert all("closed 2024-03-02" in c.status for c in cs)
    jetty = next(c for c in cs if "Jetty" in c.place.name)
    assert jetty.mode == "river"
    gate = next(c for c in cs if c.place.id == GATE.id)
    assert gate.mode == "road"


def test_a_structure_is_not_placed_at_a_town_far_inside_the_country() -> None:
    cs = crossings("Officials in Hilltop said the Harmony Bridge reopened on 2 May 2024.", "2024-05-03",
                   EAST_GAZ, EAST_NAMES)
    assert all(km(c.place, HILLTOP) > 20 for c in cs)


def test_items_of_a_list_take_the_town_named_with_them_not_the_first_items() -> None:
    cs = crossings("Israel closed its crossings with Jordan, including the crossing near Southport, the "
                   "Harmony Bridge, and the Olive Bridge near Riverbend.", "2024-05-03", EAST_GAZ, EAST_NAMES)
    near_port = [c for c in cs if km(c.place, SOUTHPORT) < 5]
    assert len(near_port) == 1
    assert any(c.place.name == "Olive Bridge" and km(c.place, RIVERBEND) < 5 for c in cs)


def test_this_border_point_after_a_dateline_is_the_datelined_towns_crossing() -> None:
    (c,) = crossings("Thailand reopens its border\n\nNORTHVALE, Thailand.- Officials from Malaysia and "
                     "Thailand opened this border point on 4 March 2024.")
    assert c.place.id == GATE.id


def test_a_noun_first_name_with_a_numeral_is_a_bridge_of_its_own() -> None:
    cs = crossings("Tailandia y Malasia abrieron el Puente Fronterizo Aurora y el Puente Aurora II, que "
                   "une Eastbrook y Westbrook, el 4 de marzo de 2024.")
    assert PUENTE.id in {c.place.id for c in cs}
    assert any(c.place.name == "Puente Aurora II" for c in cs)


def test_an_opening_of_the_day_in_a_story_of_a_reopening_is_a_reopening() -> None:
    (c,) = crossings("Thailand reopens the border\n\nThe border reopened after being closed for six months. "
                     "On 4 March 2024 officials opened the Northvale checkpoint.")
    assert "reopened 2024-03-04" in c.status


def test_the_border_post_long_after_a_passing_mention_is_the_headlines_crossing() -> None:
    cs = crossings("Northvale checkpoint to work around the clock\n\nThe Northvale checkpoint will work "
                   "around the clock.\n\nTrade also passes the Eastbrook border post. Talks went on. "
                   "Unions agreed. Drivers were glad.\n\nLorries queued for days at the border post.")
    gate = next(c for c in cs if c.place.id == GATE.id)
    assert "congested" in gate.status


def test_paraphrased_statuses_are_read() -> None:
    (c,) = crossings("The Northvale checkpoint is overwhelmed by travellers. Since 3 March 2024 the "
                     "Northvale checkpoint has been allowing lorries to cross again.")
    assert "congested" in c.status
    assert "resumed 2024-03-03" in c.status


def test_opening_hours_and_empty_lorries_are_no_status() -> None:
    (c,) = crossings("Before the 24-hour opening, the Northvale checkpoint worked sixteen hours. Lorries "
                     "travelling empty crossed at the Northvale checkpoint.")
    assert "opened" not in c.status
    assert "idle" not in c.status


def test_a_closure_told_by_its_length_before_a_reopening_gets_no_day() -> None:
    (c,) = crossings("After more than two years closed, the Northvale checkpoint reopened on 4 March 2024.")
    assert "reopened 2024-03-04" in c.status
    assert "closed 2024-03-04" not in c.status


def test_quoted_names_after_a_plural_russian_noun_are_one_crossing_each() -> None:
    north = Place("geonames:31", "Северный", "city", 6.64, 100.42, "TH", 2000)
    south = Place("geonames:32", "Южный", "city", 6.03, 101.97, "TH", 2000)
    gaz = MiniGazetteer([north, south, THAILAND, MALAYSIA])
    names = {"Северный": north, "Южный": south, "Таиланд": THAILAND, "Малайзия": MALAYSIA}
    cs = crossings("Таиланд и Малайзия договорились. Пункты пропуска «Северный-автодорожный» и "
                   "«Южный-автодорожный» будут закрыты 6 марта 2024 г.", gaz=gaz, names=names)
    assert {c.side_a.id for c in cs} == {north.id, south.id}


def test_a_status_verb_over_a_list_reaches_every_item() -> None:
    cs = crossings("Israel closed its crossings with Jordan on 2 May 2024, including the crossing near "
                   "Southport, and the Olive Bridge near Riverbend.", "2024-05-03", EAST_GAZ, EAST_NAMES)
    assert len(cs) == 2
    assert all("closed 2024-05-02" in c.status for c in cs)
