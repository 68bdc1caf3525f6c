"""geomap.Map's notebook view in real Chromium, offline: its _repr_html_ as a page's body, and inserted
the way Jupyter inserts a cell's output (innerHTML, where <script> elements never run)."""

from __future__ import annotations

import pytest
from conftest import HOSTILE_IMG, make_documents, make_tables

import geomap
from geomap.pipeline import Extraction

pytestmark = pytest.mark.browser

LABELS = """() => [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
    .map(label => label.textContent.trim())"""
DRAWN = "() => document.querySelectorAll('path.leaflet-interactive, .leaflet-marker-icon').length"


def notebook_map() -> geomap.Map:
    extraction = Extraction(documents=make_documents(), mentions={}, events=None, tables=make_tables())
    return geomap.Map(title="Notebook " + HOSTILE_IMG, height=450).add_events(extraction)


def check_inline_view(page, m: geomap.Map) -> None:
    frame = page.frame_locator("iframe")
    frame.locator(".leaflet-control-layers").wait_for()
    page.wait_for_timeout(200)
    box = page.locator("iframe").bounding_box()
    assert box["height"] == pytest.approx(450, abs=1) and box["width"] > 600
    inner = page.frames[1]
    assert inner.evaluate(LABELS) == [layer.spec.title for layer in m.layers()]
    assert inner.evaluate(DRAWN) > 5
    assert frame.locator(".geomap-title h1").inner_text() == "Notebook " + HOSTILE_IMG
    assert inner.evaluate("() => typeof window.__pwned") == "undefined"


def test_repr_as_a_page_body_shows_the_map(offline_page, tmp_path):
    page, log = offline_page
    m = notebook_map()
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body><p>Cell output:</p>{m._repr_html_()}</body></html>", "utf-8")
    page.goto(host.resolve().as_uri())
    check_inline_view(page, m)
    assert log.problems() == []


def test_repr_inserted_like_jupyter_output_shows_the_map(offline_page, tmp_path):
    page, log = offline_page
    m = notebook_map()
    host = tmp_path / "lab.html"
    host.write_text("<!DOCTYPE html><html><body><div class='output'></div></body></html>", "utf-8")
    page.goto(host.resolve().as_uri())
    page.evaluate("html => { document.querySelector('.output').innerHTML = html; }", m._repr_html_())
    check_inline_view(page, m)
    assert log.problems() == []
