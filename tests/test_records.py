"""Corpora stored one article per row (JSON Lines, CSV, Parquet) read as documents, in batches, with
bad rows reported by file and line while the rest goes on."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from geomap.errors import GeomapError
from geomap.records import BadRecord, Columns, is_records, read_records

ROWS = [
    {"id": "a1", "url": "https://news.example/a1", "title": "Bridge reopens",
     "date": "2024-03-05", "text": "The river bridge between Alton and Brisk reopened on Monday."},
    {"id": "a2", "url": "https://news.example/a2", "title": None, "date": None,
     "text": "Truck queues at Brisk\n\nOn 2 April 2024 drivers waited nine hours at the Brisk checkpoint."},
    {"id": None, "url": "https://news.example/a3", "title": "Ferry", "date": "2024-05-01T08:00:00Z",
     "text": "A ferry now links the two banks of the lake twice a day."},
]


def documents(path: Path, **kwargs) -> list:
    return [d for batch in read_records(path, **kwargs) for d in batch]


def write_jsonl(path: Path, rows: list, *, extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r) for r in rows] + list(extra_lines)
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def test_json_lines_rows_become_documents_with_their_ids_titles_and_dates(tmp_path):
    docs = documents(write_jsonl(tmp_path / "corpus.jsonl", ROWS))
    assert [d.source for d in docs] == ["a1", "a2", "https://news.example/a3"]
    assert [d.title for d in docs] == ["Bridge reopens", "Truck queues at Brisk", "Ferry"]
    assert [d.date for d in docs] == ["2024-03-05", "2024-04-02", "2024-05-01"]  # a2's from its text
    assert docs[1].text == ROWS[1]["text"]  # kept exactly: offsets point into it
    assert docs[0].path.endswith("corpus.jsonl:1")
    assert len({d.id for d in docs}) == 3


def test_gzipped_json_lines_read_like_plain_ones(tmp_path):
    plain = documents(write_jsonl(tmp_path / "c.jsonl", ROWS))
    packed = documents(write_jsonl(tmp_path / "c.jsonl.gz", ROWS))
    assert [(d.title, d.date, d.text) for d in packed] == [(d.title, d.date, d.text) for d in plain]


def test_a_corrupt_row_is_reported_by_line_and_the_others_are_read(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", ROWS[:1], extra_lines=('{"text": "cut off', '[1, 2]',
                                                                    json.dumps(ROWS[2])))
    bad: list[BadRecord] = []
    docs = documents(path, on_bad=bad.append)
    assert [d.title for d in docs] == ["Bridge reopens", "Ferry"]
    assert [b.where for b in bad] == [f"{path}:2", f"{path}:3"]
    assert "not JSON" in bad[0].reason and "expected a JSON object" in bad[1].reason


def test_without_a_handler_a_bad_row_is_a_one_line_error_naming_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [{"title": "no text here"}])
    with pytest.raises(GeomapError) as err:
        documents(path)
    assert str(err.value).startswith(f"{path}:1: column 'text': expected the article's text")
    assert "\n" not in str(err.value)


def test_columns_can_be_named(tmp_path):
    rows = [{"body": "Border guards counted 300 cars at the crossing.", "published": "2023-11-02",
             "headline": "Cars", "guid": "x-9"}]
    docs = documents(write_jsonl(tmp_path / "c.jsonl", rows),
                     columns=Columns(text="body", date="published", title="headline", id="guid"))
    assert (docs[0].source, docs[0].title, docs[0].date) == ("x-9", "Cars", "2023-11-02")


def test_csv_rows_become_documents_with_multiline_texts(tmp_path):
    path = tmp_path / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "url", "title", "date", "text"])
        writer.writeheader()
        writer.writerows([{k: ("" if v is None else v) for k, v in r.items()} for r in ROWS])
    docs = documents(path)
    assert [d.source for d in docs] == ["a1", "a2", "https://news.example/a3"]
    assert docs[1].text == ROWS[1]["text"]
    assert docs[2].path == f"{path}:6"  # the line the row ends on: a2's text spans three lines


def test_parquet_file_and_folder_of_parts_are_read_in_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.Table.from_pylist(ROWS * 3)
    pq.write_table(table, tmp_path / "one.parquet")
    folder = tmp_path / "parts"
    folder.mkdir()
    pq.write_table(table.slice(0, 4), folder / "part-0.parquet")
    pq.write_table(table.slice(4), folder / "part-1.parquet")
    assert is_records(tmp_path / "one.parquet") and is_records(folder)
    batches = list(read_records(folder, batch_rows=2))
    assert [len(b) for b in batches] == [2, 2, 2, 2, 1]
    from_parts = [d for b in batches for d in b]
    whole = documents(tmp_path / "one.parquet")
    assert [d.text for d in from_parts] == [d.text for d in whole] == [r["text"] for r in ROWS * 3]
    assert from_parts[4].path == f"{folder}/part-1.parquet row 1"


def test_a_records_file_without_the_text_column_is_refused_in_one_line(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist([{"body": "x"}]), tmp_path / "c.parquet")
    with pytest.raises(GeomapError, match=r"c\.parquet: no column 'text' \(columns: body\)"):
        documents(tmp_path / "c.parquet")


def test_a_damaged_gzip_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "a"}\n' * 50)[:40])
    with pytest.raises(GeomapError, match=r"c\.jsonl\.gz:\d+: cannot read"):
        documents(path)


def _messy_jsonl(path: Path) -> Path:
    """Rows of many lengths, with blank lines and broken rows between them."""
    lines = []
    for i in range(120):
        if i % 29 == 5:
            lines.append('{"text": broken')
        elif i % 31 == 3:
            lines.append("")
        else:
            text = "Crossing news. " * (1 + i * 7 % 50) + f"Item {i}."
            lines.append(json.dumps({"id": f"r{i}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("target, block", [(1, 7), (300, 7), (5000, 1 << 20), (1 << 30, 64)])
def test_json_lines_cut_in_slices_read_back_to_the_same_rows_and_line_numbers(tmp_path, monkeypatch,
                                                                               target, block):
    import geomap.record_slices as record_slices

    monkeypatch.setattr(record_slices, "_BLOCK", block)  # lines running across the client's reads
    path = _messy_jsonl(tmp_path / "c.jsonl")
    pieces = record_slices.slices_of(path, Columns(), target)
    docs, bad = [], []
    for piece in pieces:
        found, wrong = record_slices.read_slice(piece)
        docs += found
        bad += wrong
    whole_bad: list[BadRecord] = []
    assert docs == documents(path, on_bad=whole_bad.append)
    assert bad == whole_bad and len(bad) == 4  # each named by its line, as in one reading
    assert (len(pieces) > 50) == (target < 1000)


def test_parquet_cut_in_slices_of_row_groups_reads_back_the_same_rows(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from geomap.record_slices import read_slice, slices_of

    pq.write_table(pa.Table.from_pylist(ROWS * 5), tmp_path / "c.parquet", row_group_size=2)
    pieces = slices_of(tmp_path / "c.parquet", Columns(), 1)
    assert len(pieces) == 8  # one per row group
    docs = [d for piece in pieces for d in read_slice(piece)[0]]
    assert docs == documents(tmp_path / "c.parquet")
    assert docs[7].path == f"{tmp_path / 'c.parquet'} row 8"


def test_gzip_and_csv_are_not_cut(tmp_path):
    from geomap.record_slices import slices_of

    assert slices_of(write_jsonl(tmp_path / "c.jsonl.gz", ROWS), Columns()) is None
    (tmp_path / "c.csv").write_text("text\nhello\n")
    assert slices_of(tmp_path / "c.csv", Columns()) is None
