"""Big tables drawn aggregated: one symbol per group of rows (a crossing, metric, unit and period; a
place and month) instead of one per row, when a layer's spec has an `[aggregate]` table and the layer
has `min_rows` rows or more. A corpus of 100,000 articles reports the same crossing's traffic
thousands of times; a symbol per report would stack thousands of circles on one point.

Each group's row keeps the group's keys, the first non-missing value of other text columns, the
median of numbers (the value's range beside it), the earliest time and latest end, the distinct
values of `names` columns ("A, B and 3 others"), a `summary` ("12 reports in 9 documents; median
4,100 (3,000–5,300)") and the quotes of its most recent reports as `sources`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import geopandas as gpd
import pandas as pd

from geomap.layers.spec import Layer, LayerSpec, PopupField
from geomap.words import and_list, counted

DEFAULT_MIN_ROWS = 2000  # as render/bulk.py's BULK_MIN: from here one symbol per row stops helping
MAX_QUOTES = 12  # quotes kept per aggregated symbol, the most recent documents first
MAX_NAMES = 5  # distinct values a `names` cell lists before "and N others"
GRAINS = {"year": 4, "month": 7, "day": 10}  # 'column:month' groups ISO dates by their first 7 characters
SUMMARY = "summary"  # the column saying what a symbol stands for


def aggregate_options(spec: LayerSpec) -> Mapping[str, Any]:
    """The spec's `[aggregate]` table with its defaults ({} when the spec has none)."""
    if not spec.aggregate:
        return {}
    return {"min_rows": DEFAULT_MIN_ROWS, "value": "", "names": [], "count": "report", "legend": "",
            **spec.aggregate}  # fmt: skip


def is_aggregated(layer: Layer) -> bool:
    """True when the layer's spec asks for aggregation and the layer has enough rows for it."""
    options = aggregate_options(layer.spec)
    return bool(options) and len(layer.data) >= options["min_rows"]


def aggregated(layer: Layer) -> Layer:
    """The layer unchanged, or one row per group with the spec's popup and legend saying so."""
    if not is_aggregated(layer):
        return layer
    options = aggregate_options(layer.spec)
    data = group_rows(layer.data, layer.spec, options)
    n_rows = len(layer.data)
    what = options["legend"] or f"one symbol per {and_list([k.partition(':')[0] for k in options['by']])}"
    noun = options["count"] if n_rows == 1 else options["count"] + "s"
    legend = f"{layer.spec.legend} — {what}, from {n_rows:,} {noun}"
    popup = (PopupField(SUMMARY, "Aggregated"), *layer.spec.popup)
    return Layer(data, replace(layer.spec, legend=legend, popup=popup))


def group_keys(data: pd.DataFrame, by: list[str]) -> list[pd.Series]:
    """One key column per entry of `by`: the column itself, or 'column:month' cut to its month."""
    keys = []
    for entry in by:
        column, _, grain = entry.partition(":")
        values = data[column]
        if grain:
            if pd.api.types.is_datetime64_any_dtype(values):
                values = values.dt.strftime("%Y-%m-%d")
            values = values.astype("string").str.slice(0, GRAINS[grain])
        keys.append(values.astype("string").fillna("").rename(entry))
    return keys


def group_rows(data: gpd.GeoDataFrame, spec: LayerSpec, options: Mapping[str, Any]) -> gpd.GeoDataFrame:
    """One row per group of `data` by options['by'], in the groups' key order."""
    keys = group_keys(data, list(options["by"]))
    ordered = data.assign(**{f"_key{i}": k.to_numpy() for i, k in enumerate(keys)})
    key_columns = [f"_key{i}" for i in range(len(keys))]
    by_date = "doc_date" in data.columns
    sort = key_columns + (["doc_date"] if by_date else [])
    ordered = ordered.sort_values(sort, ascending=[True] * len(key_columns) + ([False] if by_date else []),
                                  kind="stable", na_position="last")  # fmt: skip
    groups = ordered.groupby(key_columns, sort=True, dropna=False)
    value, names = options["value"], set(options["names"])
    out: dict[str, Any] = {}
    for column in data.columns:
        if column == data.geometry.name or column == "sources":
            continue
        series = groups[column]
        kind = data[column].dtype.kind
        if column in names:
            out[column] = series.agg(_names)
        elif column == spec.time_end:
            out[column] = series.max()
        elif column == spec.time or kind == "M":
            out[column] = series.min()
        elif kind == "b":
            out[column] = series.all()
        elif kind in "iuf":
            out[column] = series.median()
        else:
            out[column] = series.first()
    if value:
        out[f"{value}_max"] = groups[value].max()
        out[f"{value}_min"] = groups[value].min()
    sizes = groups.size()
    docs = groups["doc"].nunique() if "doc" in data.columns else None
    out[SUMMARY] = _summaries(sizes, docs, out.get(value) if value else None, out.get(f"{value}_min"),
                              out.get(f"{value}_max"), options["count"])  # fmt: skip
    out["sources"] = _quotes(ordered, groups.ngroup().to_numpy(), len(sizes))
    rows = pd.DataFrame(out)
    geometry = groups[data.geometry.name].first()
    frame = gpd.GeoDataFrame(rows.reset_index(drop=True), geometry=geometry.reset_index(drop=True).to_numpy(),
                             crs=data.crs)  # fmt: skip
    return frame.rename_geometry(data.geometry.name) if data.geometry.name != "geometry" else frame


def _names(values: pd.Series) -> str:
    """'A, B and 3 others': the group's distinct non-empty values, most frequent first (ties by name)."""
    texts = values.dropna().astype(str)
    counts = texts[texts.str.strip() != ""].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = [name for name, _ in ranked[:MAX_NAMES]]
    rest = len(ranked) - len(shown)
    return and_list(shown + ([counted(rest, "other")] if rest else []))


def _summaries(sizes: pd.Series, docs: pd.Series | None, medians: Any, lows: Any, highs: Any,
               noun: str) -> list[str]:  # fmt: skip
    """Per group: '12 reports in 9 documents; median 4,100 (3,000–5,300)'."""
    out = []
    for i, size in enumerate(sizes.to_numpy()):
        text = counted(int(size), noun)
        if docs is not None:
            text += f" in {counted(int(docs.iloc[i]), 'document')}"
        if medians is not None and not _missing(medians.iloc[i]):
            low, high = lows.iloc[i], highs.iloc[i]
            text += f"; median {_number(medians.iloc[i])}"
            if not _missing(low) and not _missing(high) and low != high:
                text += f" ({_number(low)}–{_number(high)})"
        out.append(text)
    return out


def _quotes(ordered: pd.DataFrame, group_ids: Any, n_groups: int) -> list[str]:
    """Per group, its quotes as a sources JSON list: the most recent documents first, MAX_QUOTES at
    most (only the first rows of each group are read, in one pass)."""
    columns = [c for c in ("doc", "doc_title", "doc_date", "sentence", "sources") if c in ordered.columns]
    head = ordered[columns].assign(_group=group_ids).groupby("_group", sort=False).head(MAX_QUOTES * 2)
    items: list[list[dict[str, str]]] = [[] for _ in range(n_groups)]
    seen: list[set[tuple[str, str]]] = [set() for _ in range(n_groups)]
    for row in head.to_dict("records"):
        group = int(row["_group"])
        for item in _row_sources(row):
            key = (item["doc"], item["sentence"])
            if key not in seen[group] and len(items[group]) < MAX_QUOTES:
                seen[group].add(key)
                items[group].append(item)
    return [json.dumps(found, ensure_ascii=False) for found in items]


def _row_sources(row: Mapping[str, Any]) -> list[dict[str, str]]:
    """A row's reports: its `sources` (a list or JSON text) or else its own doc and sentence columns."""
    raw = row.get("sources")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = None
    if isinstance(raw, list) and raw:
        return [{k: _text(item.get(k)) for k in ("doc", "title", "date", "sentence")}
                for item in raw if isinstance(item, dict)]  # fmt: skip
    return [{"doc": _text(row.get("doc")), "title": _text(row.get("doc_title")),
             "date": _text(row.get("doc_date")), "sentence": _text(row.get("sentence"))}]  # fmt: skip


def _text(value: Any) -> str:
    if _missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.2g}"
