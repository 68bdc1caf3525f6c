"""Every event within reach in real headless Chromium: stacked markers spread, the smaller circle on
top, keyboard-only navigation, the list of events, small screens, and axe-core's accessibility checks
on the example corpus's page and on a fragment."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from conftest import HOSTILE_IMG, HOSTILE_SCRIPT, make_custom_layers, make_documents, make_tables
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from shapely.geometry import Point

from geomap.export import write_html
from geomap.layers import builtin_layers
from geomap.render import build_map
from geomap.render.assets import AXE_CORE, package_file

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (800, 600), (390, 844)]
BEIJING = Point(116.39723, 39.9075)


def stacked_tables() -> dict[str, gpd.GeoDataFrame]:
    """The hand-made tables with three crossings on one point and three visits to one city."""
    tables = make_tables()
    crossings = tables["crossings"]
    first = crossings.iloc[[0]]
    others = [("Second ferry " + HOSTILE_IMG, "ferry"), ("Third pontoon", "raft")]
    extra = [first.assign(id=f"c{i + 3}", name=name, mode=mode) for i, (name, mode) in enumerate(others)]
    tables["crossings"] = gpd.GeoDataFrame(pd.concat([crossings, *extra], ignore_index=True), crs=4326)
    visits = tables["visits"]
    beijing = visits.iloc[[1]]
    days = ((3, "2023-10-17"), (4, "2022-02-04"))
    more = [beijing.assign(id=f"v{i}", start=day, end=day) for i, day in days]
    tables["visits"] = gpd.GeoDataFrame(pd.concat([visits, *more], ignore_index=True), crs=4326)
    return tables


@pytest.fixture
def stacked_page(offline_page, tmp_path):
    page, log = offline_page
    layers = builtin_layers(stacked_tables())
    out = write_html(build_map(layers, title="Stacks " + HOSTILE_SCRIPT, documents=make_documents()),
                     tmp_path / "m.html", inline_assets=True)  # fmt: skip
    page.goto(out.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.geomap-events') !== null")
    page.wait_for_timeout(300)
    return page, log, layers


def popup_heading(page) -> str:
    return page.locator(".leaflet-popup-content .geomap-popup-heading").inner_text()


def close_popup(page) -> None:
    """Close the open popup and wait until it has left the page: Leaflet fades a closed popup out over
    200 ms, and one still fading would be a second close button for the next popup."""
    page.locator(".leaflet-popup-close-button").last.click()
    page.wait_for_function("() => document.querySelector('.leaflet-popup') === null", timeout=5000)


def open_own_popup(page, markers, i: int, tries: int = 3) -> None:
    """Click marker i until its popup shows: under load a closing popup can fold the stack, and a click
    on a folded stack spreads it again instead of opening a popup (or lands on the marker on top)."""
    for _ in range(tries):
        try:
            markers.nth(i).click(timeout=5000)
        except PlaywrightTimeoutError:  # under another marker of a folded stack: a click there spreads it
            markers.nth(i).click(force=True)
            settled_boxes(page, markers)
            continue
        try:
            page.locator(".leaflet-popup-content .geomap-popup-heading").wait_for(timeout=4000)
            return
        except PlaywrightTimeoutError:
            settled_boxes(page, markers)
    page.locator(".leaflet-popup-content .geomap-popup-heading").wait_for()


def settled_boxes(page, markers, rounds: int = 50) -> list[dict]:
    """The markers' boxes once they stop moving (a stack spreads and folds with an animation)."""
    last = None
    for _ in range(rounds):
        boxes = [markers.nth(i).bounding_box() for i in range(markers.count())]
        if boxes == last:
            return boxes
        last = boxes
        page.wait_for_timeout(100)
    return last


def test_each_marker_of_a_stack_opens_its_own_popup(stacked_page):
    page, log, _ = stacked_page
    for selector, expected in ((".geomap-crossings[aria-label*='Blagoveshchensk']", 1),
                               (".geomap-crossings[aria-label*='ferry']", 1),
                               (".geomap-crossings[aria-label*='pontoon']", 1),
                               (".geomap-visits[aria-label*='Beijing']", 3)):  # fmt: skip
        assert page.locator(f".leaflet-marker-pane {selector}").count() == expected
    stacks = (".geomap-crossings:not([aria-label*='Zabaykalsk'])", ".geomap-visits[aria-label*='Beijing']")
    for selector in stacks:
        markers = page.locator(f".leaflet-marker-pane {selector}")
        boxes = [markers.nth(i).bounding_box() for i in range(markers.count())]
        stacked = [b for b in boxes if abs(b["x"] - boxes[-1]["x"]) < 2 and abs(b["y"] - boxes[-1]["y"]) < 2]
        assert len(stacked) == 3, selector  # drawn on one point before any click
        markers.last.click()  # a click on the stack spreads it
        spread = settled_boxes(page, markers)
        assert len({(round(b["x"]), round(b["y"])) for b in spread}) == markers.count()
        headings = []
        for i in range(markers.count()):
            label = markers.nth(i).get_attribute("aria-label")
            open_own_popup(page, markers, i)
            headings.append(popup_heading(page))
            assert headings[-1] == label  # its own popup, not a neighbour's
            close_popup(page)
            settled_boxes(page, markers)  # closing may pan the map back
        assert len(set(headings)) == markers.count()
        page.mouse.click(640, 700)  # a click on the map folds the stack again
        settled_boxes(page, markers)
    assert page.evaluate("window.__pwned") is None
    assert log.problems() == []


CENTRE = """sel => { const r = document.querySelector(sel).getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2]; }"""
TOP_AT = """([x, y]) => { const el = document.elementFromPoint(x, y);
    return el ? el.getAttribute('class') + ' ' + (el.getAttribute('aria-label') || '') : ''; }"""


def test_the_smaller_circle_is_on_top_and_gets_the_click(stacked_page):
    page, log, _ = stacked_page
    # Two trade figures at Heihe (one scale: CNY), and the place circle there once shown.
    def overlay(title: str):
        return page.locator(".leaflet-control-layers-overlays label", has_text=title).locator("input")

    overlay("Border crossings").uncheck()  # their pins stand near Heihe: the circles alone here
    places = overlay("Places mentioned")
    places.check()
    page.wait_for_timeout(300)
    radii = page.evaluate("""() => [...document.querySelectorAll('.leaflet-geomap-circles-pane path')]
        .map(p => [p.getAttribute('class'), p.getBoundingClientRect().width])""")
    assert len(radii) >= 4
    widths = [w for _, w in radii]
    # Painted largest first: each circle is at most as large as the one before it in the pane.
    assert all(a >= b - 0.5 for a, b in zip(widths, widths[1:], strict=False)), radii
    x, y = page.evaluate(CENTRE, "path.geomap-places")
    assert "geomap-places" in page.evaluate(TOP_AT, [x, y])
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    assert popup_heading(page).startswith("Heihe")  # the place (radius 5), not the 31 billion CNY figure
    close_popup(page)
    places.uncheck()
    page.wait_for_timeout(300)
    x, y = page.evaluate(CENTRE, "path[aria-label^='Heihe trade']")  # the centre of both CNY circles
    assert "Heihe trade" in page.evaluate(TOP_AT, [x, y])
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    assert popup_heading(page).startswith("Heihe trade")  # 10 billion: the smaller of the two figures
    assert log.problems() == []


def test_keyboard_alone_reaches_every_event_and_opens_its_popup(stacked_page):
    page, log, layers = stacked_page
    events = sum(len(la.data) for la in layers if la.spec.name in ("visits", "crossings", "traffic"))
    symbols = "#SEL .leaflet-marker-pane [aria-label], #SEL .leaflet-geomap-circles-pane path[aria-label]"
    map_id = page.evaluate("() => document.querySelector('.folium-map').id")
    selector = symbols.replace("SEL", map_id)
    assert page.locator(selector).count() == events  # places are off: every symbol is an event
    page.evaluate("""sel => document.querySelectorAll(sel).forEach(el =>
        el.addEventListener('focus', () => el.setAttribute('data-reached', '1')))""", selector)
    page.locator("body").focus()
    for _ in range(events + 40):
        page.keyboard.press("Tab")
    assert page.locator(f"#{map_id} [data-reached]").count() == events
    # Tab to the first visit's marker and open it with Enter.
    visit = page.locator(".leaflet-marker-pane .geomap-visits").first
    visit.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert popup_heading(page) == visit.get_attribute("aria-label")
    circle = page.locator(".leaflet-geomap-circles-pane path.geomap-traffic").first
    circle.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert popup_heading(page) == circle.get_attribute("aria-label")
    page.keyboard.press("Escape")  # closes it, and the focus is back on the circle
    page.wait_for_timeout(200)
    assert page.locator(".leaflet-popup").count() == 0
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == circle.get_attribute(
        "aria-label"
    )
    assert log.problems() == []


EVENT_DATE_KEYS = """() => [...document.querySelector('.geomap-events-group')
    .querySelectorAll('td[data-sort]')].map(td => td.getAttribute('data-sort')).filter(Boolean)"""


def test_list_view_rows_show_their_symbols_sort_and_escape_every_string(stacked_page):
    page, log, layers = stacked_page
    rows = page.locator(".geomap-events .geomap-events-group").first.locator("tbody tr")  # the events'
    listed = ("visits", "crossings", "traffic", "status")
    events = sum(len(la.data) for la in layers if la.spec.name in listed)
    assert rows.count() == events
    table = page.locator(".geomap-events-table").first
    # Hostile names and titles show as text: no element made from them, nothing ran.
    assert table.locator("img").count() == 0 and table.locator("script").count() == 0
    text = table.inner_text()
    assert HOSTILE_IMG in text and "</script><script>" in text
    assert page.evaluate("window.__pwned") is None
    # Sort by date, then backwards.
    page.locator(".geomap-events-sort", has_text="Date").first.click()
    keys = page.evaluate(EVENT_DATE_KEYS)
    assert keys == sorted(keys) and len(keys) > 3
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Date")
    page.locator(".geomap-events-sort", has_text="Date").first.click()
    keys = page.evaluate(EVENT_DATE_KEYS)
    assert keys == sorted(keys, reverse=True)
    # A row's place opens its own symbol's popup and focuses that symbol.
    row = rows.filter(has_text="Third pontoon")
    row.locator(".geomap-events-go").click()
    page.wait_for_timeout(300)
    assert popup_heading(page).startswith("Third pontoon")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert focused.startswith("Third pontoon")
    assert "geomap-events-current" in (row.get_attribute("class") or "")
    close_popup(page)
    # A symbol opened on the map marks its row.
    page.locator(".leaflet-marker-pane .geomap-visits[aria-label*='Harbin']").click()
    page.wait_for_timeout(300)
    current = page.locator(".geomap-events tr.geomap-events-current")
    assert current.count() == 1 and "Harbin" in current.inner_text()
    assert log.problems() == []


def test_places_and_the_analysts_layers_have_their_own_tables_tied_to_their_symbols(offline_page, tmp_path):
    page, log = offline_page
    custom = make_custom_layers()
    layers = builtin_layers(make_tables()) + list(custom.values())
    out = write_html(build_map(layers, title="Own layers", documents=make_documents()), tmp_path / "m.html",
                     inline_assets=True)  # fmt: skip
    page.goto(out.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.geomap-events') !== null")
    page.wait_for_timeout(300)
    headings = page.locator(".geomap-events-group-heading").all_inner_texts()
    assert headings[0] == "Events on the map (7)" and "Places mentioned (2)" in headings
    assert "Depots (12)" in headings and "Rail (3)" in headings and "Zones (2)" in headings
    assert not any("heat" in h.lower() for h in headings)  # a heat map has no rows to list...
    note = "Truck heat: 40 rows drawn together"
    assert note in page.locator(".geomap-events").inner_text()  # ...but a note names it

    def group(title: str):
        return page.locator(".geomap-events-group", has=page.locator("h3", has_text=title))

    def go(title: str, place: str) -> str:
        """The popup a row's place button opens; the symbol it focused is announced by that place."""
        group(title).locator("tr", has_text=place).locator(".geomap-events-go").click()
        page.locator(".leaflet-popup-content", has_text=place).wait_for()  # after any pan or zoom
        page.wait_for_function("p => (document.activeElement.getAttribute('aria-label') || '').includes(p)",
                               arg=place, timeout=5000)  # fmt: skip
        text = page.locator(".leaflet-popup-content", has_text=place).inner_text()
        close_popup(page)
        return text

    # A place mentioned (its layer is off at first): the row shows the layer and opens the place's popup.
    assert go("Places mentioned", "Harbin").startswith("Harbin")
    assert go("Rail", "Blagoveshchensk sidings").startswith("Blagoveshchensk sidings")  # a line
    assert "Free trade zone" in go("Zones", "Free trade zone")  # a polygon
    assert "Depot 7" in go("Depots", "Depot 7")  # a marker inside a cluster: the cluster opens
    # Each table sorts alone: the rail lines by place, the events keep their order.
    before = group("Events on the map").locator("tbody tr").all_inner_texts()
    group("Rail").locator(".geomap-events-sort", has_text="Place").click()
    assert group("Rail").locator("th").all_inner_texts()[0] == "Place"  # one kind: no Kind column
    rail = [t.split("\t")[0] for t in group("Rail").locator("tbody tr").all_inner_texts()]
    assert rail == sorted(rail, key=str.lower)
    assert group("Events on the map").locator("tbody tr").all_inner_texts() == before
    # A symbol opened on the map marks its row in its own table.
    page.locator("path[aria-label^='Customs zone']").click()
    page.wait_for_timeout(300)
    current = page.locator(".geomap-events tr.geomap-events-current")
    assert current.count() == 1 and "Customs zone" in current.inner_text()
    assert page.evaluate("window.__pwned") is None
    assert log.problems() == []


def run_axe(page) -> list[dict]:
    """axe-core's violations of any impact (minor to critical) on the page as loaded."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(package_file(AXE_CORE, "axe.min.js")))
    found = page.evaluate("""async () => (await axe.run(document)).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))""")
    return found


@pytest.fixture(scope="module")
def example_build(tmp_path_factory) -> tuple[Path, Path]:
    """The bundled example corpus built as a page and as a fragment inside a host page."""
    from click.testing import CliRunner

    from geomap.cli import cli

    folder = tmp_path_factory.mktemp("example")
    runner = CliRunner()
    page = folder / "map.html"
    fragment = folder / "fragment.html"
    # Inlined assets: axe reads the stylesheets, which Chromium does not let a file: page fetch.
    for args in (["--inline-assets", "-o", str(page)], ["--format", "fragment", "-o", str(fragment)]):
        result = runner.invoke(cli, ["build", "--offline", "-q", *args])
        assert result.exit_code == 0, result.output
    host = folder / "host.html"
    host.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A report</title></head>'
        "<body><main><h1>A report</h1><p>Before the map.</p>"
        + fragment.read_text(encoding="utf-8")
        + "<p>After the map.</p></main></body></html>",
        encoding="utf-8",
    )
    return page, host


@pytest.mark.parametrize("which", ["page", "fragment"])
def test_axe_finds_no_violation_of_any_impact(example_build, offline_page, which):
    page, log = offline_page
    path = example_build[0] if which == "page" else example_build[1]
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.geomap-events') !== null")
    page.wait_for_timeout(300)
    assert run_axe(page) == []
    page.locator(".leaflet-marker-pane .geomap-visits").last.click()  # a popup open, a stack spread
    page.wait_for_timeout(400)
    assert run_axe(page) == []
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: panels folded, the list as cards
    page.wait_for_timeout(400)
    assert run_axe(page) == []
    assert log.problems() == []


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]  # fmt: skip


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_small_screens_keep_the_title_clear_and_popups_clear_of_panels(
    browser, example_build, tmp_path, width, height
):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(example_build[0].resolve().as_uri())
        page.wait_for_function("() => document.querySelector('.geomap-events') !== null")
        page.wait_for_timeout(400)
        control = page.locator(".leaflet-control-layers")
        folded = "leaflet-control-layers-expanded" not in (control.get_attribute("class") or "")
        assert folded == (width < 1000)  # open on a wide screen, folded where it would cover the map
        title = page.locator(".geomap-title").bounding_box()
        assert not overlap(title, control.bounding_box())
        page.screenshot(path=str(tmp_path / f"map-{width}x{height}.png"))
        if folded:  # the reader opens it, and folds it again with its close button
            page.locator(".leaflet-control-layers-toggle").click()
            assert "expanded" in control.get_attribute("class")
            page.locator(".geomap-layers-close").click()
            assert "expanded" not in control.get_attribute("class")
        for marker in page.locator(".leaflet-marker-pane .geomap-visits").all()[:2]:
            if not marker.is_visible():
                continue
            marker.click(force=True)
            page.wait_for_timeout(900)  # autoPan, then the shift clear of the panels
            if page.locator(".leaflet-popup").count() == 0:
                continue  # the click spread a stack: no popup yet
            popup = page.locator(".leaflet-popup-content-wrapper").bounding_box()
            panels = page.locator(".leaflet-control:not(.leaflet-control-attribution)").all()
            shown = [p for p in panels if p.is_visible()]
            covered = [p.get_attribute("class") for p in shown if overlap(popup, p.bounding_box())]
            assert covered == [], covered
            page.screenshot(path=str(tmp_path / f"popup-{width}x{height}.png"))
            close_popup(page)
    finally:
        context.close()

