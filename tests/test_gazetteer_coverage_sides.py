"""Border posts are named after the settlement at them: a crossing side the table neither links
to GeoNames nor locates is still a place, at the crossing's point, unless GeoNames has a town of
that name in that country (then it is the town the row did not link, not a new place)."""

import pytest

from geomap.gazetteer import crossing_table, load_gazetteer, sources
from geomap.model import Document


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _unlocated_sides():
    for row in sources.crossing_rows():
        for side in crossing_table.SIDES:
            if not row[f"{side}_id"] and not row[f"{side}_lat"]:
                yield row, side


def test_an_unlocated_side_that_geonames_lacks_is_a_place_at_its_crossing(gaz):
    sides = list(_unlocated_sides())
    known = sources.geonames_names_in(crossing_table.unlocated_side_names(r for r, _ in sides))
    checked = 0
    for row, side in sides:
        names = crossing_table.side_names(row, side)
        if any((n.casefold(), row[f"{side}_country"]) in known for n in names):
            continue
        place = gaz.get(crossing_table.side_place_id(row, side))
        assert (place.lat, place.lon) == (float(row["lat"]), float(row["lon"]))
        assert place.country == row[f"{side}_country"]
        assert "the crossing's point" in place.source
        checked += 1
    assert checked > 0


def test_a_side_geonames_has_by_name_is_not_added_again(gaz):
    rows = [{**row, "side_b_lat": "", "side_b_lon": "", "side_b_id": "", "side_b_name": "Harbin",
             "side_b_country": "CN"} for row in sources.crossing_rows()[:1]]
    known = sources.geonames_names_in(crossing_table.unlocated_side_names(rows))
    added = [place.name for place, _ in crossing_table.side_entries(rows, known)]
    assert "Harbin" not in added


def test_a_border_post_named_after_its_village_is_found_in_a_sentence(gaz):
    from geomap.geoparse import geoparse

    row, side = next((r, s) for r, s in _unlocated_sides()
                     if gaz.has(crossing_table.side_place_id(r, s)) and r[f"{s}_country"] == "MN")
    name = crossing_table.side_names(row, side)[0]
    text = f"Coal trucks queued for two days at {name} before the post reopened."
    mentions = geoparse(Document(id="t", path="t", title="t", date=None, source="t", text=text), gaz)
    assert [m.place.id for m in mentions if m.text == name] == [crossing_table.side_place_id(row, side)]
