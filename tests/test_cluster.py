"""Extraction on a real Dask cluster (a LocalCluster of processes; a scheduler and workers started as
separate processes) writes the very files the in-process extraction writes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest

pytest.importorskip("distributed")

import geomap.cluster  # noqa: E402
import geomap.export.parts  # noqa: E402
from geomap.cluster import cluster_client  # noqa: E402
from geomap.errors import GeomapError, InputWarning  # noqa: E402
from geomap.pipeline import extract_to_dir  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "events-gold" / "dev"
DASK = Path(sys.executable).parent / "dask"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_local_cluster_writes_the_same_files_as_one_process(tmp_path):
    extract_to_dir([], tmp_path / "one")  # the bundled example corpus
    with cluster_client(workers=2) as client:
        extract_to_dir([], tmp_path / "cluster", client=client)
    assert files(tmp_path / "cluster") == files(tmp_path / "one")
    assert json.loads((tmp_path / "cluster" / "crossings.geojson").read_text())["features"]


def test_workers_collect_less_often_during_a_run_and_as_before_after_it(tmp_path):
    from geomap.heap import YOUNG_OBJECTS

    def young() -> int:
        return __import__("gc").get_threshold()[0]

    with cluster_client(workers=2) as client:
        before = client.run(young)
        rounds: list[set[int]] = []  # the workers' thresholds at each progress line of the rounds

        def progress(line: str) -> None:
            if "partitions" in line:
                rounds.append(set(client.run(young).values()))

        extract_to_dir([], tmp_path, client=client, progress=progress)
        after = client.run(young)
    assert rounds and all(seen == {YOUNG_OBJECTS} for seen in rounds)
    assert after == before and YOUNG_OBJECTS not in before.values()


@pytest.mark.shared
def test_each_round_runs_where_its_partition_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(geomap.cluster, "PARTITION_DOCS", 2)  # 15 partitions on 2 workers

    def moved(dask_worker) -> list[str]:  # the keys this worker fetched from another
        return [key for got in dask_worker.transfer_incoming_log for key in got["keys"]]

    with cluster_client(workers=2) as client:
        extract_to_dir([DEV], tmp_path, client=client)
        fetched = client.run(moved)
    assert len(fetched) == 2
    assert not [key for keys in fetched.values() for key in keys if "read_partition" in str(key)]


@pytest.mark.shared
def test_many_partitions_merge_into_the_same_events_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(geomap.cluster, "PARTITION_DOCS", 4)  # 8 partitions: merges across them
    extract_to_dir([DEV], tmp_path / "one")
    with cluster_client(workers=2) as client:
        extract_to_dir([DEV], tmp_path / "cluster", client=client)
    assert files(tmp_path / "cluster") == files(tmp_path / "one")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder (parts in their folders too) by its relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_workers_write_a_large_places_table_in_the_parts_one_process_writes(tmp_path, monkeypatch):
    """Parts of 3 rows cut across partitions of one document: each part is written by a worker from
    the rows the partitions made there, and is the same file one process writes."""
    monkeypatch.setattr(geomap.export.parts, "PART_ROWS", 3)
    monkeypatch.setattr(geomap.cluster, "ROWS_PER_TASK", 2)  # event tables' rows made in runs of 2
    monkeypatch.setattr(geomap.cluster, "PARTITION_DOCS", 1)
    extract_to_dir([], tmp_path / "one", format="parquet")
    with cluster_client(workers=2) as client:
        result = extract_to_dir([], tmp_path / "cluster", client=client, format="parquet")
        with pytest.warns(InputWarning) as caught:
            extract_to_dir([], tmp_path / "csv", client=client, format="csv")  # CSV: rows to the client
        with pytest.warns(InputWarning) as told:  # a large event table as GeoJSON: written by the client
            geojson = extract_to_dir([], tmp_path / "geojson", client=client)  # places: workers' features
    assert any(re.search(r"places\.csv: \d+ rows gathered and written by this ", str(w.message))
               for w in caught)  # fmt: skip
    assert any("traffic.geojson" in str(w.message) and "--format parquet" in str(w.message) for w in told)
    assert geojson.extraction.written == {"places": tmp_path / "geojson" / "places.geojson"}
    assert geojson.extraction.tables.table("places") is None
    folder = tmp_path / "cluster" / "places.parquet"
    assert folder.is_dir() and len(list(folder.iterdir())) > 4
    assert tree(tmp_path / "cluster") == tree(tmp_path / "one")
    # an event table of more than 3 rows too: in parts, by the workers, from runs of rows made there
    assert result.extraction.written["places"] == folder
    events = result.extraction.events
    big = {name for name in ("visits", "crossings", "traffic") if len(getattr(events, name)) > 3}
    assert big and set(result.extraction.written) == {"places", *big}
    assert all((tmp_path / "cluster" / f"{name}.parquet").is_dir() for name in big)
    assert result.extraction.tables.table("places") is None  # the rows never came to the client
    assert result.extraction.n_mentions() == sum(len(gpd.read_parquet(p)) for p in folder.iterdir())


def test_places_that_need_gdal_are_written_from_their_rows_as_one_process_writes_them(tmp_path, monkeypatch):
    """A sentence in square brackets is what GDAL may read as JSON: the workers' GeoJSON features are then
    set aside and the table is written from its rows, the same file as in one process."""
    monkeypatch.setattr(geomap.cluster, "PARTITION_DOCS", 1)
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Border news\n\n[Lorries queued at Narva for two days.]\n\n"
                                  "The queue in Narva grew again on Monday.\n")  # fmt: skip
    (corpus / "b.txt").write_text("Harbour report\n\nFerries left Tallinn for Helsinki on time.\n")
    extract_to_dir([corpus], tmp_path / "one")
    with cluster_client(workers=2) as client:
        result = extract_to_dir([corpus], tmp_path / "cluster", client=client)
    assert not result.extraction.written  # gathered as rows
    assert files(tmp_path / "cluster") == files(tmp_path / "one")
    sentences = [f["properties"]["sentence"] for f in
                 json.loads((tmp_path / "cluster" / "places.geojson").read_text())["features"]]  # fmt: skip
    assert "[Lorries queued at Narva for two days.]" in sentences


def test_a_run_that_fails_after_the_places_were_written_keeps_the_old_places_file(tmp_path, monkeypatch):
    """The places GeoJSON is written while the rounds run: when the run then fails, the folder keeps the
    file it had, and no temporary file is left beside it."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "places.geojson").write_text("the old table")

    def failing(*args, **kwargs):
        time.sleep(2)  # the features are written meanwhile
        raise RuntimeError("the rounds failed")

    monkeypatch.setattr(geomap.cluster, "_events", failing)
    with cluster_client(workers=1) as client, pytest.raises(RuntimeError, match="the rounds failed"):
        extract_to_dir([], out, client=client)
    assert [p.name for p in out.iterdir()] == ["places.geojson"]
    assert (out / "places.geojson").read_text() == "the old table"


def _start(*args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen([str(DASK), *args], stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)  # fmt: skip


@pytest.fixture
def scheduler(tmp_path) -> Iterator[tuple[str, list[subprocess.Popen], Path]]:
    """A `dask scheduler` on 127.0.0.1 and two `dask worker` processes, as on a real cluster."""
    info = tmp_path / "scheduler.json"
    procs = [_start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--scheduler-file", str(info), log=tmp_path / "scheduler.log")]
    deadline = time.monotonic() + 60
    while not info.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert info.exists(), (tmp_path / "scheduler.log").read_text()
    address = json.loads(info.read_text())["address"]
    for k in range(2):
        procs.append(_start("worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                            "--host", "127.0.0.1", log=tmp_path / f"worker{k}.log"))
    try:
        yield address, procs, tmp_path
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def _wait_for_workers(client, n: int) -> None:
    client.wait_for_workers(n, timeout=60)


def test_a_scheduler_at_an_address_gives_the_same_files(scheduler):
    address, _procs, tmp = scheduler
    extract_to_dir([], tmp / "one")
    with cluster_client(scheduler=address) as client:
        _wait_for_workers(client, 2)
        extract_to_dir([], tmp / "cluster", client=client)
    assert files(tmp / "cluster") == files(tmp / "one")


@pytest.mark.shared
def test_a_worker_killed_mid_run_loses_no_document(scheduler, monkeypatch):
    address, procs, tmp = scheduler
    monkeypatch.setattr(geomap.cluster, "PARTITION_DOCS", 2)  # 16 partitions: work on both workers
    extract_to_dir([DEV], tmp / "one")
    with cluster_client(scheduler=address) as client:
        _wait_for_workers(client, 2)
        killed: list[str] = []

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                busy = [w for w, tasks in client.processing().items() if tasks]
                if len(busy) == 2:
                    pid = client.run(os.getpid, workers=[busy[1]])[busy[1]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(busy[1])
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        extract_to_dir([DEV], tmp / "cluster", client=client)
        killer.join()
    assert killed, "no worker was busy to be killed"
    assert files(tmp / "cluster") == files(tmp / "one")


def test_an_unreachable_scheduler_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(geomap.cluster, "CONNECT_SECONDS", 2)
    with pytest.raises(GeomapError) as err:
        with cluster_client(scheduler="tcp://127.0.0.1:9"):
            pass
    message = str(err.value)
    assert message.startswith("--scheduler tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    assert "\n" not in message


def _example_jsonl(path: Path) -> Path:
    """The bundled example corpus as JSON Lines with its own column names, and one corrupt row."""
    from geomap.corpus import example_paths

    rows = [json.dumps({"body": p.read_text(encoding="utf-8"), "guid": p.stem}) for p in example_paths()]
    rows.insert(2, '{"body": "a row cut off in the middle')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_extract_on_a_local_cluster_from_the_command_line_reads_records_and_reports_a_bad_row(tmp_path):
    corpus = _example_jsonl(tmp_path / "news.jsonl")
    base = [sys.executable, "-m", "geomap", "extract", str(corpus), "--columns", "text=body,id=guid"]
    one = subprocess.run([*base, "-o", str(tmp_path / "one")], capture_output=True, text=True)
    assert one.returncode == 0, one.stderr
    many = subprocess.run([*base, "--workers", "2", "-o", str(tmp_path / "cluster")], capture_output=True,
                          text=True)  # fmt: skip
    assert many.returncode == 0, many.stderr
    assert f"{corpus}:3: not JSON" in many.stderr and "skipped" in many.stderr
    assert re.search(r"4 documents in \d+ partitions on 2 workers", many.stderr)
    assert re.search(r"traffic figures: (\d+)/\1 partitions", many.stderr)  # progress of each round
    assert files(tmp_path / "cluster") == files(tmp_path / "one")
    places = json.loads((tmp_path / "cluster" / "places.geojson").read_text())["features"]
    assert {f["properties"]["doc"] for f in places} <= {p.stem for p in _example_paths()}


def _example_paths() -> list[Path]:
    from geomap.corpus import example_paths

    return example_paths()


@pytest.mark.shared
def test_workers_reading_records_slices_write_the_same_files_as_one_process(tmp_path, monkeypatch):
    """The dev articles as JSON Lines and as a Parquet folder, cut into many slices the workers read."""
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(DEV.glob("*.txt"))]
    jsonl = tmp_path / "dev.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    parts = tmp_path / "dev.parquet"
    parts.mkdir()
    for k in range(3):
        pq.write_table(pa.Table.from_pylist(rows[k::3]), parts / f"part-{k}.parquet", row_group_size=4)
    monkeypatch.setattr(geomap.cluster, "MIN_SLICE_BYTES", 1)  # slices of a few articles each
    for corpus in (jsonl, parts):
        extract_to_dir([corpus], tmp_path / f"one-{corpus.suffix}")
    with cluster_client(workers=2) as client:
        for corpus in (jsonl, parts):
            extract_to_dir([corpus], tmp_path / f"cluster-{corpus.suffix}", client=client)
    for corpus in (jsonl, parts):
        assert files(tmp_path / f"cluster-{corpus.suffix}") == files(tmp_path / f"one-{corpus.suffix}")
