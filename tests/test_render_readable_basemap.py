"""The offline basemap's water: TopoJSON decoding, and Natural Earth rivers and lakes around the data."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import shape

from geomap.render.basemap import basemap_extent, basemap_geojson
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


DRAWING_ORDER = [
    "geomap-basemap",  # the coarse world: land with its outline
    "geomap-basemap-lake",  # its great lakes
    "geomap-basemap-land",  # around the data: the land, no outline
    "geomap-basemap-border",  # its coasts and borders
    "geomap-basemap-lake",
    "geomap-basemap-river",
]


def test_basemap_draws_the_world_then_land_coasts_lakes_and_rivers_near_the_data_and_nothing_else():
    features = basemap_geojson(AMUR_VIEW)["features"]
    kinds = [f["properties"]["style"]["className"] for f in features]
    world = kinds.index("geomap-basemap-land")
    assert set(kinds[:world]) == {"geomap-basemap", "geomap-basemap-lake"}
    assert kinds[:world] == sorted(kinds[:world], key=DRAWING_ORDER.index)
    assert kinds[world:] == sorted(kinds[world:], key=DRAWING_ORDER[2:].index)
    assert kinds == DRAWING_ORDER  # each kind one feature: one path on the page, its style written once
    near = zip(kinds[2:], features[2:], strict=True)
    parts = {kind: len(shapely.get_parts(shape(f["geometry"]))) for kind, f in near}
    assert parts["geomap-basemap-river"] >= 3 and parts["geomap-basemap-lake"] >= 1
    for feature in features:
        kind = feature["properties"]["style"]["className"]
        dims = shapely.get_dimensions(shape(feature["geometry"]))
        assert dims == (1 if kind in ("geomap-basemap-river", "geomap-basemap-border") else 2)
        assert feature["properties"]["style"]["interactive"] is False
    assert json.dumps(basemap_geojson(AMUR_VIEW)) == json.dumps(basemap_geojson(AMUR_VIEW))


def _land(features, *kinds):
    return shapely.union_all([shape(f["geometry"]) for f in features
                              if f["properties"]["style"]["className"] in kinds])


def test_basemap_covers_the_world_far_from_the_data():
    features = basemap_geojson(AMUR_VIEW)["features"]
    land = _land(features, "geomap-basemap", "geomap-basemap-land")
    for lon, lat in [(-100, 40), (20, 0), (135, -25), (-60, -10), (10, 50)]:  # every continent
        assert land.contains(shapely.Point(lon, lat)), (lon, lat)
    assert not land.contains(shapely.Point(-30, 30))  # the Atlantic stays sea


def test_basemap_land_near_the_data_has_no_outline_so_its_edges_never_show():
    features = basemap_geojson(AMUR_VIEW)["features"]
    fine = [f for f in features if f["properties"]["style"]["className"] == "geomap-basemap-land"]
    assert fine and all(f["properties"]["style"]["stroke"] is False for f in fine)
    west, south, east, north = basemap_extent(AMUR_VIEW)
    edge = shapely.box(west, south, east, north).boundary
    borders = _land(features, "geomap-basemap-border")
    # no line runs along the edge of the detailed area (a clipped rectangle's outline)
    assert borders.intersection(edge.buffer(0.01)).length < 1.0
    # and the coarse world's cut lies under the detailed land, inside the detailed area
    coarse = _land(features, "geomap-basemap")
    assert coarse.intersection(shapely.box(west + 1, south + 1, east - 1, north - 1)).area < 1e-6


def test_the_world_is_coarser_than_the_land_around_the_data():
    near = shapely.box(*AMUR_VIEW)
    fine = _land(basemap_geojson(AMUR_VIEW)["features"], "geomap-basemap-border").intersection(near)
    far = basemap_geojson((-70.0, -35.0, -55.0, -20.0))["features"]  # data in South America
    coarse = shapely.union_all([shape(f["geometry"]).boundary for f in far
                                if f["properties"]["style"]["className"] == "geomap-basemap"])
    coarse = coarse.intersection(near)  # the Amur region, drawn for data far from it
    assert coarse.length > 0.8 * fine.length  # the same coasts and borders...
    assert shapely.get_num_coordinates(fine) > 3 * shapely.get_num_coordinates(coarse)  # ...in more detail
