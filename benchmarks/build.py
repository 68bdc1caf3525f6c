"""Time, memory and size of `geomap build` on the seed corpus, cold and warm, beside `.explore()`.

Run: python benchmarks/build.py [CORPUS_DIR]   (default ../shared/seeds)
Each build runs in its own process (so imports and the gazetteer load count, as for a user);
peak memory is that process's maximum resident set size. The baseline is geopandas' `.explore()`
of the same place mentions, timed in this process, written with folium's default CDN assets.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "seeds"


def timed_process(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(args)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def gazetteer_load_seconds(env: dict[str, str]) -> float:
    code = ("import time; t = time.perf_counter(); from geomap.gazetteer import load_gazetteer; "
            "load_gazetteer(); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout)


def explore_baseline(corpus: Path, out: Path) -> tuple[float, int]:
    """Seconds and bytes for geopandas .explore() of the same mentions (geoparse excluded)."""
    from geomap.pipeline import run

    tables = run([corpus]).tables
    started = time.perf_counter()
    m = tables["places"].explore()
    m.save(out)
    return time.perf_counter() - started, out.stat().st_size


def main() -> None:
    from geomap.render.assets import ensure_assets

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        # a cold gazetteer; the page assets from the usual cache (filled first): their download is not timed
        assets = str(ensure_assets())
        env = dict(os.environ, GEOMAP_CACHE=str(tmp_path / "cache"), GEOMAP_ASSET_CACHE=assets)
        out = tmp_path / "map.html"
        build = [sys.executable, "-m", "geomap", "build", str(corpus), "--linked-assets", "-o", str(out),
                 "-q"]  # fmt: skip
        cold, cold_rss = timed_process(build, env)
        warm, warm_rss = timed_process(build, env)
        size = out.stat().st_size
        inline_out = tmp_path / "inline.html"
        inline, _ = timed_process(build[:-4] + ["-o", str(inline_out), "-q"], env)
        inline_size = inline_out.stat().st_size
        load_warm = gazetteer_load_seconds(env)
        help_s, _ = timed_process([sys.executable, "-m", "geomap", "--help"], env)
        base_s, base_bytes = explore_baseline(corpus, tmp_path / "explore.html")

    print(f"corpus: {corpus}")
    print(f"geomap build --linked-assets, cold gazetteer:   {cold:6.2f} s   peak RSS {cold_rss:6.0f} MB")
    print(f"geomap build --linked-assets, warm caches:      {warm:6.2f} s   peak RSS {warm_rss:6.0f} MB")
    print(f"geomap build (assets inlined), warm:            {inline:6.2f} s")
    print(f"gazetteer load, warm (in a fresh process):      {load_warm:6.3f} s")
    print(f"geomap --help:                                  {help_s:6.2f} s")
    print(f"HTML size: {size / 1024:.0f} KB with linked assets, {inline_size / 1024:.0f} KB inlined")
    print(f"baseline geopandas .explore() of the mentions: {base_s:.2f} s, {base_bytes / 1024:.0f} KB "
          f"(CDN assets, no events); warm build / explore time = {warm / base_s:.1f}x")


if __name__ == "__main__":
    main()
