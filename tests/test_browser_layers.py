"""Analysts' own layers in real headless Chromium, network blocked: clusters, heat, lines, polygons,
category colours, proportional circles, and hostile strings shown as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CATEGORY_COLORS, HOSTILE, HOSTILE_IMG, MODES, make_custom_layers

from geomap.export import write_html
from geomap.render import build_map

pytestmark = pytest.mark.browser

TITLE = "Our depots " + " ".join(HOSTILE)

# Every Leaflet path of a layer, as drawn: its tooltip's text, SVG colours, radius and size on screen.
PATHS = """name => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const out = [];
    map.eachLayer(l => {
        if (!(l instanceof L.Path) || l.options.className !== `geomap-${name}` || !l._path) { return; }
        const tip = document.createElement('div');
        tip.innerHTML = l.feature.properties.tooltip;
        out.push({
            tooltip: tip.textContent,
            fill: l._path.getAttribute('fill'),
            stroke: l._path.getAttribute('stroke'),
            dash: l._path.getAttribute('stroke-dasharray'),
            rings: (l._path.getAttribute('d').match(/M/g) || []).length,
            circle: l instanceof L.CircleMarker,
            radius: l instanceof L.CircleMarker ? l.getRadius() : null,
            width: l._path.getBBox().width,
        });
    });
    return out.sort((a, b) => a.tooltip < b.tooltip ? -1 : 1);
}"""
CLUSTER = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let group = null;
    map.eachLayer(l => { if (l instanceof L.MarkerClusterGroup) { group = l; } });
    return group;
}"""
OPEN_CLUSTER = f"""names => new Promise(resolve => {{
    const group = ({CLUSTER})();
    const markers = group.getLayers().filter(m => names.some(n => m.getTooltip().getContent().startsWith(n)));
    group.zoomToShowLayer(markers[0], () => setTimeout(() => {{
        markers.forEach((m, i) => m._icon && m._icon.setAttribute('data-test', `depot-${{i}}`));
        resolve(markers.map(m => m._icon && document.body.contains(m._icon)
            ? [Math.round(m._icon.getBoundingClientRect().x), Math.round(m._icon.getBoundingClientRect().y)]
            : null));
    }}, 400));
}})"""
HEAT_PIXELS = """() => {
    const canvas = document.querySelector('.leaflet-geomap-truck_heat-pane canvas.leaflet-heatmap-layer');
    if (!canvas) { return -1; }
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) { painted++; } }
    return painted;
}"""


@pytest.fixture(scope="module")
def custom_map(tmp_path_factory) -> Path:
    """The page of the hand-made custom layers (assets beside it), with a hostile map title."""
    m = build_map(list(make_custom_layers().values()), title=TITLE)
    return write_html(m, tmp_path_factory.mktemp("custom") / "custom.html", inline_assets=False)


def open_page(page, path: Path) -> list[str]:
    """Open the page; the list it returns fills with the message of any dialog (none should open)."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
    page.wait_for_timeout(300)
    return dialogs


def test_cluster_layer_groups_markers_and_opens_to_each_one(offline_page, custom_map):
    page, log = offline_page
    open_page(page, custom_map)
    clusters = page.locator(".marker-cluster").all_inner_texts()
    single = page.locator(".leaflet-marker-pane .geomap-depots").count()
    assert clusters and sum(int(n) for n in clusters) + single == 12
    assert page.evaluate(f"() => ({CLUSTER})().getLayers().length") == 12

    # Three depots share one point: zooming in cannot part them, so the cluster spiders them out.
    spots = page.evaluate(OPEN_CLUSTER, ["Depot 0:", "Depot 1:", "Depot 2:"])
    assert all(spots) and len(set(map(tuple, spots))) == 3, spots
    page.locator("[data-test=depot-1]").click()
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Depot 1" in popup and "Trucks\t10" in popup
    assert log.problems() == []


def test_heat_layer_paints_its_canvas_and_hides_with_its_layer(offline_page, custom_map):
    page, log = offline_page
    open_page(page, custom_map)
    page.wait_for_function(f"() => ({HEAT_PIXELS})() > 100")
    page.get_by_label("Truck heat").uncheck()
    assert page.evaluate(HEAT_PIXELS) == -1
    assert log.problems() == []


def test_line_and_polygon_layers_draw_one_path_per_feature(offline_page, custom_map):
    page, log = offline_page
    open_page(page, custom_map)
    rail = page.evaluate(PATHS, "rail")
    assert [(p["tooltip"], p["circle"]) for p in rail] == [
        ("Blagoveshchensk sidings", False),
        ("Heihe spur", False),
        ("Level crossing", True),  # a point in a line layer is a small circle, not dropped
    ]
    lines = [p for p in rail if not p["circle"]]
    assert all(p["stroke"] == "#444444" and p["dash"] == "6 4" and p["fill"] == "none" for p in lines)
    assert rail[1]["rings"] == 1 and rail[0]["rings"] == 2  # the MultiLineString is one path of two parts
    assert rail[2]["radius"] == 4 and rail[2]["fill"] == "#444444"

    zones = page.evaluate(PATHS, "zones")
    assert [p["tooltip"] for p in zones] == ["Customs zone (1.5 km²)", "Free trade zone (12.0 km²)"]
    assert all(p["stroke"] == "#2b8cbe" and p["fill"] == "#a6bddb" for p in zones)
    assert [p["rings"] for p in zones] == [1, 3]  # the free trade zone: a polygon with a hole, and another
    assert page.locator("path.geomap-rail").count() == 3 and page.locator("path.geomap-zones").count() == 2
    assert log.problems() == []


def test_category_colours_reach_the_drawn_circles_and_the_legend(offline_page, custom_map):
    page, log = offline_page
    open_page(page, custom_map)
    drawn = {p["tooltip"]: p["fill"] for p in page.evaluate(PATHS, "modes")}
    expected = {f"Crossing {i} ({m})": CATEGORY_COLORS.get(m, "#999999") for i, m in enumerate(MODES)}
    assert drawn == expected

    keys = page.locator(".geomap-legend-keys").filter(has_text="ferry").locator(".geomap-legend-key")
    assert keys.all_inner_texts() == ["road", "rail", "ferry", "other"]  # the unmapped 'pipeline'
    colors = keys.evaluate_all("keys => keys.map(k => getComputedStyle(k.firstChild).backgroundColor)")
    assert colors == ["rgb(228, 26, 28)", "rgb(55, 126, 184)", "rgb(77, 175, 74)", "rgb(153, 153, 153)"]
    assert log.problems() == []


def test_proportional_circles_grow_with_their_value(offline_page, custom_map):
    page, log = offline_page
    open_page(page, custom_map)
    circles = {p["tooltip"].partition(":")[0]: p for p in page.evaluate(PATHS, "volumes")}
    by_value = [circles[name] for name in ("A", "B", "E", "C")]  # 100, 400, '900', 1600
    radii = [c["radius"] for c in by_value]
    assert radii == sorted(radii) and len(set(radii)) == 4 and radii[-1] == 30
    assert [c["width"] for c in by_value] == sorted(c["width"] for c in by_value)
    assert circles["D"]["radius"] == 4 and circles["D"]["tooltip"] == "D: — t"  # no value: smallest
    assert circles["C"]["tooltip"] == "C: 1,600 t" and circles["E"]["tooltip"] == "E: 900 t"
    legend = page.locator(".geomap-legend").inner_text()
    assert "Largest circle: 1,600 Tonnes" in legend and "Colour: Tonnes" in legend
    assert log.problems() == []


def test_hostile_strings_in_custom_layers_show_as_typed(offline_page, custom_map):
    page, log = offline_page
    dialogs = open_page(page, custom_map)
    layers = make_custom_layers()
    hostile = layers["hostile"].spec

    assert page.title() == TITLE
    assert page.locator(".geomap-title h1").inner_text() == TITLE
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert hostile.title in [label.strip() for label in labels]
    keys = page.locator(".geomap-legend-keys").filter(has_text="javascript:").locator(".geomap-legend-key")
    assert keys.all_inner_texts() == HOSTILE
    assert hostile.legend in page.locator(".geomap-legend").inner_text()

    pins = page.locator(".leaflet-marker-pane .geomap-hostile")
    assert pins.count() == len(HOSTILE)
    popups, tooltips = [], []
    for i in range(pins.count()):
        pins.nth(i).dispatch_event("mouseover")
        tooltips.append(page.locator(".leaflet-tooltip").last.inner_text())
        pins.nth(i).dispatch_event("mouseout")
        pins.nth(i).dispatch_event("click")
        popups.append(page.locator(".leaflet-popup-content").last.inner_text())
    assert sorted(tooltips) == sorted(HOSTILE)
    for text in HOSTILE:
        popup = next(p for p in popups if p.startswith(text + "\n"))
        # Name, note, a value that is no number and a date that is no date, all as typed.
        for label in ("Name", "Note", "Value", "When"):
            assert f"{label}\t{text}" in popup, popup
    text = "\n".join(popups)
    assert f"Mixed\ta, {HOSTILE_IMG}" in text and "Mixed\t2024-05-17" in text and "Mixed\t1234" in text

    assert page.evaluate("() => typeof window.__pwned") == "undefined" and dialogs == []
    assert page.evaluate("() => document.querySelectorAll('img, script[src^=javascript], [href^=javascript]')"
                         ".length") == 0  # fmt: skip
    assert log.problems() == []


def test_inlined_page_draws_clusters_and_heat(offline_page, tmp_path):
    page, log = offline_page
    m = build_map(list(make_custom_layers().values()), title=TITLE)
    out = write_html(m, tmp_path / "inline.html", inline_assets=True)
    assert [p.name for p in tmp_path.iterdir()] == ["inline.html"]
    open_page(page, out)
    assert page.locator(".marker-cluster").count() >= 1
    page.wait_for_function(f"() => ({HEAT_PIXELS})() > 100")
    assert log.problems() == []
