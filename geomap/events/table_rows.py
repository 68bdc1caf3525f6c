"""A table row as the sentence that reports it: the period, then each column's header with the
row's cell and the header's unit ("2021: trade 114 billion USD, change 6.5%")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.events.quantities import Column

_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_UNIT = re.compile(r"\s*[(\[](?P<unit>[^)\]]*)[)\]]\s*$")


def _unit_text(column: Column) -> str:
    """The header's unit, its words in lower case but codes ("billion USD", "%"); "" if none."""
    m = _UNIT.search(column.header)
    words = m.group("unit").split() if m else []
    return " ".join(w.lower() if _CAPITALISED.fullmatch(w) else w for w in words)


def _name(column: Column, proper: bool) -> str:
    """The header's name as words inside a sentence: its first word, or every word of a Title Case
    header, in lower case ("Trade Value" -> "trade value"); a place's name as written."""
    words = (column.name.strip() or column.header.strip()).split()
    if proper or not words:
        return " ".join(words)
    capitalised = [bool(_CAPITALISED.fullmatch(w)) for w in words]
    # Title Case: every word capitalised but short joining words ("of", "in") and figures.
    title_case = all(c or not w[:1].isalpha() or (w.islower() and len(w) <= 3)
                     for c, w in zip(capitalised, words, strict=True))
    return " ".join(w.lower() if c and (i == 0 or title_case) else w
                    for i, (c, w) in enumerate(zip(capitalised, words, strict=True)))


def _cell(cell: str, unit: str) -> str:
    """The cell with its column's unit after it, unless the cell already writes it."""
    cell = cell.strip()
    if not unit or unit.lower() in cell.lower():
        return cell
    if unit in ("%", "percent", "pct"):
        return cell + "%"
    return f"{cell} {unit}"


def row_sentence(columns: Sequence[Column], row: Sequence[str], period: int | None, first: int | None = None,
                 proper: Sequence[bool] = ()) -> str:
    """The row as words: its period cell, a colon, then the `first` column's name and cell and the
    others' in table order; `proper[i]`: column i is headed by a name (kept as written)."""
    order = [i for i in range(len(columns)) if i != period]
    if first is not None and first in order:
        order.remove(first)
        order.insert(0, first)
    parts = [
        f"{_name(columns[i], i < len(proper) and proper[i])} {_cell(row[i], _unit_text(columns[i]))}"
        for i in order
        if i < len(row) and row[i].strip()
    ]
    head = row[period].strip() if period is not None and period < len(row) else ""
    return f"{head}: {', '.join(parts)}" if head else ", ".join(parts)
