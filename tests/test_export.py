"""Atomic writers: a failed write leaves the previous file as it was and no temp file behind."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import geopandas as gpd
import pytest
from conftest import make_documents, make_tables

from geomap import export
from geomap.errors import GeomapError
from geomap.layers import builtin_layers
from geomap.render import build_map


def small_map():
    return build_map(builtin_layers(make_tables()), title="Export test", documents=make_documents())


@pytest.fixture
def fake_assets(monkeypatch):
    """A stand-in for geomap.render.assets whose localize_html we control (the rest is the real module's:
    the basemap reads its data files through it)."""
    import geomap.render.assets as real

    module = types.ModuleType("geomap.render.assets")
    module.__getattr__ = lambda name: getattr(real, name)
    calls = []

    def localize_html(html: str, out_path: Path, *, inline: bool) -> str:
        calls.append((out_path, inline))
        return html.replace("https://", "local://")

    module.localize_html = localize_html
    module.known_urls = lambda: []
    monkeypatch.setitem(sys.modules, "geomap.render.assets", module)
    return module, calls


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_html_localises_and_writes(tmp_path, fake_assets):
    _, calls = fake_assets
    out = export.write_html(small_map(), tmp_path / "map.html", inline_assets=True)
    text = out.read_text(encoding="utf-8")
    assert calls == [(tmp_path / "map.html", True)]
    assert text.startswith("<!DOCTYPE html>") and "https://" not in text and "local://" in text
    assert (out.stat().st_mode & 0o777) == 0o644 and leftovers(tmp_path) == []


def test_page_holds_the_map_in_one_main_landmark_and_lets_the_reader_zoom(tmp_path, fake_assets):
    out = export.write_html(small_map(), tmp_path / "map.html", inline_assets=True)
    text = out.read_text(encoding="utf-8")
    assert text.count("<main") == 1 and text.count("</main>") == 1
    main = text[text.index("<main") : text.index("</main>")]
    assert 'class="folium-map"' in main  # the list of events is inserted beside the map, inside it
    assert "user-scalable=no" not in text and "maximum-scale" not in text
    assert 'name="viewport" content="width=device-width, initial-scale=1.0"' in text


def test_failed_localisation_keeps_the_previous_page(tmp_path, fake_assets, monkeypatch):
    module, _ = fake_assets
    out = tmp_path / "map.html"
    out.write_text("previous page")

    def refuse(html, out_path, *, inline):
        raise GeomapError("unknown external URL")

    monkeypatch.setattr(module, "localize_html", refuse)
    with pytest.raises(GeomapError):
        export.write_html(small_map(), out, inline_assets=False)
    assert out.read_text() == "previous page" and leftovers(tmp_path) == []


def test_failure_while_writing_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "page.html"
    out.write_text("previous")

    def half_write(self, text, encoding=None):
        with open(self, "w", encoding=encoding) as f:
            f.write(text[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", half_write)
    with pytest.raises(GeomapError, match="No space left"):
        export.write_text(out, "new content")
    monkeypatch.undo()
    assert out.read_text() == "previous" and leftovers(tmp_path) == []


def test_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(GeomapError, match="does not exist"):
        export.write_text(tmp_path / "no" / "such.html", "x")


def test_write_geojson_round_trips_in_wgs84(tmp_path):
    visits = make_tables()["visits"].to_crs("EPSG:3857")
    out = export.write_geojson(visits, tmp_path / "visits.geojson")
    back = gpd.read_file(out)
    assert back.crs.to_epsg() == 4326 and list(back["id"]) == ["v1", "v2"]
    assert back.geometry.iloc[0].x == pytest.approx(126.65)


def test_failed_geojson_write_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "visits.geojson"
    out.write_text('{"type": "FeatureCollection", "features": []}')

    def broken(self, path, **kwargs):
        Path(path).write_bytes(b'{"type": "Feat')
        raise OSError(5, "I/O error")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", broken)
    with pytest.raises(GeomapError, match="I/O error"):
        export.write_geojson(make_tables()["visits"], out)
    assert out.read_text() == '{"type": "FeatureCollection", "features": []}' and leftovers(tmp_path) == []
