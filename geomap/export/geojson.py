"""GeoJSON text exactly as GDAL's GeoJSON driver writes a table, made in Python (no GDAL call).

`geomap extract` writes thousands of rows; going through pandas and GDAL cost more than the
geoparser. The text here is byte for byte what `GeoDataFrame.to_file(driver="GeoJSON")` gives
(tests/test_export_geojson.py compares them): json-c's spacing, GDAL's number formats, and string
values that hold a JSON list or object written as JSON. geojson_text returns None for what it does
not reproduce (a string that only looks like JSON, a number outside int64): write those with GDAL.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Iterator, Sequence
from functools import lru_cache
from itertools import compress, islice
from operator import methodcaller
from typing import Any

_string = json.encoder.encode_basestring  # json-c escapes the same characters (no "/", no non-ASCII)
_canonical = json.JSONEncoder(ensure_ascii=False).encode  # what geomap.tables writes in JSON columns
INT64 = (-(2**63), 2**63 - 1)


class NotReproduced(ValueError):
    """A value whose GDAL rendering this module does not reproduce."""


def geojson_text(name: str, columns: dict[str, list[Any]], points: Sequence[tuple[float, float] | None],
                 json_columns: Collection[str] = ()) -> str | None:
    """The FeatureCollection GDAL writes for these columns (str, int, float or None, bool values) and
    points ((lon, lat) or None), in this column order; None where GDAL must write it.
    json_columns: columns whose lists and objects are text json.dumps wrote (its default separators,
    ensure_ascii=False), re-spaced without parsing them."""
    pieces = geojson_pieces(name, columns, points, json_columns)
    return None if pieces is None else "".join(pieces)


def geojson_pieces(name: str, columns: dict[str, list[Any]], points: Sequence[tuple[float, float] | None],
                   json_columns: Collection[str] = (), rows_per_piece: int = 2000) -> Iterator[str] | None:
    """geojson_text in pieces of a few thousand features, to be written one after the other without
    holding the whole text (a table of a long document's places runs to tens of megabytes)."""
    try:
        cells = [_column(values, col in json_columns) for col, values in columns.items()]
        geometries = [_geometry(p) for p in points]
    except NotReproduced:
        return None
    # one %-template per feature: each property's value, then the geometry
    keys = ", ".join(_string(col).replace("%", "%%") + ": %s" for col in columns)
    feature = '{ "type": "Feature", "properties": { ' + (keys + " }" if keys else "}") + ', "geometry": %s }'
    head = ('{\n"type": "FeatureCollection",\n"name": ' + _string(name) + ',\n'
            '"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },\n'
            '"features": [\n')

    def pieces() -> Iterator[str]:
        yield head
        rows = zip(*cells, geometries, strict=True)
        for first in range(0, len(geometries), rows_per_piece):
            text = ",\n".join(map(feature.__mod__, islice(rows, rows_per_piece)))
            yield text if first == 0 else ",\n" + text
        yield "\n]\n}\n"

    return pieces()


_OPENS_BRACKET = methodcaller("startswith", ("[", "{"))  # a string that may hold JSON


def _column(values: list[Any], dumped: bool) -> list[str]:
    """Each value of one column as JSON text; dumped: its lists and objects are json.dumps text."""
    kinds = set(map(type, values))
    if kinds == {str}:
        # a value in brackets is written as the JSON it holds (first: does any open with a bracket)
        if not any(map(_OPENS_BRACKET, values)):
            return _strings(values)
        flags = list(map(_bracketed, values))
        if not any(flags):
            return _strings(values)
        at = list(compress(range(len(values)), flags))
        texts = [values[i] for i in at]
        done = _respaced(texts) if dumped else list(map(_embedded, texts))
        if len(at) == len(values):
            return done
        out = _strings([v for v, bracketed in zip(values, flags, strict=True) if not bracketed])
        for i, text in zip(at, done, strict=True):  # in order: each goes to its own place
            out.insert(i, text)
        return out
    if kinds <= {float, type(None)}:
        return ["null" if v is None else real(v) for v in values]
    if kinds == {int} and INT64[0] <= min(values) and max(values) <= INT64[1]:
        return list(map(str, values))
    return list(map(_value, values))


def _strings(values: list[str]) -> list[str]:
    """Each string JSON-encoded, a repeated one (a sentence, a country) once."""
    unique = dict.fromkeys(values)
    if len(unique) == len(values):
        return list(map(_string, values))
    encoded = dict(zip(unique, map(_string, unique), strict=True))
    return list(map(encoded.__getitem__, values))


# json.dumps text: its string literals, and what lies between them
_LITERAL = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")')


def _respaced(texts: list[str]) -> list[str]:
    """json.dumps texts of lists and objects in json-c's spaced form, the brackets outside string
    literals spaced ("[1, [2]]" -> "[ 1, [ 2 ] ]")."""
    done: dict[str, str] = {}  # repeated texts (a name's candidates) respaced once
    for t in texts:
        if t not in done:
            done[t] = _respaced_plain(t) or _respaced_any(t)
    return [done[t] for t in texts]


# Stand-ins for the escaped backslash and the escaped quote while literals are told apart by their quotes:
# json.dumps writes every control character as an escape, so neither occurs in its text.
_ESCAPED = (("\\\\", "\x00"), ('\\"', "\x01"))


def _respaced_plain(text: str) -> str | None:
    """The text respaced all at once when no bracket is inside its literals (every other quote opens
    one once escaped quotes and backslashes stand aside); None otherwise."""
    if "\x00" in text or "\x01" in text:
        return None
    plain = text
    if "\\" in text:  # JSON reads escapes left to right, as str.replace finds them
        for escape, stand_in in _ESCAPED:
            plain = plain.replace(escape, stand_in)
    parts = plain.split('"')
    literals = "".join(parts[1::2])
    if "[" in literals or "]" in literals or "{" in literals or "}" in literals:
        return None
    _check_structure("".join(parts[::2]))
    spaced = _spaced_brackets(plain)
    if plain is not text:
        for escape, stand_in in reversed(_ESCAPED):
            spaced = spaced.replace(stand_in, escape)
    return spaced


def _respaced_any(text: str) -> str:
    parts = _LITERAL.split(text)
    _check_structure("".join(parts[::2]))
    parts[::2] = [_spaced_brackets(p) for p in parts[::2]]
    return "".join(parts)


def _check_structure(between: str) -> None:
    """NotReproduced unless json-c reads the text outside literals as json.dumps wrote it (no NaN,
    no Infinity)."""
    if "N" in between or "I" in between:
        raise NotReproduced(between)


def _spaced_brackets(text: str) -> str:
    """Every bracket spaced as json-c spaces them: "[1, []]" -> "[ 1, [ ] ]"."""
    return (text.replace("[", "[ ").replace("{", "{ ").replace("]", " ]").replace("}", " }")
            .replace("[  ]", "[ ]").replace("{  }", "{ }"))


def _value(v: Any) -> str:
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if type(v) is int:
        return _int(v)
    if type(v) is float:
        return real(v)
    if type(v) is str:
        return _text(v)
    raise NotReproduced(v)


def _int(v: int) -> str:
    if not INT64[0] <= v <= INT64[1]:
        raise NotReproduced(v)
    return str(v)


def _text(s: str) -> str:
    """A string value; GDAL writes one holding a JSON list or object as that JSON."""
    return _embedded(s) if _bracketed(s) else _string(s)


def _bracketed(s: str) -> bool:
    """Whether GDAL tries to read a string value as JSON: "[...]" or "{...}"."""
    return s[:1] == "[" and s[-1:] == "]" or s[:1] == "{" and s[-1:] == "}"


def _embedded(s: str) -> str:
    """A JSON list or object as json-c prints it. Only text in the form json.dumps gives is taken:
    json-c also reads other forms ("[1,]", "[01]"), which GDAL would then reformat its own way."""
    try:
        value = json.loads(s)
    except ValueError:
        value = None
    if value is None or _canonical(value) != s:
        raise NotReproduced(s)
    return _spaced(value)


def _spaced(value: Any) -> str:
    """json-c's spaced form ("[ 1, 2 ]", "{ "a": 1 }", "[ ]"); numbers as json.dumps wrote them
    (json-c keeps a number's text)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[ " + ", ".join(map(_spaced, value)) + " ]" if value else "[ ]"
    if isinstance(value, dict):
        if not value:
            return "{ }"
        return "{ " + ", ".join(_string(k) + ": " + _spaced(v) for k, v in value.items()) + " }"
    if value is None or isinstance(value, bool):
        return _canonical(value)
    if isinstance(value, int):
        return _int(value)
    if not math.isfinite(value):
        raise NotReproduced(value)
    return repr(value)


def real(v: float) -> str:
    """A number property as GDAL writes it (see _real)."""
    return _real(v) if v else ("-0.0" if math.copysign(1.0, v) < 0 else "0.0")  # 0.0 == -0.0 in a cache


def coordinate(v: float) -> str:
    """A coordinate as GDAL writes it (see _coordinate)."""
    return _coordinate(v) if v else ("-0.0" if math.copysign(1.0, v) < 0 else "0.0")


@lru_cache(maxsize=65536)
def _real(v: float) -> str:
    """A number property: 17 significant digits, or 16 to 14 where that drops a run of six 0s or 9s
    after the point (a rounding artefact), with ".0" on a whole number (GDAL's
    OGR_json_double_with_significant_figures_to_string)."""
    if not math.isfinite(v):
        raise NotReproduced(v)
    s = f"{v:.17g}"
    if _rounding_run(s):
        for digits in (16, 15, 14):
            shorter = f"{v:.{digits}g}"
            if "." in shorter and not _rounding_run(shorter):
                s = shorter
                break
    return s if "." in s or "e" in s else s + ".0"


def _rounding_run(s: str) -> bool:
    dot = s.find(".")
    return dot >= 0 and ("000000" in s[dot:] or "999999" in s[dot:])


def _geometry(point: tuple[float, float] | None) -> str:
    if point is None:
        return "null"
    lon, lat = point
    return '{ "type": "Point", "coordinates": [ ' + coordinate(lon) + ", " + coordinate(lat) + " ] }"


@lru_cache(maxsize=65536)
def _coordinate(v: float) -> str:
    """A coordinate: 15 decimals, then GDAL's rounding of trailing 00000x / 99999x runs and its
    trailing-zero trim (OGRFormatDouble with intelliround); 17 significant digits beyond 1e50."""
    if not math.isfinite(v):
        raise NotReproduced(v)
    if abs(v) > 1e50:
        return f"{v:.17g}"
    s = f"{v:.15f}"
    n, dot = len(s), s.index(".")
    before = dot - 1 - (s[0] == "-")  # GDAL's count of the digits before the point (one short)
    if s[n - 6:n - 1] == "00000":
        s = s[:-1]
    elif dot < n - 8 and _run_before(s, before, "0") and s[n - 8] == s[n - 9] == "0":
        s = s[:-8]
    elif s[n - 6:n - 1] == "99999":
        s = _round_up(s[:-6])
    elif dot < n - 9 and _run_before(s, before, "9") and s[n - 8] == s[n - 9] == "9":
        s = _round_up(s[:-9])
    s = s.rstrip("0")
    return s + "0" if s.endswith(".") else s


def _run_before(s: str, before: int, digit: str) -> bool:
    """GDAL's test on the 3rd to 7th last characters: each is `digit` unless enough digits precede
    the point (4 for the 3rd last, ... 8 for the 7th last)."""
    n = len(s)
    return all(before >= need or s[n - back] == digit
               for back, need in ((3, 4), (4, 5), (5, 6), (6, 7), (7, 8)))


def _round_up(s: str) -> str:
    """A decimal string plus one unit in its last place ("1.2" -> "1.3", "9.9" -> "10.0")."""
    digits = list(s)
    i = len(digits) - 1
    while i >= 0 and digits[i] in "9.":
        if digits[i] == "9":
            digits[i] = "0"
        i -= 1
    if i >= 0 and digits[i] != "-":
        digits[i] = chr(ord(digits[i]) + 1)
    else:
        digits.insert(i + 1, "1")
    return "".join(digits)
