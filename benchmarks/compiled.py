"""What compiling the event readers, unchanged, would give: docs/s on the events dev set and CPU
seconds on one long document, compiled (Cython, mypyc) vs plain, and whether the output is the same.

    python benchmarks/compiled.py build cython   # ~10 min on 2 cores; .so files kept aside
    python benchmarks/compiled.py build mypyc    # ~2 min; only the modules mypy passes
    python benchmarks/compiled.py measure [ROUNDS] [LONG_MB]   # default 2 rounds, 1 MB

Tools come from a venv of their own (COMPILE_VENV, default /tmp/venv-compiled: `pip install cython
mypy 'setuptools>=77'`, made from the project's Python). `build cython` compiles geomap/events/**,
geomap/geoparse/* and geomap/sentences.py in pure-Python mode with annotation typing off (with it on,
Cython checks `list[int] = ()` defaults at run time and import fails); `build mypyc` compiles those of
them mypy finds no error in, less MYPYC_BREAKS. Either moves its .so files into build/compiled/VARIANT
and deletes the generated .c files, so the tree stays plain (no stale .so shadowing an edited .py).
`measure` copies one variant's .so files into the tree at a time and removes them after, alternating
variants and plain (the machine is shared). Each run is a fresh process on one core with the gazetteer
warm: CPU and wall seconds of three extractions (first pass, best of 3). Then `geomap extract` outputs
are compared byte for byte, benchmarks/events.py's scored tables too, and benchmarks/long_documents.py
is run at LONG_MB (0 skips it). Needs ../shared/events-gold/dev.

Measured 2026-11-30 (shared 2-core machine, CPU seconds, 3 rounds; best / median of rounds, docs/s):
first pass plain 13.6 / 13.6, Cython 15.9 / 15.9, mypyc 14.5 / 14.2; best of 3 plain 27.7 / 27.1,
Cython 29.9 / 29.7, mypyc 28.6 / 28.1; 1 MB document 9.9-10.0 s CPU plain, 9.1-9.4 Cython, 9.6-9.8
mypyc; outputs byte for byte the same. perf on the plain steady state: 21% of CPU in the bytecode loop
and calls (what compiling removes), 17% in regular expressions, 19% allocation and GC, 15% strings.
Compiling the code unchanged is worth x1.05-1.2, not x2; issue 8's x7 needs less work per character.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "events-gold" / "dev"
STASH = ROOT / "build" / "compiled"
SOURCES = ("geomap/events/**/*.py", "geomap/geoparse/*.py", "geomap/sentences.py")
# tools from a venv of their own (pip install cython mypy 'setuptools>=77'); override by environment
VENV = os.environ.get("COMPILE_VENV", "/tmp/venv-compiled")
CYTHONIZE, MYPY, MYPYC = (f"{VENV}/bin/{tool}" for tool in ("cythonize", "mypy", "mypyc"))
# type-checked modules mypyc cannot compile or run unchanged: an internal error on `(*A, "b")` in a
# comprehension, a dict subclass whose class attribute is gone at run time, a class that is weakly
# referenced (mypyc's native classes have no __weakref__: streamed rounds fail)
MYPYC_BREAKS = ("geomap/events/traffic_place.py", "geomap/geoparse/recognise.py", "geomap/events/rounds.py")

CHILD = """
import json, os, sys, time
from pathlib import Path
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from geomap.gazetteer import load_gazetteer
from geomap.pipeline import extract_to_dir
import geomap.sentences
load_gazetteer()
runs = []
for _ in range(3):
    cpu, wall = time.process_time(), time.perf_counter()
    extract_to_dir([Path(sys.argv[1])], Path(sys.argv[2]))
    runs.append([time.process_time() - cpu, time.perf_counter() - wall])
print(json.dumps({"runs": runs, "compiled": geomap.sentences.__file__.endswith(".so")}))
"""


def sources() -> list[Path]:
    return sorted({p for pattern in SOURCES for p in ROOT.glob(pattern)})


def type_checked(candidates: list[Path]) -> list[Path]:
    """The modules mypy finds no error in (mypyc compiles nothing else), less MYPYC_BREAKS."""
    done = subprocess.run([MYPY, "--follow-imports=silent", *map(str, candidates)], cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    bad = {line.split(":", 1)[0] for line in done.stdout.splitlines() if ": error:" in line}
    return [p for p in candidates if str(p.relative_to(ROOT)) not in bad | set(MYPYC_BREAKS)]


def build(variant: str) -> None:
    """Compile the hot modules in place, then move the .so files aside (the tree stays plain)."""
    modules = sources() if variant == "cython" else type_checked(sources())
    command = ([CYTHONIZE, "-i", "-3", "-j", "2", "-X", "annotation_typing=False"] if variant == "cython"
               else [MYPYC, "--follow-imports=silent"])  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run([*command, *(str(p.relative_to(ROOT)) for p in modules)], cwd=ROOT)
    print(f"{variant} exit {done.returncode} in {time.perf_counter() - started:.0f} s wall")
    stash = STASH / variant
    shutil.rmtree(stash, ignore_errors=True)
    for so in [*ROOT.glob("geomap/**/*.so"), *ROOT.glob("*__mypyc.*.so")]:
        target = stash / so.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        so.replace(target)
    for source in sources():
        source.with_suffix(".c").unlink(missing_ok=True)
    shutil.rmtree(ROOT / ".mypy_cache", ignore_errors=True)
    print(f"{len(list(stash.rglob('*.so')))} .so files of {len(modules)} modules kept in {stash}")


def use(variant: str) -> None:
    """Put that variant's stashed .so files into the tree, after taking every variant's out."""
    for stash in STASH.iterdir() if STASH.is_dir() else ():
        for so in stash.rglob("*.so"):
            (ROOT / so.relative_to(stash)).unlink(missing_ok=True)
    for so in (STASH / variant).rglob("*.so") if variant != "plain" else ():
        shutil.copy2(so, ROOT / so.relative_to(STASH / variant))


def timed(out: Path) -> dict:
    """One fresh process: three in-process extractions of the dev set, CPU and wall seconds each."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(DEV), str(out)], cwd=ROOT,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def cli_extract(out: Path) -> None:
    """`geomap extract` on the dev set, as a user runs it."""
    subprocess.run([sys.executable, "-m", "geomap", "extract", str(DEV), "-o", str(out), "-q"],
                   cwd=ROOT, check=True)  # fmt: skip


def same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def scored_tables() -> str:
    """benchmarks/events.py's output without its timing lines: the scorer's tables."""
    done = subprocess.run([sys.executable, "benchmarks/events.py"], cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    timing = ("docs/s", " s (", "loaded in", "documents in")
    return "\n".join(line for line in done.stdout.splitlines() if not any(w in line for w in timing))


def long_document(mb: float) -> str:
    done = subprocess.run([sys.executable, "benchmarks/long_documents.py", str(mb)], cwd=ROOT,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout.strip().splitlines()[0]


def measure(rounds: int, long_mb: float) -> None:
    """Alternating runs of every built variant and the plain tree; outputs compared; one long document."""
    n_docs = len(list(DEV.glob("*.txt")))
    variants = [*sorted(p.name for p in STASH.glob("*") if p.is_dir()), "plain"]
    if len(variants) == 1:
        print(f"nothing built in {STASH}: run `build cython` or `build mypyc` first")
        return
    results: dict[str, list[list[float]]] = {v: [] for v in variants}
    try:
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            for r in range(rounds):
                for variant in variants:
                    use(variant)
                    got = timed(tmp / f"{variant}-{r}")
                    assert got["compiled"] == (variant != "plain"), f"{variant}: the .so files were not used"
                    results[variant].append([cpu for cpu, _ in got["runs"]])
                    print(f"round {r + 1} {variant:8}: CPU s {' '.join(f'{c:.2f}' for c, _ in got['runs'])}; "
                          f"wall s {' '.join(f'{w:.2f}' for _, w in got['runs'])}", flush=True)  # fmt: skip
            print(f"\ndocs/s on CPU time, {n_docs} docs ({rounds} rounds: best, median of rounds)")
            print(f"{'variant':10} {'first pass':>18} {'best of 3':>18}")
            for variant, runs in results.items():
                firsts, bests = sorted(run[0] for run in runs), sorted(min(run) for run in runs)
                print(f"{variant:10} {n_docs / firsts[0]:8.1f} {n_docs / firsts[len(runs) // 2]:8.1f}  "
                      f"{n_docs / bests[0]:8.1f} {n_docs / bests[len(runs) // 2]:8.1f}")  # fmt: skip
            tables = {}
            for variant in variants:
                use(variant)
                cli_extract(tmp / f"cli-{variant}")
                tables[variant] = scored_tables()
            for variant in variants[:-1]:
                same = same_files(tmp / f"cli-{variant}", tmp / "cli-plain")
                print(f"{variant}: `geomap extract` output byte for byte the same as plain: "
                      f"{'yes' if same else 'NO'}; scored tables the same: "
                      f"{'yes' if tables[variant] == tables['plain'] else 'NO'}")  # fmt: skip
            for _ in range(rounds if long_mb else 0):
                for variant in variants:
                    use(variant)
                    print(f"long document, {variant:8}: {long_document(long_mb)}", flush=True)
    finally:
        use("plain")


def main() -> int:
    if not DEV.is_dir():
        print(f"skipped: {DEV} absent")
        return 0
    if sys.argv[1:2] == ["build"] and sys.argv[2:3] in (["cython"], ["mypyc"]):
        build(sys.argv[2])
    elif sys.argv[1:2] == ["measure"]:
        args = sys.argv[2:]
        measure(int(args[0]) if args else 2, float(args[1]) if len(args) > 1 else 1.0)
    else:
        print(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
