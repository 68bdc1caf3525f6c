"""Extraction of a large generated corpus in one process and on a local Dask cluster of 1 and 2 workers:
documents per second, speed-up, CPU seconds per document (of the client and scheduler, and of the
workers: what a busy machine does not distort as it does wall time), peak memory of the client and of
each worker, the scheduler's overhead per partition and the time to the first geoparsed partition;
and whether the outputs are identical.

The corpus repeats the events dev set's articles (../shared/events-gold/dev) or, without them, the
packaged example corpus, with every number and year varied so that documents differ; it is written as
JSON Lines and as a Parquet folder of part files to a temporary folder, never committed.

    python benchmarks/scale.py [N_DOCUMENTS, default 2000] [PARTITION_DOCS, default 50]
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "events-gold" / "dev"
NUMBER = re.compile(r"\d+")

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import psutil
import geomap.cluster as cluster
from geomap.corpus import load_documents
from geomap.gazetteer import load_gazetteer
from geomap.pipeline import extract_to_dir

corpus, out, workers, size = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
# size: documents per partition of files the client reads; records are cut by the workers in slices
load_gazetteer()
n = len(load_documents([corpus]))
cluster.PARTITION_DOCS = size
report = {"docs": n}


def cpu(alone: bool = False) -> float:
    # CPU seconds of this process and (unless alone) every process under it (a local cluster's nannies
    # and workers)
    total = 0.0
    for p in [psutil.Process(), *([] if alone else psutil.Process().children(recursive=True))]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


if workers == 0:
    start, used = time.perf_counter(), cpu()
    extract_to_dir([corpus], out)
    report["seconds"] = time.perf_counter() - start
    report["cpu_s"] = cpu() - used
    report["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
else:
    from geomap.cluster import _sources, cluster_client, read_partition
    with cluster_client(workers=workers) as client:
        client.run(load_gazetteer)  # warm, as the in-process run is
        start = time.perf_counter()
        futures = [client.submit(read_partition, load, pure=False)
                   for load in _sources([corpus], None, workers)]
        while not any(f.done() for f in futures):
            time.sleep(0.01)
        report["first_result_s"] = time.perf_counter() - start
        report["tasks"] = 5 * len(futures)  # read, summary, more names, read events, finish
        client.cancel(futures)
        del futures
        while any(client.processing().values()):
            time.sleep(0.05)
        client.run(lambda: __import__("gc").collect())
        start, used, client_used = time.perf_counter(), cpu(), cpu(alone=True)
        extract_to_dir([corpus], out, client=client)
        report["seconds"] = time.perf_counter() - start
        report["cpu_s"] = cpu() - used
        report["client_cpu_s"] = cpu(alone=True) - client_used
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        report["worker_peak_mb"] = sorted(peaks.values())
    report["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(report))
"""


def articles() -> list[str]:
    """The texts to vary: the dev set's when ../shared is there, else the packaged example's."""
    if DEV.is_dir():
        files = sorted(DEV.glob("*.txt"))
    else:
        sys.path.insert(0, str(ROOT))
        from geomap.corpus import example_paths

        files = example_paths()
    return [f.read_text(encoding="utf-8") for f in files]


def varied(text: str, rng: random.Random) -> str:
    """The text with each number replaced by another of as many digits (a year by a nearby year)."""

    def other(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(int(digits) + rng.randint(-3, 3))
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
        return str(rng.randint(low, 10 ** len(digits) - 1))

    return NUMBER.sub(other, text)


def write_corpus(n: int, folder: Path) -> tuple[Path, Path]:
    """N varied documents as JSON Lines and as a Parquet folder of 4 part files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(12)
    texts = articles()
    rows = [{"id": f"doc-{i:07d}", "text": varied(texts[i % len(texts)], rng)} for i in range(n)]
    jsonl = folder / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    parquet = folder / "corpus.parquet"
    parquet.mkdir()
    quarter = -(-n // 4)
    for k in range(4):
        part = pa.Table.from_pylist(rows[k * quarter:(k + 1) * quarter])
        pq.write_table(part, parquet / f"part-{k}.parquet")
    return jsonl, parquet


def run(corpus: Path, out: Path, workers: int, size: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(workers), str(size)],
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{corpus} with {workers} workers failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def overhead(base: dict, r: dict, workers: int) -> float:
    """Milliseconds per task the cluster spends beyond the in-process work (scheduling, moving data)."""
    return 1000 * max(0.0, r["seconds"] * workers - base["seconds"]) / r["tasks"]


def same_files(a: Path, b: Path) -> bool:
    return all((b / f.name).read_bytes() == f.read_bytes() for f in sorted(a.iterdir()))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        started = time.perf_counter()
        jsonl, parquet = write_corpus(n, tmp)
        print(f"corpus: {n} documents ({jsonl.stat().st_size / 1e6:.1f} MB of JSON Lines, Parquet in 4 "
              f"parts), written in {time.perf_counter() - started:.1f} s; partitions of {size} documents")
        base = run(jsonl, tmp / "one", 0, size)
        rate = base["docs"] / base["seconds"]
        per_doc = 1000 * base["cpu_s"] / base["docs"]
        print(f"in-process:  {base['seconds']:7.1f} s  {rate:6.1f} docs/s  peak {base['peak_mb']:.0f} MB  "
              f"CPU {per_doc:.1f} ms/doc")
        for workers in (1, 2):
            r = run(jsonl, tmp / f"dask{workers}", workers, size)
            peaks = ", ".join(f"{m:.0f}" for m in r["worker_peak_mb"])
            speedup = base["seconds"] / r["seconds"]
            print(f"dask {workers} worker{'s' if workers > 1 else ' '}: {r['seconds']:7.1f} s  "
                  f"{r['docs'] / r['seconds']:6.1f} docs/s  x{speedup:.2f} vs one process  "
                  f"CPU {1000 * r['cpu_s'] / r['docs']:.1f} ms/doc (x{r['cpu_s'] / base['cpu_s']:.2f} of one "
                  f"process's, client and workers together; client and scheduler "
                  f"{1000 * r['client_cpu_s'] / r['docs']:.1f})  "
                  f"client peak {r['peak_mb']:.0f} MB, workers {peaks} MB  "
                  f"first partition after {r['first_result_s']:.1f} s  "
                  f"overhead {overhead(base, r, workers):.0f} ms/task ({r['tasks']} tasks)  "
                  f"identical: {same_files(tmp / 'one', tmp / f'dask{workers}')}")
        r = run(parquet, tmp / "parquet", 2, size)
        print(f"Parquet, dask 2 workers: {r['seconds']:.1f} s, {r['docs'] / r['seconds']:.1f} docs/s, "
              f"identical to JSON Lines in-process: {same_files(tmp / 'one', tmp / 'parquet')}")
        print(f"10 million articles at {rate:.1f} docs/s per core: {1e7 / rate / 3600:.0f} core-hours")


if __name__ == "__main__":
    main()
