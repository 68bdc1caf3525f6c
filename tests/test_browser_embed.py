"""Fragments pasted into a plain page, in real Chromium with the network blocked: two geomap maps and an
ordinary folium map side by side, each with its own layers, no id clash, no console error."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import pytest
from conftest import make_custom_layers, make_documents, make_tables

from geomap.export import render_html, write_fragment
from geomap.layers import builtin_layers
from geomap.render import build_map
from geomap.render.assets import localize_html

pytestmark = pytest.mark.browser

HOST_HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Host report</title></head>
<body><h1 id="host-title">Report</h1><p class="host-text">Some text before the maps.</p>
"""
LABELS = """id => [...document.querySelectorAll(`#${id} .leaflet-control-layers-overlays label`)]
    .map(label => label.textContent.trim())"""
DRAWN = """id => document.querySelectorAll(
    `#${id} path.leaflet-interactive, #${id} .leaflet-marker-icon, #${id} canvas`).length"""
IDS = "() => [...document.querySelectorAll('[id]')].map(e => e.id)"
UNSCOPED = """() => [...document.querySelectorAll('.geomap-fragment > style:first-of-type')].flatMap(style =>
    [...style.sheet.cssRules].filter(r => r.selectorText !== undefined)
        .filter(r => r.selectorText.split(',').some(s => !s.trim().startsWith('#' + style.parentNode.id)))
        .map(r => r.selectorText))"""
LEAFLET_SCRIPTS = "() => [...document.scripts].map(s => s.src).filter(s => s.endsWith('/leaflet.js'))"
HOST_STYLE = """() => [getComputedStyle(document.body).margin, getComputedStyle(document.body).fontFamily,
    getComputedStyle(document.getElementById('host-title')).fontSize,
    getComputedStyle(document.querySelector('.host-text')).color]"""


def amur_map() -> folium.Map:
    return build_map(builtin_layers(make_tables()), title="Amur fragment", documents=make_documents())


def custom_map() -> folium.Map:
    layers = make_custom_layers()
    return build_map([layers[n] for n in ("depots", "truck_heat", "rail")], title="Custom fragment")


def folium_snippet(tmp_path: Path) -> tuple[str, str]:
    """An ordinary folium map cut out of its own page (assets inlined), and its map variable's name."""
    m = folium.Map(location=[50.2, 127.5], zoom_start=6, tiles=None)
    folium.Marker([50.25, 127.5], tooltip="a folium marker").add_to(m)
    page = localize_html(m.get_root().render(), tmp_path / "folium.html", inline=True)
    head = re.search(r"<head>(.*)</head>", page, re.S).group(1)
    body = re.search(r"<body>(.*)</body>", page, re.S).group(1)
    script = re.search(r"</body>\s*(<script>.*</script>)", page, re.S).group(1)
    return f'<div id="folium-box" style="height: 400px">{head}{body}{script}</div>\n', m.get_name()


def open_host(page, path: Path, containers: list[str]) -> None:
    page.goto(path.resolve().as_uri())
    for cid in containers:
        page.wait_for_function(f"() => document.querySelector('#{cid} .leaflet-control-layers') !== null")
    page.wait_for_timeout(300)


def fragment_id(text: str) -> str:
    return re.match(r'<div id="([\w-]+)" class="geomap-fragment"', text).group(1)


def test_two_fragments_and_a_folium_map_share_a_page(offline_page, tmp_path):
    page, log = offline_page
    first = write_fragment(amur_map(), tmp_path / "a.html").read_text("utf-8")
    second = write_fragment(custom_map(), tmp_path / "b.html", height="50vh").read_text("utf-8")
    assert "<html" not in first and "<head" not in first and "<body" not in first
    folium_html, folium_var = folium_snippet(tmp_path)
    host = tmp_path / "host.html"
    between = "<p>Between the maps.</p>\n"
    host.write_text(HOST_HEAD + first + between + folium_html + second + "</body></html>")
    a, b = fragment_id(first), fragment_id(second)
    assert a != b
    open_host(page, host, [a, b])

    assert page.locator(".leaflet-container").count() == 3
    assert page.evaluate(LABELS, a) == [la.spec.title for la in builtin_layers(make_tables())]
    assert page.evaluate(LABELS, b) == ["Depots", "Rail", "Truck heat"]
    assert page.evaluate(DRAWN, a) > 5 and page.evaluate(DRAWN, b) > 3
    # The second map's plugins (clusters, heat) loaded beside the first map's and folium's Leaflet.
    assert page.locator(f"#{b} .marker-cluster").count() >= 1
    assert page.locator(f"#{b} path.geomap-rail").count() >= 1
    assert page.locator(f"#{b} canvas.leaflet-heatmap-layer").count() == 1
    assert page.locator(f"#{a} .geomap-title h1").inner_text() == "Amur fragment"
    assert page.locator(f"#{b} .geomap-title h1").inner_text() == "Custom fragment"
    assert page.locator("#folium-box .leaflet-marker-icon").count() == 1
    assert page.locator(f"#{b}").bounding_box()["height"] == pytest.approx(860 / 2, abs=1)

    ids = page.evaluate(IDS)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    # The fragments' scripts keep their variables to themselves; folium's global map is still its own.
    # (window[id] is the element of that id, as for any element, not the Leaflet map.)
    var = a.removeprefix("geomap-")
    assert page.evaluate(f"() => window[{var!r}] === document.getElementById({var!r})")
    assert page.evaluate(f"() => window.{folium_var}.getContainer().id") == folium_var
    assert page.evaluate(UNSCOPED) == []
    assert log.problems() == []


def test_linked_fragments_leave_the_host_page_alone(offline_page, tmp_path):
    page, log = offline_page
    plain = tmp_path / "plain.html"
    plain.write_text(HOST_HEAD + "</body></html>")
    page.goto(plain.resolve().as_uri())
    before = page.evaluate(HOST_STYLE)

    first = write_fragment(amur_map(), tmp_path / "a.html", inline_assets=False).read_text("utf-8")
    second = write_fragment(custom_map(), tmp_path / "b.html", inline_assets=False).read_text("utf-8")
    assert (tmp_path / "a_files").is_dir() and "<style>" in first
    host = tmp_path / "host.html"
    host.write_text(HOST_HEAD + first + second + "</body></html>")
    open_host(page, host, [fragment_id(first), fragment_id(second)])

    assert page.evaluate(HOST_STYLE) == before
    assert page.evaluate(DRAWN, fragment_id(first)) > 5 and page.evaluate(DRAWN, fragment_id(second)) > 3
    # Leaflet ran once: the second fragment found it (with its plugins) and did not load another copy.
    scripts = page.evaluate(LEAFLET_SCRIPTS)
    assert len(scripts) == 1, scripts
    assert page.evaluate(UNSCOPED) == [] and log.problems() == []


def test_fragment_of_the_same_map_is_byte_identical(tmp_path):
    one = write_fragment(amur_map(), tmp_path / "one.html").read_text("utf-8")
    two = write_fragment(amur_map(), tmp_path / "two.html").read_text("utf-8")
    assert one == two and render_html(amur_map()) == render_html(amur_map())


# How JupyterLab and many sites add HTML after the page has loaded: innerHTML, then each <script>
# replaced by a fresh one so that it runs (in order, as inline scripts run when inserted).
INSERT_LATE = """html => {
    const box = document.createElement('div');
    document.body.appendChild(box);
    box.innerHTML = html;
    for (const old of [...box.querySelectorAll('script')]) {
        const script = document.createElement('script');
        script.textContent = old.textContent;
        old.replaceWith(script);
    }
}"""


def test_inlined_fragment_added_after_the_page_loaded_renders(offline_page, tmp_path):
    page, log = offline_page
    plain = tmp_path / "plain.html"
    plain.write_text(HOST_HEAD + "</body></html>")
    page.goto(plain.resolve().as_uri())
    fragment = write_fragment(amur_map(), tmp_path / "a.html").read_text("utf-8")
    page.evaluate(INSERT_LATE, fragment)
    cid = fragment_id(fragment)
    page.wait_for_function(f"() => document.querySelector('#{cid} .leaflet-control-layers') !== null")
    assert page.evaluate(DRAWN, cid) > 5 and log.problems() == []


def test_linked_fragment_added_late_warns_instead_of_replacing_the_page(offline_page, tmp_path):
    page, log = offline_page
    plain = tmp_path / "plain.html"
    plain.write_text(HOST_HEAD + "</body></html>")
    page.goto(plain.resolve().as_uri())
    warnings: list[str] = []
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    fragment = write_fragment(amur_map(), tmp_path / "a.html", inline_assets=False).read_text("utf-8")
    page.evaluate(f"html => ({INSERT_LATE})(html)", fragment)  # its map script then fails: no Leaflet
    page.wait_for_timeout(200)
    assert page.locator("#host-title").inner_text() == "Report"  # the page is still there
    assert any("linked fragment added after the page loaded" in w for w in warnings), warnings
