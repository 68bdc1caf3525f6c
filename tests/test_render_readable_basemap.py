"""The offline basemap's water: TopoJSON decoding, and Natural Earth rivers and lakes around the data."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import shape

from geomap.render.basemap import basemap_geojson
from geomap.render.water import decode_arcs, decode_geometry, topology_layer, water

AMUR_VIEW = (117.0, 45.0, 135.0, 53.0)  # west, south, east, north: Harbin to Khabarovsk


def test_quantized_arcs_are_delta_decoded_and_scaled():
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [100, 40]},
        "arcs": [[[0, 0], [2, 4], [2, 0]]],
    }
    (arc,) = decode_arcs(topology)
    assert arc.tolist() == [[100.0, 40.0], [101.0, 41.0], [102.0, 41.0]]


def test_geometries_join_their_arcs_and_reverse_negative_ones():
    arcs = decode_arcs({"arcs": [[[0, 0], [1, 0]], [[1, 0], [1, 1]], [[0, 0], [0, 1], [1, 1]]]})
    line = decode_geometry({"type": "LineString", "arcs": [0, 1]}, arcs)
    assert list(line.coords) == [(0, 0), (1, 0), (1, 1)]
    ring = decode_geometry({"type": "Polygon", "arcs": [[0, 1, ~2]]}, arcs)
    assert ring.is_valid and ring.area == 1.0
    assert decode_geometry({"type": "Point", "coordinates": [0, 0]}, arcs) is None


def test_a_topology_layer_gives_valid_shapes_only():
    topology = {
        "arcs": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]],  # a bow tie: invalid until repaired
        "objects": {"lakes": {"geometries": [{"type": "Polygon", "arcs": [[0]]}, {"type": None}]}},
    }
    (lake,) = topology_layer(topology, "lakes")
    assert lake.is_valid and lake.area == 2.0


def test_natural_earth_has_the_amur_and_lake_khanka():
    found = water()
    assert len(found["rivers"]) > 100 and len(found["lakes"]) > 50
    assert any(r.intersects(shapely.Point(127.5, 50.25).buffer(0.3)) for r in found["rivers"])  # at Heihe
    assert any(lake.contains(shapely.Point(132.4, 45.0)) for lake in found["lakes"])  # Khanka


def test_basemap_draws_land_then_lakes_then_rivers_and_nothing_else():
    features = basemap_geojson(AMUR_VIEW)["features"]
    kinds = [f["properties"]["style"]["className"] for f in features]
    assert kinds == sorted(kinds, key=["geomap-basemap", "geomap-basemap-lake", "geomap-basemap-river"].index)
    assert kinds.count("geomap-basemap-river") >= 3 and kinds.count("geomap-basemap-lake") >= 1
    for feature in features:
        kind = feature["properties"]["style"]["className"]
        dims = shapely.get_dimensions(shape(feature["geometry"]))
        assert dims == (1 if kind == "geomap-basemap-river" else 2)
        assert feature["properties"]["style"]["interactive"] is False
    assert json.dumps(basemap_geojson(AMUR_VIEW)) == json.dumps(basemap_geojson(AMUR_VIEW))
