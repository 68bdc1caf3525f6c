"""Table cells as text, and the escaped HTML of tooltips and popups (no raw string reaches a page)."""

from __future__ import annotations

import json
import math
import numbers
import re
import string
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from geomap.layers import LayerSpec, template_fields
from geomap.model import Document

_EMPTY_PARENS = re.compile(r"\s*\(\s*\)")


def is_missing(value: Any) -> bool:
    """True for None, NaN and empty strings (the tables' "not reported")."""
    if value is None:
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return math.isnan(float(value))
    return isinstance(value, str) and not value.strip()


def format_number(value: float) -> str:
    """A figure as a reader writes it: 31350000000 -> '31.35 billion', 12500 -> '12,500'."""
    v = float(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= size:
            return f"{v / size:.4g} {word}"
    if v.is_integer():
        return f"{int(v):,}"
    return f"{v:,.4g}" if abs(v) >= 1 else f"{v:.3g}"


def cell_text(value: Any) -> str:
    """A table cell as plain (not yet escaped) text; '' when missing."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Real):
        return format_number(float(value))
    return str(value).strip()


def fill_template(template: str, row: Mapping[str, Any]) -> str:
    """Escaped HTML of a '{column}' template over one row; empty '()' left by missing cells go."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(escape(literal))
        if name is not None:
            parts.append(escape(cell_text(row.get(name))))
    return _EMPTY_PARENS.sub("", "".join(parts)).strip()


class DocumentIndex:
    """Look documents up by file name, id or path, to fill a source's title and date."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = list(documents)
        self._by_key: dict[str, Document] = {}
        for doc in self.documents:
            for key in (doc.path, doc.id, doc.source):
                self._by_key.setdefault(key, doc)

    def get(self, key: str) -> Document | None:
        return self._by_key.get(key)


def evidence(row: Mapping[str, Any], docs: DocumentIndex) -> list[dict[str, str]]:
    """Every report behind a row ({doc, title, date, sentence}), from `sources` or its own columns."""
    found: list[dict[str, str]] = []
    raw = row.get("sources")
    if isinstance(raw, str) and raw.strip():
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = []
        found = [
            {k: cell_text(item.get(k)) for k in ("doc", "title", "date", "sentence")}
            for item in parsed
            if isinstance(parsed, list) and isinstance(item, dict)
        ]
    if not found and not is_missing(row.get("sentence")):
        found = [
            {
                "doc": cell_text(row.get("doc")),
                "title": cell_text(row.get("doc_title")),
                "date": cell_text(row.get("doc_date")),
                "sentence": cell_text(row.get("sentence")),
            }
        ]
    out, seen = [], set()
    for item in found:
        key = (item["doc"], item["sentence"])
        if key in seen or not (item["sentence"] or item["doc"]):
            continue
        seen.add(key)
        doc = docs.get(item["doc"])
        if doc is not None:
            item["title"] = item["title"] or doc.title
            item["date"] = item["date"] or (doc.date or "")
        out.append(item)
    return out


def popup_html(row: Mapping[str, Any], spec: LayerSpec, docs: DocumentIndex) -> str:
    """A feature's popup: heading, the spec's fields, then each quote with its source."""
    parts = ['<div class="geomap-popup">']
    parts.append(f'<div class="geomap-popup-heading">{tooltip_html(row, spec)}</div>')
    cells = [(label, cell_text(row.get(column))) for column, label in spec.popup]
    rows = [f"<tr><th>{escape(label)}</th><td>{escape(v)}</td></tr>" for label, v in cells if v]
    if rows:
        parts.append('<table class="geomap-popup-fields">' + "".join(rows) + "</table>")
    for item in evidence(row, docs):
        cite = " · ".join(escape(x) for x in (item["title"], item["date"], item["doc"]) if x)
        quote = f"<blockquote>{escape(item['sentence'])}</blockquote>" if item["sentence"] else ""
        parts.append(f'<div class="geomap-evidence">{quote}<cite>{cite}</cite></div>')
    parts.append("</div>")
    return "".join(parts)


def tooltip_html(row: Mapping[str, Any], spec: LayerSpec) -> str:
    """A feature's one-line tooltip (escaped); the layer title when the template's cells are all empty."""
    if any(cell_text(row.get(name)) for name in template_fields(spec.tooltip)):
        return fill_template(spec.tooltip, row)
    return escape(spec.title)
