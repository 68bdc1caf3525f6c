"""The page opens with every data symbol clear of the panels in its corners (title, time slider,
layer control, legend, sources), from a phone to a wide screen."""

from __future__ import annotations

import pytest

from geomap.pipeline import build_map_file

pytestmark = pytest.mark.browser

# Boxes of the shown symbols and panels, once the page has laid itself out and refitted its view.
BOXES = """() => {
    const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const shown = sel => [...document.querySelectorAll(sel)].filter(el => el.getClientRects().length);
    const circles = shown('path.leaflet-interactive').filter(p => /a/i.test(p.getAttribute('d') || ''));
    return {
        symbols: shown('.leaflet-marker-pane > *').map(box).concat(circles.map(box)),
        panels: shown('.leaflet-top > .leaflet-control, .leaflet-bottom > .leaflet-control').map(box),
        map: box(document.querySelector('.folium-map')),
    };
}"""


def overlaps(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.fixture(scope="module")
def example_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("fit") / "map.html"
    build_map_file([], out)  # the bundled example corpus
    return out


@pytest.mark.parametrize("width, height", [(1280, 800), (800, 600), (390, 844)])
def test_no_panel_covers_a_symbol_when_the_page_opens(browser, example_page, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                   else r.abort())  # fmt: skip
        page.goto(example_page.as_uri())
        page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
        page.wait_for_timeout(1200)  # the refit waits for the page's own zoom to end
        got = page.evaluate(BOXES)
        assert len(got["symbols"]) >= 6
        for symbol in got["symbols"]:
            assert symbol[0] >= got["map"][0] - 1 and symbol[2] <= got["map"][2] + 1, symbol
            covering = [p for p in got["panels"] if overlaps(p, symbol)]
            assert covering == [], (f"{width}x{height}: a panel covers a symbol", symbol, covering)
    finally:
        context.close()
