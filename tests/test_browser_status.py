"""The crossing status timeline in real headless Chromium: circles per dated status, the time slider
showing the statuses of the chosen period, and a hostile status text shown as text."""

from __future__ import annotations

import json

import pytest
from conftest import HOSTILE_IMG, HOSTILE_SCRIPT, make_documents, make_tables

from geomap.export import write_html
from geomap.layers import builtin_layers
from geomap.render import build_map

pytestmark = pytest.mark.browser

STATUS = "() => document.querySelectorAll('path.geomap-status').length"


def status_tables() -> dict:
    """The hand-made tables; the bridge closed then reopened, the other crossing opened long before."""
    tables = make_tables()
    bridge = [
        {"what": "closed", "date": "2023-11-30", "end": None, "planned": False,
         "text": "Shut at dawn " + HOSTILE_IMG + HOSTILE_SCRIPT, "quote_start": 0, "quote_end": 5},
        {"what": "reopened", "date": "2024-02-01", "end": None, "planned": False, "text": "Open again",
         "quote_start": 0, "quote_end": 5},
    ]  # fmt: skip
    other = [{"what": "opened", "date": "2019-06-15", "end": None, "planned": False, "text": "Opened",
              "quote_start": 0, "quote_end": 5}]  # fmt: skip
    tables["crossings"]["status_events"] = [json.dumps(bridge), json.dumps(other)]
    return tables


def move_slider_to(page, period: str) -> None:
    """Choose a period on the time slider as dragging it does."""
    periods = page.evaluate("() => +document.querySelector('.geomap-time-range').max")
    for index in range(periods + 1):
        page.locator(".geomap-time-range").evaluate(
            "(input, i) => { input.value = i; input.dispatchEvent(new Event('input')); }", index
        )
        if page.locator(".geomap-time-value").inner_text() == period:
            return
    raise AssertionError(f"no period {period} on the slider")


def test_status_circles_follow_the_time_slider_and_show_hostile_text_as_text(offline_page, tmp_path):
    page, log = offline_page
    layers = builtin_layers(status_tables())
    out = write_html(build_map(layers, title="Status", documents=make_documents()), tmp_path / "s.html",
                     inline_assets=False)  # fmt: skip
    page.goto(out.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
    labels = page.evaluate("""() => [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
        .map(label => label.textContent.trim())""")
    assert "Crossing status" in labels
    assert page.evaluate(STATUS) == 3

    fills = page.evaluate(
        "() => [...document.querySelectorAll('path.geomap-status')].map(p => p.getAttribute('fill'))"
    )
    assert sorted(fills) == sorted(["#d73027", "#66bd63", "#1a9850"])  # closed red, reopened and opened green

    closed = page.locator("path.geomap-status[fill='#d73027']")
    closed.dispatch_event("mouseover")
    tooltips = page.locator(".leaflet-tooltip").all_inner_texts()
    assert "Blagoveshchensk–Heihe bridge: closed 2023-11-30" in tooltips
    closed.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content").last.inner_text()
    assert "Shut at dawn " + HOSTILE_IMG + HOSTILE_SCRIPT in popup and "003.txt" in popup

    move_slider_to(page, "2023-11-30")
    assert page.evaluate(STATUS) == 1
    move_slider_to(page, "2019-06-15")
    assert page.evaluate(STATUS) == 1
    assert page.locator("path.geomap-status").get_attribute("fill") == "#1a9850"

    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert log.problems() == []


MARKERS = """name => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const found = [];
    map.eachLayer(l => {
        const icon = l.options.icon;
        if (l.getLatLng && icon && String(icon.options.className).includes(`geomap-${name}`)) {
            const p = l.getLatLng(); found.push([p.lat, p.lng]);
        }
    });
    return found;
}"""


def test_a_reviewed_extraction_shows_its_edits_in_the_browser(offline_page, tmp_path):
    from click.testing import CliRunner

    from geomap.cli import cli
    from geomap.corpus import example_paths

    review = tmp_path / "review"
    runner = CliRunner()
    extract = runner.invoke(cli, ["extract", str(example_paths()[0].parent), "-o", str(review), "-q"])
    assert extract.exit_code == 0, extract.output
    visits = json.loads((review / "visits.geojson").read_text(encoding="utf-8"))
    kept = len(visits["features"]) - 1
    visits["features"].pop(0)
    (review / "visits.geojson").write_text(json.dumps(visits), encoding="utf-8")
    crossings = json.loads((review / "crossings.geojson").read_text(encoding="utf-8"))
    crossings["features"][0]["geometry"]["coordinates"] = [27.7, 60.6]
    crossings["features"][0]["properties"].update(side_a_country="FI", side_b_country="RU")
    (review / "crossings.geojson").write_text(json.dumps(crossings), encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(cli, ["build", "--events", str(review), "-o", str(out), "--offline", "-q"])
    assert result.exit_code == 0, result.output

    page, log = offline_page
    page.goto(out.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
    assert page.locator(".geomap-title h1").inner_text() == "Borders: China–Russia, Finland–Russia"
    assert len(page.evaluate(MARKERS, "visits")) == kept
    assert [60.6, 27.7] in page.evaluate(MARKERS, "crossings")
    borders = page.evaluate("() => document.querySelectorAll('path.geomap-border').length")
    assert borders >= 3  # China–Russia (two lines) and Finland–Russia
    assert log.problems() == []
