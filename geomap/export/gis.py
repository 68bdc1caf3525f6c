"""The extracted tables as files for GIS work: GeoPackage, GeoParquet or CSV beside the GeoJSON default.
Each is written atomically, names its layer after its table (never the temporary file) and comes out
byte for byte the same when the same tables are written again (GeoPackage's timestamp is pinned)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import GeomapError
from geomap.export import atomic_path

if TYPE_CHECKING:
    import geopandas as gpd

# GeoPackage stores when each table last changed; a fixed value makes reruns identical (GDAL's
# OGR_CURRENT_DATE option, in the format the GeoPackage standard asks for).
GPKG_TIMESTAMP = "1970-01-01T00:00:00.000Z"


@dataclass(frozen=True)
class GisFormat:
    """An extract format: its name on the command line, file suffix, what to call it, what it needs."""

    name: str
    suffix: str
    label: str
    needs: str = ""  # a module to import first ("" for none), with its pip extra below
    extra: str = ""


EXTRACT_FORMATS = {
    f.name: f
    for f in (
        GisFormat("geojson", ".geojson", "GeoJSON"),
        GisFormat("gpkg", ".gpkg", "GeoPackage"),
        GisFormat("parquet", ".parquet", "GeoParquet", needs="pyarrow", extra="parquet"),
        GisFormat("csv", ".csv", "CSV"),
    )
}


def require_format(name: str) -> GisFormat:
    """The format, after checking the library it needs is installed (before any reading)."""
    fmt = EXTRACT_FORMATS.get(name)
    if fmt is None:
        raise GeomapError(f"format {name!r}: expected one of {', '.join(EXTRACT_FORMATS)}")
    if fmt.needs:
        try:
            __import__(fmt.needs)
        except ImportError:
            install = f"pip install 'geomap[{fmt.extra}]'"
            raise GeomapError(f"--format {name} needs {fmt.needs}: {install}") from None
    return fmt


def write_gis(frame: gpd.GeoDataFrame, path: Path, format: str) -> Path:
    """Write one table in a format of EXTRACT_FORMATS but geojson (geomap.export.write_table's)."""
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    writer = {"gpkg": _gpkg, "parquet": _parquet, "csv": _csv}[format]
    try:
        with atomic_path(path, suffix=f".tmp{path.suffix}") as tmp:  # GDAL wants a .gpkg to end so
            writer(frame, tmp, path.stem)
    except OSError as err:
        raise GeomapError(f"{path}: cannot write: {err.strerror or err}") from None
    return path


def _gpkg(frame: gpd.GeoDataFrame, tmp: Path, layer: str) -> None:
    with _gdal_options(OGR_CURRENT_DATE=GPKG_TIMESTAMP):
        frame.to_file(tmp, driver="GPKG", layer=layer, engine="pyogrio")


def _parquet(frame: gpd.GeoDataFrame, tmp: Path, layer: str) -> None:
    frame.to_parquet(tmp, index=False)


def _csv(frame: gpd.GeoDataFrame, tmp: Path, layer: str) -> None:
    """Plain columns, then lon and lat of each point (empty when a row has none): what a spreadsheet
    and QGIS's delimited-text layer read."""
    geometry = frame.geometry
    table = frame.drop(columns=frame.geometry.name)
    table["lon"] = [None if g is None or g.is_empty else g.x for g in geometry]
    table["lat"] = [None if g is None or g.is_empty else g.y for g in geometry]
    table.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")


@contextlib.contextmanager
def _gdal_options(**options: str) -> Iterator[None]:
    """GDAL configuration options for the block, then their earlier values again."""
    import pyogrio

    before = {key: pyogrio.get_gdal_config_option(key) for key in options}
    pyogrio.set_gdal_config_options(options)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)
