"""Find the line of a key in TOML text (tomllib gives values, not positions), for error messages."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_KEY = rf"{_PART}(?:\s*\.\s*{_PART})*"
_ASSIGN = re.compile(rf"\s*({_KEY})\s*=")
_HEADER = re.compile(rf"\s*\[\[?\s*({_KEY})\s*\]\]?\s*(?:#.*)?$")


def _parts(key: str) -> tuple[str, ...]:
    out = []
    for part in re.findall(_PART, key):
        out.append(tomllib.loads(f"k = {part}")["k"] if part[0] in "\"'" else part)
    return tuple(out)


def key_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line where loc (('style', 'color'), ('popup', 2)) is set; the nearest enclosing key's
    line when that one is not written out; None when nothing matches."""
    names = tuple(str(p) for p in loc)
    table: tuple[str, ...] = ()
    best: tuple[int, int, int] | None = None  # (matched length, line, offset of the value)
    offset, in_string, depth = 0, False, 0  # depth: brackets open in a value spanning lines
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        start = offset
        offset += len(line)
        was_in_string = in_string
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_string = not in_string
        if was_in_string:
            continue
        if depth > 0:
            depth = max(0, depth + _bracket_change(line))
            continue
        if header := _HEADER.match(line):
            table = _parts(header.group(1))
            full, value_at = table, -1
        elif assign := _ASSIGN.match(line):
            full, value_at = table + _parts(assign.group(1)), start + assign.end()
            depth = max(0, _bracket_change(line[assign.end() :]))
        else:
            continue
        n = len(full)
        if full == names[:n] and (best is None or n > best[0]):
            best = (n, number, value_at)
    if best is None:
        return None
    n, number, value_at = best
    if n < len(loc) and isinstance(loc[n], int) and value_at >= 0:
        return _item_line(text, value_at, loc[n]) or number
    return number


def _bracket_change(segment: str) -> int:
    """Brackets and braces opened minus closed in a line, outside strings and comments."""
    depth, quote, i = 0, "", 0
    while i < len(segment):
        c = segment[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c == "#":
            break
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1
    return depth


def _item_line(text: str, at: int, index: int) -> int | None:
    """The line of item `index` of the array whose value starts at offset `at` (None if not an array)."""
    i = at
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != "[":
        return None
    depth, quote, expect_item, item = 0, "", True, -1
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c in (quote, "\n"):
                quote = ""
        elif c == "#":
            i = text.find("\n", i)
            if i < 0:
                return None
            continue
        else:
            if depth == 1 and expect_item and not c.isspace() and c not in ",]":
                item, expect_item = item + 1, False
                if item == index:
                    return text.count("\n", 0, i) + 1
            if c in "\"'":
                quote = c
            elif c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return None
            elif c == "," and depth == 1:
                expect_item = True
        i += 1
    return None


def parse_key(name: str) -> tuple[str | int, ...]:
    """'popup[2]' -> ('popup', 2), 'style.color' -> ('style', 'color')."""
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", name))


def at_key(path: str, key: str) -> str:
    """'layers/rail.toml:12: key 'style.color'' for messages about a spec file's key (no line if unknown)."""
    try:
        text = open(path, encoding="utf-8").read() if path else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    line = key_line(text, parse_key(key)) if text else None
    return f"{path}:{line}: key {key!r}" if line else f"{path}: key {key!r}"
