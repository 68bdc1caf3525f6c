"""The map follows the data: the border lines and the title come from the countries the events are on."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely
from conftest import make_tables
from pyproj import Geod

from geomap.layers import builtin_layers
from geomap.layers.borders import border_lines, border_title, event_pairs
from geomap.naturalearth import neighbours, shared_border

GEOD = Geod(ellps="WGS84")


def km_to(lon: float, lat: float, lines: gpd.GeoSeries) -> float:
    """Great-circle km from a point to the nearest of some lines."""
    best = float("inf")
    for line in lines:
        nearest = shapely.ops.nearest_points(shapely.Point(lon, lat), line)[1]
        best = min(best, GEOD.inv(lon, lat, nearest.x, nearest.y)[2] / 1000)
    return best


def crossings(*pairs: tuple[str, str, float, float]) -> gpd.GeoDataFrame:
    """A crossings table with one row per (side A country, side B country, lon, lat)."""
    rows = [dict(id=f"c{i}", name=f"Crossing {i}", mode="road", side_a_country=a, side_b_country=b,
                 status_events="[]", geometry=shapely.Point(lon, lat))
            for i, (a, b, lon, lat) in enumerate(pairs)]  # fmt: skip
    columns = ["id", "name", "mode", "side_a_country", "side_b_country", "status_events", "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def places(*codes: str) -> gpd.GeoDataFrame:
    """A mentions table: one mention per code given (repeat a code to mention it more)."""
    rows = [dict(doc="a.txt", place_id=f"p:{code}{i}", name=f"Town {i}", country=code, start=i, end=i + 1,
                 geometry=shapely.Point(0, 0)) for i, code in enumerate(codes)]  # fmt: skip
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def test_articles_about_a_finnish_crossing_draw_the_finland_russia_border_and_say_so():
    tables = {"crossings": crossings(("RU", "FI", 27.7, 60.6))}
    pairs = event_pairs(tables)
    assert pairs == [("FI", "RU")]
    assert border_title(pairs) == "Finland–Russia border: visits, crossings and traffic"
    lines = border_lines(pairs)
    assert set(lines["name"]) == {"Finland–Russia border"}
    assert km_to(27.7, 60.6, lines.geometry) < 15  # the crossing sits on the drawn line
    assert km_to(127.6, 50.2, lines.geometry) > 3000  # nothing on the Amur


def test_several_borders_are_all_drawn_and_named_in_the_title():
    tables = {"crossings": crossings(("CN", "KZ", 80.3, 44.2), ("RU", "CN", 127.6, 50.2),
                                     ("CN", "RU", 117.4, 49.6))}  # fmt: skip
    pairs = event_pairs(tables)
    assert pairs == [("CN", "RU"), ("CN", "KZ")]  # most reported first
    assert border_title(pairs) == "Borders: China–Kazakhstan, China–Russia"
    lines = border_lines(pairs)
    assert set(lines["name"]) == {"China–Kazakhstan border", "China–Russia border"}
    assert km_to(80.3, 44.2, lines.geometry) < 20 and km_to(127.6, 50.2, lines.geometry) < 20


def test_sides_that_are_not_neighbours_draw_no_border():
    assert not neighbours("CN", "US") and neighbours("fi", "ru")
    assert event_pairs({"crossings": crossings(("CN", "US", 0, 0))}) == []
    assert border_title([]) == "Visits, crossings and traffic"
    assert border_lines([]).empty


def test_traffic_between_two_countries_names_the_border_when_no_crossing_does():
    mentions = places("PL", "BY", "PL")
    traffic = gpd.GeoDataFrame([dict(id="t1", subject="p:PL0;p:BY1", geometry=None)], geometry="geometry",
                               crs="EPSG:4326")  # fmt: skip
    assert event_pairs({"places": mentions, "traffic": traffic, "crossings": crossings()}) == [("BY", "PL")]


def test_without_border_events_the_most_mentioned_neighbours_are_drawn():
    mentions = places(*["FI"] * 5, *["RU"] * 4, "SE", "DE")  # Sweden and Germany barely mentioned
    assert event_pairs({"places": mentions}) == [("FI", "RU")]


def test_a_build_without_event_tables_keeps_the_china_russia_border():
    assert event_pairs(None) == [("CN", "RU")]
    assert border_title(event_pairs(None)) == "China–Russia border: visits, crossings and traffic"


def test_the_border_layer_follows_the_tables_it_is_built_over():
    tables = make_tables()  # China–Russia crossings
    (border,) = [la for la in builtin_layers(tables) if la.spec.name == "border"]
    assert set(border.data["name"]) == {"China–Russia border"}
    tables["crossings"]["side_a_country"], tables["crossings"]["side_b_country"] = "US", "MX"
    (border,) = [la for la in builtin_layers(tables) if la.spec.name == "border"]
    assert set(border.data["name"]) == {"Mexico–United States border"}
    assert border.data["length_km"].sum() == pytest.approx(shared_border("MX", "US")["length_km"].sum())


def test_status_events_column_is_optional_for_the_border():
    table = crossings(("FI", "RU", 27.7, 60.6)).drop(columns=["status_events"])
    assert event_pairs({"crossings": table}) == [("FI", "RU")]
    assert json.loads(table.to_json())["features"]  # the table itself is untouched
