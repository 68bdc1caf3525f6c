"""Traffic figures in Markdown tables: a period column, and columns whose header (or cells, or the sentence
introducing the table) names a counted thing or money; a column headed by a place is that place's."""

from __future__ import annotations

import re

from geomap.events.context import DocContext, Sentence
from geomap.events.dates import MONTHS, find_dates, parse_doc_date
from geomap.events.quantities import MarkdownTable, find_quantities
from geomap.events.sieve import quick_rx
from geomap.events.table_rows import row_sentence
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


_YEAR = quick_rx(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_MONTH_CELL = re.compile(r"\s*(?P<m>[A-Za-z]{3,9})\.?\s*$")


def _period_column(table: MarkdownTable) -> int | None:
    """The column of periods: headed "Year", "Period"..., headed by a year, or whose cells are all periods."""
    for i, c in enumerate(table.columns):
        if c.is_period or _YEAR.fullmatch(c.header.strip()):
            return i
    for i in range(len(table.columns)):
        cells = [row[i].strip() for row in table.rows if row[i].strip()]
        if cells and all(_YEAR.match(c) or _month(c) for c in cells):
            return i
    return None


def _month(cell: str) -> int | None:
    m = _MONTH_CELL.fullmatch(cell)
    return MONTHS.get(m.group("m").lower()) if m else None


def _column_places(ctx: DocContext, table: MarkdownTable) -> list[list]:
    """The places named in each header cell ("| 2020 | El Paso port | Santa Teresa port |")."""
    text = ctx.doc.text
    line_end = text.find("\n", table.start)
    header = text[table.start:line_end if line_end >= 0 else table.end]
    bounds = [table.start + i for i, ch in enumerate(header) if ch == "|"]
    if header.lstrip()[:1] != "|":
        bounds.insert(0, table.start - 1)
    places: list[list] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        places.append([m.place for m in ctx.mentions if a < m.start < b and m.place.kind != "country"])
    return places + [[]] * (len(table.columns) - len(places))


def table_figures(ctx: DocContext, table: MarkdownTable, placer: Placer) -> list[Figure]:
    """Rows of a Markdown table: a period column, and columns whose header names a counted thing or money."""
    period_col = _period_column(table)
    if period_col is None:
        return []
    header_year = _YEAR.search(table.columns[period_col].header)
    pct_col = next((i for i, c in enumerate(table.columns) if c.unit == "percent"
                    or re.search(r"change|growth", c.name, re.I)), None)
    intro = _intro_sentence(ctx, table)
    subject = placer.subject(intro) if intro is not None else []
    subject = subject or placer.main_countries()
    country = placer.country(intro) if intro is not None else ""
    base = parse_doc_date(ctx.doc.date)
    col_places = _column_places(ctx, table)
    intro_noun = noun_before(intro.text) if intro is not None and intro.text.rstrip().endswith(":") else None
    out = []
    for ci, col in enumerate(table.columns):
        if ci in (period_col, pct_col):
            continue
        what = _column_unit(col.header, col.unit, country) or _cells_unit([row[ci] for row in table.rows])
        if what is None and intro_noun is not None and col_places[ci]:
            what = intro_noun.unit, intro_noun.metric  # "Truck counts:" above "| 2020 | Port A | Port B |"
        if what is None:
            continue
        unit, metric = what
        where = col_places[ci][:1] or subject
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
            said = row_sentence(table.columns, row, period_col, ci, [bool(p) for p in col_places])
            prov = Provenance(ctx.doc.id, ctx.doc.title, ctx.doc.date, ctx.doc.source, said, rs, re_)
            year = int(header_year.group(0)) if header_year else None
            period = _cell_period(period_text, base, country, year)
            out.append(Figure(metric, value, unit, period, period_text, pct, None, where,
                              label(where, col.name), 0.8, None, [prov]))
    return out


def _cell_period(cell: str, base, country: str, year: int | None = None) -> str:
    """A table's period cell: "2016", "2012-13" (a fiscal year), "2025 (to Dec. 2)", "March" under a year."""
    month = _month(cell)
    if month and year:
        return f"{year:04d}-{month:02d}"
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
