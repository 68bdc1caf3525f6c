"""The escaped HTML of tooltips and popups (no raw string reaches a page), and their sources."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from geomap.layers import LayerSpec
from geomap.model import Document
from geomap.render.formats import MISSING, cell_text, format_number, format_value, is_missing
from geomap.render.safe import html_text
from geomap.render.sanitize import sanitize_html

__all__ = [
    "DocumentIndex",
    "cell_text",
    "evidence",
    "fill_template",
    "format_number",
    "is_missing",
    "popup_fields",
    "popup_html",
    "template_columns",
    "tooltip_html",
]

# A missing cell alone in parentheses drops them: "Harbin ({start})" -> "Harbin", not "Harbin (—)".
_GAP = "\x00"
_EMPTY_PARENS = re.compile(r"\s*\(\s*(?:\x00[\s,;:/–-]*)*\)")


def popup_fields(spec: LayerSpec) -> list[tuple[str, str, str]]:
    """The spec's popup as (column, label, format) from PopupField tuples, plain pairs or objects."""
    out = []
    for item in spec.popup:
        if hasattr(item, "column") and hasattr(item, "label"):
            out.append((str(item.column), str(item.label), str(getattr(item, "format", "") or "")))
        else:
            out.append((str(item[0]), str(item[1]), str(item[2]) if len(item) > 2 and item[2] else ""))
    return out


@lru_cache(maxsize=256)
def _parse(template: str) -> tuple[tuple[str, str | None, str], ...]:
    """(literal, column, format) pieces of a template; a malformed template is all literal text."""
    try:
        return tuple((lit, name, fmt or "") for lit, name, fmt, _ in string.Formatter().parse(template))
    except ValueError:
        return ((template, None, ""),)


def template_columns(template: str) -> list[str]:
    """The columns a template such as '{name}: {value:,.0f} t' refers to."""
    return [name for _, name, _ in _parse(template) if name]


def fill_template(template: str, row: Mapping[str, Any]) -> str:
    """Escaped HTML of a '{column}' or '{column:format}' template over one row. A missing cell shows
    as '—' (or drops the parentheses it stands alone in); a value its format does not fit shows
    plainly; cell values are never read as templates."""
    parts = []
    for literal, name, fmt in _parse(template):
        parts.append(html_text(literal))
        if name is not None:
            text = format_value(row.get(name), fmt) if name else ""
            parts.append(html_text(text) if text else _GAP)
    html = _EMPTY_PARENS.sub("", "".join(parts)).strip()
    return html.replace(_GAP, MISSING)


class DocumentIndex:
    """Look documents up by file name, id or path, to fill a source's title and date, and number
    those the sources list shows (all of them unless `numbered` says which)."""

    def __init__(self, documents: Sequence[Document], numbered: Sequence[Document] | None = None) -> None:
        self.documents = list(documents)
        self._by_key: dict[str, Document] = {}
        for doc in self.documents:
            for key in (doc.path, doc.id, doc.source):
                self._by_key.setdefault(key, doc)
        listed = self.documents if numbered is None else numbered
        self._numbers = {id(doc): i for i, doc in enumerate(listed, 1)}  # a lookup, not a scan per quote

    def get(self, key: str) -> Document | None:
        return self._by_key.get(key)

    def number(self, key: str) -> int | None:
        """The document's number in the sources list (1 for the first), None when it is not listed."""
        doc = self._by_key.get(key)
        return self._numbers.get(id(doc)) if doc else None


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


def popup_html(
    row: Mapping[str, Any], spec: LayerSpec, docs: DocumentIndex, heading: str | None = None
) -> str:
    """A feature's popup: heading (its tooltip, unless given), the spec's fields, then each quote
    with its source."""
    parts = ['<div class="geomap-popup">']
    heading = tooltip_html(row, spec) if heading is None else heading
    parts.append(f'<div class="geomap-popup-heading">{heading}</div>')
    rich = set(getattr(spec, "popup_html", ()))  # columns of rich HTML, sanitised rather than escaped
    cells = [(label, format_value(row.get(col), fmt), col in rich) for col, label, fmt in popup_fields(spec)]
    rows = [
        f"<tr><th>{html_text(label)}</th><td>{sanitize_html(v) if is_rich else html_text(v)}</td></tr>"
        for label, v, is_rich in cells
        if v
    ]
    if rows:
        parts.append('<table class="geomap-popup-fields">' + "".join(rows) + "</table>")
    for item in evidence(row, docs):
        cite = " · ".join(html_text(x) for x in (item["title"], item["date"], item["doc"]) if x)
        if (n := docs.number(item["doc"])) is not None:  # as numbered in the sources list
            cite = f'<span class="geomap-source-number">[{n}]</span> {cite}'
        quote = f"<blockquote>{html_text(item['sentence'])}</blockquote>" if item["sentence"] else ""
        parts.append(f'<div class="geomap-evidence">{quote}<cite>{cite}</cite></div>')
    parts.append("</div>")
    return "".join(parts)


def tooltip_html(row: Mapping[str, Any], spec: LayerSpec) -> str:
    """A feature's one-line tooltip (escaped); the layer title when the template's cells are all empty."""
    if any(not is_missing(row.get(name)) for name in template_columns(spec.tooltip)):
        return fill_template(spec.tooltip, row)
    return html_text(spec.title)
