"""A large table as GeoParquet in parts: a folder `<name>.parquet/` of `part-00000.parquet`,
`part-00001.parquet`, ... of PART_ROWS rows each, in the table's order. A part is made from its own rows
only, so it is the same bytes whoever writes it (this process, or a Dask worker next to the rows) and
a rerun writes the same files. The folder is written beside its place and takes it only when complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from geomap.errors import GeomapError
from geomap.files import new_file_mode
from geomap.heap import fewer_collections
from geomap.tables import Table

PART_ROWS = 200_000  # rows per part; a table with more is written in parts (a folder)


def part_name(k: int) -> str:
    """The k-th part's file name (numbered from 0, sorting in table order)."""
    return f"part-{k:05d}.parquet"


def needs_parts(rows: int) -> bool:
    """Whether a table of this many rows is written as a folder of parts."""
    return rows > PART_ROWS


def part_bounds(rows: int) -> list[tuple[int, int]]:
    """The rows [start, stop) of each part of a table of this many rows."""
    return [(a, min(a + PART_ROWS, rows)) for a in range(0, rows, PART_ROWS)]


Piece = tuple[Table, int, int]  # rows [lo, hi) of a Table


def pieces_of(bounds: tuple[int, int], starts: Sequence[int], holders: Sequence[object]) -> list[tuple]:
    """(holder, lo, hi) for each holder of consecutive rows (holder k's first row is starts[k], the last
    holder's rows run to bounds' end at least) that holds some rows of the part at bounds."""
    a, b = bounds
    ends = [*starts[1:], max(b, starts[-1] if starts else 0)]
    return [(h, max(a, s) - s, min(b, e) - s) for h, s, e in zip(holders, starts, ends, strict=True)
            if s < b and e > a and max(a, s) < min(b, e)]  # fmt: skip


@fewer_collections()
def write_part(folder: str, k: int, kind: str, pieces: Sequence[Piece]) -> int:
    """Write part k of a `kind` table from its rows, the pieces in order; the number of rows written.
    Runs where the rows are (a Dask worker writes into a folder the client made)."""
    rows: list = []
    points: list = []
    for table, lo, hi in pieces:
        rows += table.rows[lo:hi]
        points += table.points[lo:hi]
    path = Path(folder) / part_name(k)
    try:
        Table(kind, rows, points).frame().to_parquet(path, index=False)
    except OSError as err:
        raise GeomapError(f"{path}: cannot write: {err.strerror or err}") from None
    return len(rows)


def write_parquet(table: Table, path: Path) -> Path:
    """The table as one GeoParquet file at path, or as a folder of parts when it has more than PART_ROWS
    rows; either replaces what was there (a file, or the folder of an earlier, larger extraction)."""
    if needs_parts(len(table.rows)):
        return write_parts(table, path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp.parquet", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.is_file() else new_file_mode())
        table.frame().to_parquet(tmp, index=False)
        replace_with(tmp, path)
    except OSError as err:
        raise GeomapError(f"{path}: cannot write: {err.strerror or err}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_parts(table: Table, path: Path) -> Path:
    """The whole table in parts, as the folder `path` (replacing what was there)."""
    with parts_folder(path) as tmp:
        for k, bounds in enumerate(part_bounds(len(table.rows))):
            write_part(str(tmp), k, table.kind, [(table, *bounds)])
    return path


@contextlib.contextmanager
def parts_folder(path: Path) -> Iterator[Path]:
    """A new folder beside path to write the parts into; it becomes path (a file or folder there is
    replaced) only when the block finishes, else it is removed."""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    except OSError as err:
        raise GeomapError(f"{path.parent}: cannot write: {err.strerror or err}") from None
    try:
        readable = new_file_mode()
        os.chmod(tmp, readable | (readable & 0o444) >> 2)  # mkdtemp's is private: a folder as mkdir makes
        yield tmp
        replace_with(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def replace_with(new: Path, path: Path) -> None:
    """Put new (a file or folder) in place of path (a file, a folder or nothing)."""
    if not (path.is_dir() or new.is_dir()) or not path.exists():
        os.replace(new, path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
    os.replace(path, old / path.name)
    os.replace(new, path)
    shutil.rmtree(old, ignore_errors=True)
