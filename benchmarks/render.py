"""Build time, HTML bytes and draw time of geomap pages beside geopandas `.explore()` of the same data.

Run: python benchmarks/render.py [--sizes 10000,100000] [--no-seeds] [--runs 2]

Cases: the seed corpus (../shared/seeds) and synthetic custom point layers (deterministic random
points on the Amur region with a name holding HTML and template characters, a number and a category).

- build: wall time of one whole process (imports included): `geomap build SEEDS` for the seeds, a
  script calling `geomap.Map().add_layer(gdf, ...).save(path)` for the synthetic layers; for the
  baseline, a script making the same data (the seeds' place mentions, read by geomap's pipeline, or
  the same points) and calling `gdf.explore().save(path)`.
- bytes: the HTML file as written (geomap's with its assets in <stem>_files/ beside it, `.explore()`'s
  with folium's CDN links).
- draw: in headless Chromium (software rendering, network blocked; `.explore()`'s page gets local
  copies of its CDN assets), milliseconds from navigation start (performance.now()) to the first
  animation frame after the one in which the page had loaded and every point feature was on the map
  (Leaflet's map.eachLayer counting CircleMarkers and Markers, plus, for a geomap layer drawn on
  canvas as one path, the number of circles its last redraw stamped, window.geomapBulk[name].layer.drawn:
  the layer's size for the synthetic layers; for the seeds, whatever is there once the page has
  loaded). One frame later means the frame that drew them, SVG or canvas, has been painted. The best
  of --runs page loads.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CATEGORIES = ["road", "rail", "ferry", "pipeline"]

# Runs in the page before its own scripts; sets window.__drawn = {ms, count} as described above.
DRAWN = """(() => {
    const want = %d;
    let seen = null;
    const count = map => {
        let n = 0;
        map.eachLayer(l => { if (l instanceof L.CircleMarker || l instanceof L.Marker) { n++; } });
        Object.values(window.geomapBulk || {}).forEach(b => {
            if (b.layer && b.layer._map) { n += b.layer.drawn || 0; }
        });
        return n;
    };
    const tick = () => {
        if (seen !== null) { window.__drawn = {ms: performance.now(), count: seen}; return; }
        if (document.readyState === 'complete' && window.L) {
            const map = Object.values(window).find(v => v instanceof L.Map);
            const n = map ? count(map) : -1;
            if (map && n >= want) { seen = n; }
        }
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})();"""


def points(n: int):  # -> gpd.GeoDataFrame
    """n deterministic random points with a hostile name, a number and a category."""
    import geopandas as gpd
    import numpy as np

    rng = np.random.default_rng(n)
    names = [f'Depot {i} <b>"{c}"</b> & {{{{x}}}}' for i, c in enumerate(rng.choice(CATEGORIES, n))]
    return gpd.GeoDataFrame(
        {
            "name": names,
            "value": np.round(rng.lognormal(6, 1.5, n), 2),
            "category": rng.choice(CATEGORIES, n),
        },
        geometry=gpd.points_from_xy(rng.uniform(115, 135, n), rng.uniform(40, 54, n)),
        crs="EPSG:4326",
    )


def child(tool: str, case: str, out: str) -> None:
    """What one timed process does: build one page with one tool."""
    if case == "seeds":
        from geomap.pipeline import run

        gdf = run([SEEDS]).tables["places"]
    else:
        gdf = points(int(case))
    if tool == "explore":
        gdf.explore().save(out)
        return
    import geomap

    colors = {"road": "#e41a1c", "rail": "#377eb8", "ferry": "#4daf4a"}
    popup = [("name", "Name"), ("value", "Value", ",.2f"), ("category", "Category")]
    geomap.Map(title="Depots").add_layer(
        gdf, name="depots", title="Depots", symbol="circle", tooltip="{name}", popup=popup,
        style={"color_field": "category", "color_map": colors, "radius": 4},
    ).save(out)  # fmt: skip


def timed(args: list[str]) -> float:
    """Wall seconds of one process."""
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def build(tool: str, case: str, out: Path) -> float:
    if tool == "geomap" and case == "seeds":
        return timed([sys.executable, "-m", "geomap", "build", str(SEEDS), "-o", str(out), "-q"])
    return timed([sys.executable, __file__, "--child", tool, case, str(out)])


def localized(page: Path) -> Path:
    """A copy of `.explore()`'s page that loads local copies of its CDN assets."""
    from geomap.render.assets import localize_html

    out = page.with_name(page.stem + "-local.html")
    out.write_text(localize_html(page.read_text("utf-8"), out, inline=False), "utf-8")
    return out


def draw_ms(browser, page_path: Path, want: int) -> tuple[float, int]:
    """Milliseconds from navigation start until every point is drawn, and how many there were."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page.add_init_script(DRAWN % want)
    page.goto(page_path.resolve().as_uri(), timeout=180_000)
    page.wait_for_function("() => window.__drawn", timeout=180_000, polling=100)
    drawn = page.evaluate("() => window.__drawn")
    context.close()
    return drawn["ms"], drawn["count"]


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:5.2f}x" if theirs else "  n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    cases = ([] if args.no_seeds or not SEEDS.is_dir() else ["seeds"]) + args.sizes.split(",")

    from playwright.sync_api import sync_playwright

    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs (the figures grow with it)", flush=True)
    from geomap.export.image import CHROMIUM_ARGS, chromium_path

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for case in cases:
            want = 0 if case == "seeds" else int(case)
            figures = {}
            for tool in ("geomap", "explore"):
                out = Path(tmp) / f"{tool}-{case}.html"
                seconds = build(tool, case, out)
                size = out.stat().st_size
                page = localized(out) if tool == "explore" else out
                draws = [draw_ms(browser, page, want) for _ in range(args.runs)]
                figures[tool] = (seconds, size, min(ms for ms, _ in draws), draws[0][1])
            print_case(case, figures)
        browser.close()


def print_case(case: str, figures: dict[str, tuple[float, int, float, int]]) -> None:
    (gs, gb, gd, gn), (es, eb, ed, en) = figures["geomap"], figures["explore"]
    label = "seed corpus" if case == "seeds" else f"{int(case):,} points"
    print(f"{label}  (points drawn: geomap {gn:,}, explore {en:,})")
    print(f"  {'':8}{'geomap':>12}{'.explore()':>12}{'ratio':>8}")
    print(f"  {'build':8}{gs:>10.2f} s{es:>10.2f} s{ratio(gs, es):>8}")
    print(f"  {'bytes':8}{gb / 1e6:>9.2f} MB{eb / 1e6:>9.2f} MB{ratio(gb, eb):>8}")
    print(f"  {'draw':8}{gd / 1000:>10.2f} s{ed / 1000:>10.2f} s{ratio(gd, ed):>8}", flush=True)
    if case != "seeds" and int(case) >= 100_000:
        met = gs <= es / 2 and gb <= eb / 4 and gd < 2000
        verdict = "met" if met else "NOT met"
        print(f"  targets (build <= 1/2, bytes <= 1/4 of .explore(), drawn in < 2 s): {verdict}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
    else:
        main()
