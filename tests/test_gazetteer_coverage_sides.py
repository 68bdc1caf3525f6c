"""Border posts are named after the settlement at them: a crossing side the table neither links
to GeoNames nor locates is still a place, at the crossing's point, unless GeoNames has a town of
that name in that country near the crossing (then it is the town the row did not link, not a new
place); a namesake far inland does not stand in for the border village."""

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


def _row_with_side(name: str, country: str, lat: float, lon: float) -> dict[str, str]:
    """The table's first row, its side B renamed and unlocated, the crossing moved to the point."""
    row = sources.crossing_rows()[0]
    return {**row, "lat": str(lat), "lon": str(lon), "side_b_lat": "", "side_b_lon": "", "side_b_id": "",
            "side_b_name": name, "side_b_country": country}


def test_a_side_geonames_has_by_name_near_the_crossing_is_not_added_again(gaz):
    harbin = next(p for p in gaz.lookup("Harbin") if p.country == "CN" and p.kind == "city")
    rows = [_row_with_side("Harbin", "CN", harbin.lat + 0.1, harbin.lon)]
    known = sources.geonames_names_in(crossing_table.unlocated_side_names(rows))
    added = [place.name for place, _ in crossing_table.side_entries(rows, known)]
    assert "Harbin" not in added


def test_a_border_village_whose_namesake_lies_far_inland_is_added_at_its_crossing(gaz):
    harbin = next(p for p in gaz.lookup("Harbin") if p.country == "CN" and p.kind == "city")
    rows = [_row_with_side("Harbin", "CN", harbin.lat + 4.0, harbin.lon + 4.0)]
    known = sources.geonames_names_in(crossing_table.unlocated_side_names(rows))
    added = [(place.name, place.lat) for place, _ in crossing_table.side_entries(rows, known)]
    assert ("Harbin", harbin.lat + 4.0) in added


def test_a_border_post_named_after_its_village_is_found_in_a_sentence(gaz):
    from geomap.geoparse import geoparse

    row, side = next((r, s) for r, s in _unlocated_sides()
                     if gaz.has(crossing_table.side_place_id(r, s)) and r[f"{s}_country"] == "MN"
                     and len(gaz.lookup(crossing_table.side_names(r, s)[0])) == 1)
    name = crossing_table.side_names(row, side)[0]
    text = f"Coal trucks queued for two days at {name} before the post reopened."
    mentions = geoparse(Document(id="t", path="t", title="t", date=None, source="t", text=text), gaz)
    assert [m.place.id for m in mentions if m.text == name] == [crossing_table.side_place_id(row, side)]
