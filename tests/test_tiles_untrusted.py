"""A tiles URL and attribution from an untrusted source (a config file, a notebook parameter, a web
form) are data: Jinja syntax in them runs nothing when the map is built and reaches Leaflet as typed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap
from geomap.cli import cli

# Each payload, if rendered as a template, makes a folder named after Jinja's lorem-ipsum helper in
# the working directory; the comment and the raw block would break the render instead.
MARKER = "generate_lorem_ipsum"
RUN_EXPRESSION = "{{ lipsum.__globals__.os.mkdir(lipsum.__name__) }}"
RUN_STATEMENT = "{% if lipsum.__globals__.os.mkdir(lipsum.__name__) %}{% endif %}"
PAYLOADS = [RUN_EXPRESSION, RUN_STATEMENT, "{# an open comment", "{% raw %}"]
URL = "https://tiles.example.org/{z}/{x}/{y}.png?key="

TILE_LAYER = """() => {
    const found = [];
    for (const v of Object.values(window)) {
        if (v instanceof L.TileLayer) {
            const box = document.createElement('div');
            box.innerHTML = v.options.attribution;
            found.push({url: v._url, attribution: box.textContent});
        }
    }
    return found;
}"""


@pytest.fixture
def in_tmp(tmp_path) -> Path:
    """Run in an empty folder, where a payload that ran would leave its marker."""
    here = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(here)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_tiles_url_and_attribution_with_jinja_build_a_map_and_run_nothing(in_tmp, payload):
    out = in_tmp / "map.html"
    result = CliRunner().invoke(
        cli, ["build", "-o", str(out), "-q", "--tiles", URL + payload, "--tiles-attr", "Tiles " + payload],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not (in_tmp / MARKER).exists()
    html = out.read_text(encoding="utf-8")
    assert "https://tiles.example.org/" in html
    assert payload not in html  # neither as a template nor as raw text a second pass could read


@pytest.mark.parametrize("payload", PAYLOADS)
def test_map_object_with_a_hostile_tiles_url_renders_it_as_data(in_tmp, payload):
    page = geomap.Map(tiles=URL + payload, tiles_attr="Tiles " + payload).to_html()
    assert not (in_tmp / MARKER).exists()
    assert "L.tileLayer" in page and "{{" not in page.split("L.tileLayer", 1)[1].split(");", 1)[0]


@pytest.mark.browser
def test_hostile_tiles_url_reaches_leaflet_exactly_as_typed(offline_page, in_tmp):
    payload = " ".join(PAYLOADS)
    out = in_tmp / "map.html"
    options = ["--tiles", URL + payload, "--tiles-attr", "Tiles <b> " + payload]
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "-q", *options], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (in_tmp / MARKER).exists()
    page, log = offline_page
    page.goto(out.resolve().as_uri())
    page.wait_for_function("() => document.querySelector('.leaflet-control-layers') !== null")
    assert page.evaluate(TILE_LAYER) == [{"url": URL + payload, "attribution": "Tiles <b> " + payload}]
    # the page asks for one tile to see whether the tiles can be had (blocked here), and nothing else
    assert log.page_errors == [] and len(log.blocked_requests) == 1
    assert log.blocked_requests[0].startswith("https://tiles.example.org/")
