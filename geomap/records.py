"""Corpora stored as records, one article per row: JSON Lines (plain or gzip), CSV (plain or gzip) and
Parquet (a file, or a folder of part files). Read in batches of rows, so that a corpus larger than
memory is never loaded whole; a row that cannot be read is reported by file and line (or row) and
the rest goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.model import Document

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
CSV_SUFFIXES = (".csv", ".csv.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
RECORD_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + PARQUET_SUFFIXES
BATCH_ROWS = 1000
CSV_FIELD_MAX = 64 * 1024 * 1024  # one article's text in a CSV cell, at most


@dataclass(frozen=True)
class Columns:
    """Which column holds what (the defaults are the usual names in news dumps)."""

    text: str = "text"
    date: str = "date"
    title: str = "title"
    id: str = "id"
    url: str = "url"


@dataclass(frozen=True)
class BadRecord:
    """A row that is not an article: where it is ("corpus.jsonl:17") and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


OnBad = Callable[[BadRecord], None]


def is_records(path: Path) -> bool:
    """Whether a path is a records corpus: a file with a records suffix, or a folder of Parquet parts
    (every file in it a part, besides writers' markers such as _SUCCESS or .crc files)."""
    if path.is_dir():
        files = [p.name.lower() for p in path.iterdir() if p.is_file() and not p.name.startswith(("_", "."))]
        return bool(files) and all(name.endswith(PARQUET_SUFFIXES) for name in files)
    return path.name.lower().endswith(RECORD_SUFFIXES)


def read_records(path: Path, columns: Columns = Columns(), *, batch_rows: int = BATCH_ROWS,
                 on_bad: OnBad | None = None) -> Iterator[list[Document]]:
    """The articles of a records corpus in batches of up to batch_rows. A bad row goes to on_bad and is
    skipped; without on_bad it is an error naming the file and line."""
    report = on_bad or _raise
    name = path.name.lower()
    if path.is_dir() or name.endswith(PARQUET_SUFFIXES):
        rows = _parquet_rows(path, columns)
    elif name.endswith(CSV_SUFFIXES):
        rows = _csv_rows(path)
    elif name.endswith(JSONL_SUFFIXES):
        rows = _jsonl_rows(path)
    else:
        raise GeomapError(f"{path}: not a records file (expected {', '.join(RECORD_SUFFIXES)})")
    batch: list[Document] = []
    for where, row in rows:
        if isinstance(row, BadRecord):
            report(row)
            continue
        try:
            batch.append(record_document(row, columns, where, path))
        except ValueError as err:
            report(BadRecord(where, str(err)))
            continue
        if len(batch) >= batch_rows:
            yield batch
            batch = []
    if batch:
        yield batch


def record_document(row: Mapping[str, Any], columns: Columns, where: str, path: Path) -> Document:
    """One row as a Document; ValueError saying what is wrong when it holds no article."""
    from geomap.corpus import find_date, find_title, shorten_title, valid_date

    text = row.get(columns.text)
    if not isinstance(text, str) or not text.strip():
        found = "no such column" if columns.text not in row else f"{type(text).__name__} {text!r:.40}"
        raise ValueError(f"column {columns.text!r}: expected the article's text ({found})")
    if "\x00" in text:
        raise ValueError(f"column {columns.text!r}: holds a NUL byte (expected text)")
    key = _cell_text(row.get(columns.id)) or _cell_text(row.get(columns.url))
    title = _cell_text(row.get(columns.title))
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    short = where.rsplit("/", 1)[-1]  # "corpus.jsonl:17", "part-0.parquet row 17"
    return Document(
        id=f"{key or short}-{digest}",
        path=where,
        title=shorten_title(title) if title else find_title(text),
        date=_cell_date(row.get(columns.date), valid_date) or find_date(text),
        source=key or short,
        text=text,
    )


def _cell_text(value: Any) -> str:
    if value is None or isinstance(value, float) and value != value:  # None, NaN
        return ""
    return " ".join(str(value).split())


def _cell_date(value: Any, valid: Callable[[str], str | None]) -> str | None:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    text = _cell_text(value)
    return valid(text) if text else None


def _raise(bad: BadRecord) -> None:
    raise GeomapError(str(bad))


def _open_text(path: Path) -> io.TextIOBase:
    try:
        if path.name.lower().endswith(".gz"):
            return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
        return open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise GeomapError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _lines(path: Path, fh: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Numbered lines, with a gzip or UTF-8 fault as the one-line error it is."""
    n = 0
    try:
        for n, line in enumerate(fh, start=1):  # noqa: B007 - n names the line a fault is on
            yield n, line
    except UnicodeDecodeError as exc:
        raise GeomapError(f"{path}:{n + 1}: byte {exc.start} is not UTF-8 (expected UTF-8 text)") from None
    except (OSError, EOFError) as exc:
        raise GeomapError(f"{path}:{n + 1}: cannot read ({exc}; a damaged gzip file?)") from None


def _jsonl_rows(path: Path) -> Iterator[tuple[str, Mapping[str, Any] | BadRecord]]:
    with _open_text(path) as fh:
        for n, line in _lines(path, fh):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            yield where, json_row(line, where)


def json_row(line: str, where: str) -> Mapping[str, Any] | BadRecord:
    """One line of JSON Lines as a row, or what is wrong with it."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        return BadRecord(where, f"not JSON ({err.msg} at column {err.colno})")
    if not isinstance(row, dict):
        return BadRecord(where, f"expected a JSON object, found {type(row).__name__}")
    return row


def _csv_rows(path: Path) -> Iterator[tuple[str, Mapping[str, Any] | BadRecord]]:
    csv.field_size_limit(CSV_FIELD_MAX)
    with _open_text(path) as fh:
        reader = csv.DictReader(line for _, line in _lines(path, fh))
        try:
            for row in reader:
                yield f"{path}:{reader.line_num}", row
        except csv.Error as err:
            raise GeomapError(f"{path}:{reader.line_num}: not CSV ({err})") from None


def _parquet_rows(path: Path, columns: Columns) -> Iterator[tuple[str, Mapping[str, Any] | BadRecord]]:
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise GeomapError(f"{path}: reading Parquet needs pyarrow: pip install pyarrow") from None
    try:
        dataset = ds.dataset(path, format="parquet")
    except (OSError, ValueError) as err:
        raise GeomapError(f"{path}: not a Parquet dataset ({str(err).splitlines()[0]})") from None
    wanted = wanted_columns(path, columns, dataset.schema.names)
    for fragment in sorted(dataset.get_fragments(), key=lambda f: f.path):  # rows counted per part file
        label = f"{path}/{Path(fragment.path).name}" if path.is_dir() else str(path)
        n = 0
        for batch in fragment.to_batches(columns=wanted, batch_size=BATCH_ROWS):
            for row in batch.to_pylist():
                n += 1
                yield f"{label} row {n}", row


def wanted_columns(path: Path, columns: Columns, names: list[str]) -> list[str]:
    """The named columns a Parquet source has; a one-line error when it has no text column."""
    wanted = list(dict.fromkeys(c for c in (columns.text, columns.date, columns.title, columns.id,
                                            columns.url) if c in names))  # fmt: skip
    if columns.text not in wanted:
        raise GeomapError(f"{path}: no column {columns.text!r} (columns: {', '.join(names)})")
    return wanted
