"""A big point layer as one compact, columnar JSON text that the page reads once (see bulk.py).

The text is a JSON array of [key, value] pairs (no JSON object, so every brace is inside a string,
where one that would open a Jinja tag is written \\u007b; "</" is written "<\\/" and "<!" "\\u003c!"); it
sits in a <script type="application/json"> element, which no Jinja pass reads, as it is. Keys:

    lat, lon   in millionths of a degree         symbol   per row, an index into the symbols list
    symbol_by  instead of symbol: [a coded texts column, symbol index per distinct text]
    radius     per row, when it varies          time     per row ISO date (dated layers)
    texts      distinct text columns, each a list of texts or [distinct texts, code per row]
    tooltip    index of the tooltip's column in texts
    fields     [label, column index] of the popup's rows, in spec order
    evidence   per row [[sentence, cite], ...] (only when a row has any)

Every text is plain, not HTML: the page puts it in the DOM with textContent. Numbers and dates are
formatted here, so the page shows what a small layer's popup shows and the output stays byte-stable.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import shapely

from geomap.layers import Layer
from geomap.render.columns import Columns, tooltip_texts
from geomap.render.features import PRECISION, fan_shifts, feature_symbol
from geomap.render.formats import iso_time
from geomap.render.styles import feature_colors, radii, uses_palette_markers
from geomap.render.text import DocumentIndex, evidence, popup_fields

COORDINATE_SCALE = 10**PRECISION  # coordinates are written in millionths of a degree
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")  # a brace that would open a Jinja tag


def script_json(value: Any) -> str:
    """JSON text that can sit inside a <script> element and pass through Jinja unchanged: no "</" (so
    no "</script"), no "<!" (no "<!--") and no "{{", "{%" or "{#" in it; JSON.parse reads it back.

    Only for values without JSON objects (lists, strings, numbers), whose braces are all in strings."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JINJA_OPENER.sub(r"\\u007b", text.replace("</", "<\\/").replace("<!", "\\u003c!"))


def _rows_evidence(layer: Layer, order: list[int], docs: DocumentIndex) -> list[list[list[str]]] | None:
    """Each row's quotes as [sentence, cite], None when the layer has no quotes at all."""
    data = layer.data
    if "sources" not in data and "sentence" not in data:
        return None
    records = data.drop(columns=data.geometry.name).to_dict("records")
    out = []
    for i in order:
        items = evidence(records[i], docs)
        cites = [" · ".join(x for x in (it["title"], it["date"], it["doc"]) if x) for it in items]
        out.append([[it["sentence"], cite] for it, cite in zip(items, cites, strict=True)])
    return out if any(out) else None


def _text_index(texts: list[list[str]], column: list[str]) -> int:
    """The index of an equal column in texts, appending this one when there is none."""
    for i, existing in enumerate(texts):
        if existing == column:
            return i
    texts.append(column)
    return len(texts) - 1


def encode_texts(column: list[str]) -> list[Any]:
    """A text column as it is, or, when it repeats a few texts, as [distinct texts, code per row]."""
    distinct = dict.fromkeys(column)
    if len(distinct) * 4 > len(column):
        return column
    code = {text: i for i, text in enumerate(distinct)}
    return [list(distinct), [code[text] for text in column]]


def symbol_column(symbol_of: list[int], texts: list[Any]) -> list[Any]:
    """["symbol", index per row], or, when the symbol follows a coded text column (a category both
    coloured and shown), ["symbol_by", [that column, symbol per distinct text]]."""
    for k, column in enumerate(texts):
        if len(column) != 2 or not isinstance(column[0], list):
            continue
        table: dict[int, int] = {}
        if all(table.setdefault(code, sym) == sym for code, sym in zip(column[1], symbol_of, strict=True)):
            return ["symbol_by", [k, [table.get(code, 0) for code in range(len(column[0]))]]]
    return ["symbol", symbol_of]


def compact_layer(layer: Layer, docs: DocumentIndex) -> tuple[str, list[dict[str, Any]]]:
    """The layer's rows as compact JSON text (what the page draws and shows) and its distinct symbols
    (marker, pin or circle style options, as a small layer's features carry them)."""
    data, spec = layer.data, layer.spec
    geoms = list(data.geometry)
    sizes = radii(data, spec) if spec.symbol == "circle" else [0.0] * len(data)
    order = [int(i) for i in np.argsort(-np.asarray(sizes, dtype=float), kind="stable")]
    coords = np.rint(shapely.get_coordinates(data.geometry.to_numpy()) * COORDINATE_SCALE).astype(np.int64)
    colors = feature_colors(data, spec) or [None] * len(data)
    shifts = fan_shifts(geoms) if spec.symbol == "marker" else [0.0] * len(data)
    palette = uses_palette_markers(spec)
    symbols: list[dict[str, Any]] = []
    index: dict[tuple[Any, float], int] = {}
    symbol_of = []
    for i in order:
        key = (colors[i], shifts[i])
        if key not in index:
            index[key] = len(symbols)
            props = feature_symbol(
                spec, "point", color=colors[i], palette=palette, size=sizes[i], shift=shifts[i]
            )
            symbols.append(props)
        symbol_of.append(index[key])
    rows = data.iloc[order]

    columns, texts = Columns(rows), []
    tooltip = _text_index(texts, tooltip_texts(columns, spec.tooltip, spec.title))
    fields = [
        [label, _text_index(texts, columns.texts(column, fmt))] for column, label, fmt in popup_fields(spec)
    ]
    pairs: list[list[Any]] = [
        ["lat", coords[order, 1].tolist()],
        ["lon", coords[order, 0].tolist()],
    ]
    if spec.symbol == "circle" and len(set(sizes)) > 1:
        pairs.append(["radius", [sizes[i] for i in order]])
    for key, column in (("time", spec.time), ("time_end", spec.time_end)):
        if column and column in rows:  # ISO periods for the time slider, "" for none
            pairs.append([key, _text_index(texts, [iso_time(v) or "" for v in rows[column]])])
    encoded = [encode_texts(t) for t in texts]
    pairs += [["texts", encoded], ["tooltip", tooltip], ["fields", fields]]
    if len(symbols) > 1:
        pairs.append(symbol_column(symbol_of, encoded))
    quotes = _rows_evidence(layer, order, docs)
    if quotes is not None:
        pairs.append(["evidence", quotes])
    return script_json(pairs), symbols
