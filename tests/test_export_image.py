"""PNG and PDF of a map drawn by real headless Chromium, offline: size, content, one page, errors."""

from __future__ import annotations

import base64
import re

import pytest
from click.testing import CliRunner
from conftest import make_documents, make_tables

import geomap
from geomap.cli import cli
from geomap.errors import GeomapError
from geomap.export import write_map
from geomap.layers import builtin_layers
from geomap.render import build_map

# Luminance variance and the share of non-background pixels of a PNG, measured by Chromium itself.
PIXELS = """async uri => {
    const img = new Image(); img.src = uri; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sq = 0, n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
        const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]; sum += y; sq += y * y;
    }
    return {width: c.width, height: c.height, variance: sq / n - (sum / n) ** 2};
}"""


def small_map():
    return build_map(builtin_layers(make_tables()), title="Image test", documents=make_documents())


def measure(browser, png: bytes) -> dict:
    page = browser.new_page()
    try:
        return page.evaluate(PIXELS, "data:image/png;base64," + base64.b64encode(png).decode())
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width, height, scale", [(640, 480, 1.0), (500, 400, 2.0)])
def test_png_has_the_requested_pixels_and_shows_the_map(browser, tmp_path, width, height, scale):
    out = write_map(small_map(), tmp_path / "map.png", format="png", width=width, height=height, scale=scale)
    png = out.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = measure(browser, png)
    assert (pixels["width"], pixels["height"]) == (width * scale, height * scale)
    assert pixels["variance"] > 100, pixels  # not blank: the basemap, layers, legend and title
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


@pytest.mark.browser
def test_pdf_is_one_page_of_the_requested_size(browser, tmp_path):
    out = write_map(small_map(), tmp_path / "map.pdf", format="pdf", width=900, height=600)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    points = (float(box.group(1)), float(box.group(2))) if box else None
    assert points == pytest.approx((900 * 0.75, 600 * 0.75), abs=1)  # 1 CSS pixel is 0.75 pt


@pytest.mark.browser
def test_cli_and_api_write_images(browser, tmp_path):
    result = CliRunner().invoke(cli, ["build", "-q", "--format", "png", "--width", "300", "--height", "200",
                                      "--scale", "1.5", "-o", str(tmp_path / "cli.png")])  # fmt: skip
    assert result.exit_code == 0, result.output
    pixels = measure(browser, (tmp_path / "cli.png").read_bytes())
    assert (pixels["width"], pixels["height"]) == (450, 300)
    out = geomap.Map(title="API image").save(tmp_path / "api.pdf", format="pdf", width=400, height=300)
    assert out.read_bytes().startswith(b"%PDF-")


def test_missing_chromium_is_a_one_line_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "map.png"
    out.write_bytes(b"previous")
    result = CliRunner().invoke(cli, ["build", "-q", "--format", "png", "-o", str(out)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "needs Chromium" in lines[0] and "no-chromium" in lines[0], result.output
    assert out.read_bytes() == b"previous" and sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


@pytest.mark.parametrize(
    "options, message",
    [
        (dict(format="png", width=50), "100-10000"),
        (dict(format="png", scale=9.0), "scale"),
        (dict(format="pdf", height="70vh"), "pixels"),
        (dict(format="html", width=800), "takes no size"),
        (dict(format="fragment", scale=2.0), "takes no width or scale"),
    ],
)
def test_bad_image_options_are_user_errors(tmp_path, options, message):
    with pytest.raises(GeomapError, match=message):
        write_map(small_map(), tmp_path / "map.out", **options)
