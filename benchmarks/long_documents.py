"""Time and memory of `geomap extract` on one very long document (0.1, 1 and 5 MB), and the exponent
fitted to seconds ~ size^k (issue target: k <= 1.1, memory bounded).

The document repeats the events dev set's articles (../shared/events-gold/dev) or, without them, the
packaged example corpus, in a temporary folder. Each size runs in a fresh process: CPU seconds of the
extraction (gazetteer load excluded) and the process's peak resident memory.

    python benchmarks/long_documents.py [sizes in MB, default 0.1 1 5]
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "events-gold" / "dev"

CHILD = """
import json, resource, sys, time
from pathlib import Path
from geomap.gazetteer import load_gazetteer
from geomap.pipeline import extract_to_dir
load_gazetteer()
start = time.process_time()
done = extract_to_dir([sys.argv[1]], Path(sys.argv[2]))
seconds = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
x = done.extraction
rows = {"places": sum(map(len, x.mentions.values())), "visits": len(x.events.visits),
        "crossings": len(x.events.crossings), "traffic": len(x.events.traffic)}
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows}))
"""


def corpus_text() -> str:
    """Articles to repeat: the dev set's when ../shared is there, else the packaged example's."""
    if DEV.is_dir():
        files = sorted(DEV.glob("*.txt"))
    else:
        from geomap.corpus import example_paths

        files = example_paths()
    return "\n\n".join(Path(f).read_text(encoding="utf-8") for f in files)


def measure(size_mb: float, folder: Path, text: str) -> dict:
    chars = int(size_mb * 1_000_000)
    body = (text * (chars // len(text) + 1))[:chars]
    path = folder / f"long-{size_mb:g}MB.txt"
    path.write_text("Date: 2024-05-17\n\n" + body, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(folder / f"out-{size_mb:g}")],
                         capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    return {"mb": size_mb, **json.loads(out.stdout.strip().splitlines()[-1])}


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    sizes = [float(a) for a in sys.argv[1:]] or [0.1, 1.0, 5.0]
    text = corpus_text()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = measure(size, Path(tmp), text)
            results.append(r)
            print(f"{r['mb']:>5g} MB: {r['seconds']:7.1f} s CPU  {r['seconds'] / r['mb']:6.1f} s/MB  "
                  f"peak {r['peak_mb']:6.0f} MB  rows {r['rows']}", flush=True)  # fmt: skip
    if len(results) > 1:
        k = exponent([(r["mb"], r["seconds"]) for r in results])
        print(f"fitted exponent (seconds ~ size^k): k = {k:.2f}  (target <= 1.1)")


if __name__ == "__main__":
    main()
