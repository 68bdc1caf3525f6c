"""The report figure of the bundled example corpus, drawn in real Chromium at report sizes: what is
drawn where (labels, legend, sources, symbols, controls) and what the PNG shows in those places."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import pytest

from geomap.corpus import example_paths
from geomap.export import render_html, write_map
from geomap.export.figure import figure_bounds
from geomap.export.image import make_figure
from geomap.layers import builtin_layers
from geomap.pipeline import run
from geomap.render import build_map
from geomap.render.assets import localize_html

SIZES = [(600, 400), (800, 600), (1123, 794)]  # the smallest figure, a common one, A4 landscape at 96 dpi

# Boxes [left, top, right, bottom] of what the figure shows, in CSS pixels of the page; `panels` selects
# the boxes that must not cover data (Playwright passes null, not undefined, when no argument is given,
# so it is always passed).
PANELS = ".geomap-figure-side, .geomap-figure-head, .leaflet-control"
LAYOUT = """(panels) => {
    const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const shown = sel => [...document.querySelectorAll(sel)].filter(el => el.getClientRects().length);
    const circles = shown('path.leaflet-interactive').filter(p => /a/i.test(p.getAttribute('d') || ''));
    return {
        labels: shown('.geomap-label').map(el => ({text: el.textContent, box: box(el)})),
        symbols: shown('.leaflet-marker-pane > *').concat(circles).map(box),
        panels: shown(panels).map(box),
        map: box(document.querySelector('.folium-map')),
        sources: shown('.geomap-figure-sources li').map(el => el.textContent),
        more: shown('.geomap-figure-more').map(el => el.textContent),
        legend: shown('.geomap-figure-legend .geomap-legend-layer').length,
        controls: document.querySelectorAll(
            '.leaflet-control-layers, .leaflet-control-zoom, .geomap-time, input, button, select').length,
    };
}"""

# Share of dark (text-coloured) pixels inside each box of a PNG, decoded by Chromium.
DARK_SHARE = """async ([uri, boxes]) => {
    const img = new Image(); img.src = uri; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
    return boxes.map(([l, t, r, b]) => {
        const w = Math.max(1, Math.round(r - l)), h = Math.max(1, Math.round(b - t));
        const d = ctx.getImageData(Math.round(l), Math.round(t), w, h).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) {
            if (0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2] < 110) { dark += 1; }
        }
        return dark / (d.length / 4);
    });
}"""

LABELLED = "() => document.querySelector('.folium-map[data-geomap-labels]') !== null"  # labels placed
ZOOM_IN = """() => {
    const c = document.querySelector('.folium-map');
    c.removeAttribute('data-geomap-labels');
    window[c.id].zoomIn(1, {animate: false});
}"""


def overlaps(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    """Whether two boxes share more than a hairline."""
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def inside(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    return a[0] >= b[0] - slack and a[1] >= b[1] - slack and a[2] <= b[2] + slack and a[3] <= b[3] + slack


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The bundled example corpus as a built map and its self-contained page."""
    result = run(example_paths())
    m = build_map(builtin_layers(result.tables), title="Example border news", documents=result.documents)
    folder = tmp_path_factory.mktemp("figure")
    page_html = localize_html(render_html(m), folder / "map.html", inline=True)
    (folder / "map.html").write_text(page_html, encoding="utf-8")
    return m, folder / "map.html", [doc.title for doc in result.documents]


def _offline(route) -> None:
    url = route.request.url
    route.continue_() if url.startswith(("file:", "data:")) else route.abort()


@pytest.mark.browser
@pytest.mark.parametrize("width, height", SIZES)
def test_figure_labels_legend_and_sources_never_cover_the_data(browser, example, width, height):
    m, page_file, titles = example
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.route("**/*", _offline)
        page.goto(page_file.as_uri())
        placed = make_figure(page, figure_bounds(m))
        got = page.evaluate(LAYOUT, PANELS)
        png = page.screenshot(type="png")
        figure = [0, 0, width, height]

        assert got["controls"] == 0, "a report figure has no checkboxes, zoom buttons or slider"
        shown = page.evaluate("""() => [...document.body.querySelectorAll('*')]
            .filter(e => !e.closest('.geomap-figure') && e.getClientRects().length > 0)
            .map(e => e.className || e.tagName)""")
        assert shown == [], ("drawn outside the figure (e.g. the page's list of events)", shown[:5])
        assert placed == len(got["labels"]) >= 3, got["labels"]
        texts = [label["text"] for label in got["labels"]]
        assert {"Beijing", "Harbin"} <= set(texts), texts  # the visited places are named
        assert any("Heihe" in t for t in texts), texts  # and the crossing or its traffic
        assert len(got["symbols"]) >= 8  # pins of the visits and crossings, traffic circles
        for symbol in got["symbols"]:
            assert inside(symbol, got["map"]), ("a data symbol cut off by the map's edge", symbol)
        for label in got["labels"]:
            assert inside(label["box"], got["map"]), label
            assert not any(overlaps(label["box"], s) for s in got["symbols"]), label
            assert not any(overlaps(label["box"], p) for p in got["panels"]), label
        for i, a in enumerate(got["labels"]):
            assert not any(overlaps(a["box"], b["box"]) for b in got["labels"][i + 1 :]), texts
        assert len(got["panels"]) >= 3  # the side panel, the heading, the scale bar
        for panel in got["panels"]:
            assert inside(panel, figure)
            assert not any(overlaps(panel, s) for s in got["symbols"]), ("a panel covers data", panel)
        assert got["legend"] >= 4  # border, crossings, traffic, visits (the shown layers)
        # Sources in the popups' numbering: the articles in order, all listed or the rest counted.
        listed = len(got["sources"]) + sum(int(t.split()[1]) for t in got["more"])
        assert listed == len(titles)
        for text, title in zip(got["sources"], titles, strict=False):
            assert text.startswith(title)

        uri = "data:image/png;base64," + base64.b64encode(png).decode()
        boxes = [label["box"] for label in got["labels"]]
        shares = page.evaluate(DARK_SHARE, [uri, boxes])
        for label, share in zip(got["labels"], shares, strict=True):
            assert share > 0.04, ("the label's place on the PNG shows no text", label, share)
    finally:
        context.close()


@pytest.mark.browser
def test_svg_figure_is_vector_paths_and_text(browser, example, tmp_path):
    m, _, titles = example
    out = write_map(m, tmp_path / "figure.svg", format="svg", width=800, height=600)
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("viewBox") == "0 0 800 600"
    text = " ".join("".join(t.itertext()) for t in root.iter(f"{ns}text"))
    assert "Example border news" in text and "Beijing" in text and "Harbin" in text
    assert "Legend" in text and "Sources (4)" in text and titles[0].split()[0] in text
    assert len(list(root.iter(f"{ns}path"))) > 20  # basemap, border and circles stay vector paths
    assert not list(root.iter(f"{ns}script")) and not list(root.iter(f"{ns}foreignObject"))
    assert [p.name for p in tmp_path.iterdir()] == ["figure.svg"]


@pytest.mark.browser
def test_interactive_page_labels_the_places_clear_of_symbols_and_controls_at_every_zoom(browser, example):
    _, page_file, _ = example
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.route("**/*", _offline)
        page.goto(page_file.as_uri())
        page.wait_for_function(LABELLED)
        for zoom_in in (0, 1, 2):
            if zoom_in:
                page.evaluate(ZOOM_IN)
                page.wait_for_function(LABELLED)
            got = page.evaluate(LAYOUT, ".leaflet-control")
            texts = [label["text"] for label in got["labels"]]
            if zoom_in == 0:
                assert {"Beijing", "Harbin"} <= set(texts), texts
                page.wait_for_timeout(100)  # the basemap's names laid out again after the labels
                names = page.locator(".geomap-name").all_inner_texts()
                assert "Harbin" not in names and "Beijing" not in names  # named once, by the label
            for label in got["labels"]:
                assert inside(label["box"], got["map"]), label
                assert not any(overlaps(label["box"], s) for s in got["symbols"] + got["panels"]), label
    finally:
        context.close()
