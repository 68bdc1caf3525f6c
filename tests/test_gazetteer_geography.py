"""Regions, seas, lakes, rivers, mountains and islands; demonyms of states, provinces and regions;
press abbreviations: each a gazetteer entry with a kind the ranking can use and a named source."""

import csv

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.gazetteer import index, load_gazetteer, sources


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def geocode_top(*args):
    result = CliRunner().invoke(cli, ["geocode", *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[0]


@pytest.mark.parametrize(
    ("name", "place_id", "kind"),
    [
        ("Red River", "river:red-south", "river"),
        ("Ussuri River", "river:ussuri", "river"),
        ("Caspian Sea", "sea:caspian", "sea"),
        ("Lake Khanka", "lake:khanka", "lake"),
        ("Mount Elbrus", "mountain:elbrus", "mountain"),
        ("Sakhalin", "island:sakhalin", "island"),
        ("South Ossetia", "region:south-ossetia", "region"),
    ],
)
def test_geocode_finds_physical_features_and_regions_with_their_kind(name, place_id, kind):
    top = geocode_top(name)
    assert top.split()[1] == place_id
    assert f"({kind}," in top


@pytest.mark.parametrize(
    ("demonym", "place_id"),
    [
        ("Ohioans", "admin1:US.OH"),
        ("Ontarians", "admin1:CA.08"),
        ("Texan", "admin1:US.TX"),
        ("Queenslanders", "admin1:AU.04"),
        ("South Ossetian", "region:south-ossetia"),
        ("Dagestani", "admin1:RU.17"),
        ("Saudi", "country:SA"),
        ("Czechs", "country:CZ"),  # plural of countryinfo's demonym
    ],
)
def test_demonyms_resolve_to_their_state_region_or_country(gaz, demonym, place_id):
    assert place_id in [p.id for p in gaz.lookup(demonym)]


@pytest.mark.parametrize(
    ("abbreviation", "place_id"),
    [("B.C.", "admin1:CA.02"), ("Ont.", "admin1:CA.08"), ("W. Va.", "admin1:US.WV"),
     ("W.Va.", "admin1:US.WV"), ("L.A.", "geonames:5368361")],
)
def test_press_abbreviations_name_states_provinces_and_cities(gaz, abbreviation, place_id):
    assert place_id in [p.id for p in gaz.lookup(abbreviation)]


def test_demonym_plurals_leave_invariant_forms_alone():
    assert sources.demonym_forms("Russian") == ["Russian", "Russians"]
    assert sources.demonym_forms("Iraqi") == ["Iraqi", "Iraqis"]
    for invariant in ("Chinese", "French", "Swiss", "British", "Dutch"):
        assert sources.demonym_forms(invariant) == [invariant]


def test_every_geography_and_demonym_row_has_a_source_a_kind_and_a_target(gaz):
    with open(sources.data_path("geography.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 50
    for row in rows:
        assert row["source"].strip() and row["kind"] in index.KINDS, row["id"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert gaz.get(row["id"]).kind == row["kind"]
    for demonym, place_id, source in sources.demonyms():
        assert source.strip(), demonym
        assert gaz.has(place_id), (demonym, place_id)
    for alias, place_id, _source in sources.aliases():
        assert gaz.has(place_id), (alias, place_id)
