"""Offline copies of the JS/CSS that folium's HTML loads from CDNs, fetched once from the npm registry.

Each CDN URL maps to a file in a pinned npm tarball (checked against a pinned sha256). The files are
kept in a local cache, and `localize_html` points a page at copies of them or inlines them.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import io
import json
import os
import posixpath
import re
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import unescape
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

from geomap.cache import cache_root, first_run, writable_folder
from geomap.errors import GeomapError
from geomap.files import new_file_mode

REGISTRY = "https://registry.npmjs.org"
MANIFEST = ".geomap-manifest.json"

T = TypeVar("T")


@dataclass(frozen=True)
class Package:
    """A pinned npm tarball (or, with origin "folium", a file of the installed folium package)."""

    name: str
    version: str
    sha256: str  # of the tarball; for origin "folium", of the one file
    extras: tuple[str, ...] = ()  # files loaded by JS rather than named by a tag or a CSS url()
    origin: str = "npm"

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name.rpartition('/')[2]}-{self.version}.tgz"


@dataclass(frozen=True)
class Asset:
    """One CDN URL and the file inside a package that serves it."""

    url: str
    package: Package
    path: str


# sha256 of each tarball computed on download; the registry's dist.integrity (sha512) was checked too.
LEAFLET = Package(
    "leaflet", "1.9.3", "10d016716b56048661eaf9cde004dc82e80bd3613b52c4f53cf5aec73088006c",
    extras=("dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png"),
)  # fmt: skip
# Leaflet.awesome-markers 2.0.2 as on cdnjs: the npm package of that name is a later fork (2.0.4+).
AWESOME_MARKERS = Package(
    "drmonty-leaflet-awesome-markers",
    "2.0.2",
    "462ab5a8fe53883d44d7c7a1c79c8e43c748ba026abbb9dbefe9e586645a4473",
)
FONTAWESOME = Package(
    "@fortawesome/fontawesome-free",
    "6.2.0",
    "627ba11e9f2923be8f4c3f8688b9b4f17d787ce02691f32837893f53e8276c2a",
)
JQUERY = Package("jquery", "3.7.1", "68a9f787516da47c680e09c187bcbac4536b6f85d90eb882844e12919e583f53")
BOOTSTRAP = Package("bootstrap", "5.2.2", "6ae3403f9085283be866fd9bca04f3034ffc755e466e6a1ff9836e8c0a1340d4")
# Bootstrap 3.0.0 is not on npm; this is Bootstrap 3.3.7's glyphicons alone (a superset of 3.0.0's).
GLYPHICONS = Package(
    "@neos21/bootstrap3-glyphicons",
    "1.0.7",
    "84275d40cec146c41ef820658ed17ef4322dce906830a1c98583d5ca8d1add84",
)
MARKERCLUSTER = Package(
    "leaflet.markercluster", "1.1.0", "47219016d91e524b329a0fb2365961bf8228109bb58e370ad0b1ab6299288b91"
)
ISO8601 = Package(
    "iso8601-js-period", "0.2.1", "c19655708dc3fc63bc3e345e04316538361ae45658c1d0743ba90d7ba009013b"
)
TIMEDIMENSION = Package(
    "leaflet-timedimension", "1.1.1", "6b1f367f0585ff4fe9d9729a958c288441c1549929a172c49eac0f5f3bcb8d2b"
)
MOMENT = Package("moment", "2.18.1", "133757b42a2a5d0e6db8b504b8ec405777bbe271389cbb88c613499c3fff9065")
HIGHLIGHT = Package(
    "highlight.js", "8.4.0", "db1d01cf61cdff4939cc2485492aa88440daeb0d8c56fe6b562e14e1e69cc99e"
)
FULLSCREEN = Package(
    "leaflet.fullscreen", "3.0.0", "b19f191d11fc2e6afbb75af9e79cb923087a630e4c35a565353d756ed6c1c77a"
)
MINIMAP = Package(
    "leaflet-minimap", "3.6.1", "cd6f560dbea1c2936dbdafa645890d9673a4d5981af30020c1c399dc4634e928"
)
# Spreads the markers near a clicked one so each can be clicked (OverlappingMarkerSpiderfier, the
# Leaflet 1.x build). leaflet.markercluster spiderfies only its own clusters, which would replace the
# pins by count bubbles and could not spread markers of different layers.
SPIDERFIER = Package(
    "overlapping-marker-spiderfier-leaflet",
    "0.2.7",
    "1677b7bbab50033dae7da09e0151369c5f843366bfce7e997f5d96a1adee73fe",
)
# The accessibility checker the browser tests inject into the built pages; no page loads it.
AXE_CORE = Package(
    "axe-core", "4.14.1", "e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745",
    extras=("axe.min.js",),
)  # fmt: skip
# folium's patched Leaflet.heat is not on npm, but ships inside the installed folium package.
FOLIUM = Package(
    "folium", "0.20.0", "7378c428ff2318ec48e7e73c0d46061f938aa75551c519c74cd790b044dfa0fa", origin="folium"
)

_JSD = "https://cdn.jsdelivr.net/npm"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"
_BS3 = "https://netdna.bootstrapcdn.com/bootstrap/3.0.0"
ASSETS: tuple[Asset, ...] = (
    Asset(f"{_JSD}/leaflet@1.9.3/dist/leaflet.js", LEAFLET, "dist/leaflet.js"),
    Asset(f"{_JSD}/leaflet@1.9.3/dist/leaflet.css", LEAFLET, "dist/leaflet.css"),
    Asset("https://code.jquery.com/jquery-3.7.1.min.js", JQUERY, "dist/jquery.min.js"),
    Asset(f"{_CDNJS}/jquery/3.7.1/jquery.min.js", JQUERY, "dist/jquery.min.js"),
    Asset(f"{_JSD}/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js", BOOTSTRAP,
          "dist/js/bootstrap.bundle.min.js"),
    Asset(f"{_JSD}/bootstrap@5.2.2/dist/css/bootstrap.min.css", BOOTSTRAP, "dist/css/bootstrap.min.css"),
    Asset(f"{_BS3}/css/bootstrap-glyphicons.css", GLYPHICONS, "dist/css/bootstrap3-glyphicons.min.css"),
    # Fonts that leaflet.timedimension.control.css loads from the Bootstrap 3.0.0 CDN.
    *(
        Asset(f"{_BS3}/fonts/glyphicons-halflings-regular.{ext}", GLYPHICONS,
              f"dist/fonts/glyphicons-halflings-regular.{ext}")
        for ext in ("eot", "svg", "ttf", "woff", "woff2")
    ),  # fmt: skip
    Asset(f"{_JSD}/@fortawesome/fontawesome-free@6.2.0/css/all.min.css", FONTAWESOME, "css/all.min.css"),
    Asset(f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js", AWESOME_MARKERS,
          "js/leaflet.awesome-markers.js"),
    Asset(f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css", AWESOME_MARKERS,
          "css/leaflet.awesome-markers.css"),
    Asset(f"{_CDNJS}/leaflet.markercluster/1.1.0/leaflet.markercluster.js", MARKERCLUSTER,
          "dist/leaflet.markercluster.js"),
    Asset(f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.css", MARKERCLUSTER, "dist/MarkerCluster.css"),
    Asset(f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.Default.css", MARKERCLUSTER,
          "dist/MarkerCluster.Default.css"),
    Asset(f"{_JSD}/iso8601-js-period@0.2.1/iso8601.min.js", ISO8601, "iso8601.js"),
    Asset(f"{_JSD}/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.min.js", TIMEDIMENSION,
          "dist/leaflet.timedimension.min.js"),
    Asset(f"{_JSD}/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.control.css", TIMEDIMENSION,
          "dist/leaflet.timedimension.control.css"),
    Asset(f"{_CDNJS}/moment.js/2.18.1/moment.min.js", MOMENT, "min/moment.min.js"),
    Asset(f"{_CDNJS}/highlight.js/8.4/styles/default.min.css", HIGHLIGHT, "styles/default.css"),
    Asset(f"{_JSD}/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js", FULLSCREEN, "Control.FullScreen.js"),
    Asset(f"{_JSD}/leaflet.fullscreen@3.0.0/Control.FullScreen.css", FULLSCREEN, "Control.FullScreen.css"),
    Asset(f"{_CDNJS}/leaflet-minimap/3.6.1/Control.MiniMap.js", MINIMAP, "src/Control.MiniMap.js"),
    Asset(f"{_CDNJS}/leaflet-minimap/3.6.1/Control.MiniMap.css", MINIMAP, "src/Control.MiniMap.css"),
    Asset(f"{_JSD}/overlapping-marker-spiderfier-leaflet@0.2.7/dist/oms.js", SPIDERFIER, "dist/oms.js"),
    Asset("https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js",
          FOLIUM, "templates/leaflet_heat.min.js"),
)  # fmt: skip

# URLs folium uses that no pinned package serves; `localize_html` removes their tags.
DROPPED: dict[str, str] = {
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css":
        "folium's own CSS, not on npm; only Icon(angle=...) needs it (icons stay unrotated)",
    f"{_CDNJS}/jqueryui/1.10.2/jquery-ui.min.js":
        "not on npm at 1.10.2; TimestampedGeoJson's leaflet-timedimension 1.1.1 does not use it",
}  # fmt: skip

_MIME = {
    "css": "text/css", "js": "text/javascript", "png": "image/png", "gif": "image/gif",
    "svg": "image/svg+xml",
    "woff2": "font/woff2", "woff": "font/woff", "ttf": "font/ttf", "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
}  # fmt: skip
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.I)
_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>\s*</script\s*>", re.I)
_LINK_TAG = re.compile(r"<link\b([^>]*)>", re.I)
_ATTR = r"""(?<![\w-]){}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""


def _normalize(url: str) -> str:
    """The lookup key of a URL: https scheme, no query or fragment."""
    url = "https:" + url if url.startswith("//") else url
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(("https", parts.netloc.lower(), parts.path, "", ""))


_BY_URL: dict[str, Asset] = {_normalize(a.url): a for a in ASSETS}
_DROPPED = {_normalize(u) for u in DROPPED}
_announced: set[Path] = set()  # caches whose first download this process has announced


def known_urls() -> list[str]:
    """Every CDN URL that the cache can serve offline, in table order."""
    return [a.url for a in ASSETS]


def cache_dir() -> Path:
    """The asset cache: $GEOMAP_ASSET_CACHE, else assets/ in geomap's cache (geomap.cache.cache_root)."""
    env = os.environ.get("GEOMAP_ASSET_CACHE")
    return Path(env).expanduser() if env else cache_root() / "assets"


def _is_external(url: str) -> bool:
    return url.startswith("//") or urllib.parse.urlsplit(url).scheme.lower() in ("http", "https")


def _lookup(url: str) -> Asset:
    asset = _BY_URL.get(_normalize(url))
    if asset is None:
        raise GeomapError(
            f"no offline copy of {url}: add it to geomap.render.assets.ASSETS or drop it from the page"
        )
    return asset


def _css_refs(css: str, asset: Asset) -> list[Asset]:
    """Files a stylesheet pulls in through url(): same-package paths and known CDN URLs."""
    refs = []
    for m in _CSS_URL.finditer(css):
        raw = next(g for g in m.groups() if g is not None)
        if not raw or raw.startswith(("data:", "#")):
            continue
        if _is_external(raw):
            refs.append(_lookup(raw))
            continue
        bare = raw.split("?")[0].split("#")[0]
        path = posixpath.normpath(posixpath.join(posixpath.dirname(asset.path), bare))
        if path.startswith("../") or path.startswith("/"):
            raise GeomapError(f"{asset.url} refers to {raw}, outside its package {asset.package.key}")
        refs.append(Asset(raw, asset.package, path))
    return refs


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file and os.replace, skipping identical content."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, new_file_mode())  # mkstemp's files are private; a page's assets must not be
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _download(pkg: Package, cache: Path) -> dict[str, bytes]:
    """Every file of a package's tarball (or folium's file), after checking the pinned sha256."""
    if pkg.origin == "folium":
        spec = find_spec("folium")
        path = next(a.path for a in ASSETS if a.package == pkg)
        where = "the installed folium package"
        try:
            data = (Path(spec.origin).parent / path).read_bytes() if spec and spec.origin else b""
        except OSError as e:
            raise GeomapError(
                f"cannot read {path} from {where} ({e}): reinstall folium {pkg.version}"
            ) from None
    else:
        where = "the npm registry"
        if cache not in _announced:  # one line per run, not one per package
            _announced.add(cache)
            first_run(f"downloading the map's scripts, styles and fonts from the npm registry into {cache}")
        try:
            opener = urllib.request.build_opener()  # reads the *_proxy variables now, not at first use
            with opener.open(pkg.tarball_url, timeout=60) as response:
                data = response.read()
        except (OSError, http.client.HTTPException) as e:
            reason = e.reason if type(e) is urllib.error.URLError else e
            raise GeomapError(
                f"cannot fetch {pkg.key} from the npm registry ({reason}): "
                f"connect once to fill the asset cache at {cache}"
            ) from None
    got = _sha256(data)
    if got != pkg.sha256:
        raise GeomapError(
            f"checksum mismatch for {pkg.key} from {where} (sha256 {got}, expected {pkg.sha256}): "
            "refusing to use it; check the pin in geomap/render/assets.py"
        )
    if pkg.origin == "folium":
        return {path: data}
    files = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            f = tar.extractfile(member) if member.isfile() else None
            if f is not None:  # npm tarballs hold one top folder, usually "package/"
                files[member.name.partition("/")[2]] = f.read()
    return files


def _needed(pkg: Package, files: dict[str, bytes]) -> set[str]:
    """The files of `pkg` that its assets need: the assets, their CSS url()s and the extras."""
    needed = set(pkg.extras)
    for asset in ASSETS:
        if asset.package == pkg:
            needed.add(asset.path)
            if asset.path.endswith(".css"):
                css = files[asset.path].decode("utf-8")
                needed.update(r.path for r in _css_refs(css, asset) if r.package == pkg)
    return needed


def _fill(pkg: Package, cache: Path) -> None:
    """Make sure the cache holds the package's needed files, unchanged since they were extracted."""
    root = cache / pkg.key
    manifest_path = root / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except (OSError, ValueError):
        manifest = {}
    wanted = {a.path for a in ASSETS if a.package == pkg} | set(pkg.extras)
    if manifest.get("sha256") == pkg.sha256:
        complete = wanted <= manifest["files"].keys()
        for path, digest in sorted(manifest["files"].items()):
            try:
                data = (root / path).read_bytes()
            except OSError:
                complete = False
                continue
            if _sha256(data) != digest:
                raise GeomapError(
                    f"cached asset {root / path} of {pkg.key} has been modified (sha256 mismatch): "
                    f"delete {root} and run again to re-fetch it"
                )
        if complete:
            return
    files = _download(pkg, cache)
    needed = sorted(_needed(pkg, files))
    missing = [p for p in needed if p not in files]
    if missing:
        raise GeomapError(f"{pkg.key} has no file {missing[0]}: fix its entry in geomap/render/assets.py")
    for path in needed:
        _write_atomic(root / path, files[path])
    manifest = {"sha256": pkg.sha256, "files": {p: _sha256(files[p]) for p in needed}}
    _write_atomic(manifest_path, json.dumps(manifest, indent=1, sort_keys=True).encode())


def ensure_assets(urls: Iterable[str] | None = None) -> Path:
    """Fill the cache for these CDN URLs (all known ones when None); return the cache dir (a temporary
    one when the usual cannot be written and is not already filled)."""
    pending = [_lookup(u) for u in urls] if urls is not None else list(ASSETS)
    return _in_writable_cache(lambda cache: _ensure(cache, pending))


def _in_writable_cache(fill: Callable[[Path], T]) -> T:
    """fill(the cache), or fill(a temporary cache) when the usual one cannot be written."""
    try:
        return fill(cache_dir())
    except OSError:
        return fill(writable_folder(cache_dir()))


def _ensure(cache: Path, pending: list[Asset]) -> Path:
    pending = list(pending)
    done: set[Package] = set()
    while pending:
        asset = pending.pop(0)
        if asset.package not in done:
            _fill(asset.package, cache)
            done.add(asset.package)
        if asset.path.endswith(".css"):  # a stylesheet may load fonts from another package
            css = (cache / asset.package.key / asset.path).read_text("utf-8")
            pending.extend(r for r in _css_refs(css, asset) if r.package not in done)
    return cache


def package_file(pkg: Package, path: str) -> Path:
    """A file of a pinned package, from the cache (filled first; a temporary cache when the usual one
    cannot be written)."""
    def filled(cache: Path) -> Path:
        _fill(pkg, cache)
        return cache / pkg.key / path

    return _in_writable_cache(filled)


def _cached(asset: Asset, cache: Path) -> bytes:
    return (cache / asset.package.key / asset.path).read_bytes()


def _data_uri(asset: Asset, cache: Path) -> str:
    mime = _MIME.get(asset.path.rpartition(".")[2].lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(_cached(asset, cache)).decode('ascii')}"


def _slim_font_faces(css: str) -> str:
    """Keep the last `src` of each @font-face and only its woff2 (else woff) fonts: inlined fonts are big."""

    def slim(m: re.Match[str]) -> str:
        if "data:" in m.group(1):
            return m.group(0)
        decls = [d for d in m.group(1).split(";") if d.strip()]
        srcs = [d for d in decls if d.strip().lower().startswith("src")]
        if not srcs:
            return m.group(0)
        prop, _, value = srcs[-1].partition(":")
        sources = [s for s in value.split(",") if s.strip()]
        for fmt in ("woff2", "woff"):  # every browser that runs Leaflet 1.9 reads both
            best = [s for s in sources if re.search(rf"\.{fmt}\b|format\(['\"]{fmt}['\"]\)", s)]
            if best:
                sources = best
                break
        src = f"{prop.strip()}:{','.join(s.strip() for s in sources)}"
        rest = [d.strip() for d in decls if d not in srcs]
        return "@font-face{" + ";".join([*rest, src]) + "}"

    return _FONT_FACE.sub(slim, css)


def _rewrite_css(css: str, asset: Asset, cache: Path, *, inline: bool) -> str:
    """CSS with url()s as data: URIs (inline) or with CDN URLs turned into paths within the copy."""

    def repl(m: re.Match[str]) -> str:
        raw = next(g for g in m.groups() if g is not None)
        if not raw or raw.startswith(("data:", "#")):
            return m.group(0)
        if inline:
            (ref,) = _css_refs(m.group(0), asset)
            return f'url("{_data_uri(ref, cache)}")'
        if not _is_external(raw):
            return m.group(0)
        ref = _lookup(raw)
        target = posixpath.join(ref.package.key, ref.path)
        here = posixpath.dirname(posixpath.join(asset.package.key, asset.path))
        return f'url("{posixpath.relpath(target, here)}")'

    return _CSS_URL.sub(repl, _slim_font_faces(css) if inline else css)


def _leaflet_icons(cache: Path) -> str:
    """Point Leaflet's default marker at inlined images (it finds them through leaflet.css otherwise)."""
    uri = {n: _data_uri(Asset(n, LEAFLET, f"dist/images/{n}"), cache)
           for n in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")}  # fmt: skip
    return (
        '<script>L.Icon.Default.imagePath="";L.Icon.Default.mergeOptions({'
        f'iconUrl:"{uri["marker-icon.png"]}",iconRetinaUrl:"{uri["marker-icon-2x.png"]}",'
        f'shadowUrl:"{uri["marker-shadow.png"]}"}});</script>'
    )


def _element(name: str, text: str) -> str:
    """A <script>/<style> element holding `text`, with any "</script"/"</style" in it escaped."""
    return f"<{name}>" + re.sub(rf"</({name})", r"<\\/\1", text, flags=re.I) + f"</{name}>"


def _attr(name: str, attrs: str) -> str | None:
    m = re.search(_ATTR.format(name), attrs, re.I)
    return None if m is None else unescape(next(g for g in m.groups() if g is not None))


def _copy(
    asset: Asset, cache: Path, files: Path, copied: set[tuple[Package, str]], created: list[Path]
) -> None:
    """Copy an asset (rewritten if CSS) and what it references into `files`, keeping each package's layout;
    paths that did not exist before are added to `created`."""
    if (asset.package, asset.path) in copied:
        return
    copied.add((asset.package, asset.path))
    data = _cached(asset, cache)
    if asset.path.endswith(".css"):
        css = data.decode("utf-8")
        data = _rewrite_css(css, asset, cache, inline=False).encode("utf-8")
        for ref in _css_refs(css, asset):
            _copy(ref, cache, files, copied, created)
    for extra in asset.package.extras:
        _copy(Asset(extra, asset.package, extra), cache, files, copied, created)
    target = files / asset.package.key / asset.path
    new = [d for d in (target, *target.parents) if d.is_relative_to(files) and not d.exists()]
    created.extend(reversed(new))  # folders before what they hold
    _write_atomic(target, data)


def _remove_created(created: list[Path]) -> None:
    """Undo a copy that failed half-way: what it created goes, what was there before stays."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() else path.unlink()


def localize_html(html: str, out_path: Path, *, inline: bool) -> str:
    """Rewrite every known CDN <script src>/<link href> in the HTML so the page works offline.

    inline=False copies the files into f"{out_path.stem}_files/" beside out_path and links to them;
    inline=True inlines scripts and stylesheets (CSS url()s as data: URIs). Unknown external URLs in
    such tags raise GeomapError; dropped ones (DROPPED) lose their tag.
    """
    out_path = Path(out_path)
    tags = [(m, _attr("src", m.group(1))) for m in _SCRIPT_TAG.finditer(html)]
    tags += [(m, _attr("href", m.group(1))) for m in _LINK_TAG.finditer(html)]
    tags.sort(key=lambda tag: tag[0].start())
    external = {u for _, u in tags if u and _is_external(u) and _normalize(u) not in _DROPPED}
    cache = ensure_assets(sorted(external))
    files = out_path.parent / f"{out_path.stem}_files"
    copied: set[tuple[Package, str]] = set()
    created: list[Path] = []
    emitted: set[tuple[Package, str]] = set()  # a file loaded twice (folium does so with jQuery) once
    replacements: list[tuple[int, int, str]] = []
    for m, url in tags:
        if not url or not _is_external(url):
            continue
        start, end = m.span()
        asset = None if _normalize(url) in _DROPPED else _lookup(url)
        if asset is None or (asset.package, asset.path) in emitted:  # drop it, and its line if alone on it
            line = html.rfind("\n", 0, start) + 1
            if not html[line:start].strip() and html[end : end + 1] == "\n":
                start, end = line, end + 1
            replacements.append((start, end, ""))
            continue
        emitted.add((asset.package, asset.path))
        is_script = m.re is _SCRIPT_TAG
        if inline:
            text = _cached(asset, cache).decode("utf-8")
            if is_script:
                tag = _element("script", text) + (_leaflet_icons(cache) if asset.package == LEAFLET else "")
            else:
                tag = _element("style", _rewrite_css(text, asset, cache, inline=True))
        else:
            try:
                _copy(asset, cache, files, copied, created)
            except OSError as err:
                _remove_created(created)
                raise GeomapError(f"{files}: cannot write the page's scripts and styles: "
                                  f"{err.strerror or err}") from None  # fmt: skip
            rel = urllib.parse.quote(f"{files.name}/{asset.package.key}/{asset.path}", safe="/@")
            attr = "src" if is_script else "href"
            new = f'{attr}="{rel}"'
            tag = re.sub(_ATTR.format(attr), lambda _, new=new: new, m.group(0), count=1, flags=re.I)
        replacements.append((start, end, tag))
    out, pos = [], 0
    for start, end, text in sorted(replacements):
        out.append(html[pos:start] + text)
        pos = end
    return "".join(out) + html[pos:]
