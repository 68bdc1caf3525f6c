"""The crossing status timeline: one row per dated status event of a crossing, at the crossing's point.

Rows come from the crossings table's `status_events` column, a JSON list of {"what", "date", "end",
"planned", "text", "date_text", "quote_start", "quote_end"}; a table without the column, or with empty
or unreadable cells, gives no rows rather than an error (older extractions lack it).
"""

from __future__ import annotations

import json
import math
from typing import Any

import geopandas as gpd

COLUMNS = ["crossing_id", "crossing", "mode", "what", "date", "end", "date_text", "planned", "label", "doc",
           "doc_title", "doc_date", "sentence", "quote_start", "quote_end", "geometry"]  # fmt: skip


def parse_status_events(cell: Any) -> list[dict[str, Any]]:
    """The status events a cell holds (JSON text or an already parsed list); [] when none or unreadable."""
    if isinstance(cell, str):
        try:
            cell = json.loads(cell) if cell.strip() else []
        except ValueError:
            return []
    if not isinstance(cell, list):
        return []
    return [item for item in cell if isinstance(item, dict) and isinstance(item.get("what"), str)]


def _text(value: Any) -> str:
    """A cell as text, '' for None or NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def status_label(crossing: str, what: str, date: str, end: str = "", planned: bool = False) -> str:
    """'Eastford bridge: closed 2023-11-30', with '–end' for a period and '(planned)' when announced."""
    when = f"{date}–{end}" if end and end != date else date
    return f"{crossing}: {what} {when}" + (" (planned)" if planned else "")


def status_rows(crossings: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per dated status event of each crossing (undated events are not on a timeline)."""
    rows = []
    if "status_events" in crossings.columns:
        for _, row in crossings.iterrows():
            if row.geometry is None or row.geometry.is_empty:
                continue
            name = _text(row.get("name"))
            for event in parse_status_events(row["status_events"]):
                date = _text(event.get("date"))
                if not date:
                    continue
                what, end, planned = event["what"], _text(event.get("end")), bool(event.get("planned"))
                rows.append({
                    "crossing_id": _text(row.get("id")), "crossing": name, "mode": _text(row.get("mode")),
                    "what": what, "date": date, "end": end, "date_text": _text(event.get("date_text")),
                    "planned": "yes" if planned else "",
                    "label": status_label(name, what, date, end, planned),
                    "doc": _text(row.get("doc")), "doc_title": _text(row.get("doc_title")),
                    "doc_date": _text(row.get("doc_date")),
                    "sentence": _text(event.get("text")) or _text(row.get("sentence")),
                    "quote_start": event.get("quote_start"), "quote_end": event.get("quote_end"),
                    "geometry": row.geometry,
                })  # fmt: skip
    rows.sort(key=lambda r: (r["date"], r["crossing"], r["what"]))
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry="geometry", crs=crossings.crs or "EPSG:4326")
