"""A tiny geomap plugin: layers given as data functions, one with its own spec keys, and a spec file."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pluggy
from shapely.geometry import Point

hookimpl = pluggy.HookimplMarker("geomap")


def depots(region: str = "Amur") -> pd.DataFrame:
    """Two made-up depots as a plain table with lat/lon columns (test data, not facts)."""
    return pd.DataFrame(
        {"name": [f"{region} depot 1", f"{region} depot 2"], "lat": [50.26, 50.30], "lon": [127.53, 127.45]}
    )


def ferries() -> gpd.GeoDataFrame:
    """One made-up ferry landing as a GeoDataFrame in Web Mercator (so it must be reprojected)."""
    points = gpd.GeoSeries([Point(127.5, 50.25)], crs="EPSG:4326").to_crs("EPSG:3857")
    return gpd.GeoDataFrame({"name": ["Demo ferry <landing>"]}, geometry=points, crs="EPSG:3857")


def down() -> gpd.GeoDataFrame:
    raise ConnectionError("database unreachable")


def wrong_type() -> list:
    return [1, 2, 3]


@hookimpl
def geomap_layers():
    return [
        ("demo_depots", depots),
        {
            "name": "demo_ferries",
            "function": ferries,
            "title": "Demo ferries",
            "symbol": "marker",
            "tooltip": "{name}",
            "style": {"color": "green", "icon": "ship"},
        },
        ("demo_down", down),
        ("demo_wrong", wrong_type),
    ]


@hookimpl
def geomap_layer_specs():
    return [Path(__file__).with_name("demo_depots.toml")]
