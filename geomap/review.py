"""Reading back what `geomap extract -o DIR` wrote, after an analyst edited it, for `geomap build --events`.

Each table is <name>.geojson (or <name>.parquet / .geoparquet / .gpkg). Every feature is checked
before the map is drawn; the first problem stops the build with one line naming the file, the feature, the
field and what was expected, so a typo in a corrected value never reaches a page silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapError

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.model import Document

TABLES = ("places", "visits", "crossings", "traffic")
SUFFIXES = (".geojson", ".parquet", ".geoparquet", ".gpkg")  # what `geomap extract --format` writes
PARTED = (".parquet", ".geoparquet")  # a folder of this name holds a large table's GeoParquet parts
# The fields a row cannot be drawn or read without; the other documented columns may be left out.
REQUIRED = {
    "places": ("place_id", "name"),
    "visits": ("who", "name"),
    "crossings": ("name",),
    "traffic": ("metric", "value", "unit"),
}
STATUSES = ("opened", "closed", "reopened", "suspended", "resumed", "under construction", "completed",
            "planned", "idle", "congested")  # fmt: skip
# JSON columns: GeoJSON keeps them as lists; other readers give them as JSON text.
JSON_COLUMNS = {"candidates", "sources", "status_events"}
DATE_EXAMPLES = "2024, 2024-05 or 2024-05-17"
PERIOD_EXAMPLES = "a year first: 2024, 2024-05, 2024-Q2, 2024-01..2024-03"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR_FIRST = re.compile(r"\d{4}(?!\d)")
_FULL_DAY = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")

class ReviewError(GeomapError):
    """A file of the reviewed extraction cannot be read as the table it should be."""


def _where(path: Path, index: int | None, field: str | None) -> str:
    at = str(path)
    if index is not None:
        at += f": feature {index}"
    if field is not None:
        at += f": {field!r}"
    return at


def _fail(path: Path, index: int | None, field: str | None, expected: str, found: Any = None) -> ReviewError:
    shown = "" if found is None else f", found {json.dumps(found, ensure_ascii=False)[:60]}"
    return ReviewError(f"{_where(path, index, field)}: expected {expected}{shown}")


def valid_date(text: str) -> bool:
    """'2024', '2024-05' or '2024-05-17', a real month and day."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return False
    try:
        dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return False
    return True


def valid_period(text: str) -> bool:
    """A reported period: starts with a year ('2024', '2024-Q2', '2012-13', '2024-01..2024-03'), and every
    full day in it is a real one."""
    text = text.strip()
    return bool(_YEAR_FIRST.match(text)) and all(valid_date(day) for day in _FULL_DAY.findall(text))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_value(path: Path, kind: str, index: int, column: str, value: Any) -> None:
    """Raise ReviewError when a cell does not hold what its column documents."""
    from geomap.tables import DATES, FLOATS, INTS

    if value is None:
        return
    if column in FLOATS and not _is_number(value):
        raise _fail(path, index, column, "a number (or null)", value)
    if column in INTS and not (kind == "visits" and column in ("start", "end")):  # a visit's are dates
        if not (_is_number(value) and float(value).is_integer()):
            raise _fail(path, index, column, "a whole number (or null)", value)
        return
    if column in JSON_COLUMNS:
        if not isinstance(value, list | str):
            raise _fail(path, index, column, "a JSON list", value)
        if column == "status_events":
            check_status_events(path, index, value)
        return
    if column not in FLOATS and not isinstance(value, str | int | float):
        raise _fail(path, index, column, "text", value)
    if column in DATES and isinstance(value, str) and value.strip():
        if column == "period" and not valid_period(value):
            raise _fail(path, index, column, f"a period ({PERIOD_EXAMPLES})", value)
        if column != "period" and not valid_date(value):
            raise _fail(path, index, column, f"an ISO date ({DATE_EXAMPLES})", value)


def check_status_events(path: Path, index: int, value: Any) -> None:
    """Each status event: a known `what` and, when dated, ISO dates."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            raise _fail(path, index, "status_events", "a JSON list of status events", value) from None
    if not isinstance(value, list):
        raise _fail(path, index, "status_events", "a JSON list of status events", value)
    for i, event in enumerate(value):
        field = f"status_events[{i}]"
        if not isinstance(event, dict):
            raise _fail(path, index, field, 'an object {"what", "date", ...}', event)
        if event.get("what") not in STATUSES:
            raise _fail(path, index, f"{field}.what", f"one of {', '.join(STATUSES)}", event.get("what"))
        for key in ("date", "end"):
            when = event.get(key)
            if when not in (None, "") and not (isinstance(when, str) and valid_date(when)):
                raise _fail(path, index, f"{field}.{key}", f"an ISO date ({DATE_EXAMPLES}) or null", when)


def check_geometry(path: Path, index: int, geometry: Any) -> None:
    """Null, or a Point with a longitude in -180..180 and a latitude in -90..90."""
    if geometry is None:
        return
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise _fail(path, index, "geometry", 'a Point ({"type": "Point", "coordinates": [lon, lat]}) or null',
                    geometry)  # fmt: skip
    coords = geometry.get("coordinates")
    numbers = isinstance(coords, list | tuple) and all(_is_number(c) for c in coords)
    if not (numbers and len(coords) in (2, 3)):
        raise _fail(path, index, "geometry.coordinates", "[longitude, latitude] as numbers", coords)
    lon, lat = coords[0], coords[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise _fail(path, index, "geometry.coordinates",
                    "[longitude, latitude] with longitude in -180..180 and latitude in -90..90", coords)


@functools.cache
def text_columns(kind: str) -> frozenset[str]:
    """The kind's columns of plain text, where any string is valid (checked without check_value)."""
    from geomap.tables import COLUMNS, DATES, FLOATS, INTS

    return frozenset(COLUMNS[kind]) - DATES - FLOATS - INTS - JSON_COLUMNS


@functools.cache
def number_columns(kind: str) -> frozenset[str]:
    """The kind's columns of numbers, where any finite float is valid."""
    from geomap.tables import COLUMNS, DATES, FLOATS, INTS

    return (frozenset(COLUMNS[kind]) & FLOATS) - DATES - INTS - JSON_COLUMNS


def check_row(path: Path, kind: str, index: int, props: Mapping[str, Any]) -> None:
    """Every documented field the row has is valid and the required ones are there."""
    from geomap.tables import COLUMNS

    for column in REQUIRED[kind]:
        if props.get(column) in (None, ""):
            raise _fail(path, index, column, f"a value (every {kind} row needs {', '.join(REQUIRED[kind])})")
    text, numbers = text_columns(kind), number_columns(kind)
    for column in COLUMNS[kind]:
        value = props.get(column)
        if value is None or (type(value) is str and column in text):  # the common cells, at once
            continue
        if type(value) is float and column in numbers and math.isfinite(value):
            continue
        check_value(path, kind, index, column, value)
    if "status_events" in props and "status_events" not in COLUMNS[kind]:
        check_value(path, kind, index, "status_events", props["status_events"])


def check_feature(path: Path, kind: str, index: int, feature: Any) -> dict[str, Any]:
    """A GeoJSON feature's properties once its fields and geometry are checked."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise _fail(path, index, None, 'a GeoJSON Feature ({"type": "Feature", ...})', feature)
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise _fail(path, index, "properties", "an object of the row's columns", props)
    check_row(path, kind, index, props)
    check_geometry(path, index, feature.get("geometry"))
    return props


def read_geojson(path: Path, kind: str) -> gpd.GeoDataFrame:
    """A reviewed GeoJSON table, every feature checked, as the table `geomap extract` made."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ReviewError(f"{path}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ReviewError(f"{path}: expected UTF-8 text ({err.reason})") from None
    except ValueError as err:
        raise ReviewError(f"{path}: expected GeoJSON, the JSON does not parse: {err}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ReviewError(f"{path}: expected a GeoJSON FeatureCollection, as `geomap extract` writes")
    features = data.get("features")
    if not isinstance(features, list):
        raise _fail(path, None, "features", "a list of features", features)
    rows = [check_feature(path, kind, i, f) for i, f in enumerate(features)]
    return frame(kind, rows, _points(features))


def _points(features: list[dict[str, Any]]) -> list[Any]:
    """The checked features' Points (None where null), made in one vectorised call when all are 2-D."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    coords = [f["geometry"]["coordinates"] if f.get("geometry") else None for f in features]
    if any(c is not None and len(c) != 2 for c in coords):
        return [shape(f["geometry"]) if f.get("geometry") else None for f in features]
    at = [i for i, c in enumerate(coords) if c is not None]
    geoms: list[Any] = [None] * len(features)
    if at:
        for i, point in zip(at, shapely.points(np.array([coords[i] for i in at], dtype=float)), strict=True):
            geoms[i] = point
    return geoms


def read_parquet(path: Path, kind: str) -> gpd.GeoDataFrame:
    """A reviewed GeoParquet (a file, or a folder of part files as `geomap extract --format parquet`
    writes a large table) or GeoPackage (its layer named after the table, else its only one) table,
    every row checked like a GeoJSON feature."""
    rows: list[dict[str, Any]] = []
    geoms: list[Any] = []
    for part in _parts(path) if path.is_dir() else [path]:
        more, shapes = _checked_rows(part, kind)
        rows += more
        geoms += shapes
    return frame(kind, rows, geoms)


def _parts(folder: Path) -> list[Path]:
    """The part files of a GeoParquet folder, in order (their names sort as the table's rows)."""
    parts = sorted(p for p in folder.iterdir() if p.suffix == ".parquet" and not p.name.startswith("."))
    if not parts:
        raise ReviewError(f"{folder}: expected GeoParquet part files (part-00000.parquet, ...) in the folder")
    return parts


def _checked_rows(path: Path, kind: str) -> tuple[list[dict[str, Any]], list[Any]]:
    """The rows of one GeoParquet or GeoPackage file and their geometries, each checked."""
    import geopandas as gpd
    from shapely.geometry import mapping

    gpkg = path.suffix == ".gpkg"
    try:
        data = _read_gpkg(path, kind) if gpkg else gpd.read_parquet(path)
    except Exception as err:  # noqa: BLE001 - any reader failure is the user's file
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ReviewError(f"{path}: expected {'a GeoPackage' if gpkg else 'GeoParquet'} ({first})") from None
    if data.crs is not None and data.crs.to_epsg() != 4326:
        data = data.to_crs("EPSG:4326")
    plain = data.drop(columns=data.geometry.name).astype(object)
    rows = [{k: _plain(v) for k, v in r.items()} for r in plain.to_dict("records")]
    geoms = list(data.geometry)
    for i, (row, geom) in enumerate(zip(rows, geoms, strict=True)):
        check_row(path, kind, i, row)
        check_geometry(path, i, None if geom is None or geom.is_empty else mapping(geom))
    return rows, geoms


def _read_gpkg(path: Path, kind: str) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pyogrio

    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    layer = kind if kind in layers or len(layers) != 1 else layers[0]
    return gpd.read_file(path, layer=layer, engine="pyogrio")


def _plain(value: Any) -> Any:
    """A parquet cell as JSON would hold it: None for NaN, ISO text for dates, lists for arrays, numbers."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "NaT":
        return None
    if hasattr(value, "isoformat"):  # a date column a writer stored as dates
        return value.isoformat()[:10]
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def frame(kind: str, rows: list[Mapping[str, Any]], geoms: list[Any]) -> gpd.GeoDataFrame:
    """The rows as the documented table; extra columns (an analyst's notes) kept after them as text."""
    from geomap.tables import COLUMNS, table_from_rows

    table = table_from_rows(kind, [dict(r) for r in rows], geoms)
    extra = sorted({k for r in rows for k in r} - set(COLUMNS[kind]) - {"geometry"})
    for column in extra:
        table[column] = [_json_text(r.get(column)) for r in rows]
    if "id" in table.columns:  # rows an analyst added may have none
        table["id"] = [i or f"{kind}-added-{n}" for n, i in enumerate(table["id"])]
    return table


def _json_text(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def table_path(folder: Path, name: str) -> Path:
    """The file holding table `name` in folder; ReviewError naming what was looked for when none."""
    for suffix in SUFFIXES:
        path = folder / f"{name}{suffix}"
        if path.is_file() or (suffix in PARTED and path.is_dir()):
            return path
    raise ReviewError(f"{folder / (name + '.geojson')}: no such file (expected the {name} table that "
                      f"`geomap extract -o {folder}` writes)")  # fmt: skip


def cited_documents(tables: Mapping[str, gpd.GeoDataFrame]) -> list[Document]:
    """The articles the tables cite (file name, title, date; no text), for the page's sources panel."""
    from geomap.model import Document

    found: dict[str, dict[str, str]] = {}

    def note(doc: Any, title: Any = "", date: Any = "") -> None:
        if not isinstance(doc, str) or not doc:
            return
        seen = found.setdefault(doc, {"title": "", "date": ""})
        seen["title"] = seen["title"] or (title if isinstance(title, str) else "")
        seen["date"] = seen["date"] or (date if isinstance(date, str) else "")

    for name in ("visits", "crossings", "traffic"):
        table = tables.get(name)
        for row in [] if table is None else table.to_dict("records"):
            note(row.get("doc"), row.get("doc_title"), row.get("doc_date"))
            try:
                cited = json.loads(row.get("sources") or "[]")
            except (TypeError, ValueError):
                cited = []
            for item in cited if isinstance(cited, list) else []:
                if isinstance(item, dict):
                    note(item.get("doc"), item.get("title"), item.get("date"))
    places = tables.get("places")
    for doc in [] if places is None or "doc" not in places else places["doc"]:
        note(doc)
    return [Document(id=doc, path=doc, title=meta["title"], date=meta["date"] or None, source=doc, text="")
            for doc, meta in sorted(found.items())]  # fmt: skip


def read_extraction(folder: str | Path) -> dict[str, gpd.GeoDataFrame]:
    """The four tables of a reviewed extraction folder, each checked; ReviewError on the first problem."""
    root = Path(folder)
    if not root.is_dir():
        raise ReviewError(f"{root}: expected a folder written by `geomap extract -o {root}`")
    tables = {}
    for name in TABLES:
        path = table_path(root, name)
        tables[name] = read_geojson(path, name) if path.suffix == ".geojson" else read_parquet(path, name)
    return tables
