"""`geomap build`'s output files: one default name per format (a build never overwrites another format's
file), the format read from -o's suffix, a contradicting suffix refused before any work, a self-contained
page by default, and the option clashes and missing tools refused up front."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from geomap.cli import cli


def run(*args: str, **env: str):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env or None, catch_exceptions=False)


def test_each_format_without_o_writes_its_own_default_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("build", "-q", "--offline").exit_code == 0
    page = (tmp_path / "output" / "border_map.html").read_bytes()
    for fmt in ("png", "fragment"):
        result = run("build", "-q", "--offline", "--format", fmt)
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [
        "border_map.fragment.html", "border_map.html", "border_map.png"]  # fmt: skip
    assert (tmp_path / "output" / "border_map.html").read_bytes() == page
    assert (tmp_path / "output" / "border_map.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "output" / "border_map.fragment.html").read_text("utf-8").startswith("<div id=")


def test_the_suffix_of_o_sets_the_format_when_format_is_not_given(tmp_path):
    out = tmp_path / "report.pdf"
    result = run("build", "-q", "--offline", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/map.html", "--format", "png"],
         "map.html: --format png writes a .png file, not '.html' (name it map.png, or leave --format out)"),
        (["-o", "{tmp}/map.png", "--format", "fragment"], "--format fragment writes a .html or .htm file"),
        (["-o", "{tmp}/map.txt"], "map.txt: cannot tell the format from the suffix '.txt'"),
        (["-o", "{tmp}/map"], "map: cannot tell the format from a name without a suffix"),
        (["--offline", "--tiles", "OpenStreetMap"], "--offline draws no online tiles: leave out --tiles"),
        (["--offline", "--tiles-attr", "Mine"], "--offline draws no online tiles: leave out --tiles-attr"),
    ],
)
def test_contradicting_options_are_one_line_before_any_reading(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], lines
    assert list(tmp_path.iterdir()) == []  # nothing read (no progress line), nothing written


def test_the_default_page_is_one_self_contained_file(tmp_path):
    out = tmp_path / "map.html"
    assert run("build", "-q", "--offline", "-o", out).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    page = out.read_text("utf-8")
    assert "<script src=" not in page and "<link " not in page and "L.map(" in page


def test_linked_assets_on_request_go_in_a_folder_beside_the_page(tmp_path):
    out = tmp_path / "map.html"
    assert run("build", "-q", "--offline", "--linked-assets", "-o", out).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html", "map_files"]
    assert '<script src="map_files/' in out.read_text("utf-8")


def test_missing_chromium_fails_before_any_reading(tmp_path):
    result = run("build", "--offline", "-o", tmp_path / "map.png", GEOMAP_CHROMIUM=str(tmp_path / "none"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [  # no progress line: nothing was read
        f"Error: --format png needs Chromium: {tmp_path / 'none'} not found "
        "(apt-get install chromium, or set GEOMAP_CHROMIUM)"]  # fmt: skip
    assert list(tmp_path.iterdir()) == []


WITHOUT_PLAYWRIGHT = (
    "import sys; sys.modules['playwright'] = None; "  # as if it were not installed
    "from geomap.cli import main; sys.argv = ['geomap', *sys.argv[1:]]; main()"
)


def test_missing_playwright_fails_before_any_reading(tmp_path):
    out = tmp_path / "map.pdf"
    proc = subprocess.run([sys.executable, "-c", WITHOUT_PLAYWRIGHT, "build", "--offline", "-o", str(out)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "Error: --format pdf needs Playwright: pip install 'geomap[png]'"]  # fmt: skip
    assert list(tmp_path.iterdir()) == []
