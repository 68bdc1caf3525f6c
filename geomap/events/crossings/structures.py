"""Structures with a name of their own at a known crossing (a named gate, "Bridge II", the old bridge
beside a new checkpoint): whether a name is the curated row's own, and the place such a structure gets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any

from geomap.model import Place

NUMBERED = re.compile(r"\s+(?:No\.?\s*)?(?P<n>I{1,3}|IV|V|[1-9])\b(?![.,]\d)")  # "Bridge II", "Gate No. 2"
_FIRST = ("I", "1")


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _plain(text: str) -> str:
    """A name's slug without accents ("Kim Thành" and "Kim Thanh" alike)."""
    return _slug("".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)))


def names_record(name: str, record: Any) -> bool:
    """Whether a crossing's own name is one the curated row gives it (or part of one), or is built on
    one of its side towns ("the Northgate Bridge")."""
    key = _plain(name)
    names = [_plain(n) for n in (record.name, *getattr(record, "alt_names", ()))]
    sides = [_plain(n) for n in (record.side_a_name, record.side_b_name)]
    return any(key == n or key in n or n in key for n in names if n) or any(n and n in key for n in sides)


def numbered(text: str, at: int, end: int) -> tuple[str, int] | None:
    """The number after a structure's name at `at` ("II", "No. 2") and where it ends; None when there is
    none or it is the first (the first is the structure itself)."""
    m = NUMBERED.match(text, at, end)
    if m is None or m.group("n").upper() in _FIRST:
        return None
    return m.group("n"), m.end()


def structure_place(base: Place, name: str, kind: str, family: str) -> Place:
    """The place of a structure named at a known crossing: that crossing's point, its own id and name."""
    countries = "-".join(sorted(set(base.country.lower().split("/")) - {""}))
    return replace(base, id=f"crossing:{_slug(name)}-{countries}-{family}", name=name, kind=kind,
                   source=f"not in the gazetteer: a structure named at {base.name}")
