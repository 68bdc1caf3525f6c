"""Where the caches live: $GEOMAP_CACHE, else $XDG_CACHE_HOME/geomap, else ~/.cache/geomap; the page
assets in its assets/ folder unless $GEOMAP_ASSET_CACHE says otherwise; and a first run's download
announced once on stderr, not again once cached, nothing under -q."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cache import cache_root
from geomap.cli import cli
from geomap.render import assets


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"GEOMAP_CACHE": "/srv/gm", "XDG_CACHE_HOME": "/xdg"}, "/srv/gm"),
        ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/geomap"),
        ({"XDG_CACHE_HOME": "relative/ignored"}, "{home}/.cache/geomap"),
        ({}, "{home}/.cache/geomap"),
    ],
)
def test_the_cache_folder_follows_geomap_cache_then_xdg_cache_home(monkeypatch, env, expected):
    for var in ("GEOMAP_CACHE", "XDG_CACHE_HOME", "GEOMAP_ASSET_CACHE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    root = Path(expected.format(home=Path.home()))
    assert cache_root() == root
    assert assets.cache_dir() == root / "assets"
    monkeypatch.setenv("GEOMAP_ASSET_CACHE", "/elsewhere")
    assert assets.cache_dir() == Path("/elsewhere")


def test_a_missing_asset_is_downloaded_once_with_one_line_saying_so(tmp_path):
    cache = tmp_path / "assets"
    shutil.copytree(assets.ensure_assets(), cache)
    env = {"GEOMAP_ASSET_CACHE": str(cache)}
    said = []
    for options, missing in ((["-q"], True), ([], True), ([], False)):
        if missing:  # as on a first run, for two packages
            shutil.rmtree(cache / "leaflet@1.9.3")
            shutil.rmtree(cache / "drmonty-leaflet-awesome-markers@2.0.2")
        assets._announced.clear()  # a new process, as far as announcing goes
        args = ["build", "--offline", "-o", str(tmp_path / "map.html"), *options]
        result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 0, result.output
        said.append([line.split("] ", 1)[1] for line in result.output.splitlines() if "first run" in line])
        assert (cache / "leaflet@1.9.3").is_dir()
    assert said == [
        [],  # quiet
        [f"downloading the map's scripts, styles and fonts from the npm registry into {cache} "
         "(first run only)"],
        [],  # cached
    ]
