"""The curated worldwide crossings table: every row sourced and checked on load, sides in two
neighbouring countries near their common border, and the names news use resolving to the row."""

from __future__ import annotations

import math
from collections import Counter

import pytest
import shapely
from shapely.geometry import Point

from geomap import naturalearth
from geomap.errors import GeomapError
from geomap.gazetteer import load_gazetteer, sources
from geomap.gazetteer.crossing_table import FIELDS, crossing_names, side_names, validate_rows
from geomap.gazetteer.names import normalize

SIDE_KM = 35  # how far a side town may lie from the two countries' common boundary
PAIR_KM = 60  # how far apart the two side towns of one crossing may lie


@pytest.fixture(scope="module")
def rows():
    return sources.crossing_rows()


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _km_to(shape, lat: float, lon: float) -> float:
    """Great-circle km from a point to the nearest point of a shape."""
    near = shapely.ops.nearest_points(shape, Point(lon, lat))[0]
    return _km(lat, lon, near.y, near.x)


def _sides(row: dict[str, str]):
    for side, other in (("side_a", "side_b"), ("side_b", "side_a")):
        if row[f"{side}_lat"]:
            lat, lon = float(row[f"{side}_lat"]), float(row[f"{side}_lon"])
            yield lat, lon, row[f"{side}_country"], row[f"{other}_country"]


def _row(**changes: str) -> dict[str, str]:
    """A valid row about an invented crossing, with some fields changed."""
    row = dict.fromkeys(FIELDS, "")
    row.update(id="landmark:crossing-northtown-southville", name="Northtown–Southville bridge",
               alt_names="Friendship Span;Ponte Amizade", mode="road bridge", lat="10.0", lon="20.0",
               point_source="midpoint", side_a_name="Northtown (Nordstadt)", side_a_country="FI",
               side_a_lat="10.1", side_a_lon="20.0", side_b_name="Southville", side_b_country="NO",
               side_b_lat="9.9", side_b_lon="20.0", source="https://example.org/list-of-crossings")
    row.update(changes)
    return row


def test_table_covers_hundreds_of_crossings_on_many_borders(rows):
    borders = Counter(frozenset((r["side_a_country"], r["side_b_country"])) for r in rows)
    assert len(rows) >= 250 and len(borders) >= 30
    for pair in ("CN RU", "CN KZ", "US MX", "US CA", "PL BY", "PL UA", "FI RU", "IN PK", "RS XK", "GE RU"):
        assert borders[frozenset(pair.split())] >= 1, pair


def test_every_row_names_a_source_and_its_sides_countries(rows):
    for r in rows:
        assert r["source"].startswith("http"), r["id"]
        assert r["side_a_country"] != r["side_b_country"], r["id"]


def test_existing_china_russia_ids_keep_their_places(rows):
    by_id = {r["id"]: r for r in rows}
    bridge = by_id["landmark:heihe-blagoveshchensk-bridge"]
    assert (bridge["side_a_country"], bridge["side_b_country"]) == ("CN", "RU")
    assert (bridge["lat"], bridge["lon"]) == ("50.2011", "127.60046")


def test_side_towns_lie_near_each_other(rows):
    for r in rows:
        if r["side_a_lat"] and r["side_b_lat"]:
            a, b = (tuple(float(r[f"{side}_{x}"]) for x in ("lat", "lon")) for side in ("side_a", "side_b"))
            km = _km(*a, *b)
            assert km <= PAIR_KM, (r["id"], round(km))


def test_side_towns_lie_in_their_country_near_the_common_border(rows):
    shapes = {}
    far = []
    for r in rows:
        for lat, lon, cc, other in _sides(r):
            for code in (cc, other):
                if code not in shapes:
                    shapes[code] = naturalearth.country(code)[1]
            line = naturalearth.shared_border(cc, other)
            target = shapely.union_all(line.geometry.to_numpy()) if len(line) else shapes[other]
            km = _km_to(target, lat, lon)
            if km > SIDE_KM or _km_to(shapes[cc], lat, lon) > 5:
                far.append((r["id"], cc, round(km)))
    assert far == []


def test_crossing_points_lie_between_or_at_their_sides(rows):
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        placed = [(a, b) for a, b, _cc, _other in _sides(r)]
        if placed and r["point_source"] != "source":
            assert min(_km(lat, lon, a, b) for a, b in placed) <= PAIR_KM, r["id"]


def test_alternate_names_and_news_forms_resolve_to_the_crossing(rows, gaz):
    missing = []
    for r in rows:
        for name in crossing_names(r)[:12]:
            if r["id"] not in {p.id for p in gaz.lookup(name)}:
                missing.append((r["id"], name))
    assert missing == []


def test_a_side_towns_plain_name_still_names_the_town(rows, gaz):
    for r in rows:
        for side in ("side_a", "side_b"):
            if r[f"{side}_id"]:
                found = [p.id for p in gaz.lookup(side_names(r, side)[0])]
                assert r[f"{side}_id"] in found and r["id"] not in found, (r["id"], side)


def test_border_villages_geonames_lacks_are_places_with_both_spellings(gaz):
    for spelling in ("Verkhny Lars", "Upper Lars", "Верхний Ларс"):
        assert "RU" in {p.country for p in gaz.lookup(spelling) if p.kind == "town"}, spelling
    assert any(p.country == "PL" and p.kind == "town" for p in gaz.lookup("Kukuryki"))
    assert any(p.kind == "checkpoint" and "PL" in p.country for p in gaz.lookup("Koroszczyn"))


def test_crossing_records_carry_both_sides_countries_in_row_order(gaz):
    records = {c.place_id: c for c in gaz.crossings()}
    bridge = records["landmark:heihe-blagoveshchensk-bridge"]
    assert (bridge.side_a_country, bridge.side_b_country) == ("CN", "RU")
    assert bridge.name == "Blagoveshchensk–Heihe road bridge" and bridge.mode == "road bridge"
    outside = [c for c in records.values() if {c.side_a_country, c.side_b_country} == {"US", "MX"}]
    assert len(outside) >= 40 and all(c.side_a_country == "US" for c in outside)


def test_news_forms_of_a_bridge_are_generated_in_both_orders():
    names = {normalize(n) for n in crossing_names(_row())}
    assert {"northtown-southville bridge", "southville-northtown bridge", "friendship span",
            "northtown border crossing", "nordstadt checkpoint"} <= names
    assert "northtown" not in names and "southville" not in names  # those stay the towns'
    assert "northtown-southville" not in names  # a bare pair of towns stays two towns


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"side_b_country": "XX"}, "side_b_country", "not an ISO 3166-1"),
        ({"side_a_lat": "95.5"}, "side_a_lat", "out of range"),
        ({"lon": "east"}, "lon", "not a number"),
        ({"source": " "}, "source", "is empty"),
        ({"mode": "zipline"}, "mode", "not one of"),
        ({"side_b_country": "FI"}, "side_b_country", "same country"),
        ({"opened": "spring 2020"}, "opened", "not a date"),
    ],
)
def test_bad_rows_give_one_line_errors_naming_file_line_and_field(changes, field, words):
    with pytest.raises(GeomapError) as err:
        validate_rows([_row(), _row(id="landmark:crossing-other", **changes)], "crossings.csv")
    message = str(err.value)
    assert "\n" not in message and words in message
    assert message.startswith(f"crossings.csv: line 3: {field}: ")


def test_duplicate_ids_and_missing_columns_are_refused():
    with pytest.raises(GeomapError, match="line 3: id: .* appears twice"):
        validate_rows([_row(), _row()], "crossings.csv")
    row = _row()
    del row["side_b_country"]
    with pytest.raises(GeomapError, match="line 1: missing columns side_b_country"):
        validate_rows([row], "crossings.csv")
