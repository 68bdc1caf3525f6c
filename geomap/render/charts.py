"""Small inline SVG bar charts for popups: where a figure is one of a series (same label, metric, unit
and subject over several periods, e.g. China–Russia trade 2020–2022), its popup shows the whole series
with its own period highlighted. Every text in the SVG is escaped; the output is deterministic."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from geomap.layers import Layer
from geomap.render.formats import cell_text, format_number, is_missing, iso_time
from geomap.render.safe import html_text
from geomap.render.text import DocumentIndex, popup_html, tooltip_html

SERIES_KEY = ("label", "metric", "unit", "subject")  # what makes figures one series (subject optional)
WIDTH, HEIGHT = 260, 110  # the chart's size in pixels
TOP, BOTTOM = 18, 18  # room for the highlighted value above the bars and the periods under them
MAX_LABELS = 6  # with more bars, only the first, last and highlighted periods are written
EVIDENCE = '<div class="geomap-evidence">'

Series = list[tuple[str, float]]  # (period, value), sorted by period


def _value(cell: Any) -> float | None:
    try:
        value = float(cell)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def row_series(data: pd.DataFrame) -> list[tuple[Series, str] | None]:
    """Per row: its series and its own period, or None when the row is not part of a series of two
    periods or more (or the table has no label, metric, unit, period and value columns)."""
    if not {"label", "metric", "unit", "period", "value"} <= set(data.columns):
        return [None] * len(data)
    keys, periods, values = [], [], []
    for _, row in data.iterrows():
        keys.append(tuple(cell_text(row.get(c)) for c in SERIES_KEY))
        periods.append(iso_time(row["period"]) if not is_missing(row["period"]) else None)
        values.append(_value(row["value"]))
    groups: dict[tuple[str, ...], dict[str, float]] = {}
    for key, period, value in sorted(
        (k, p, v) for k, p, v in zip(keys, periods, values, strict=True) if p is not None and v is not None
    ):
        groups.setdefault(key, {}).setdefault(period, value)  # one bar per period: the smallest report
    out: list[tuple[Series, str] | None] = []
    for key, period, value in zip(keys, periods, values, strict=True):
        points = groups.get(key, {})
        ok = period is not None and value is not None and len(points) >= 2 and any(key[:3])
        out.append((sorted(points.items()), period) if ok else None)
    return out


def _n(x: float) -> str:
    """A coordinate as short, stable text."""
    return f"{round(x, 1):g}"


def bar_chart(series: Series, current: str, *, caption: str = "") -> str:
    """An SVG bar chart of the series, one bar per period, the `current` period's bar highlighted and
    its value written above it; each bar's <title> gives its period and value."""
    low = min(0.0, *(v for _, v in series))
    high = max(0.0, *(v for _, v in series))
    span = (high - low) or 1.0
    plot = HEIGHT - TOP - BOTTOM
    step = WIDTH / len(series)
    bar = step * 0.7

    def y(v: float) -> float:
        return TOP + (high - v) / span * plot

    base = y(0.0)
    parts = [
        f'<svg class="geomap-chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{html_text(caption)}">'
    ]
    for i, (period, value) in enumerate(series):
        x = i * step + (step - bar) / 2
        top, bottom = sorted((y(value), base))
        here = period == current
        cls = "geomap-chart-bar geomap-chart-current" if here else "geomap-chart-bar"
        parts.append(
            f'<rect class="{cls}" x="{_n(x)}" y="{_n(top)}" width="{_n(bar)}" height="{_n(bottom - top)}">'
            f"<title>{html_text(f'{period}: {format_number(value)}')}</title></rect>"
        )
        middle = _n(x + bar / 2)
        if len(series) <= MAX_LABELS or here or i in (0, len(series) - 1):
            parts.append(
                f'<text class="geomap-chart-period" x="{middle}" y="{HEIGHT - 4}" text-anchor="middle">'
                f"{html_text(period)}</text>"
            )
        if here:
            parts.append(
                f'<text class="geomap-chart-value" x="{middle}" y="{_n(max(top - 4, 11))}" '
                f'text-anchor="middle">{html_text(format_number(value))}</text>'
            )
    parts.append(f'<line class="geomap-chart-axis" x1="0" y1="{_n(base)}" x2="{WIDTH}" y2="{_n(base)}"/>')
    parts.append("</svg>")
    return "".join(parts)


def chart_html(series: Series, current: str, row: Mapping[str, Any]) -> str:
    """The chart with its caption ('China–Russia trade volume, USD'), as a popup block."""
    caption = ", ".join(t for t in (cell_text(row.get("label")), cell_text(row.get("unit"))) if t)
    return (
        f'<div class="geomap-chart-box"><div class="geomap-chart-caption">{html_text(caption)}</div>'
        f"{bar_chart(series, current, caption=caption)}</div>"
    )


def with_chart(popup: str, chart: str) -> str:
    """The popup with the chart after its fields (before the quotes, or at its end)."""
    at = popup.find(EVIDENCE)
    if at < 0:
        at = popup.rfind("</div>")
    return popup[:at] + chart + popup[at:] if at >= 0 else popup + chart


def add_charts(layer: Layer, drawn: Any, docs: DocumentIndex) -> Any:
    """The layer's FeatureCollection with a series chart in the popup of every feature (and connecting
    line) whose row is part of a series; anything else is returned as it is."""
    if not isinstance(drawn, dict) or "features" not in drawn:
        return drawn
    data, spec = layer.data, layer.spec
    found = row_series(data)
    if not any(found):
        return drawn
    rows = data.drop(columns=data.geometry.name).to_dict("records")
    charts: dict[str, str] = {}
    for row, item in zip(rows, found, strict=True):
        if item is not None:
            popup = popup_html(row, spec, docs, tooltip_html(row, spec))
            charts.setdefault(popup, chart_html(item[0], item[1], row))
    features: Sequence[dict[str, Any]] = drawn["features"]
    out = []
    for feature in features:
        props = feature["properties"]
        chart = charts.get(props.get("popup", ""))
        if chart:
            feature = {**feature, "properties": {**props, "popup": with_chart(props["popup"], chart)}}
        out.append(feature)
    return {**drawn, "features": out}
