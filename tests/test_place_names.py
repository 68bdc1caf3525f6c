"""The offline basemap's names: countries at Natural Earth's zooms, capitals early, cities by size,
towns only around the data; and the cache that keeps the prepared data between runs."""

from __future__ import annotations

import json

from geomap.render.basemap_cache import kept
from geomap.render.name_labels import NameLabels
from geomap.render.place_names import place_names

AROUND_AMUR = (105.0, 30.0, 140.0, 58.0)  # west, south, east, north


def _by_name(names, kind):
    return {n.name: n for n in names if n.kind == kind}


def test_every_country_is_named_and_the_big_ones_from_the_lowest_zooms():
    countries = _by_name(place_names(None), "country")
    assert len(countries) > 200
    assert countries["China"].min_zoom < 3 and countries["Mongolia"].min_zoom <= 4
    assert all(c.min_zoom < c.max_zoom for c in countries.values())


def test_capitals_show_before_other_cities_of_their_size_and_big_cities_before_towns():
    names = place_names(AROUND_AMUR)
    capitals, cities = _by_name(names, "capital"), _by_name(names, "city")
    assert capitals["Beijing"].min_zoom == 3 and capitals["Pyongyang"].min_zoom <= 4
    assert cities["Harbin"].min_zoom < cities["Blagoveshchensk"].min_zoom <= 7
    assert "Heihe" in cities  # a town near the data


def test_towns_are_named_only_around_the_data():
    far = _by_name(place_names((-10.0, 35.0, 5.0, 45.0)), "city")  # data in Iberia
    assert "Heihe" not in far and "Harbin" in far  # a city of millions is named anywhere
    assert len(place_names(AROUND_AMUR)) > len(place_names(None))


def test_names_reach_the_page_as_data_never_as_script():
    from geomap.render.place_names import PlaceName

    hostile = PlaceName('</script><script>alert(1)</script>{{ 7*7 }}', 1.0, 2.0, "city", 3, 18, 3)
    labels = NameLabels([hostile], base=None)  # type: ignore[arg-type]
    assert "</script>" not in labels.data and "{{" not in labels.data
    assert json.loads(json.loads(labels.data))[0][0] == hostile.name


def test_prepared_data_is_kept_and_made_again_when_its_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "source.txt"
    source.write_text("one", encoding="utf-8")
    made = []

    def make():
        made.append(1)
        return {"value": source.read_text("utf-8")}

    assert kept("thing", [source], make) == {"value": "one"}
    assert kept("thing", [source], make) == {"value": "one"} and len(made) == 1  # read back
    source.write_text("three", encoding="utf-8")
    assert kept("thing", [source], make) == {"value": "three"} and len(made) == 2
