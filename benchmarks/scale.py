"""Extraction of a large generated corpus in one process and on a local Dask cluster of 1 and 2 workers:
documents per second, speed-up, CPU seconds per document of each process (the client with the
scheduler, each worker, the nannies: what a busy machine does not distort as it does wall time), peak
memory of the client and of each worker, the time to the first geoparsed partition, and whether the
outputs are identical.

The corpus repeats the events dev set's articles (../shared/events-gold/dev) or, without them, the
packaged example corpus, with every number and year varied so that documents differ; it is written as
JSON Lines and as a Parquet folder of part files (streamed: never held whole) to a temporary folder, or
to --corpus DIR to be kept and reused, never committed.

    python benchmarks/scale.py [N_DOCUMENTS, default 2000] [PARTITION_DOCS, default 50]
        [--engines one,dask1,dask2,parquet2] [--format geojson|parquet] [--corpus DIR]

--engines runs some of the engines only (one: in-process; daskN: a local cluster of N workers on the
JSON Lines; parquetN: on the Parquet folder). For 100,000 documents, run the engines one at a time with
--format parquet: the places table (about 35 rows a document) is then written in parts, on a cluster
by the workers, so it never reaches the client. What that takes, from the 10,000-document runs: one
process about 50 minutes of a core and 1.4 GB per 10,000 documents (it holds every place mention and
the places table whole: some 14 GB); on a cluster each worker holds its share of the documents and
their place mentions until the end (about 0.5 GB per 10,000 documents) and the client the events read
before they are merged.
"""

from __future__ import annotations

import argparse
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
ENGINES = ("one", "dask1", "dask2", "parquet2")
CHUNK = 5000  # documents generated and written at a time

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import psutil
import geomap.cluster as cluster
from geomap.gazetteer import load_gazetteer
from geomap.pipeline import extract_to_dir

corpus, out, fmt = sys.argv[1], Path(sys.argv[2]), sys.argv[5]
workers, size = int(sys.argv[3]), int(sys.argv[4])
# size: documents per partition of files the client reads; records are cut by the workers in slices
load_gazetteer()
cluster.PARTITION_DOCS = size
report = {}


def cpu_of(p) -> float:
    try:
        t = p.cpu_times()
        return t.user + t.system
    except psutil.Error:
        return 0.0


def warm() -> None:  # on a worker: nothing sent back (client.run would pickle the gazetteer)
    load_gazetteer()


def own_cpu() -> float:
    t = resource.getrusage(resource.RUSAGE_SELF)
    return t.ru_utime + t.ru_stime


if workers == 0:
    start, used = time.perf_counter(), own_cpu()
    result = extract_to_dir([corpus], out, format=fmt)
    report["seconds"] = time.perf_counter() - start
    report["cpu_s"] = own_cpu() - used
else:
    from distributed import get_task_stream
    from geomap.cluster import cluster_client
    with cluster_client(workers=workers) as client:
        client.run(warm)  # as the in-process run is
        client.run(lambda: __import__("gc").collect())
        everyone = [psutil.Process(), *psutil.Process().children(recursive=True)]
        before = {p.pid: cpu_of(p) for p in everyone}
        worker_before = client.run(own_cpu)
        start = time.time()
        with get_task_stream(client=client) as stream:
            result = extract_to_dir([corpus], out, client=client, format=fmt)
        report["seconds"] = time.time() - start
        after = {p.pid: cpu_of(p) for p in everyone}
        worker_after = client.run(own_cpu)
        report["cpu_s"] = sum(after[k] - before[k] for k in before)
        report["client_cpu_s"] = after[everyone[0].pid] - before[everyone[0].pid]
        report["worker_cpu_s"] = sorted(worker_after[w] - worker_before[w] for w in worker_after)
        report["nanny_cpu_s"] = report["cpu_s"] - report["client_cpu_s"] - sum(report["worker_cpu_s"])
        reads = [ss["stop"] for t in stream.data if "read_partition" in str(t["key"])
                 for ss in t["startstops"] if ss["action"] == "compute"]
        report["first_result_s"] = min(reads) - start if reads else None
        report["tasks"] = len(stream.data)
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        report["worker_peak_mb"] = sorted(peaks.values())
        pss = client.run(lambda: __import__("psutil").Process().memory_full_info().pss / 2**20)
        report["worker_pss_mb"] = sorted(pss.values())
report["docs"] = len(result.extraction.documents)
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
    """N varied documents as JSON Lines and as a Parquet folder of 4 part files, written CHUNK documents
    at a time (a corpus of any size in bounded memory); kept when the folder holds them already."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    jsonl, parquet = folder / f"corpus-{n}.jsonl", folder / f"corpus-{n}.parquet"
    if jsonl.is_file() and parquet.is_dir():
        return jsonl, parquet
    rng = random.Random(12)
    texts = articles()
    parquet.mkdir(parents=True, exist_ok=True)
    quarter = -(-n // 4)
    writer = None
    with jsonl.open("w", encoding="utf-8") as out:
        for first in range(0, n, CHUNK):
            rows = [{"id": f"doc-{i:07d}", "text": varied(texts[i % len(texts)], rng)}
                    for i in range(first, min(n, first + CHUNK))]  # fmt: skip
            out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            for k in range(first // quarter, (first + len(rows) - 1) // quarter + 1):  # the parts these reach
                mine = [r for i, r in enumerate(rows, start=first) if i // quarter == k]
                if writer is None or writer[0] != k:
                    if writer is not None:
                        writer[1].close()
                    writer = (k, pq.ParquetWriter(parquet / f"part-{k}.parquet", pa.schema(
                        [("id", pa.string()), ("text", pa.string())])))  # fmt: skip
                writer[1].write_table(pa.Table.from_pylist(mine, schema=writer[1].schema), row_group_size=256)
    if writer is not None:
        writer[1].close()
    return jsonl, parquet


def run(corpus: Path, out: Path, workers: int, size: int, fmt: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(workers), str(size), fmt],
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{corpus} with {workers} workers failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder (the parts of a table written in parts too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def line(name: str, r: dict, base: dict | None) -> str:
    """One engine's measures, as ratios of the in-process run's where there is one."""
    n = r["docs"]
    text = (f"{name:9s} {r['seconds']:7.1f} s  {n / r['seconds']:6.1f} docs/s  "
            f"CPU {1000 * r['cpu_s'] / n:5.1f} ms/doc")
    if base is not None:
        text += f" (x{r['cpu_s'] / base['cpu_s']:.2f} of one process's)"
        if "client_cpu_s" in r:
            text += f"  x{base['seconds'] / r['seconds']:.2f} one process's speed (wall clock)"
    text += f"  peak {r['peak_mb']:.0f} MB"
    if "client_cpu_s" in r:
        workers = ", ".join(f"{1000 * c / n:.1f}" for c in r["worker_cpu_s"])
        first = r["first_result_s"]
        text += (f"\n          client and scheduler {1000 * r['client_cpu_s'] / n:.1f} ms/doc, workers "
                 f"{workers}, nannies {1000 * r['nanny_cpu_s'] / n:.1f}; worker peaks "
                 f"{', '.join(f'{m:.0f}' for m in r['worker_peak_mb'])} MB (proportional at the end "
                 f"{', '.join(f'{m:.0f}' for m in r['worker_pss_mb'])} MB, the mapped gazetteer shared); "
                 f"first partition after {'-' if first is None else f'{first:.1f}'} s; {r['tasks']} tasks")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="documents (default 2000)")
    parser.add_argument("size", nargs="?", type=int, default=50, help="documents per partition (default 50)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="which to run, of one, daskN, parquetN (default: %(default)s)")
    parser.add_argument("--format", default="geojson", choices=("geojson", "parquet"))
    parser.add_argument("--corpus", type=Path, help="folder to write the corpus to and reuse it from")
    args = parser.parse_args()
    engines = args.engines.split(",")
    for e in engines:
        if not re.fullmatch(r"one|(dask|parquet)[1-9]\d*", e):
            parser.error(f"--engines: {e!r} is not one, daskN or parquetN")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        started = time.perf_counter()
        jsonl, parquet = write_corpus(args.n, args.corpus or tmp)
        print(f"corpus: {args.n} documents ({jsonl.stat().st_size / 1e6:.1f} MB of JSON Lines, Parquet in 4 "
              f"parts), ready in {time.perf_counter() - started:.1f} s; partitions of {args.size} documents; "
              f"writing {args.format}", flush=True)  # fmt: skip
        results: dict[str, dict] = {}
        base = None
        for engine in engines:
            workers = 0 if engine == "one" else int(re.sub(r"\D", "", engine))
            corpus = parquet if engine.startswith("parquet") else jsonl
            r = results[engine] = run(corpus, tmp / engine, workers, args.size, args.format)
            base = r if engine == "one" else base
            print(line(engine, r, base), flush=True)
        first = engines[0]
        for engine in engines[1:]:
            print(f"{engine}: output identical to {first}'s: {tree(tmp / engine) == tree(tmp / first)}")
        if base is not None:
            rate = base["docs"] / base["seconds"]
            print(f"10 million articles at {rate:.1f} docs/s per core: {1e7 / rate / 3600:.0f} core-hours")


if __name__ == "__main__":
    main()
