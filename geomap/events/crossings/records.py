"""The gazetteer's curated crossings, looked up by place id, by a side, or by a side's name."""

from __future__ import annotations

from typing import Any

from geomap.events.crossings.inflect import SideNames
from geomap.events.crossings.sides import Sides
from geomap.model import Place

_NOT_YET = ("planned", "under construction")
MAX_NAMES = 50_000  # names remembered with the gazetteer's answers for them, across documents
_SIDE_NAMES: dict[int, tuple[Any, SideNames]] = {}  # one gazetteer per process: built once
_CURATED: dict[int, tuple[Any, Curated]] = {}  # the same: the records and their places, read once


def _norm(name: str) -> str:
    try:
        from geomap.gazetteer.names import normalize
    except ImportError:  # pragma: no cover - the gazetteer package is part of geomap
        return name.casefold().strip()
    return normalize(name)


def demonym_in(gaz: Any, words: str) -> bool:
    """Whether the gazetteer knows the words as a people's name ("Kazakh", "Afghan")."""
    rows = getattr(gaz, "name_rows", None)
    if rows is None:
        return False
    try:
        from geomap.gazetteer.index import DEMONYM
        from geomap.gazetteer.names import normalize

        return any(flag == DEMONYM for _, flag in rows(normalize(words)))
    except Exception:  # noqa: BLE001 - a gazetteer without demonyms: not one
        return False


def _family(mode: str) -> str:
    from geomap.events.crossings import family

    return family(mode)


def curated(gazetteer: Any) -> Curated:
    """The curated crossings of this gazetteer, built once per process (records and places do not change;
    what a Curated keeps is keyed by place id or name, never by a document's text)."""
    key = id(gazetteer)
    if key not in _CURATED or _CURATED[key][0] is not gazetteer:
        _CURATED.clear()
        _CURATED[key] = (gazetteer, Curated(gazetteer))
    return _CURATED[key][1]


class Curated:
    """Curated crossing records and the gazetteer behind them."""

    def __init__(self, gazetteer: Any) -> None:
        self.gaz = gazetteer
        getter = getattr(gazetteer, "crossings", None)
        self.records = list(getter()) if getter else []
        self.by_id = {r.place_id: r for r in self.records}
        self._places: dict[str, Place | None] = {}
        self._namesakes: dict[str, list[Place]] = {}
        self._demonyms: dict[str, bool] = {}
        self._keys: dict[str, str] = {}  # names and their lookup keys
        self.by_side: dict[str, list[Any]] = {}
        self._by_part: dict[str, list[Any]] | None = None
        for r in self.records:
            for pid in (r.side_a, r.side_b):
                if pid:
                    self.by_side.setdefault(pid, []).append(r)
            for name in (getattr(r, "side_a_name", ""), getattr(r, "side_b_name", "")):
                if name:
                    self.by_side.setdefault("name:" + self.key(name), []).append(r)

    def side_names(self) -> SideNames:
        """Every name the table gives a side town (its own and, for the packaged table, the bracketed
        ones), for reading the towns a text inflects; built once per gazetteer. A side's place is read
        from the gazetteer only when a text names it (the first of its ids the gazetteer has)."""
        key = id(self.gaz)
        if key not in _SIDE_NAMES or _SIDE_NAMES[key][0] is not self.gaz:
            found: dict[str, list[str]] = {}  # each name's side ids in table order: the first known one
            for r in self.records:
                for pid, name in ((r.side_a, r.side_a_name), (r.side_b, r.side_b_name)):
                    if name and pid:
                        found.setdefault(self.key(name), []).append(pid)
            for name, pid in self._bracketed():
                found.setdefault(self.key(name), []).append(pid)
            _SIDE_NAMES.clear()
            _SIDE_NAMES[key] = (self.gaz, SideNames(found, _norm, self.get))
        return _SIDE_NAMES[key][1]

    def _bracketed(self) -> list[tuple[str, str]]:
        """The other spellings the packaged table gives its rows' side towns ("Medininkai (Miedniki)"),
        with the side's place id."""
        from geomap.gazetteer.crossing_table import SIDES, side_names, side_place_id
        from geomap.gazetteer.sources import crossing_rows

        out = []
        for row in crossing_rows() if self.by_id else ():
            if row["id"] not in self.by_id:
                continue
            for side in SIDES:
                if "(" not in row[f"{side}_name"]:
                    continue  # no other spelling in brackets
                pid = side_place_id(row, side)
                out += [(name, pid) for name in side_names(row, side)[1:] if pid]
        return out

    def named_by_part(self, words: str) -> list[Any]:
        """The records whose name begins or ends with these words ("Friendship Bridge")."""
        if self._by_part is None:
            self._by_part = {}
            for r in self.records:
                parts = r.name.lower().split(" ")
                for i in range(1, len(parts)):
                    for part in (" ".join(parts[:i]), " ".join(parts[i:])):
                        self._by_part.setdefault(part, []).append(r)
        return list(dict.fromkeys(self._by_part.get(words.lower(), [])))

    def key(self, name: str) -> str:
        """The lookup key of a name (normalised once per name)."""
        found = self._keys.get(name)
        if found is None:
            if len(self._keys) >= MAX_NAMES:
                self._keys.clear()
            found = self._keys[name] = _norm(name)
        return found

    def namesakes(self, name: str) -> list[Place]:
        """The gazetteer's first eight places with this name (most populous first), asked once per name."""
        found = self._namesakes.get(name)
        if found is None:
            if len(self._namesakes) >= MAX_NAMES:
                self._namesakes.clear()
            try:
                found = self.gaz.lookup(name)[:8]
            except Exception:  # noqa: BLE001 - a lookup failure means no namesake
                found = []
            self._namesakes[name] = found
        return found

    def is_demonym(self, words: str) -> bool:
        """Whether the words are a people's name in the gazetteer ("Kazakh", "Afghan"), asked once."""
        found = self._demonyms.get(words)
        if found is None:
            if len(self._demonyms) >= MAX_NAMES:
                self._demonyms.clear()
            found = self._demonyms[words] = demonym_in(self.gaz, words)
        return found

    def get(self, place_id: str) -> Place | None:
        """The place with this id, None when unknown (looked up once per id: places are frozen)."""
        if not place_id or self.gaz is None:
            return None
        if place_id not in self._places:
            try:
                self._places[place_id] = self.gaz.get(place_id)
            except Exception:  # noqa: BLE001 - an unknown id is simply not used
                self._places[place_id] = None
        return self._places[place_id]

    def parent(self, place_id: str) -> str:
        """Id of the place a landmark lies on or in ("" when none)."""
        getter = getattr(self.gaz, "parent", None)
        return getter(place_id) if getter else ""

    def record_for(self, place_id: str) -> Any:
        """The curated crossing a place is, or lies on (following parents)."""
        seen: set[str] = set()
        while place_id and place_id not in seen:
            if place_id in self.by_id:
                return self.by_id[place_id]
            seen.add(place_id)
            place_id = self.parent(place_id)
        return None

    def sides(self, record: Any) -> tuple[Place | None, Place | None]:
        """The two side places of a curated crossing, in the row's order (None when unknown)."""
        if record is None:
            return None, None
        return self.get(record.side_a), self.get(record.side_b)

    def countries(self, record: Any) -> tuple[str, str]:
        """The two side countries of a record: its own columns, else its side places' countries."""
        a, b = getattr(record, "side_a_country", ""), getattr(record, "side_b_country", "")
        if a and b:
            return a, b
        pa, pb = self.sides(record)
        return a or (pa.country if pa else ""), b or (pb.country if pb else "")

    def by_side_of(self, place: Place) -> list[Any]:
        """The curated crossings this place is a side of."""
        return self._of(place)

    def _of(self, place: Place) -> list[Any]:
        named = self.by_side.get("name:" + self.key(place.name), [])
        return self.by_side.get(place.id, []) + [r for r in named if place.country in self.countries(r)]

    def find(self, sides: Sides, mode: str, generic: bool) -> Any:
        """The curated crossing with these sides (or this side and the country across) and a fitting mode;
        None when none, or when one named side leaves several equally good."""
        found = self._of(sides.a)
        if sides.b is not None:
            other = {r.place_id for r in self._of(sides.b)}
            found = [r for r in found if r.place_id in other]
        else:
            found = [r for r in found if sides.b_country in self.countries(r)]
        fam = _family(mode)
        fits = [r for r in found if _family(r.mode) == fam]
        if fam == "pedestrian" and not fits:  # people on foot use the road crossing
            fits = [r for r in found if _family(r.mode) == "road"]
        if generic and not fits:
            fits = [r for r in found if _family(r.mode) == "road"] or found
        if not fits:
            return None
        if len(fits) > 1 and generic:
            road = [r for r in fits if _family(r.mode) == "road"]
            fits = road or fits
        return min(fits, key=lambda r: (r.status in _NOT_YET, r.place_id))  # an open one before a planned one
