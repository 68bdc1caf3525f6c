"""Plain-text tables: columns aligned with runs of spaces or tabs, read into the same shape as pipe tables."""

from __future__ import annotations

import re

from geomap.events.quantities import MarkdownTable, parse_column

_GAP = re.compile(r"\t+| {2,}")
_RULE = re.compile(r"^\s*[-=_ ]{3,}\s*$")
_NUMBER = re.compile(r"\d")
MIN_ROWS = 2


def _split(line: str) -> list[str]:
    return [c.strip() for c in _GAP.split(line.strip()) if c.strip()]


def find_text_tables(text: str) -> list[MarkdownTable]:
    """Runs of lines with the same number (2+) of gap-separated cells: a header, then rows with figures."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    tables: list[MarkdownTable] = []
    i = 0
    while i < len(lines):
        hs, he = lines[i]
        line = text[hs:he].strip()
        if "\t" not in line and "  " not in line:
            i += 1
            continue  # one cell: no gap to split at
        header = _split(line)
        if len(header) < 2 or "|" in text[hs:he] or all(_NUMBER.search(c) for c in header[1:]):
            i += 1
            continue
        j = i + 1
        if j < len(lines) and _RULE.match(text[lines[j][0]:lines[j][1]]):
            j += 1
        table = MarkdownTable(hs, he, [parse_column(c) for c in header])
        while j < len(lines):
            rs, re_ = lines[j]
            cells = _split(text[rs:re_])
            if len(cells) != len(header) or not any(_NUMBER.search(c) for c in cells[1:]):
                break
            table.rows.append(cells)
            table.row_spans.append((rs, re_))
            table.end = re_
            j += 1
        if len(table.rows) >= MIN_ROWS:
            tables.append(table)
            i = j
        else:
            i += 1
    return tables
