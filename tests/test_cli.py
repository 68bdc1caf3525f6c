"""The `geomap` command end to end: build, extract, geocode, errors, and a light --help."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
needs_seeds = pytest.mark.shared  # deselected where ../shared is absent (tests/conftest.py)


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from click.testing import CliRunner; from geomap.cli import cli;"
        "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0, r.output;"
        "heavy = [m for m in ('geopandas', 'folium', 'pandas', 'numpy', 'shapely', 'dateparser') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@needs_seeds
def test_extract_writes_the_four_tables_with_mentions_pointing_into_the_files(tmp_path):
    result = run("extract", SEEDS, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["crossings.geojson", "places.geojson", "traffic.geojson", "visits.geojson"]
    places = json.loads((tmp_path / "out" / "places.geojson").read_text())
    assert len(places["features"]) > 50
    for feature in places["features"]:
        p = feature["properties"]
        text = (SEEDS / p["doc"]).read_text(encoding="utf-8")
        assert text[p["start"]:p["end"]] == p["text"]
        assert {"place_id", "name", "kind", "confidence"} <= p.keys()


@needs_seeds
def test_build_writes_the_map_and_prints_a_summary(tmp_path):
    out = tmp_path / "map.html"
    result = run("build", SEEDS, "-o", out, "--title", "Amur <test>")
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 10_000
    assert "wrote" in result.output and "5 documents" in result.output
    html = out.read_text(encoding="utf-8")
    assert "Amur &lt;test&gt;" in html and "Amur <test>" not in html


def test_build_without_paths_maps_the_bundled_example(tmp_path):
    out = tmp_path / "example.html"
    result = run("build", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    assert out.exists() and result.output == ""


def test_bad_input_is_one_line_nonzero_and_keeps_the_previous_output(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("previous good map")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa not text")
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "build", str(bad), "-o", str(out)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and "UTF-8" in lines[0]
    assert "Traceback" not in proc.stderr
    assert out.read_text() == "previous good map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "map.html"]


def test_missing_input_names_it():
    result = CliRunner().invoke(cli, ["extract", "no/such/dir", "-o", "x"])
    assert result.exit_code == 1
    assert "no/such/dir: no such file or folder" in result.output


def test_geocode_prints_ranked_candidates():
    result = run("geocode", "Blagoveshchensk", "--near", "Heihe")
    assert result.exit_code == 0, result.output
    first, second = result.output.splitlines()[:2]
    assert "geonames:2026609" in first and "near Heihe" in first
    assert "geonames:576116" in second


def test_geocode_unknown_name_is_an_error():
    result = CliRunner().invoke(cli, ["geocode", "Qwxzzy"])
    assert result.exit_code == 1 and "no place of that name" in result.output


def test_offline_build_offers_no_online_tiles(tmp_path):
    out = tmp_path / "offline.html"
    result = run("build", "-o", out, "-q", "--offline")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '"geomap-basemap"' in html and "(offline)" not in html  # the one base layer: no switch
    assert "tile.openstreetmap" not in html and "L.tileLayer" not in html


def test_default_build_offers_online_tiles_beside_the_offline_basemap(tmp_path):
    out = tmp_path / "online.html"
    assert run("build", "-o", out, "-q").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in html and "OpenStreetMap (online)" in html


def test_tile_url_takes_an_escaped_attribution_and_a_bad_name_is_one_line(tmp_path):
    out = tmp_path / "tiles.html"
    url = "https://tiles.example.org/{z}/{x}/{y}.png?a=1&b=2"
    result = run("build", "-o", out, "-q", "--tiles", url, "--tiles-attr", "<b>Ours</b>")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "tiles.example.org" in html and "<b>Ours</b>" not in html
    assert r"\u0026lt;b\u0026gt;Ours" in html  # escaped for HTML, then for JavaScript
    result = run("build", "-o", tmp_path / "bad.html", "-q", "--tiles", "no such provider")
    assert result.exit_code == 1 and "tiles 'no such provider'" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "bad.html").exists()


def test_geocode_of_a_demonym_shows_its_country_only():
    result = run("geocode", "Canadian")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "country:CA" in lines[0] and "demonym" in lines[0]
    assert not any("(city," in line for line in lines)  # not the towns named Canadian


def test_error_lines_show_control_and_bidi_characters_of_file_names_as_escapes(tmp_path):
    bad = tmp_path / "evil\x1b[2J\u202etxt.exe.txt"
    bad.write_text("  \n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(bad), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "evil\\x1b[2J\\u202etxt.exe.txt: the document is empty" in result.output
