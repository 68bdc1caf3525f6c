"""Records files cut into slices that cluster workers read themselves, so a corpus larger than the
client's memory is never loaded in one place: a plain JSON Lines file by byte ranges that end at line
breaks (the client counts the lines before each, for error messages), a Parquet file by row groups.
Gzip and CSV files cannot be cut without reading them: the client reads those.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GeomapError
from geomap.model import Document
from geomap.records import (
    JSONL_SUFFIXES,
    PARQUET_SUFFIXES,
    BadRecord,
    Columns,
    json_row,
    record_document,
    wanted_columns,
)

SLICE_BYTES = 1 << 20  # about 250 news articles
_BLOCK = 1 << 20  # how much the client reads at a time while counting lines


@dataclass(frozen=True)
class Slice:
    """Rows of one records file: bytes [start, stop) of a JSON Lines file whose first line is
    first_row, or row groups [start, stop) of a Parquet file whose first row is first_row."""

    path: str
    kind: str  # "jsonl" or "parquet"
    start: int
    stop: int
    first_row: int
    columns: Columns
    label: str = ""  # how rows are named in messages ("parts/part-0.parquet"); the path when empty


def slices_of(path: Path, columns: Columns, target: int = SLICE_BYTES) -> list[Slice] | None:
    """The slices of a records file or Parquet folder, about target bytes each; None when it cannot be
    cut (gzip, CSV)."""
    name = path.name.lower()
    if path.is_dir():
        parts = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(PARQUET_SUFFIXES))
        return [s for part in parts for s in _parquet_slices(part, columns, target, f"{path}/{part.name}")]
    if name.endswith(PARQUET_SUFFIXES):
        return _parquet_slices(path, columns, target, str(path))
    if name.endswith(JSONL_SUFFIXES) and not name.endswith(".gz"):
        return _jsonl_slices(path, columns, target)
    return None


def _jsonl_slices(path: Path, columns: Columns, target: int) -> list[Slice]:
    """Byte ranges of about target bytes, each ending after a line break, with their first line."""
    out: list[Slice] = []
    start = pos = 0  # the slice's first byte; the block's
    line = 1  # the line the slice starts on
    breaks = 0  # line breaks between start and what is counted of the block
    try:
        with open(path, "rb") as fh:
            while block := fh.read(_BLOCK):
                counted = 0  # line breaks before this index of the block are in `breaks`
                while (look := max(counted, start + target - 1 - pos)) < len(block):
                    cut = block.find(b"\n", look)
                    if cut < 0:
                        break
                    breaks += block.count(b"\n", counted, cut + 1)
                    out.append(Slice(str(path), "jsonl", start, pos + cut + 1, line, columns))
                    start, counted, line, breaks = pos + cut + 1, cut + 1, line + breaks, 0
                breaks += block.count(b"\n", counted)
                pos += len(block)
    except OSError as exc:
        raise GeomapError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if pos > start:
        out.append(Slice(str(path), "jsonl", start, pos, line, columns))
    return out


def _parquet_slices(path: Path, columns: Columns, target: int, label: str) -> list[Slice]:
    """Runs of row groups of about target bytes (uncompressed), with their first row."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise GeomapError(f"{path}: reading Parquet needs pyarrow: pip install pyarrow") from None
    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, ValueError) as err:
        raise GeomapError(f"{path}: not a Parquet file ({str(err).splitlines()[0]})") from None
    wanted_columns(path, columns, [meta.schema.column(i).name for i in range(meta.num_columns)])
    out: list[Slice] = []
    first, size, row, rows_before = 0, 0, 1, 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        size += group.total_byte_size
        rows_before += group.num_rows
        if size >= target or g == meta.num_row_groups - 1:
            out.append(Slice(str(path), "parquet", first, g + 1, row, columns, label))
            first, size, row = g + 1, 0, rows_before + 1
    return out


def read_slice(piece: Slice) -> tuple[list[Document], list[BadRecord]]:
    """The articles of a slice, and the rows that hold none (runs on a worker)."""
    docs: list[Document] = []
    bad: list[BadRecord] = []
    path = Path(piece.path)
    for where, row in _rows(piece):
        if isinstance(row, BadRecord):
            bad.append(row)
            continue
        try:
            docs.append(record_document(row, piece.columns, where, path))
        except ValueError as err:
            bad.append(BadRecord(where, str(err)))
    return docs, bad


def _rows(piece: Slice):
    if piece.kind == "parquet":
        import pyarrow.parquet as pq

        source = pq.ParquetFile(piece.path)
        names = [source.metadata.schema.column(i).name for i in range(source.metadata.num_columns)]
        wanted = wanted_columns(Path(piece.path), piece.columns, names)
        table = source.read_row_groups(list(range(piece.start, piece.stop)), columns=wanted)
        label = piece.label or piece.path
        for k, row in enumerate(table.to_pylist()):
            yield f"{label} row {piece.first_row + k}", row
        return
    with open(piece.path, "rb") as fh:
        fh.seek(piece.start)
        data = fh.read(piece.stop - piece.start)
    try:
        text = data.decode("utf-8-sig" if piece.start == 0 else "utf-8")
    except UnicodeDecodeError as exc:
        at = piece.first_row + data.count(b"\n", 0, exc.start)
        raise GeomapError(f"{piece.path}:{at}: byte {exc.start} is not UTF-8 (expected UTF-8 text)") from None
    for k, line in enumerate(text.split("\n")):
        if line.strip():
            where = f"{piece.path}:{piece.first_row + k}"
            yield where, json_row(line, where)
