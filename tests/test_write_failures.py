"""A disk that fills up while a page is written: one line naming the folder, exit 1, nothing partial.

The full disk is a file-size limit (RLIMIT_FSIZE) in a child process: every write past it fails the
way a full disk does, with no privileges needed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

resource = pytest.importorskip("resource")

BUILD_UNDER_A_SIZE_LIMIT = textwrap.dedent("""\
    import resource, signal, sys
    from geomap.gazetteer import load_gazetteer
    from geomap.render.assets import ensure_assets
    load_gazetteer(); ensure_assets()  # caches first: only the page's own files meet the limit
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))
    from geomap.cli import cli
    cli(["build", "-o", sys.argv[2], "-q", "--offline", "--linked-assets"])
    """)


def _build_with_limit(limit: int, out) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BUILD_UNDER_A_SIZE_LIMIT, str(limit), str(out)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_disk_full_while_copying_assets_is_one_line_and_leaves_nothing(tmp_path):
    out = tmp_path / "site" / "map.html"
    out.parent.mkdir()
    result = _build_with_limit(60_000, out)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {out.parent / 'map_files'}: cannot write"), lines
    assert list(out.parent.iterdir()) == []  # no page, no half-filled map_files/, no .tmp


def test_disk_full_keeps_the_assets_a_previous_build_wrote(tmp_path):
    out = tmp_path / "map.html"
    assert _build_with_limit(1 << 40, out).returncode == 0
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    page = out.read_bytes()
    (tmp_path / "map_files" / "leaflet@1.9.3").rename(tmp_path / "moved")  # this build must copy it again
    result = _build_with_limit(60_000, out)
    assert result.returncode == 1 and "cannot write" in result.stderr
    (tmp_path / "moved").rename(tmp_path / "map_files" / "leaflet@1.9.3")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert out.read_bytes() == page


SIGTERM_WHILE_WRITING = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    from geomap.cli import exit_on_sigterm
    from geomap.export import atomic_path
    exit_on_sigterm()
    with atomic_path(Path(sys.argv[1])) as tmp:
        tmp.write_text("half of a page")
        os.kill(os.getpid(), signal.SIGTERM)
        signal.pause()
    """)


def test_sigterm_while_writing_removes_the_temporary_file_and_keeps_the_old_output(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("the previous page")
    result = subprocess.run([sys.executable, "-c", SIGTERM_WHILE_WRITING, str(out)], capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 143, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    assert out.read_text() == "the previous page"


def test_extract_into_a_path_below_a_file_fails_in_one_line_before_reading(tmp_path):
    from click.testing import CliRunner

    from geomap.cli import cli

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "-o", str(blocker / "out"), "-q"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {blocker / 'out'}: cannot write there: {blocker} is not a folder"


@pytest.mark.parametrize("inline", [True, False])
def test_build_makes_the_pages_new_folder_with_or_without_inlined_assets(tmp_path, inline):
    from click.testing import CliRunner

    from geomap.cli import cli

    out = tmp_path / "new" / "nested" / "map.html"
    options = ["--inline-assets"] if inline else ["--linked-assets"]
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "-q", "--offline", *options])
    assert result.exit_code == 0, result.output
    assert out.is_file() and (out.parent / "map_files").is_dir() is not inline


def test_the_page_and_tables_get_the_mode_the_users_umask_gives(tmp_path):
    import os

    from geomap import export

    old = os.umask(0o027)
    try:
        export.write_text(tmp_path / "page.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o640


def test_geojson_written_through_gdal_is_named_after_its_file_in_every_run(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    from geomap import export

    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(127.5, 50.2)], crs="EPSG:4326")
    first = export.write_geojson(frame, tmp_path / "visits.geojson").read_bytes()
    second = export.write_geojson(frame, tmp_path / "visits.geojson").read_bytes()
    assert first == second and b'"name": "visits"' in first
