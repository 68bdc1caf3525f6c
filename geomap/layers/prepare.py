"""Make a source's rows drawable: EPSG:4326, valid geometries, the spec's columns, a fitting symbol."""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd

from geomap.errors import GeomapError
from geomap.layers.files import frame_geometry
from geomap.layers.locate import at_key
from geomap.layers.problems import LayerWarning
from geomap.layers.spec import POINT_SYMBOLS, LayerSpec

LONLAT_BOUNDS = (-180.0, -90.0, 180.0, 90.0)
_KIND = {
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "LinearRing": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}
# geometry kinds each symbol can draw
DRAWS = {**{s: {"point"} for s in POINT_SYMBOLS}, "line": {"line", "polygon"}, "polygon": {"polygon"}}


def geometry_kinds(data: gpd.GeoDataFrame) -> set[str]:
    """'point', 'line', 'polygon' or 'mixed' (collections) for the rows' geometries."""
    return {_KIND.get(t, "mixed") for t in data.geometry.geom_type.dropna().unique()}


def symbol_for(kinds: Iterable[str]) -> str:
    """The symbol that draws these geometry kinds: circle for points, line, else polygon."""
    kinds = set(kinds)
    if kinds <= {"point"}:
        return "circle"
    return "line" if kinds <= {"line"} else "polygon"


def fits_lonlat(data: gpd.GeoDataFrame) -> bool:
    """True when every coordinate is a possible longitude/latitude."""
    if data.empty or data.geometry.isna().all():
        return True
    west, south, east, north = data.total_bounds
    return west >= -180 and south >= -90 and east <= 180 and north <= 90


def outside_lonlat(data: gpd.GeoDataFrame) -> np.ndarray:
    """Per row: True where a coordinate is no possible longitude/latitude (missing geometries are not)."""
    import shapely

    bounds = shapely.bounds(data.geometry.to_numpy())  # NaN for missing or empty geometries
    with np.errstate(invalid="ignore"):
        return (bounds[:, 0] < -180) | (bounds[:, 1] < -90) | (bounds[:, 2] > 180) | (bounds[:, 3] > 90)


def drop_stray_rows(
    data: gpd.GeoDataFrame, where: str, label: str, *, strict: bool
) -> gpd.GeoDataFrame:
    """Without a CRS, a few rows off the globe (a latitude of 95) are typing errors, not another CRS:
    they are named by row (1 = the first) and left out, or fatal when strict."""
    stray = outside_lonlat(data)
    count = int(stray.sum())
    if count == 0 or count * 2 > len(data):
        return data  # none, or most: the coordinates are in another CRS (to_lonlat says which to set)
    rows = [int(i) + 1 for i in np.flatnonzero(stray)]
    shown = ", ".join(map(str, rows[:10])) + (f" and {count - 10} more" if count > 10 else "")
    rows_have = f"rows {shown} of {len(data)} have" if count != 1 else f"row {shown} of {len(data)} has"
    message = f"{where}: {label}: {rows_have} coordinates outside longitude/latitude (-180..180, -90..90)"
    if strict:
        raise GeomapError(message)
    warnings.warn(f"{message}: left out", LayerWarning, stacklevel=2)
    return data[~stray].reset_index(drop=True)


def to_lonlat(data: gpd.GeoDataFrame, crs: str, where: str, label: str) -> gpd.GeoDataFrame:
    """The rows in EPSG:4326: `crs` (read.crs) overrides the data's, none at all means lon/lat if it fits."""
    if crs:
        data = data.set_crs(crs, allow_override=True)
    elif data.crs is None:
        if not fits_lonlat(data):
            west, south, east, north = (round(float(v), 1) for v in data.total_bounds)
            raise GeomapError(
                f"{where}: {label} has no CRS and its coordinates ({west}, {south}, {east}, {north}) are not "
                "longitude/latitude: set read.crs to the CRS they are in (e.g. 'EPSG:3857')"
            )
        return data.set_crs("EPSG:4326")
    if data.crs.to_epsg() != 4326:
        data = data.to_crs("EPSG:4326")
    if not fits_lonlat(data):
        raise GeomapError(
            f"{where}: {label}: coordinates outside longitude/latitude when read as {crs or data.crs}: "
            "set read.crs to the CRS they are in"
        )
    return data


def repair(data: gpd.GeoDataFrame, where: str, label: str, quiet: bool = False) -> gpd.GeoDataFrame:
    """Invalid geometries made valid (counted in a warning); missing and empty ones dropped (counted)."""
    import shapely

    geoms = data.geometry.to_numpy()
    present = ~pd.isna(geoms)
    invalid = present & ~shapely.is_valid(geoms)
    repaired = int(invalid.sum())
    if repaired:
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
        data = data.set_geometry(gpd.GeoSeries(geoms, index=data.index, crs=data.crs))
    keep = ~pd.isna(geoms) & ~shapely.is_empty(geoms)
    keep[keep] = shapely.is_valid(geoms[keep])
    dropped = int((~keep).sum())
    if repaired and not quiet:
        what = "1 invalid geometry" if repaired == 1 else f"{repaired} invalid geometries"
        warnings.warn(f"{where}: {label}: {what} repaired with make_valid", LayerWarning, stacklevel=2)
    if dropped and not quiet:
        warnings.warn(f"{where}: {label}: {dropped} row{'s' if dropped != 1 else ''} with a missing, empty "
                      "or unrepairable geometry left out", LayerWarning, stacklevel=2)  # fmt: skip
    return data[keep].reset_index(drop=True) if dropped else data.reset_index(drop=True)


def check_columns(data: gpd.GeoDataFrame, spec: LayerSpec, label: str) -> None:
    """Every column the spec reads must be in the data: else name the key and the columns there are."""
    columns = [str(c) for c in data.columns if c != data.geometry.name]
    for key, column in spec.field_keys():
        if column not in data.columns:
            raise GeomapError(f"{at_key(spec.path, key)}: layer {spec.name!r} reads column {column!r}, "
                              f"which {label} does not have (columns: {columns})")  # fmt: skip


def check_symbol(data: gpd.GeoDataFrame, spec: LayerSpec, label: str) -> None:
    """The spec's symbol must be able to draw the rows' geometries."""
    kinds = geometry_kinds(data)
    wrong = sorted(kinds - DRAWS[spec.symbol])
    if wrong:
        raise GeomapError(
            f"{at_key(spec.path, 'symbol')}: symbol {spec.symbol!r} cannot draw the {'/'.join(wrong)} "
            f"geometries of {label} (expected symbol {symbol_for(kinds)!r})"
        )


def prepare(
    data: object, spec: LayerSpec, label: str, *, quiet: bool = False, strict: bool = False
) -> gpd.GeoDataFrame:
    """The rows as the renderer wants them; quiet (built-in event tables) skips drop/empty warnings;
    strict makes rows off the globe fatal."""
    where = spec.path
    crs = str(spec.read.get("crs", ""))
    if isinstance(data, pd.DataFrame) and not isinstance(data, gpd.GeoDataFrame):
        data = frame_geometry(data, spec.read, where, label)
    elif isinstance(data, gpd.GeoDataFrame) and data._geometry_column_name not in data:
        raise GeomapError(f"{where}: layer {spec.name!r}: {label} has no geometry column")
    assert isinstance(data, gpd.GeoDataFrame)
    if not crs and data.crs is None:
        data = drop_stray_rows(data, where, label, strict=strict)
    data = repair(to_lonlat(data, crs, where, label), where, label, quiet=quiet)
    if data.empty:
        if not quiet:
            warnings.warn(f"{where}: layer {spec.name!r} is empty: {label} has no rows to draw",
                          LayerWarning, stacklevel=2)  # fmt: skip
        return data
    check_columns(data, spec, label)
    check_symbol(data, spec, label)
    return data
