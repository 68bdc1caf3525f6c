"""The embeddable fragment as text: no page wrapper, styles scoped to its container, guarded libraries."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import make_documents, make_tables

import geomap
from geomap.cli import cli
from geomap.errors import GeomapError
from geomap.export import write_map
from geomap.export.css import scope_css
from geomap.export.fragment import css_height
from geomap.layers import builtin_layers
from geomap.render import build_map


def small_map():
    return build_map(builtin_layers(make_tables()), title="Fragment test", documents=make_documents())


def test_scope_css_prefixes_every_selector_and_keeps_font_faces_and_media():
    css = ".a .b, .c { color: red }\n@media (max-width: 600px) { .d { margin: 0 } }\n"
    scoped = scope_css(css + "@font-face { src: url(x) }", "#g")
    assert "#g .a .b, #g .c {" in scoped and "@media (max-width: 600px) {#g .d {" in scoped
    assert "@font-face { src: url(x) }" in scoped and "#g @" not in scoped


@pytest.mark.parametrize("given, css", [(600, "600px"), ("480", "480px"), ("70vh", "70vh"), ("40em", "40em")])
def test_height_is_pixels_or_a_css_length(given, css):
    assert css_height(given) == css


@pytest.mark.parametrize("bad", ["tall", "600px; background: red", "calc(1px)", ""])
def test_other_heights_are_a_user_error(bad):
    with pytest.raises(GeomapError, match="height"):
        css_height(bad)


def test_fragment_is_a_div_with_scoped_styles_and_guarded_libraries(tmp_path):
    text = write_map(small_map(), tmp_path / "map.html", format="fragment").read_text("utf-8")
    assert re.match(r'<div id="geomap-map_\w+" class="geomap-fragment" style="[^"]*height: 600px">', text)
    assert not re.search(r"<(html|head|body|title|meta)\b", text, re.I)
    container = re.match(r'<div id="([\w-]+)"', text).group(1)
    first_style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    selectors = re.findall(r"^([^{}@\s][^{}]*)\{", first_style, re.M)
    assert selectors and all(s.startswith(f"#{container}") for s in selectors)
    assert "html, body" not in first_style  # folium's full-page rules are left out
    assert "if (!(window.L && window.L.version)) {" in text
    assert not re.search(r"<(script|link)[^>]*=\"https?:", text)  # nothing from a CDN
    assert text.endswith("})(window.L);\n</script>\n</div>\n")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_linked_fragment_writes_its_files_beside_it(tmp_path):
    text = write_map(small_map(), tmp_path / "map.html", format="fragment", inline_assets=False).read_text()
    assert (tmp_path / "map_files").is_dir() and "document.write('<script src=\"map_files/" in text


def test_cli_and_api_write_the_same_fragment(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--format", "fragment", "--height", "70vh", "-q",
                                      "-o", str(tmp_path / "cli.html")], catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "height: 70vh" in (tmp_path / "cli.html").read_text("utf-8")
    m = geomap.Map(title="API fragment")
    out = m.save(tmp_path / "api.html", format="fragment", height=300)
    assert out.read_text("utf-8").startswith('<div id="geomap-') and "height: 300px" in out.read_text()


def test_unknown_format_and_bad_height_are_one_line_errors(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--format", "fragment", "--height", "big", "-o",
                                      str(tmp_path / "x.html")])  # fmt: skip
    assert result.exit_code == 1 and "height 'big'" in result.output and "Traceback" not in result.output
    with pytest.raises(GeomapError, match="format 'tiff'"):  # svg is a format now (report figures)
        write_map(small_map(), tmp_path / "x.html", format="tiff")


def test_inline_head_scripts_run_in_the_fragments_scope_and_folium_flags_are_dropped():
    from geomap.export import render_html
    from geomap.export.fragment import fragment_parts

    page = render_html(small_map()).replace("</head>", "<script>var helper = 1;</script></head>")
    map_id, _, _, body, script = fragment_parts(page)
    assert script.lstrip().startswith("var helper = 1;") and f'var {map_id} = L.map(' in script
    assert "L_NO_TOUCH" not in script and f'id="{map_id}"' in body
