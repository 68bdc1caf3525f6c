"""Gazetteer index: cold compile time and peak memory, warm load time, memory of processes sharing it.

Run: python benchmarks/gazetteer.py [--no-cold]
Every figure comes from fresh child processes using $GEOMAP_CACHE (or a temporary cache when cold).
Sharing: two processes load the index and touch every array page, then /proc/PID/smaps_rollup gives
their resident (Rss), proportional (Pss: shared pages split between users) and private memory, for the
index as stored (memory-mapped), for a private in-memory copy per process (what np.load gives),
and for processes that only import (none).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD = """
import sys, time
t = time.perf_counter()
from geomap.gazetteer import load_gazetteer
t_import = time.perf_counter()
g = load_gazetteer()
print(time.perf_counter() - t, time.perf_counter() - t_import, flush=True)
"""

HOLD = """
import sys
import numpy as np
from geomap.gazetteer import load_gazetteer
if sys.argv[1] != "none":
    g = load_gazetteer()
    if sys.argv[1] == "copy":
        g._a = {k: np.array(v) for k, v in g._a.items()}
    touched = sum(int(a.view(np.uint8).sum()) for a in g._a.values())  # fault in every page
    g.lookup("Harbin"), g.known_keys(["heihe", "paris"])
print("ready", flush=True)
sys.stdin.read()
"""


def peak_process(code: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("child process failed")
    return elapsed, usage.ru_maxrss / 1024, proc.stdout.read()


def smaps(pid: int) -> dict[str, float]:
    """Rss, Pss, Shared and Private memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        fields[key] = int(value.split()[0]) / 1024
    return {
        "Rss": fields["Rss"], "Pss": fields["Pss"],
        "Shared": fields["Shared_Clean"] + fields["Shared_Dirty"],
        "Private": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def two_processes(mode: str, env: dict[str, str]) -> list[dict[str, float]]:
    """Memory of two processes holding the gazetteer at once (mode: "mapped", "copy", or "none":
    imports only)."""
    procs = [
        subprocess.Popen([sys.executable, "-c", HOLD, mode], env=env, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    try:
        for p in procs:
            if p.stdout.readline().strip() != "ready":
                sys.exit("child process failed")
        return [smaps(p.pid) for p in procs]
    finally:
        for p in procs:
            p.communicate("")


def main() -> None:
    env = dict(os.environ)
    if "--no-cold" not in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            cold, cold_peak, _ = peak_process(LOAD, dict(env, GEOMAP_CACHE=tmp))
        print(f"cold compile (fresh process, empty cache): {cold:.1f} s, peak {cold_peak:.0f} MB")
    peak_process(LOAD, env)  # make sure the cache exists
    runs = [peak_process(LOAD, env) for _ in range(5)]
    whole = statistics.median(float(out.split()[0]) for _, _, out in runs)
    load = statistics.median(float(out.split()[1]) for _, _, out in runs)
    peak = statistics.median(p for _, p, _ in runs)
    print(f"warm load (fresh process, median of 5): {whole:.3f} s with imports, load_gazetteer() "
          f"{load:.3f} s, peak {peak:.0f} MB")
    print("two processes holding the index at once (MB, each process; every array page touched):")
    print(f"  {'index':<8} {'Rss':>7} {'Pss':>7} {'Shared':>7} {'Private':>8}   pair Pss")
    for mode in ("none", "mapped", "copy"):
        figures = two_processes(mode, env)
        pair = f"   {sum(f['Pss'] for f in figures):7.1f}"
        for i, f in enumerate(figures):
            row = f"  {mode:<8} {f['Rss']:7.1f} {f['Pss']:7.1f} {f['Shared']:7.1f} {f['Private']:8.1f}"
            print(row + (pair if i == 0 else ""))


if __name__ == "__main__":
    main()
