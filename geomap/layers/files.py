"""Reading analysts' files: CSV (lat/lon or WKT columns), GeoParquet, and whatever GDAL reads."""

from __future__ import annotations

import csv
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geomap.errors import GeomapError
from geomap.layers.problems import LayerWarning

TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".geoparquet")
LAT_NAMES = ("lat", "latitude", "y")
LON_NAMES = ("lon", "lng", "long", "longitude", "x")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom")
SHOWN_LINES = 5  # bad rows listed by line number in a warning


def read_file(path: Path, read: Mapping[str, Any], where: str) -> gpd.GeoDataFrame | pd.DataFrame:
    """A file's rows: a GeoDataFrame, or for CSV a GeoDataFrame of points/WKT (CRS from read.crs)."""
    if not path.is_file():
        raise GeomapError(f"{where}: no such file: {path}")
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return read_csv(path, read, where)
    try:
        if suffix in PARQUET_SUFFIXES:
            return gpd.read_parquet(path)
        return gpd.read_file(path, engine="pyogrio", layer=_layer(path, read, where),
                             encoding=read.get("encoding") or None)  # fmt: skip
    except GeomapError:
        raise
    except Exception as err:  # pyogrio/pyarrow raise many types for unreadable files
        raise GeomapError(f"{where}: cannot read {path}: {_first_line(err)}") from None


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def _layer(path: Path, read: Mapping[str, Any], where: str) -> str | None:
    """The layer to read: read.layer (checked to exist), else the only one; several need read.layer."""
    import pyogrio

    try:
        names = [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception as err:
        raise GeomapError(f"{where}: cannot read {path}: {_first_line(err)}") from None
    wanted = read.get("layer") or ""
    if wanted and wanted not in names:
        raise GeomapError(f"{where}: key 'read.layer': {path.name} has no layer {wanted!r} (layers: {names})")
    if not wanted and len(names) > 1:
        raise GeomapError(
            f"{where}: {path.name} has {len(names)} layers {names}: set read.layer to one of them"
        )
    return wanted or None


def delimiter(path: Path, encoding: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    with open(path, encoding=encoding, errors="replace", newline="") as f:
        sample = f.read(65536)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_csv(path: Path, read: Mapping[str, Any], where: str) -> gpd.GeoDataFrame:
    """A CSV's rows with a geometry from its lat/lon or WKT columns; bad rows warned by line and dropped."""
    encoding = read.get("encoding") or "utf-8"
    try:
        sep = delimiter(path, encoding)
        frame = pd.read_csv(path, sep=sep, encoding=encoding, skipinitialspace=True)
    except UnicodeDecodeError:
        raise GeomapError(f"{where}: {path.name} is not {encoding} text: set read.encoding "
                          "(e.g. 'cp1251' or 'latin-1')") from None  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as err:
        raise GeomapError(f"{where}: cannot read {path}: {_first_line(err)}") from None
    return frame_geometry(frame, read, where, path.name, lambda rows: csv_lines(path, encoding, sep, rows))


def csv_lines(path: Path, encoding: str, sep: str, rows: Sequence[int]) -> list[int]:
    """The file lines (1-based, the header is line 1) where data rows start, by position as pandas counts."""
    starts, line = [], 1
    with open(path, encoding=encoding, errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=sep)
        for record in reader:
            if record:  # pandas skips blank lines
                starts.append(line)
            line = reader.line_num + 1
    data = starts[1:]  # after the header
    return [data[r] if r < len(data) else r + 2 for r in rows]


def coordinate_columns(columns: Sequence[object], read: Mapping[str, Any]) -> dict[str, str]:
    """{'lat':, 'lon':} or {'wkt':} as read.* names them, else as found by name (case-insensitive); {}."""
    lower = {str(c).strip().lower(): str(c) for c in columns}

    def find(key: str, names: Sequence[str]) -> str:
        return read.get(key) or next((lower[n] for n in names if n in lower), "")

    if read.get("wkt"):
        return {"wkt": read["wkt"]}
    lat, lon = find("lat", LAT_NAMES), find("lon", LON_NAMES)
    if lat and lon:
        return {"lat": lat, "lon": lon}
    wkt = find("wkt", WKT_NAMES)
    return {"wkt": wkt} if wkt else {}


def frame_geometry(
    frame: pd.DataFrame,
    read: Mapping[str, Any],
    where: str,
    label: str,
    line_numbers: Callable[[Sequence[int]], list[int]] | None = None,
) -> gpd.GeoDataFrame:
    """A GeoDataFrame from a table's lat/lon or WKT columns (read.lat/lon/wkt, or detected by name)."""
    import shapely

    columns = [str(c) for c in frame.columns]
    found = coordinate_columns(frame.columns, read)
    lat, lon, wkt = found.get("lat"), found.get("lon"), found.get("wkt")
    for key, col in (
        ("read.lat", read.get("lat")),
        ("read.lon", read.get("lon")),
        ("read.wkt", read.get("wkt")),
    ):
        if col and col not in frame.columns:
            raise GeomapError(f"{where}: key {key!r}: {label} has no column {col!r} (columns: {columns})")
    if wkt:
        texts = [v if isinstance(v, str) and v.strip() else None for v in frame[wkt]]
        geoms = shapely.from_wkt(texts, on_invalid="ignore")
        bad = pd.isna(pd.Series(geoms, index=frame.index, dtype=object)).to_numpy()
        what = f"a WKT geometry in {wkt!r}"
        frame = frame.drop(columns=[wkt])
    elif lat and lon:
        ys = pd.to_numeric(frame[lat], errors="coerce")
        xs = pd.to_numeric(frame[lon], errors="coerce")
        bad = (ys.isna() | xs.isna() | ~ys.abs().lt(float("inf")) | ~xs.abs().lt(float("inf"))).to_numpy()
        geoms = gpd.points_from_xy(xs.fillna(0), ys.fillna(0))
        what = f"numeric coordinates in {lat!r}/{lon!r}"
    else:
        raise GeomapError(
            f"{where}: {label} has no coordinate columns: expected lat/lon (or latitude/longitude, y/x) "
            f"or a WKT column; set read.lat and read.lon, or read.wkt (columns: {columns})"
        )
    gdf = gpd.GeoDataFrame(
        frame, geometry=gpd.GeoSeries(geoms, index=frame.index), crs=read.get("crs") or None
    )
    if bad.any():
        positions = [int(i) for i in bad.nonzero()[0]]
        shown = positions[:SHOWN_LINES]
        word, numbers = ("line", line_numbers(shown)) if line_numbers else ("row", [r + 1 for r in shown])
        more = f" and {len(positions) - SHOWN_LINES} more" if len(positions) > SHOWN_LINES else ""
        where_rows = f"{word}{'s' if len(positions) > 1 else ''} {', '.join(map(str, numbers))}{more}"
        warnings.warn(
            f"{where}: {label}: {len(positions)} row{'s' if len(positions) != 1 else ''} without {what} "
            f"left out ({where_rows})",
            LayerWarning,
            stacklevel=2,
        )
        gdf = gdf[~bad]
    return gdf.reset_index(drop=True)
