"""Report figures of a map (PNG, PDF, SVG) drawn by headless Chromium, offline, once every layer is on
it and the page is laid out as a figure (figure.py)."""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from geomap.errors import GeomapError
from geomap.export.figure import SCRIPT as FIGURE_SCRIPT
from geomap.export.figure import figure_options
from geomap.export.svg import SCRIPT as SVG_SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 60_000

# Resolves once fonts are loaded, every bulk layer has reported itself drawn (window.geomapBulk) and the
# number of drawn features has not changed for several animation frames.
_DRAWN = """() => new Promise(resolve => {
    const count = () => document.querySelectorAll(
        'path.leaflet-interactive, .leaflet-marker-icon, canvas, .geomap-panel').length;
    const bulkDone = () => document.querySelectorAll('script[type="application/json"]').length
        <= Object.keys(window.geomapBulk || {}).length;
    let last = -1, stable = 0;
    const tick = () => {
        const n = count();
        stable = n === last && bulkDone() ? stable + 1 : 0;
        last = n;
        if (stable >= 6) { resolve(n); } else { requestAnimationFrame(tick); }
    };
    document.fonts.ready.then(() => requestAnimationFrame(tick));
})"""


def chromium_path() -> Path:
    """$GEOMAP_CHROMIUM, else Debian's /usr/bin/chromium."""
    return Path(os.environ.get("GEOMAP_CHROMIUM") or CHROMIUM)


def _check_size(width: int, height: int, scale: float) -> None:
    if not (100 <= width <= 10_000 and 100 <= height <= 10_000):
        raise GeomapError(f"image size {width}x{height}: width and height must be 100-10000 pixels")
    if not 0.25 <= scale <= 4:
        raise GeomapError(f"scale {scale}: expected 0.25-4")


def _offline(route) -> None:
    if route.request.url.startswith(("file:", "data:", "about:")):
        route.continue_()
    else:
        route.abort()


def make_figure(page, bounds: list[list[float]] | None) -> int:
    """Wait until the loaded map page is drawn, turn it into the figure fitted to `bounds` and wait
    until it is drawn again; the number of labels placed."""
    page.wait_for_function("() => document.querySelector('.leaflet-container') !== null")
    page.evaluate(_DRAWN)
    placed = page.evaluate(FIGURE_SCRIPT, figure_options(bounds))
    page.evaluate(_DRAWN)
    return int(placed)


def _capture(page, out: Path, *, format: str, width: int, height: int, bounds: list[list[float]] | None,
             paper: tuple[str, str] | None = None) -> None:  # fmt: skip
    """Make the figure, then screenshot it, draw it as SVG, or print it on one page of the viewport's
    size (or of `paper`, e.g. ("297mm", "210mm"), which the viewport fits inside)."""
    make_figure(page, bounds)
    if format == "svg":
        out.write_text(page.evaluate(SVG_SCRIPT), encoding="utf-8")
        return
    if format == "png":
        page.screenshot(path=str(out), type="png", full_page=False, timeout=TIMEOUT_MS)
        return
    page.emulate_media(media="screen")  # lay out as on screen, not for print
    no_margin = {"top": "0", "right": "0", "bottom": "0", "left": "0"}
    page_width, page_height = paper or (f"{width}px", f"{height}px")
    page.pdf(path=str(out), width=page_width, height=page_height, print_background=True,
             margin=no_margin, page_ranges="1")  # fmt: skip


def render_image(page_html: str, out: Path, *, format: str, width: int, height: int, scale: float,
                 bounds: list[list[float]] | None = None,
                 paper: tuple[str, str] | None = None) -> None:  # fmt: skip
    """Open the self-contained page at width x height (CSS pixels) with the network blocked, wait until
    every layer is drawn, make it a figure fitted to `bounds` ([[south, west], [north, east]]) and
    write a PNG (pixels x scale), an SVG or a one-page PDF of that size to `out`.

    Runs in a thread of its own: Playwright's sync API refuses a thread with an asyncio loop (Jupyter)."""
    _check_size(width, height, scale)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="geomap-image") as pool:
        pool.submit(_render, page_html, out, format=format, width=width, height=height, scale=scale,
                    bounds=bounds, paper=paper).result()  # fmt: skip


def _render(page_html: str, out: Path, *, format: str, width: int, height: int, scale: float,
            bounds: list[list[float]] | None, paper: tuple[str, str] | None = None) -> None:  # fmt: skip
    from geomap.export.browser import require_browser

    require_browser(format)  # Playwright and Chromium are there, or a one-line error
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    browser_path = chromium_path()
    with tempfile.TemporaryDirectory(prefix="geomap-image-") as tmp:
        source = Path(tmp) / "map.html"
        source.write_text(page_html, encoding="utf-8")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(browser_path), args=CHROMIUM_ARGS)
                try:
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  device_scale_factor=scale)  # fmt: skip
                    page = context.new_page()
                    page.route("**/*", _offline)
                    page.goto(source.as_uri(), wait_until="load", timeout=TIMEOUT_MS)
                    _capture(page, out, format=format, width=width, height=height, bounds=bounds,
                             paper=paper)
                finally:
                    browser.close()
        except PlaywrightError as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise GeomapError(f"--format {format}: Chromium failed: {first}") from None
