"""The base layers in real headless Chromium: online tiles when they load, the offline basemap when
they cannot (network blocked: no blank map), and the offline basemap's place names laid out by zoom
without overlaps, at a desktop, a small laptop and a phone size."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from conftest import PageLog, make_documents, make_tables

from geomap.export import write_html
from geomap.layers import builtin_layers
from geomap.render import build_map

pytestmark = pytest.mark.browser

# A 1x1 grey PNG served for every tile request when the test lets tiles "load".
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4c+cOAATAAl9r1BB0AAAAAElFTkSuQmCC"
)
SIZES = [(1280, 800), (800, 600), (390, 844)]

# The share of the view inside the box of the offline basemap's land paths (SVG, clipped to the view).
LAND_SHOWN = """() => {
    const boxes = [...document.querySelectorAll('path.geomap-basemap, path.geomap-basemap-land')]
        .map(el => el.getBoundingClientRect());
    if (!boxes.length) return 0;
    const left = Math.max(0, Math.min(...boxes.map(b => b.left)));
    const right = Math.min(innerWidth, Math.max(...boxes.map(b => b.right)));
    const top = Math.max(0, Math.min(...boxes.map(b => b.top)));
    const bottom = Math.min(innerHeight, Math.max(...boxes.map(b => b.bottom)));
    return Math.max(0, right - left) * Math.max(0, bottom - top) / (innerWidth * innerHeight);
}"""
NAMES = """() => [...document.querySelectorAll('.geomap-name')].map(el => {
    const r = el.getBoundingClientRect();
    return {text: el.textContent, kind: el.className.replace('geomap-name geomap-name-', ''),
            box: [r.left, r.top, r.right, r.bottom]};
})"""
# The map's panels and its data symbols (markers, circles; not lines or areas, whose boxes span the
# map), which a name must never cover.
CONTROLS = """() => [...document.querySelectorAll(
    '.leaflet-control, .leaflet-marker-icon, .leaflet-interactive')]
    .map(el => [el.tagName.toLowerCase(), el.getBoundingClientRect()])
    .filter(([tag, r]) => r.width && r.height && (tag !== 'path' || (r.width <= 120 && r.height <= 120)))
    .map(([tag, r]) => [r.left, r.top, r.right, r.bottom])"""


@pytest.fixture(scope="module")
def online_map(tmp_path_factory) -> Path:
    """The map of the test tables with OpenStreetMap offered (and shown first) beside the offline basemap."""
    out = tmp_path_factory.mktemp("basemap") / "map.html"
    fmap = build_map(builtin_layers(make_tables()), title="Base layers", documents=make_documents(),
                     tiles="OpenStreetMap")
    return write_html(fmap, out, inline_assets=False)


def _page(browser, size, *, tiles: bool):
    """A page whose tile requests are answered with a tile image (tiles) or refused (no network)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    log = PageLog()

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        elif tiles and "tile.openstreetmap.org" in url:
            route.fulfill(body=TILE, content_type="image/png")
        else:
            log.blocked_requests.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda err: log.page_errors.append(str(err)))
    return context, page, log


def _open(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")


LAYOUTS = "() => Number(document.querySelector('.geomap-names').dataset.layouts || 0)"


def _set_view(page, lat: float, lon: float, zoom: int) -> None:
    """Move the map as a reader would, and wait until the names are laid out for the new view."""
    done = page.evaluate(LAYOUTS)
    page.evaluate("""([lat, lon, zoom]) => {
        const map = Object.values(window).find(v => v instanceof L.Map);
        map.setView([lat, lon], zoom, {animate: false});
    }""", [lat, lon, zoom])
    page.wait_for_function(f"() => ({LAYOUTS})() > {done}")


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_without_network_the_page_shows_the_offline_basemap_and_asks_for_one_tile(browser, online_map, size):
    context, page, log = _page(browser, size, tiles=False)
    try:
        _open(page, online_map)
        page.wait_for_function("() => document.querySelector('.leaflet-container').dataset.baseLayer"
                               " === 'offline'", timeout=10_000)
        page.wait_for_function(f"() => ({LAYOUTS})() > 0")  # the opening view is drawn
        assert page.evaluate(LAND_SHOWN) > 0.4  # land drawn across the view (with some sea): no blank map
        assert page.locator(".leaflet-tile-pane img.leaflet-tile-loaded").count() == 0
        assert page.locator(".geomap-name").count() > 0  # with its names
        checked = page.locator(".leaflet-control-layers-base input:checked + span")
        assert "(offline)" in checked.inner_text()  # the layer control says which base layer is shown
        assert len(log.blocked_requests) == 1  # one tile asked for, to see whether tiles can be had
        assert "tile.openstreetmap.org" in log.blocked_requests[0]
        assert log.page_errors == []
    finally:
        context.close()


def test_tiles_that_load_are_shown_and_the_offline_names_are_not(browser, online_map):
    context, page, log = _page(browser, SIZES[0], tiles=True)
    try:
        _open(page, online_map)
        page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile-loaded').length > 3")
        page.wait_for_timeout(300)
        container = page.locator(".leaflet-container")
        assert container.get_attribute("data-base-layer") == "online"
        assert page.locator("path.geomap-basemap").count() == 0
        assert page.locator(".geomap-name").count() == 0  # the tiles carry their own names
        assert log.page_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_place_names_show_by_zoom_and_never_overlap(browser, tmp_path, size):
    out = write_html(build_map(builtin_layers(make_tables()), title="Names", documents=make_documents()),
                     tmp_path / "offline.html", inline_assets=False)
    context, page, log = _page(browser, size, tiles=False)
    try:
        _open(page, out)
        seen = {}
        for zoom, lat, lon in [(3, 40.0, 100.0), (5, 45.0, 122.0), (7, 48.0, 127.0)]:
            _set_view(page, lat, lon, zoom)
            names = page.evaluate(NAMES)
            seen[zoom] = names
            boxes, symbols = [n["box"] for n in names], page.evaluate(CONTROLS)
            for i, a in enumerate(boxes):
                assert all(not _overlap(a, b) for b in boxes[i + 1:]), names[i]["text"]
                assert all(not _overlap(a, c) for c in symbols), names[i]["text"]
                assert 0 <= a[0] and a[2] <= size[0] and 0 <= a[1] and a[3] <= size[1]  # whole, in view
        kinds = {zoom: {n["kind"] for n in names} for zoom, names in seen.items()}
        texts = {zoom: {n["text"] for n in names} for zoom, names in seen.items()}
        assert any(seen.values())
        if size[0] >= 1280:  # on smaller screens the panels leave too little map to expect a given name
            assert "country" in kinds[3] and "city" not in kinds[3]  # countries and capitals only
            assert {"China", "Mongolia"} & texts[3]
            assert "city" in kinds[7] and len(texts[7]) > len(texts[3] & texts[7])
        assert log.page_errors == []
    finally:
        context.close()
