"""A layer's texts column by column, as plain (unescaped) strings: the same words as text.py's popups
and tooltips, each column formatted once, so that big layers are quick to write."""

from __future__ import annotations

import pandas as pd

from geomap.render.formats import MISSING, format_column, is_missing
from geomap.render.text import _EMPTY_PARENS, _GAP, _parse, template_columns


class Columns:
    """A table's cells as texts in given formats, each (column, format) formatted once."""

    def __init__(self, data: pd.DataFrame) -> None:
        self.data = data
        self._texts: dict[tuple[str, str], list[str]] = {}

    def texts(self, column: str, fmt: str = "") -> list[str]:
        """format_value of every cell of a column ('' where missing, or for a column the rows lack)."""
        key = (column, fmt)
        if key not in self._texts:
            data = self.data
            self._texts[key] = (
                format_column(data[column].tolist(), fmt) if column in data else [""] * len(data)
            )
        return self._texts[key]

    def present(self, column: str) -> list[bool]:
        """For every row, whether its cell is there (not missing: a text, or an empty list...)."""
        if column not in self.data:
            return [False] * len(self.data)
        values = self.data[column].tolist()
        return [text != "" or not is_missing(v) for text, v in zip(self.texts(column), values, strict=True)]


def template_texts(template: str, columns: Columns) -> list[str]:
    """text.fill_template over every row, unescaped: '—' for a missing cell, or no parentheses round it."""
    blank = [""] * len(columns.data)
    pieces = [
        (lit, None if name is None else columns.texts(name, fmt) if name else blank)
        for lit, name, fmt in _parse(template)
    ]
    if len(pieces) == 1 and pieces[0][0] == "" and pieces[0][1] is not None:  # just "{column}"
        return [_finish(text or _GAP) if "(" in text or not text else text.strip() for text in pieces[0][1]]
    out = []
    for i in range(len(blank)):
        parts = []
        for literal, texts in pieces:
            parts.append(literal)
            if texts is not None:
                parts.append(texts[i] or _GAP)
        out.append(_finish("".join(parts)))
    return out


def _finish(text: str) -> str:
    """A filled template as fill_template leaves it: gaps alone in parentheses dropped, others '—'."""
    return _EMPTY_PARENS.sub("", text).strip().replace(_GAP, MISSING)


def tooltip_texts(columns: Columns, template: str, title: str) -> list[str]:
    """text.tooltip_html of every row as plain text: the template, or the title where its cells are all
    missing."""
    names = template_columns(template)
    if not names:
        return [title] * len(columns.data)
    filled = template_texts(template, columns)
    present = [columns.present(name) for name in names]
    return [filled[i] if any(p[i] for p in present) else title for i in range(len(filled))]
