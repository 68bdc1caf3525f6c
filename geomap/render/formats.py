"""Table cells as plain text: numbers and dates in a spec's format, lists, missing values, ISO times.

Nothing here escapes HTML; text.py does that to whatever these return.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

MISSING = "—"  # what a template shows for a missing value
_STRFTIME = re.compile(r"%[a-zA-Z]")
_HUGE_WIDTH = re.compile(r"\d{4,}")  # a format asking for 1000+ characters is a typo, not a format
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")
# strftime directives a year-only or year-month value can fill without inventing a day or a time
_YEAR_DIRECTIVES = {"%Y", "%y", "%%"}
_MONTH_DIRECTIVES = _YEAR_DIRECTIVES | {"%m", "%b", "%B"}


def _is_sequence(value: Any) -> bool:
    return isinstance(value, list | tuple | set | frozenset | np.ndarray | pd.Series)


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT, pd.NA and blank strings (the tables' "not reported")."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if _is_sequence(value) or isinstance(value, dict):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def map_distinct(values: list[Any], fn: Callable[[Any], Any]) -> list[Any]:
    """fn over the values, called once per distinct (type, value); unhashable cells each time."""
    cache: dict[tuple[type, Any], Any] = {}
    out = []
    for v in values:
        try:
            key = (type(v), v)
            got = cache.get(key, cache)
        except TypeError:  # a list or dict cell
            out.append(fn(v))
            continue
        if got is cache:
            got = cache[key] = fn(v)
        out.append(got)
    return out


def format_column(values: list[Any], fmt: str = "") -> list[str]:
    """format_value of every value, fast for plain strings and floats without a format."""
    if fmt:
        return map_distinct(values, lambda v: format_value(v, fmt))
    out = []
    for v in values:
        kind = type(v)
        if kind is str:
            out.append(v.strip())
        elif kind is float:
            out.append("" if v != v else format_number(v))
        else:
            out.append(format_value(v))
    return out


def format_number(value: float) -> str:
    """A figure as a reader writes it: 31350000000 -> '31.35 billion', 12500 -> '12,500'."""
    v = float(value)
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= size:
            return f"{v / size:.4g} {word}"
    if v.is_integer():
        return f"{int(v):,}"
    return f"{v:,.4g}" if abs(v) >= 1 else f"{v:.3g}"


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _date_text(value: dt.date) -> str:
    """ISO text of a date or timestamp: the date alone when the time is midnight."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    return value.isoformat()


def cell_text(value: Any) -> str:
    """A table cell as plain (not yet escaped) text; '' when missing. Never raises."""
    if is_missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if _is_number(value):
        try:
            return format_number(float(value))
        except OverflowError:  # an integer too large for a float
            return str(value)
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.date):
        return _date_text(value)
    if _is_sequence(value):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        return ", ".join(t for t in (cell_text(v) for v in items) if t)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").strip()
    return str(value).strip()


def as_datetime(value: Any) -> dt.datetime | None:
    """A full date or timestamp as a datetime; None for partial dates, numbers and anything else."""
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):
        return None if is_missing(value) else value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and len(value.strip()) >= 10:
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def _format_partial_date(value: str, fmt: str) -> str | None:
    """'2024' or '2024-05' in a strftime format that needs no finer part (no invented day)."""
    m = _PARTIAL_DATE.fullmatch(value.strip())
    if m is None:
        return None
    allowed = _MONTH_DIRECTIVES if m.group(2) else _YEAR_DIRECTIVES
    if not set(_STRFTIME.findall(fmt)) <= allowed:
        return None
    month = int(m.group(2) or 1)
    if not 1 <= month <= 12:
        return None
    return dt.date(int(m.group(1)), month, 1).strftime(fmt)


def _format_date(value: Any, fmt: str) -> str | None:
    when = as_datetime(value)
    try:
        if when is not None:
            return when.strftime(fmt)
        if isinstance(value, str):
            return _format_partial_date(value, fmt)
        if _is_number(value) and float(value).is_integer() and 1000 <= float(value) <= 9999:
            return _format_partial_date(str(int(value)), fmt)  # a year
    except (ValueError, OverflowError):
        return None
    return None


def _as_number(value: Any) -> float | int | None:
    """A number, or a string holding one ('1234.5'); None for anything else."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return int(value)
    if _is_number(value):
        v = float(value)
        return int(v) if v.is_integer() and abs(v) < 2**53 else v
    if isinstance(value, str):
        try:
            return _as_number(float(value.strip()))
        except ValueError:
            return None
    return None


def _format_number(value: Any, fmt: str) -> str | None:
    number = _as_number(value)
    if number is None or _HUGE_WIDTH.search(fmt):
        return None
    try:
        return format(number, fmt)
    except (ValueError, TypeError, OverflowError):
        try:  # an integer format such as 'd' for a fractional value
            return format(float(number), fmt)
        except (ValueError, TypeError, OverflowError):
            return None


def is_date_format(fmt: str) -> bool:
    """True when a spec's format is a strftime pattern ('%d %b %Y') rather than a number format."""
    return _STRFTIME.search(fmt) is not None


def format_value(value: Any, fmt: str = "") -> str:
    """A cell in a spec's format: a number format (',.0f', '.1%') or a strftime date format; a value
    the format does not fit is shown as cell_text shows it; '' when missing. Never raises."""
    if is_missing(value):
        return ""
    if fmt and not isinstance(value, bool | np.bool_):
        done = _format_date(value, fmt) if is_date_format(fmt) else _format_number(value, fmt)
        if done is not None:
            return done
    return cell_text(value)


def iso_time(value: Any) -> str | None:
    """A cell as an ISO date ('2024-05-17', '2024-05', '2024' or a full timestamp) for the page's
    time filter; None when missing or not a date."""
    if is_missing(value):
        return None
    if isinstance(value, str) and _PARTIAL_DATE.fullmatch(value.strip()):
        month = _PARTIAL_DATE.fullmatch(value.strip()).group(2)
        return value.strip() if month is None or 1 <= int(month) <= 12 else None
    if _is_number(value) and float(value).is_integer() and 1000 <= float(value) <= 9999:
        return str(int(value))  # a year
    when = as_datetime(value)
    return _date_text(when) if when is not None else None
