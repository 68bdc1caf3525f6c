"""Mentions and events as GeoDataFrames (EPSG:4326) with the columns of docs/tables.md."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter, methodcaller
from pathlib import Path
from types import NoneType
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapError
from geomap.model import Crossing, Document, Mention, Place, Provenance, Traffic, Visit
from geomap.words import and_list

if TYPE_CHECKING:
    import geopandas as gpd

CRS = "EPSG:4326"
PROVENANCE = ["doc", "doc_title", "doc_date", "sentence", "quote_start", "quote_end", "sources"]
COLUMNS: dict[str, list[str]] = {
    "places": ["doc", "start", "end", "text", "sentence", "place_id", "name", "kind", "country",
               "confidence", "candidates"],
    "visits": ["id", "who", "who_native", "place_id", "name", "kind", "start", "end", "date_text",
               "date_source", "occasion", "planned", "with", "confidence", *PROVENANCE],
    "crossings": ["id", "place_id", "name", "mode",
                  "side_a", "side_a_name", "side_a_country", "side_a_lat", "side_a_lon",
                  "side_b", "side_b_name", "side_b_country", "side_b_lat", "side_b_lon",
                  "status", "date_text", "status_events", "confidence", *PROVENANCE],
    "traffic": ["id", "metric", "label", "value", "unit", "period", "period_text", "date_text", "change_pct",
                "change_factor", "value_min", "subject", "subject_name", "confidence", *PROVENANCE],
}
INTS = {"start", "end", "quote_start", "quote_end"}
# Columns of JSON text (lists and objects, as _json writes them; GDAL writes them as JSON values)
JSON_COLUMNS = {"candidates", "with", "status_events", "sources"}
FLOATS = {"confidence", "value", "value_min", "change_pct", "change_factor", "side_a_lat", "side_a_lon",
          "side_b_lat", "side_b_lon"}
BOOLS = {"planned"}
# Columns added after tables were first written: a table without them still reads (as False/empty).
OPTIONAL = {"planned", "with", "who_native", "date_source", "date_text"}
# Columns that hold ISO dates or periods: kept as text whatever a reader guesses.
DATES = {"start", "end", "doc_date", "period"}


@dataclass
class Table:
    """A table before it becomes a GeoDataFrame: its rows and each row's point, (lon, lat) or None.
    Writing it (geomap.export.write_table) needs no pandas; frame() gives the GeoDataFrame."""

    kind: str
    rows: list[dict[str, Any]]
    points: list[tuple[float, float] | None]

    def frame(self) -> gpd.GeoDataFrame:
        """The rows as a typed GeoDataFrame (EPSG:4326) with the columns of COLUMNS[kind]."""
        return _frame(self.kind, self.rows, _points(self.points))

    def _column_values(self) -> list[list[Any]]:
        """Each column's values (None where a row lacks the column): each column read off every row
        by its itemgetter in a C loop when the rows have every column, as the builders make them."""
        names = COLUMNS[self.kind]
        try:
            return [list(map(itemgetter(col), self.rows)) for col in names]
        except KeyError:
            return [list(map(methodcaller("get", col), self.rows)) for col in names]

    def columns(self) -> dict[str, list[Any]] | None:
        """Each column as a list of the values frame() holds (None for a missing number); None when
        some value is not of its column's type (frame() then coerces it through pandas)."""
        out: dict[str, list[Any]] = {}
        for col, values in zip(COLUMNS[self.kind], self._column_values(), strict=True):
            kinds = set(map(type, values))  # what the values are, so that most columns are kept as they are
            if _is_int_column(self.kind, col):
                if not kinds <= {int, NoneType}:
                    return None
                out[col] = [0 if v is None else v for v in values] if NoneType in kinds else values
            elif col in FLOATS:
                if not kinds <= {int, float, NoneType}:
                    return None
                plain = kinds <= {float} and not any(map(math.isnan, values))
                out[col] = values if plain else [None if v is None or v != v else float(v) for v in values]
            elif col in BOOLS:
                out[col] = values if kinds <= {bool} else [_true(v) for v in values]
            else:
                out[col] = values if kinds <= {str} else [v if type(v) is str else _text(v) for v in values]
        return out


class Tables(MutableMapping[str, "gpd.GeoDataFrame"]):
    """Tables by name that become GeoDataFrames when first read (writing a Table needs none)."""

    def __init__(self, tables: Mapping[str, Table]) -> None:
        self._tables = dict(tables)
        self._frames: dict[str, gpd.GeoDataFrame] = {}

    def table(self, name: str) -> Table | None:
        """The table as built, or None once its frame was read (and so may have been changed)."""
        return None if name in self._frames else self._tables.get(name)

    def __getitem__(self, name: str) -> gpd.GeoDataFrame:
        if name not in self._frames:
            self._frames[name] = self._tables[name].frame()
        return self._frames[name]

    def __setitem__(self, name: str, frame: gpd.GeoDataFrame) -> None:
        self._frames[name] = frame
        self._tables.setdefault(name, Table(name, [], []))

    def __delitem__(self, name: str) -> None:
        del self._tables[name]
        self._frames.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


def _true(value: Any) -> bool:
    """A yes/no column's value: True, "true", "1", "yes" (any case) are yes."""
    return str(value).strip().lower() in ("true", "1", "yes")


def _is_int_column(kind: str, col: str) -> bool:
    """Integer columns (visits' start and end are dates, not offsets)."""
    return col in INTS and not (kind == "visits" and col in ("start", "end"))


def _frame(kind: str, rows: list[dict[str, Any]], geoms: list[Any]) -> gpd.GeoDataFrame:
    """The rows as a typed table: columns built in plain Python when every value already has its
    column's type (what the extractors give), else through pandas' coercion (edited tables)."""
    import geopandas as gpd

    columns = COLUMNS[kind]
    geometry = gpd.GeoSeries(geoms, crs=CRS)
    typed = _typed_columns(kind, rows)
    if typed is not None:
        return gpd.GeoDataFrame(typed, geometry=geometry, crs=CRS)
    gdf = gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs=CRS)
    return _coerce(gdf, kind)


def _typed_columns(kind: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Each column of COLUMNS[kind] as an array of its documented type, the same values _coerce
    gives; None when some value is not of a type handled here (then _coerce does the work)."""
    import numpy as np
    import pandas as pd

    out: dict[str, Any] = {}
    for col in COLUMNS[kind]:
        values = [row.get(col) for row in rows]
        if _is_int_column(kind, col):
            if not all(type(v) is int or v is None for v in values):
                return None
            out[col] = np.array([0 if v is None else v for v in values], dtype="int64")
        elif col in FLOATS:
            if not all(type(v) in (int, float) or v is None for v in values):
                return None
            out[col] = np.array([np.nan if v is None else v for v in values], dtype="float64")
        elif col in BOOLS:
            out[col] = np.array([_true(v) for v in values], dtype=bool)
        else:
            out[col] = pd.Series([v if type(v) is str else _text(v) for v in values], dtype=object)
    return out


def _json_encoder() -> Callable[[Any], str]:
    """json.dumps(value, ensure_ascii=False) for the tables' plain values (no cycles): json's C encoder
    made once, where json.dumps makes one (and a circular-reference table) per call; json's own encoder
    where the C one is missing or takes other arguments."""
    plain = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    try:
        encode = make(None, plain.default, json.encoder.encode_basestring, None, ": ", ", ", False, False,
                      True) if make is not None else None
    except TypeError:
        encode = None
    if encode is None:
        return plain.encode

    def dumps(value: Any) -> str:
        return json.encoder.encode_basestring(value) if isinstance(value, str) else "".join(encode(value, 0))

    return dumps


_json = _json_encoder()


def _points(coords: Sequence[tuple[float | None, float | None] | None]) -> list[Any]:
    """A shapely point for each (lon, lat) that has_point, else None; made in one call."""
    import numpy as np
    import shapely

    out: list[Any] = [None] * len(coords)
    keep = [i for i, c in enumerate(coords) if c is not None and has_point(*c)]
    if keep:
        xy = np.array([(float(coords[i][0]), float(coords[i][1])) for i in keep], dtype=float)
        for i, point in zip(keep, shapely.points(xy).tolist(), strict=True):
            out[i] = point
    return out


def has_point(lon: float | None, lat: float | None) -> bool:
    """Whether a (lon, lat) places a row on the map (no coordinate missing, longitude not NaN)."""
    return not (lon is None or lat is None or (isinstance(lon, float) and math.isnan(lon)))


def _stable_id(prefix: str, *parts: Any) -> str:
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


def _unique_ids(ids: list[str]) -> list[str]:
    """Suffix repeated ids (-2, -3...) so every row has its own."""
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out


def _provenance(sources: Sequence[Provenance],
                entries: dict[tuple[str, ...], str] | None = None) -> dict[str, Any]:
    """The provenance columns: the first report, and every report as a JSON list (entries: each report's
    JSON object by its fields, shared by the rows of one table: a sentence often backs several rows)."""
    first = sources[0] if sources else None
    entries = {} if entries is None else entries
    listed = []
    for p in sources:
        key = (p.source, p.doc_title, p.doc_date or "", p.sentence)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = _json(dict(zip(("doc", "title", "date", "sentence"), key, strict=True)))
        listed.append(entry)
    return {
        "doc": first.source if first else "",
        "doc_title": first.doc_title if first else "",
        "doc_date": (first.doc_date or "") if first else "",
        "sentence": first.sentence if first else "",
        "quote_start": first.quote_start if first else 0,
        "quote_end": first.quote_end if first else 0,
        "sources": "[" + ", ".join(listed) + "]",  # as json.dumps writes a list
    }


def _all_mentions(mentions: Mapping[str, list[Mention]] | Iterable[Mention]) -> list[Mention]:
    if isinstance(mentions, Mapping):
        return [m for ms in mentions.values() for m in ms]
    return list(mentions)


def places_table(docs: Sequence[Document], mentions: Mapping[str, list[Mention]] | Iterable[Mention]
                 ) -> gpd.GeoDataFrame:
    """One row per place mention, in document then text order."""
    return places_rows(docs, mentions).frame()


def places_rows(docs: Sequence[Document], mentions: Mapping[str, list[Mention]] | Iterable[Mention]) -> Table:
    """The rows of places_table."""
    order = {d.id: i for i, d in enumerate(docs)}
    source = {d.id: d.source for d in docs}
    ms = sorted(_all_mentions(mentions), key=lambda m: (order.get(m.doc_id, len(order)), m.start, m.end))
    # a name's mentions in a document share one candidates tuple: its JSON is made once
    candidates: dict[int, str] = {}
    for m in ms:
        if id(m.candidates) not in candidates:
            candidates[id(m.candidates)] = _json([[c.place_id, c.score] for c in m.candidates])
    rows = [{
        "doc": source.get(m.doc_id, m.doc_id), "start": m.start, "end": m.end, "text": m.text,
        "sentence": m.sentence, "place_id": m.place.id, "name": m.place.name, "kind": m.place.kind,
        "country": m.place.country, "confidence": m.confidence,
        "candidates": candidates[id(m.candidates)],
    } for m in ms]
    return Table("places", rows, [(m.place.lon, m.place.lat) for m in ms])


# A table's rows and each row's point, (lon, lat) or None
RowsAndPoints = tuple[list[dict[str, Any]], list[tuple[float, float] | None]]


def visits_table(visits: Iterable[Visit]) -> gpd.GeoDataFrame:
    """One row per (merged) visit, ordered by date, visitor and place."""
    return visits_rows(visits).frame()


def visits_rows(visits: Iterable[Visit]) -> Table:
    """The rows of visits_table."""
    return rows_in_order("visits", *in_row_order("visits", visits))


def _visit_rows(items: Sequence[Visit]) -> RowsAndPoints:
    entries: dict[tuple[str, ...], str] = {}
    rows = [{
        "who": v.who, "who_native": v.who_native, "place_id": v.place.id, "name": v.place.name,
        "kind": v.place.kind,
        "start": v.start or "", "end": v.end or "", "date_text": v.date_text,
        "date_source": v.date_source, "occasion": v.occasion,
        "planned": bool(v.planned),
        "with": _json(v.companions) if v.companions else "",
        "confidence": v.confidence, **_provenance(v.sources, entries),
    } for v in items]
    return rows, [(v.place.lon, v.place.lat) for v in items]


def _side(prefix: str, p: Place | None, country: str = "") -> dict[str, Any]:
    """A side's columns; an unplaced side keeps the country the crossing is known to reach."""
    if p is None:
        return {prefix: "", f"{prefix}_name": "", f"{prefix}_country": country, f"{prefix}_lat": None,
                f"{prefix}_lon": None}
    return {prefix: p.id, f"{prefix}_name": p.name, f"{prefix}_country": p.country,
            f"{prefix}_lat": p.lat, f"{prefix}_lon": p.lon}


def _other_country(c: Crossing, known: Place | None) -> str:
    """The country across from a placed side, read from a curated crossing's two countries ("NO/RU");
    "" when the crossing does not name two or the other side is not placed either."""
    codes = c.place.country.split("/") if c.place.country else []
    if known is None or len(codes) != 2 or known.country not in codes:
        return ""
    return codes[1] if codes[0] == known.country else codes[0]


def status_events_json(c: Crossing) -> str:
    """The crossing's dated status events as a JSON list (what, date, end, planned, text, quote)."""
    return _json([{"what": e.what, "date": e.date, "end": e.end, "planned": e.planned, "text": e.text,
                   "date_text": e.date_text, "quote_start": e.quote_start, "quote_end": e.quote_end}
                  for e in getattr(c, "status_events", [])])


def status_date_text(c: Crossing) -> str:
    """The words each dated status event's date was read from, "; "-joined in the status's order."""
    return "; ".join(dict.fromkeys(e.date_text for e in getattr(c, "status_events", []) if e.date_text))


def crossings_table(crossings: Iterable[Crossing]) -> gpd.GeoDataFrame:
    """One row per crossing, with its two sides and dated status, ordered by crossing id."""
    return crossings_rows(crossings).frame()


def crossings_rows(crossings: Iterable[Crossing]) -> Table:
    """The rows of crossings_table."""
    return rows_in_order("crossings", *in_row_order("crossings", crossings))


def _crossing_rows(items: Sequence[Crossing]) -> RowsAndPoints:
    entries: dict[tuple[str, ...], str] = {}
    rows = [{
        "place_id": c.place.id, "name": c.place.name, "mode": c.mode,
        **_side("side_a", c.side_a, _other_country(c, c.side_b)),
        **_side("side_b", c.side_b, _other_country(c, c.side_a)),
        "status": c.status, "date_text": status_date_text(c), "status_events": status_events_json(c),
        "confidence": c.confidence,
        **_provenance(c.sources, entries),
    } for c in items]
    return rows, [(c.place.lon, c.place.lat) for c in items]


def pair_point(a: Place, b: Place) -> tuple[float, float]:
    """Where a figure about two places goes, as (lon, lat): mid-border for two neighbouring
    countries, else midway."""
    if a.kind == "country" and b.kind == "country" and a.country and b.country:
        try:
            mid = _border_midpoint(a.country.upper(), b.country.upper())
            if mid is not None:
                return mid
        except (GeomapError, ImportError, OSError, ValueError):
            pass
    return ((a.lon + b.lon) / 2, (a.lat + b.lat) / 2)


@lru_cache(maxsize=256)  # per country pair
def _border_midpoint(a: str, b: str) -> tuple[float, float] | None:
    """naturalearth.border_midpoint(a, b): from the pair's lines as an earlier run cached them, found
    without importing the Natural Earth package (its import reads shapefile code: most of a first
    extraction's table time); through naturalearth when they are not cached."""
    import shapely

    from geomap import naturalearth

    try:
        lines = list(shapely.get_parts(shapely.from_wkb(_cached_border_file(a, b).read_bytes())))
    except (OSError, shapely.errors.GEOSException, ValueError):
        return naturalearth.border_midpoint(a, b)
    if not lines:
        return None
    mid = max(lines, key=lambda line: line.length).interpolate(0.5, normalized=True)
    return (mid.x, mid.y)


def _cached_border_file(a: str, b: str) -> Path:
    """naturalearth._cache_file(a, b), with the package's folder found by its spec (not imported)."""
    from geomap import naturalearth

    spec = importlib.util.find_spec(naturalearth._PACKAGE)
    if spec is None or spec.origin is None:
        raise OSError(f"{naturalearth._PACKAGE} not found")
    source = Path(spec.origin).parent / naturalearth._ZIP
    stat = source.stat()
    stamp = f"{naturalearth._CACHE_VERSION}:{source}:{stat.st_size}:{stat.st_mtime_ns}"
    root = Path(os.environ.get("GEOMAP_CACHE") or Path.home() / ".cache" / "geomap")
    return root / f"borders-{hashlib.sha1(stamp.encode()).hexdigest()[:12]}" / f"{a}-{b}.wkb"


def _traffic_point(t: Traffic) -> tuple[float, float] | None:
    if not t.subject:
        return None
    if len(t.subject) == 1:
        return (t.subject[0].lon, t.subject[0].lat)
    return pair_point(t.subject[0], t.subject[1])


def traffic_table(traffic: Iterable[Traffic]) -> gpd.GeoDataFrame:
    """One row per reported figure, ordered by metric, period and subject."""
    return traffic_rows(traffic).frame()


def traffic_rows(traffic: Iterable[Traffic]) -> Table:
    """The rows of traffic_table."""
    return rows_in_order("traffic", *in_row_order("traffic", traffic))


def _traffic_rows(items: Sequence[Traffic]) -> RowsAndPoints:
    entries: dict[tuple[str, ...], str] = {}
    rows = [{
        "metric": t.metric, "label": t.label, "value": t.value, "value_min": t.value_min, "unit": t.unit,
        "period": t.period,
        "period_text": t.period_text, "date_text": t.period_text,  # the words read, as visits' date_text
        "change_pct": t.change_pct, "change_factor": t.change_factor,
        "subject": ";".join(p.id for p in t.subject), "subject_name": and_list([p.name for p in t.subject]),
        "confidence": t.confidence, **_provenance(t.sources, entries),
    } for t in items]
    return rows, [_traffic_point(t) for t in items]


def _subject_ids(t: Traffic) -> str:
    return ";".join(p.id for p in t.subject)


# Each event table: its rows' order, each row's id (before repeats are numbered), its rows and points.
ROW_ORDER: dict[str, Callable[[Any], tuple]] = {
    "visits": lambda v: (v.start or "9999", v.end or "", v.who, v.place.id),
    "crossings": lambda c: (c.place.id, c.mode),
    "traffic": lambda t: (t.metric, t.period, _subject_ids(t), t.value),
}
ROW_ID: dict[str, Callable[[Any], str]] = {
    "visits": lambda v: _stable_id("visit", v.who, v.place.id, v.start, v.end),
    "crossings": lambda c: _stable_id("crossing", c.place.id, c.mode),
    "traffic": lambda t: _stable_id("traffic", t.metric, _subject_ids(t), t.period, repr(float(t.value)),
                                    t.unit),
}
ROWS: dict[str, Callable[[Sequence[Any]], RowsAndPoints]] = {
    "visits": _visit_rows, "crossings": _crossing_rows, "traffic": _traffic_rows,
}


def in_row_order(kind: str, events: Iterable[Any]) -> tuple[list[Any], list[str]]:
    """An event table's events in the order of its rows, with each row's id (unique in the table)."""
    items = sorted(events, key=ROW_ORDER[kind])
    return items, _unique_ids([ROW_ID[kind](x) for x in items])


def rows_in_order(kind: str, items: Sequence[Any], ids: Sequence[str]) -> Table:
    """The table rows of events already in row order, with their ids: any consecutive run of a table's
    events gives the same rows as in the whole table (so parts can be made apart and joined)."""
    rows, points = ROWS[kind](items)
    for row, i in zip(rows, ids, strict=True):
        row["id"] = i
    return Table(kind, rows, points)


def table_from_rows(kind: str, rows: list[dict[str, Any]], geoms: list[Any]) -> gpd.GeoDataFrame:
    """A table of one kind from row dicts and shapely geometries, each column given its documented type
    (for readers of tables an analyst edited; keys outside COLUMNS[kind] are left out)."""
    return _frame(kind, rows, geoms)


def table_kind(columns: Iterable[str]) -> str:
    """Which table a set of columns is (places, visits, crossings, traffic); GeomapError if none."""
    cols = set(columns) - {"geometry"}
    for kind, expected in COLUMNS.items():
        if set(expected) - OPTIONAL <= cols:
            return kind
    raise GeomapError("the table's columns match none of places, visits, crossings, traffic "
                      "(see docs/tables.md)")


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, dict)):  # GDAL reads JSON text columns back as JSON values
        return _json(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _coerce(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    """Give every documented column its documented type (text, integer, number) in that order."""
    import pandas as pd

    for col in COLUMNS[kind]:
        if col not in gdf.columns:
            gdf[col] = None
        if _is_int_column(kind, col):
            gdf[col] = pd.to_numeric(gdf[col], errors="coerce").fillna(0).astype("int64")
        elif col in FLOATS:
            gdf[col] = pd.to_numeric(gdf[col], errors="coerce").astype("float64")
        elif col in BOOLS:
            gdf[col] = gdf[col].map(_true).astype(bool)
        else:
            gdf[col] = gdf[col].map(_text).astype(object)
    return gdf[[*COLUMNS[kind], "geometry"]]


def read_table(path: str | Path) -> gpd.GeoDataFrame:
    """Read a table written by `geomap extract` (GeoJSON, GeoPackage, GeoParquet, CSV) with its types."""
    import geopandas as gpd

    p = Path(path)
    if not p.exists():
        raise GeomapError(f"{p}: no such file")
    try:
        if p.suffix.lower() in (".parquet", ".geoparquet"):
            gdf = gpd.read_parquet(p)
        elif p.suffix.lower() == ".csv":
            gdf = _read_csv(p)
        else:
            gdf = gpd.read_file(p, engine="pyogrio")
    except GeomapError:
        raise
    except Exception as err:  # noqa: BLE001 - any reader failure is the user's file
        raise GeomapError(f"{p}: cannot read as a table ({err})") from None
    if gdf.crs is None:
        gdf = gdf.set_crs(CRS)
    elif gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(CRS)
    return _coerce(gdf, table_kind(gdf.columns))


def _read_csv(p: Path) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    if "geometry" in df.columns:
        geoms = gpd.GeoSeries.from_wkt(df["geometry"].replace("", None))
        df = df.drop(columns=["geometry"])
    elif {"lon", "lat"} <= set(df.columns):
        geoms = gpd.points_from_xy(pd.to_numeric(df["lon"]), pd.to_numeric(df["lat"]))
    else:
        raise GeomapError(f"{p}: a CSV table needs a WKT 'geometry' column or 'lon' and 'lat' columns")
    for col in df.columns:
        df[col] = df[col].replace("", None)
    return gpd.GeoDataFrame(df, geometry=geoms, crs=CRS)
