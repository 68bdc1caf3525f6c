"""Traffic figures in Markdown tables: a period column, and columns whose header (or cells, or the sentence
introducing the table) names a counted thing or money; a column headed by a place is that place's."""

from __future__ import annotations

import re

from geomap.events.context import DocContext, Sentence
from geomap.events.dates import find_dates, parse_doc_date
from geomap.events.quantities import MarkdownTable, find_quantities
from geomap.events.traffic_figure import Figure, label
from geomap.events.traffic_period import find_periods
from geomap.events.traffic_place import Placer
from geomap.events.traffic_units import RUPEE, counted_noun, noun_before
from geomap.model import Provenance


def _intro_sentence(ctx: DocContext, table: MarkdownTable) -> Sentence | None:
    before = [s for s in ctx.sentences if s.end <= table.start and not s.text.lstrip().startswith("|")]
    return before[-1] if before else None


def _column_unit(header: str, col_unit: str, country: str) -> tuple[str, str] | None:
    """(unit, metric) a table column counts, from its header; None for other columns."""
    if col_unit == "Rs":
        return RUPEE.get(country, "INR"), "trade value"
    if re.fullmatch(r"[A-Z]{3}", col_unit):
        return col_unit, "trade value"
    counted = counted_noun(header, 0) or noun_before(header)
    if counted is not None and counted.metric not in ("wait time", "queue"):
        return counted.unit, counted.metric
    return None


def _cells_unit(cells: list[str]) -> tuple[str, str] | None:
    """(unit, metric) written in a column's cells ("964,000 t", "1.6 million t") if the header has none."""
    units = set()
    for cell in cells:
        qs = [q for q in find_quantities(cell) if q.kind == "count"]
        if qs:
            counted = counted_noun(cell, qs[0].number_end)
            units.add((counted.unit, counted.metric) if counted else None)
    return units.pop() if len(units) == 1 and None not in units else None


def table_figures(ctx: DocContext, table: MarkdownTable, placer: Placer) -> list[Figure]:
    """Rows of a Markdown table: a period column, and columns whose header names a counted thing or money."""
    period_col = next((i for i, c in enumerate(table.columns) if c.is_period), None)
    if period_col is None:
        return []
    pct_col = next((i for i, c in enumerate(table.columns) if c.unit == "percent"
                    or re.search(r"change|growth", c.name, re.I)), None)
    intro = _intro_sentence(ctx, table)
    subject = placer.subject(intro) if intro is not None else []
    subject = subject or placer.main_countries()
    country = placer.country(intro) if intro is not None else ""
    base = parse_doc_date(ctx.doc.date)
    text = ctx.doc.text
    header = text[table.start:text.find("\n", table.start)]
    out = []
    for ci, col in enumerate(table.columns):
        if ci in (period_col, pct_col):
            continue
        what = _column_unit(col.header, col.unit, country) or _cells_unit([row[ci] for row in table.rows])
        if what is None:
            continue
        unit, metric = what
        for ri, row in enumerate(table.rows):
            cell = row[ci]
            nums = [q for q in find_quantities(cell) if q.kind in ("count", "money", "year")]
            period_text = row[period_col].strip()
            if not nums or not period_text:
                continue
            value = nums[0].value * col.scale
            pct = None
            if pct_col is not None:
                pq = [q for q in find_quantities(row[pct_col]) if q.kind == "percent"]
                pct = pq[0].value if pq else table.value(ri, pct_col)
            rs, re_ = table.row_spans[ri]
            prov = Provenance(ctx.doc.id, ctx.doc.title, ctx.doc.date, ctx.doc.source,
                              f"{header.strip()} {text[rs:re_].strip()}", rs, re_)
            out.append(Figure(metric, value, unit, _cell_period(period_text, base, country), period_text,
                               pct, None, subject, label(subject, col.name), 0.8, None, [prov]))
    return out


def _cell_period(cell: str, base, country: str) -> str:
    """A table's period cell: "2016", "2012-13" (a fiscal year), "2025 (to Dec. 2)"."""
    own = find_periods(cell, base, country)
    if own:
        return own[0].period
    m = re.match(r"\s*((?:19|20)\d{2})\b", cell)
    dates = [d for d in find_dates(cell, base) if d.kind != "year"]
    if m and dates and dates[0].first.year == int(m.group(1)):
        return f"{m.group(1)}-01-01..{dates[0].last.isoformat()}"
    if m:
        return m.group(1)
    return dates[0].period if dates else cell
