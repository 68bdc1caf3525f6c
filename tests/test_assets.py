"""Offline assets: the npm-filled cache, its checksums, and pages rewritten to need no network."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest

from geomap.errors import GeomapError
from geomap.render import assets
from geomap.render.assets import ensure_assets, known_urls, localize_html

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
DEAD_PROXY = "http://127.0.0.1:9"  # nothing listens there: any download through it fails at once


class Tags(HTMLParser):
    """Every start tag of a page with its attributes (script and style bodies are not parsed)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def named(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


def _external(url: str | None) -> bool:
    return bool(url) and re.match(r"(?i)(https?:)?//", url or "") is not None


def _use_cache(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setenv("GEOMAP_ASSET_CACHE", str(path))


def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(var, DEAD_PROXY)
    for var in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def filled_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache filled once from the npm registry with every known asset."""
    path = tmp_path_factory.mktemp("asset-cache")
    with pytest.MonkeyPatch.context() as mp:
        _use_cache(mp, path)
        assert ensure_assets() == path
    return path


@pytest.fixture
def cache(filled_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _use_cache(monkeypatch, filled_cache)
    return filled_cache


@pytest.fixture(scope="module")
def folium_page() -> str:
    """folium's own page for a map with a default marker and two awesome-markers (fa and glyphicon)."""
    m = folium.Map(location=[50.27, 127.53], zoom_start=9)
    folium.Marker([50.27, 127.53], popup="Heihe").add_to(m)
    folium.Marker([50.26, 127.55], icon=folium.Icon(icon="flag", prefix="fa")).add_to(m)
    folium.Marker([50.25, 127.50], icon=folium.Icon(icon="info-sign")).add_to(m)
    return m.get_root().render()


def test_cache_fills_from_npm_with_every_asset_and_its_css_references(cache: Path) -> None:
    for asset in assets.ASSETS:
        assert (cache / asset.package.key / asset.path).is_file(), asset.url
    leaflet_images = cache / "leaflet@1.9.3" / "dist" / "images"
    for name in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png", "layers-2x.png"):
        assert (leaflet_images / name).is_file()
    webfonts = cache / "@fortawesome/fontawesome-free@6.2.0" / "webfonts"
    assert (webfonts / "fa-solid-900.woff2").is_file()
    assert (cache / "drmonty-leaflet-awesome-markers@2.0.2" / "css/images/markers-soft@2x.png").is_file()
    # Only what pages need is extracted, not whole packages.
    assert not (cache / "leaflet@1.9.3" / "dist" / "leaflet-src.js").exists()
    assert not list(cache.rglob("*.tgz"))


def test_known_urls_cover_folium_defaults_and_the_plugins_geomap_may_use() -> None:
    import folium.folium as ff
    from folium import plugins

    needed = [url for _, url in ff._default_js + ff._default_css]
    for plugin in (plugins.MarkerCluster, plugins.TimestampedGeoJson, plugins.HeatMap, plugins.Fullscreen):
        needed += [url for _, url in plugin.default_js + plugin.default_css]
    missing = [u for u in needed if u not in known_urls() and u not in assets.DROPPED]
    assert not missing


def test_filled_cache_is_used_without_network(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _offline(monkeypatch)
    assert ensure_assets() == cache
    assert ensure_assets([LEAFLET_JS]) == cache


def test_empty_cache_without_network_names_the_package_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_cache(monkeypatch, tmp_path / "cache")
    _offline(monkeypatch)
    with pytest.raises(GeomapError) as err:
        ensure_assets([LEAFLET_JS])
    message = str(err.value)
    assert "leaflet@1.9.3" in message and "npm registry" in message and str(tmp_path / "cache") in message
    assert "\n" not in message


def test_tampered_cached_file_is_an_error(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "cache"
    shutil.copytree(cache / "leaflet@1.9.3", own / "leaflet@1.9.3")
    target = own / "leaflet@1.9.3" / "dist" / "leaflet.js"
    target.write_text(target.read_text("utf-8") + "\nwindow.evil = 1;\n", "utf-8")
    _use_cache(monkeypatch, own)
    _offline(monkeypatch)
    with pytest.raises(GeomapError, match=r"leaflet@1\.9\.3.*modified.*delete") as err:
        ensure_assets([LEAFLET_JS])
    assert str(target) in str(err.value)


def test_missing_cached_file_is_fetched_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use_cache(monkeypatch, tmp_path)
    iso = "https://cdn.jsdelivr.net/npm/iso8601-js-period@0.2.1/iso8601.min.js"
    ensure_assets([iso])
    (tmp_path / "iso8601-js-period@0.2.1" / "iso8601.js").unlink()
    ensure_assets([iso])
    assert (tmp_path / "iso8601-js-period@0.2.1" / "iso8601.js").is_file()


def test_tarball_with_wrong_checksum_is_refused(tmp_path: Path) -> None:
    wrong = dataclasses.replace(assets.ISO8601, sha256="0" * 64)
    with pytest.raises(GeomapError, match=r"checksum mismatch for iso8601-js-period@0\.2\.1"):
        assets._fill(wrong, tmp_path)
    assert not list(tmp_path.iterdir())


def test_inline_page_loads_nothing_from_other_hosts(cache: Path, folium_page: str, tmp_path: Path) -> None:
    page = localize_html(folium_page, tmp_path / "map.html", inline=True)
    tags = Tags(page)
    assert not tags.named("link")
    assert all(s.get("src") is None for s in tags.named("script"))
    for tag, attrs in tags.tags:
        for name in ("src", "href"):
            assert not _external(attrs.get(name)), (tag, attrs)
    assert "leaflet.awesome.rotate" not in page  # folium's own CSS, not on npm: dropped
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in page  # tile templates are JS, left alone
    assert not (tmp_path / "map_files").exists()
    # Every inlined script or stylesheet ends where it should: as many elements as folium had tags.
    before = Tags(folium_page)
    scripts = len(before.named("script")) + 1  # the default marker's data: images
    assert len(tags.named("script")) == scripts
    styles = len(before.named("style")) + len(before.named("link")) - 1  # minus the dropped one
    assert len(tags.named("style")) == styles
    assert 'url("data:font/woff2;base64,' in page and "url(../webfonts" not in page


def test_copy_mode_links_files_beside_the_page(cache: Path, folium_page: str, tmp_path: Path) -> None:
    out = tmp_path / "border map.html"
    page = localize_html(folium_page, out, inline=False)
    tags = Tags(page)
    linked = [a["src"] for a in tags.named("script") if a.get("src")]
    linked += [a["href"] for a in tags.named("link")]
    assert linked
    for url in linked:
        assert url and url.startswith("border%20map_files/"), url
        assert (tmp_path / url.replace("%20", " ")).is_file(), url
    for tag, attrs in tags.tags:
        for name in ("src", "href"):
            assert not _external(attrs.get(name)), (tag, attrs)
    # The stylesheets' own url()s resolve inside the copied folder.
    for css in (tmp_path / "border map_files").rglob("*.css"):
        for ref in re.findall(r"""url\(\s*["']?([^)"'#?]+)""", css.read_text("utf-8")):
            if not ref.startswith("data:"):
                assert (css.parent / ref).is_file(), (css, ref)


def test_copy_mode_leaves_identical_files_untouched(cache: Path, folium_page: str, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    localize_html(folium_page, out, inline=False)
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "map_files").rglob("*") if p.is_file()}
    localize_html(folium_page, out, inline=False)
    assert stamps == {p: p.stat().st_mtime_ns for p in (tmp_path / "map_files").rglob("*") if p.is_file()}
    assert not [p for p in (tmp_path / "map_files").rglob("*.tmp")]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_copied_files_get_the_mode_the_users_umask_gives(
    cache: Path, folium_page: str, tmp_path: Path, umask: int, mode: int
) -> None:
    old = os.umask(umask)
    try:
        localize_html(folium_page, tmp_path / "map.html", inline=False)
    finally:
        os.umask(old)
    modes = {p.stat().st_mode & 0o777 for p in (tmp_path / "map_files").rglob("*") if p.is_file()}
    assert modes == {mode}


@pytest.mark.parametrize("inline", [True, False])
def test_output_is_deterministic(cache: Path, folium_page: str, tmp_path: Path, inline: bool) -> None:
    first = localize_html(folium_page, tmp_path / "a" / "map.html", inline=inline)
    second = localize_html(folium_page, tmp_path / "a" / "map.html", inline=inline)
    assert first == second


def test_unknown_external_script_is_an_error_naming_it(cache: Path, tmp_path: Path) -> None:
    page = '<html><head><script src="https://example.com/tracker.js"></script></head></html>'
    with pytest.raises(GeomapError, match=r"https://example\.com/tracker\.js"):
        localize_html(page, tmp_path / "map.html", inline=True)


def test_local_tags_and_links_in_text_are_left_alone(cache: Path, tmp_path: Path) -> None:
    page = (
        '<script src="local.js"></script><link rel="stylesheet" href="own.css"/>'
        '<a href="https://example.com/article">source</a>'
    )
    assert localize_html(page, tmp_path / "map.html", inline=True) == page


def test_inlined_code_cannot_close_its_element_early() -> None:
    script = assets._element("script", 'var s = "</script><script>alert(1)</SCRIPT>";')
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert "<\\/script>" in script and "<\\/SCRIPT>" in script
    style = assets._element("style", "/* </style><script>alert(1)</script> */")
    assert style.lower().count("</style") == 1


@pytest.mark.browser
def test_inline_page_draws_markers_and_icon_fonts_offline(cache: Path, tmp_path: Path) -> None:
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("needs Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    m = folium.Map(location=[50.27, 127.53], zoom_start=9, tiles=None)
    folium.Marker([50.27, 127.53]).add_to(m)
    folium.Marker([50.26, 127.55], icon=folium.Icon(icon="flag", prefix="fa")).add_to(m)
    folium.Marker([50.25, 127.50], icon=folium.Icon(icon="info-sign")).add_to(m)
    out = tmp_path / "map.html"
    out.write_text(localize_html(m.get_root().render(), out, inline=True), "utf-8")
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"], headless=True)
        page = browser.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else (problems.append(route.request.url), route.abort())
            ),
        )
        page.on("pageerror", lambda err: problems.append(str(err)))
        page.goto(out.as_uri())
        page.wait_for_function("document.fonts.status === 'loaded'")
        widths = page.eval_on_selector_all("img.leaflet-marker-icon", "els => els.map(e => e.naturalWidth)")
        fonts = page.evaluate(
            """() => [document.fonts.check('900 14px "Font Awesome 6 Free"'), [...document.fonts]
                .some(f => f.family.includes('Glyphicons') && f.status === 'loaded')]"""
        )
        browser.close()
    assert not problems
    assert widths == [25]  # the default marker's image, inlined
    assert fonts == [True, True]
