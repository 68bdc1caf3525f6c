"""Countries, states and counties sit at GeoNames' own points (the convention of GeoNames-based
gold standards), found by geonameid in the data that installed packages ship."""

import math
import re

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.gazetteer import load_gazetteer, sources


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def geocode_top(*args):
    """The top candidate line of `geomap geocode`: (place id, lat, lon)."""
    result = CliRunner().invoke(cli, ["geocode", *args])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    lat, lon = re.search(r"(-?\d+\.\d+),(-?\d+\.\d+)", first).groups()
    return first.split()[1], float(lat), float(lon)


@pytest.mark.parametrize(
    ("name", "place_id", "lat", "lon"),
    [
        # GeoNames features 6252001, 6251999, 2077456 (PCLI): not the countries' geometric centres
        ("United States", "country:US", 39.76, -98.5),
        ("Canada", "country:CA", 60.10867, -113.64258),
        ("Australia", "country:AU", -25.0, 135.0),
    ],
)
def test_geocode_puts_a_country_at_its_geonames_point(name, place_id, lat, lon):
    top, top_lat, top_lon = geocode_top(name)
    assert top == place_id
    assert km(top_lat, top_lon, lat, lon) < 5


@pytest.mark.parametrize(
    ("name", "place_id", "lat", "lon"),
    [
        ("Ontario", "admin1:CA.08", 49.25014, -84.49983),  # GeoNames 6093943 (ADM1)
        ("Queensland", "admin1:AU.04", -20.0, 145.0),  # GeoNames 2152274
        ("Virginia", "admin1:US.VA", 37.54812, -77.44675),  # GeoNames 6254928
    ],
)
def test_states_and_provinces_sit_at_their_geonames_points(gaz, name, place_id, lat, lon):
    place = next(p for p in gaz.lookup(name) if p.id == place_id)
    assert place.kind == "admin1"
    assert km(place.lat, place.lon, lat, lon) < 5
    assert "geonameid" in place.source and "pyowm" in place.source


def test_curated_points_still_win_over_package_points(gaz):
    # Amur Oblast and Heilongjiang are curated in landmarks.csv (the seeds' own sources)
    amur = gaz.get("admin1:RU.05")
    assert abs(amur.lat - 53.55) < 0.01 and abs(amur.lon - 127.833) < 0.01


def test_us_counties_carry_geonames_codes_and_points(gaz):
    dekalb = [p for p in gaz.lookup("DeKalb County") if p.kind == "admin2"]
    georgia = next(p for p in dekalb if p.admin1 == "US.GA")
    assert georgia.id == "admin2:US.GA.089"
    assert km(georgia.lat, georgia.lon, 33.75, -84.23) < 10  # GeoNames 4191014


def test_bare_county_names_are_area_names_but_common_words_are_not(gaz):
    # local news writes "Clarke" for Clarke County; "Free" is not Free State
    assert "admin2:US.GA.059" in [p.id for p in gaz.lookup("Clarke")]
    assert all(p.id != "admin1:ZA.03" for p in gaz.lookup("Free"))
    assert any(p.id == "admin1:ZA.03" for p in gaz.lookup("Free State"))


def test_short_forms_of_areas_written_with_their_type_word(gaz):
    assert any(p.id == "admin1:RU.17" for p in gaz.lookup("Dagestan"))  # "Dagestan, Respublika"
    assert any(p.id == "admin1:CN.16" for p in gaz.lookup("Guangxi"))  # "Guangxi Zhuangzu Zizhiqu"


def test_every_area_and_country_names_its_source(gaz):
    for name in ("United States", "Ontario", "Heilongjiang", "DeKalb County"):
        for p in gaz.lookup(name):
            assert p.source.strip()


def test_large_city_files_are_parsed_one_record_at_a_time(tmp_path):
    path = tmp_path / "cities.json"
    path.write_text('{"1": {"name": "A}, \\"b\\"", "n": [1, {"x": "}"}]}, "2": {"name": "Ü"}}',
                    encoding="utf-8")
    values = list(sources.json_object_values(path, chunk=3))
    assert values == [{"name": 'A}, "b"', "n": [1, {"x": "}"}]}, {"name": "Ü"}]
