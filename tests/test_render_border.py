"""The China–Russia border computed from Natural Earth: plausible length, place and shape."""

from __future__ import annotations

import pytest
import shapely
from pyproj import Geod

from geomap.errors import GeomapError
from geomap.naturalearth import country, shared_border

GEOD = Geod(ellps="WGS84")


def km_to_line(lon: float, lat: float, line: shapely.Geometry) -> float:
    """Great-circle distance in km from a point to the nearest point of a line."""
    nearest = shapely.ops.nearest_points(shapely.Point(lon, lat), line)[1]
    return GEOD.inv(lon, lat, nearest.x, nearest.y)[2] / 1000


def test_china_russia_border_is_the_amur_argun_ussuri_stretch_and_the_altai_stub():
    border = shared_border("CN", "RU")
    assert list(border.columns) == ["a", "b", "name", "length_km", "geometry"]
    assert border.crs.to_epsg() == 4326
    assert set(border.geometry.geom_type) <= {"LineString", "MultiLineString"}
    total = border["length_km"].sum()
    assert 3000 < total < 4500  # officially 4,209 km; Natural Earth 1:10m smooths the rivers
    east, west = border.geometry.iloc[0], border.geometry.iloc[1]
    assert border["length_km"].iloc[0] > 3000 and 20 < border["length_km"].iloc[1] < 80
    assert west.bounds[0] > 86 and west.bounds[2] < 89  # the Altai stretch near Kanas
    minx, miny, maxx, maxy = east.bounds
    assert 115 < minx < 118 and 133 < maxx < 136 and 42 < miny < 43.5 and 53 < maxy < 54
    # The Amur runs between Heihe and Blagoveshchensk; the bridge crosses it.
    assert km_to_line(127.6005, 50.2011, east) < 3
    assert km_to_line(127.49016, 50.24413, east) < 10 and km_to_line(127.52637, 50.27593, east) < 10
    # Manzhouli/Zabaykalsk (Argun side) and Suifenhe/Pogranichny (Ussuri side) are border towns.
    assert km_to_line(117.43, 49.60, east) < 20 and km_to_line(131.15, 44.40, east) < 20
    # Harbin and Beijing are far from it.
    assert km_to_line(126.65, 45.75, east) > 200 and km_to_line(116.39, 39.9, east) > 1000


def test_border_is_cached_and_callers_get_a_copy():
    first = shared_border("cn", "ru")
    first.loc[0, "name"] = "changed"
    assert shared_border("CN", "RU")["name"].iloc[0] == "China–Russia border"


def test_no_shared_border_and_unknown_codes():
    assert shared_border("CN", "FR").empty
    with pytest.raises(GeomapError, match="unknown country code 'XX'"):
        shared_border("CN", "XX")
    name, shape = country("ru")
    assert name == "Russia" and shape.area > 1000


def test_borders_kept_between_runs_are_exactly_the_computed_ones(tmp_path, monkeypatch):
    from geomap import naturalearth

    monkeypatch.setenv("GEOMAP_CACHE", str(tmp_path))
    naturalearth._shared_border.cache_clear()
    computed = shared_border("FI", "RU")
    (kept,) = tmp_path.glob("borders-*/FI-RU.wkb")
    naturalearth._shared_border.cache_clear()
    again = shared_border("FI", "RU")  # read back from the file
    assert len(again) == len(computed) > 0
    assert all(a.equals_exact(b, 0) for a, b in zip(again.geometry, computed.geometry, strict=True))
    assert list(again["length_km"]) == list(computed["length_km"])
    kept.write_bytes(b"not wkb")  # a damaged cache is recomputed, not trusted
    naturalearth._shared_border.cache_clear()
    assert shared_border("FI", "RU").geometry.iloc[0].equals_exact(computed.geometry.iloc[0], 0)
    naturalearth._shared_border.cache_clear()
