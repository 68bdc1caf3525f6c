"""Offline place index: GeoNames cities, Natural Earth countries, curated landmarks and crossings
(worldwide, geomap/data/crossings.csv), with each place's nearest land border."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import fields
from functools import cache
from itertools import filterfalse
from pathlib import Path

import numpy as np

from geomap.errors import GeomapError
from geomap.gazetteer import crossing_table, index, sources
from geomap.gazetteer.names import name_hash, name_hash_list, name_hashes, normalize
from geomap.gazetteer.sources import CrossingRecord
from geomap.model import Place

__all__ = ["Gazetteer", "CrossingRecord", "load_gazetteer", "normalize"]

NAME_CACHE = 200_000  # names whose rows are kept after a lookup (emptied when full)
_BIT_SETS = {"hash": "hash_bits", "prefix_hash": "prefix_bits"}  # each sorted hash array's bit set
ARRAY_LOOKUP = 64  # from this many names looked up at once, their bit set tests are cheaper in arrays


class Gazetteer:
    """Read-only view over the compiled arrays: name lookups and place records by id or row."""

    def __init__(self, arrays: dict[str, np.ndarray], from_cache: bool = False) -> None:
        self._a = arrays
        self.from_cache = from_cache
        self._places: dict[int, Place] = {}
        self._name_rows: dict[str, tuple[tuple[int, int], ...]] = {}  # name_rows per key, up to NAME_CACHE
        self._main_rows: dict[str, tuple[tuple[int, bool], ...]] = {}  # rows_for_key per key, likewise
        self._starts: dict[str, tuple[bool, bool]] = {}  # name_starts per key, up to NAME_CACHE
        self._hashes: dict[str, int] = {}  # name_hash of the names name_starts found, likewise
        self._texts = {f: (memoryview(arrays[f"{f}_blob"]), arrays[f"{f}_off"])
                       for f in index.STRING_FIELDS if f"{f}_blob" in arrays}
        # bit sets that rule out most absent names without a search
        self._bits = (memoryview(arrays["hash_bits"]), (1 << index.HASH_BITS) - 1,
                      memoryview(arrays["prefix_bits"]), (1 << index.PREFIX_BITS) - 1)

    def __len__(self) -> int:
        return len(self._a["lat"])

    def _row(self, place_id: str) -> int | None:
        """Row of a place id: its hash in the sorted id hashes, then the stored id compared."""
        ids, h = self._a["id_hash"], name_hash(place_id)
        lo = int(np.searchsorted(ids, h, side="left"))
        hi = int(np.searchsorted(ids, h, side="right"))
        for i in range(lo, hi):
            row = int(self._a["id_row"][i])
            if self._string("id", row) == place_id:
                return row
        return None

    def _string(self, field: str, row: int) -> str:
        blob, off = self._texts[field]
        return str(blob[off.item(row):off.item(row + 1)], "utf-8")  # Python ints slice faster

    def rows_for_key(self, key: str) -> list[tuple[int, bool]]:
        """Rows of places having this normalised name, each with whether it is their main name."""
        found = self._main_rows.get(key)
        if found is None:
            found = self._mains(key, self.name_rows(key))
        return list(found)

    def _mains(self, key: str, rows: Iterable[tuple[int, int]]) -> tuple[tuple[int, bool], ...]:
        """rows_for_key of a name from its name_rows, kept for the next lookup."""
        if len(self._main_rows) >= NAME_CACHE:
            self._main_rows.clear()
        found = self._main_rows[key] = tuple((row, flag == 1) for row, flag in rows)
        return found

    def name_rows(self, key: str) -> list[tuple[int, int]]:
        """Rows of places having this normalised name, each with how: 1 their main name, 0 another
        name, 2 the name of their people (a demonym: "Russian", "Ohioans")."""
        found = self._name_rows.get(key)
        if found is None:
            h = name_hash(key)
            hashes = self._a["hash"]
            lo = int(hashes.searchsorted(h, side="left"))
            hi = int(hashes.searchsorted(h, side="right"))
            found = tuple(zip(self._a["row"][lo:hi].tolist(), self._a["main"][lo:hi].tolist(), strict=True))
            if len(self._name_rows) >= NAME_CACHE:
                self._name_rows.clear()
            self._name_rows[key] = found
        return list(found)

    def known_keys(self, keys: list[str]) -> list[bool]:
        """Which of these normalised names are in the index, in one vectorised pass."""
        if not keys:
            return []
        return _member(self._a["hash"], name_hashes(keys)).tolist()

    def name_starts(self, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per normalised name: whether it is in the index, and whether some longer name in it
        begins with it followed by a space, hyphen or dot (so that a longer run may match)."""
        pairs = self.name_start_pairs(keys)
        return (np.array([name for name, _ in pairs], dtype=bool),
                np.array([start for _, start in pairs], dtype=bool))

    def name_start_pairs(self, keys: list[str]) -> list[tuple[bool, bool]]:
        """name_starts as one (in the index, some longer name begins with it) pair per name."""
        cache = self._starts
        found = list(map(cache.get, keys))  # most names are known: one pass over the cache
        if all(found):  # each a pair (a non-empty tuple), None where not known yet
            return found
        missing = _not_cached(cache, keys)
        if missing:
            if len(missing) >= ARRAY_LOOKUP:  # many new names (a run of Chinese text): tested in arrays
                wanted = name_hashes(missing)
                names = self._held_array(wanted, "hash", 0)
                starts = self._held_array(wanted, "prefix_hash", 2)
                hashes = wanted.tolist()
            else:
                hashes = name_hash_list(missing)
                names, starts = self._held(hashes, "hash", 0), self._held(hashes, "prefix_hash", 2)
            cache.update(zip(missing, zip(names, starts, strict=True), strict=True))
            # a name found is looked up for its rows next (rows_for_keys): its hash is kept for it
            known = self._hashes
            if len(known) >= NAME_CACHE:
                known.clear()
            known.update((k, h) for k, h, name in zip(missing, hashes, names, strict=True) if name)
        return list(map(cache.__getitem__, keys))

    def _held(self, hashes: list[int], field: str, bits: int) -> list[bool]:
        """Which of these hashes the sorted array `field` holds: those its bit set (self._bits at
        `bits`) rules out are not searched."""
        bit_set, mask = self._bits[bits], self._bits[bits + 1]
        maybe = [i for i, h in enumerate(hashes) if bit_set[(h & mask) >> 3] >> (h & 7) & 1]
        held = [False] * len(hashes)
        if maybe:
            found = _member(self._a[field], np.array([hashes[i] for i in maybe], dtype=np.int64)).tolist()
            for i, f in zip(maybe, found, strict=True):
                held[i] = f
        return held

    def _held_array(self, hashes: np.ndarray, field: str, bits: int) -> list[bool]:
        """_held of many hashes (an int64 array), the bit set read in vectorised steps."""
        bit_set, mask = self._a[_BIT_SETS[field]], self._bits[bits + 1]
        low = hashes & mask
        maybe = ((bit_set[low >> 3] >> (low & 7).astype(np.uint8)) & 1).nonzero()[0]
        held = np.zeros(len(hashes), dtype=bool)
        if len(maybe):
            held[maybe] = _member(self._a[field], hashes[maybe])
        return held.tolist()

    def rows_for_keys(self, keys: list[str]) -> list[list[tuple[int, bool]]]:
        """rows_for_key of many names, with one vectorised search."""
        cache = self._name_rows
        missing = _not_cached(cache, keys)
        if missing:
            known = self._hashes
            hashes = [known.get(k) for k in missing]
            if None in hashes:
                hashes = [h if h is not None else name_hash(k) for k, h in zip(missing, hashes, strict=True)]
            wanted = np.array(hashes, dtype=np.int64)
            hashes, rows, mains = self._a["hash"], self._a["row"], self._a["main"]
            lo = hashes.searchsorted(wanted, side="left").tolist()
            hi = hashes.searchsorted(wanted, side="right").tolist()
            for key, a, b in zip(missing, lo, hi, strict=True):
                cache[key] = tuple(zip(rows[a:b].tolist(), mains[a:b].tolist(), strict=True)) if b > a else ()
        known = self._main_rows
        return [list(known.get(k) or self._mains(k, cache[k])) for k in keys]

    def place(self, row: int) -> Place:
        """The place stored at a row."""
        cached = self._places.get(row)
        if cached is None:
            a = self._a
            cached = _place(
                id=self._string("id", row),
                name=self._string("name", row),
                kind=index.KINDS[a["kind"].item(row)],
                lat=a["lat"].item(row),
                lon=a["lon"].item(row),
                country=self._string("country", row),
                population=a["population"].item(row),
                admin1=self._string("admin1", row),
                source=self._string("source", row),
            )
            self._places[row] = cached
        return cached

    def kind_and_population(self, row: int) -> tuple[str, int]:
        """The kind and population of the place at a row, without decoding the place."""
        return index.KINDS[self._a["kind"].item(row)], self._a["population"].item(row)

    def area_code(self, row: int) -> str:
        """The code a "City, State" or "City, Country" pattern reads off the place at a row: a
        first-level area's admin1 code, a country's code, "" for any other place (most names'
        places are towns: read without decoding them)."""
        kind = index.KINDS[self._a["kind"].item(row)]
        if kind == "admin1":
            return self._string("admin1", row)
        return self._string("country", row) if kind == "country" else ""

    def place_id(self, row: int) -> str:
        """The id of the place at a row (read alone, unless the place is decoded already)."""
        cached = self._places.get(row)
        return cached.id if cached is not None else self._string("id", row)

    def facts(self, row: int) -> tuple[str, int, float, float, str, str]:
        """What ranking a place needs of it, without decoding the rest: kind, population, lat,
        lon, country and admin1 codes."""
        a = self._a
        return (index.KINDS[a["kind"].item(row)], a["population"].item(row), a["lat"].item(row),
                a["lon"].item(row), self._string("country", row), self._string("admin1", row))

    def strings(self, field: str, rows: Rows) -> list[str]:
        """_string of many rows: their offsets read in two vectorised takes."""
        blob, off = self._texts[field]
        at = _row_array(rows)
        starts = off.take(at).tolist()
        ends = off.take(at + 1).tolist()
        return [str(blob[a:b], "utf-8") for a, b in zip(starts, ends, strict=True)]

    def facts_of(self, rows: Rows) -> list[tuple[str, int, float, float, str, str]]:
        """facts() of many rows, each column read in one vectorised take."""
        a, kinds, at = self._a, index.KINDS, _row_array(rows)
        return list(zip([kinds[k] for k in a["kind"].take(at).tolist()],
                        a["population"].take(at).tolist(), a["lat"].take(at).tolist(),
                        a["lon"].take(at).tolist(), self.strings("country", at),
                        self.strings("admin1", at), strict=True))

    def borders_of(self, rows: Rows) -> list[tuple[str, float]]:
        """border() of many rows, read in two vectorised takes."""
        at = _row_array(rows)
        kms = self._a["border_km"].take(at).tolist()
        across = self._a["border_across"].take(at).tolist()
        return [(c.decode("ascii"), km) if km < math.inf else ("", km)
                for c, km in zip(across, kms, strict=True)]

    def place_ids(self, rows: Rows) -> list[str]:
        """place_id() of many rows."""
        return self.strings("id", rows)

    def border(self, row: int) -> tuple[str, float]:
        """The country across the nearest land border of the place at a row, and how far it is in
        km ("" and inf when none lies within border_distance.REACH_KM)."""
        km = float(self._a["border_km"][row])
        return (self._a["border_across"][row].decode("ascii"), km) if km < math.inf else ("", km)

    def border_of(self, place_id: str) -> tuple[str, float]:
        """border() of a place by id ("" and inf for an unknown id)."""
        row = self._row(place_id)
        return ("", math.inf) if row is None else self.border(row)

    def parent(self, place_id: str) -> str:
        """Id of the place a landmark lies in ("" when none is recorded)."""
        row = self._row(place_id)
        return "" if row is None else self._string("parent", row)

    def children(self, place_id: str) -> list[Place]:
        """Curated places recorded as lying in or on this one (a bridge's checkpoints, a city's venues)."""
        if not hasattr(self, "_children"):
            kids: dict[str, list[int]] = {}
            for row in np.flatnonzero(np.diff(self._a["parent_off"])).tolist():  # rows with a parent
                kids.setdefault(self._string("parent", row), []).append(row)
            self._children = kids
        return [self.place(r) for r in self._children.get(place_id, [])]

    def get(self, place_id: str) -> Place:
        """The place with this id; GeomapError when unknown."""
        row = self._row(place_id)
        if row is None:
            raise GeomapError(f"unknown place id {place_id!r}")
        return self.place(row)

    def has(self, place_id: str) -> bool:
        """Whether this id is in the gazetteer."""
        return self._row(place_id) is not None

    def lookup(self, name: str) -> list[Place]:
        """Places with this name in any script or spelling, most populous first."""
        rows = self.rows_for_key(normalize(name))
        places = [self.place(r) for r, _ in rows]
        return sorted(places, key=lambda p: (-p.population, p.id))

    @cache  # noqa: B019 - one gazetteer per process
    def crossings(self) -> list[CrossingRecord]:
        """The curated border crossings, each with its two sides in the row's order."""
        records = []
        for row in sources.crossing_rows():
            sides = []
            for side in crossing_table.SIDES:
                pid = crossing_table.side_place_id(row, side)
                sides.append((pid if self.has(pid) else "", crossing_table.plain_name(row[f"{side}_name"])))
            records.append(
                CrossingRecord(
                    place_id=row["id"], name=row["name"], mode=row["mode"], status=row["status"],
                    opened=row["opened"], side_a=sides[0][0], side_a_name=sides[0][1],
                    side_b=sides[1][0], side_b_name=sides[1][1], source=row["source"],
                    side_a_country=row["side_a_country"], side_b_country=row["side_b_country"],
                    alt_names=tuple(crossing_table.split_alt_names(row["alt_names"])),
                )
            )
        return records


_PLACE_FIELDS = frozenset(f.name for f in fields(Place))


def _place(**values: object) -> Place:
    """Place(**values), without the frozen dataclass's one object.__setattr__ call per field (half
    the cost of reading a place); every field must be given."""
    if values.keys() != _PLACE_FIELDS:
        raise TypeError(f"a place needs exactly the fields {sorted(_PLACE_FIELDS)}")
    place = object.__new__(Place)
    place.__dict__.update(values)
    return place


Rows = list[int] | np.ndarray  # rows of places: a list, or an array of them


def _row_array(rows: Rows) -> np.ndarray:
    """The rows as an array (made once, then taken from by each column: a list is converted per take)."""
    return np.asarray(rows, dtype=np.intp)


def _member(sorted_hashes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which wanted hashes the sorted array holds."""
    if not len(sorted_hashes):
        return np.zeros(len(wanted), dtype=bool)
    # the hash at each one's place in the sorted array (the last one for those past its end)
    return sorted_hashes.take(sorted_hashes.searchsorted(wanted), mode="clip") == wanted


_loaded: dict[str, Gazetteer] = {}


def load_gazetteer(cache: Path | None = None, *, progress=None) -> Gazetteer:
    """The gazetteer, compiled on first use and cached on disk (and in this process)."""
    key = str(cache or index.cache_dir())
    if key not in _loaded:
        arrays, from_cache = index.load_or_build(cache, progress=progress)
        _loaded[key] = Gazetteer(arrays, from_cache)
    return _loaded[key]


def _not_cached(cache: dict, keys: list[str]) -> list[str]:
    """The distinct keys a bounded per-name cache lacks (emptied first when they would overflow it)."""
    missing = list(filterfalse(cache.__contains__, keys))  # in a C loop: most names are known
    if not missing:
        return missing
    if len(cache) + len(keys) > NAME_CACHE:
        cache.clear()
        return list(dict.fromkeys(keys))
    return list(dict.fromkeys(missing))
