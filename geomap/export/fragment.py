"""An embeddable snippet of a map: no <html>/<head>/<body>, styles scoped to its container, scripts
in their own function scope, and shared libraries (Leaflet and its plugins) loaded once per page."""

from __future__ import annotations

import re
from pathlib import Path

from geomap.errors import GeomapError
from geomap.export.css import scope_css

_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_BODY = re.compile(r"<body>(.*?)</body>", re.S)
_SCRIPT_AFTER_BODY = re.compile(r"</body>\s*<script>(.*)</script>\s*</html>\s*$", re.S)
_ASSET_TAG = re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>|<link\b[^>]*>", re.I)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_HEAD_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_FOLIUM_FLAGS = re.compile(r"^\s*(L_NO_TOUCH|L_DISABLE_3D)\s*=\s*false;\s*$", re.M)
_MAP_DIV = re.compile(r'<div class="folium-map" id="([\w-]+)"')
_PAGE_RULES = ("html, body", "#map {")
_HEIGHT = re.compile(r"^\d+(\.\d+)?(px|vh|em|rem|%)$")

# A library already on the page (from another geomap fragment or any Leaflet page) is not loaded again:
# loading Leaflet twice would replace window.L and drop the plugins registered on it.
LOADED_TEST = {
    "leaflet.js": "window.L && window.L.version",
    "leaflet.awesome-markers.js": "window.L && window.L.AwesomeMarkers",
    "leaflet.markercluster.js": "window.L && window.L.MarkerClusterGroup",
    "leaflet_heat.min.js": "window.L && window.L.heatLayer",
}


def css_height(height: int | str) -> str:
    """A CSS height from 600 (pixels) or "600px", "70vh", "40em"; anything else is a user error."""
    text = f"{height}px" if isinstance(height, int) or str(height).isdigit() else str(height).strip()
    if not _HEIGHT.match(text):
        raise GeomapError(f"height {height!r}: expected pixels (600) or a CSS length (600px, 70vh, 40em)")
    return text


def _loaded_test(src: str) -> str:
    name = src.rsplit("/", 1)[-1].split("?")[0]
    key = re.sub(r"[^\w.@/-]", "", src.split("://", 1)[-1])
    registry = f'(window.__geomapAssets = window.__geomapAssets || {{}})["{key}"]'
    return LOADED_TEST.get(name, registry)


def _guard_scripts(html: str) -> str:
    """Wrap each inlined library script in a check that skips it when the page already has it."""
    out, pos = [], 0
    for m in re.finditer(r"<!--geomap-lib (\S+)-->(<script>)(.*?)(</script>)", html, re.S):
        test = _loaded_test(m.group(1))
        mark = "" if test.startswith("window.L") else f"{test} = true;\n"
        out.append(html[pos : m.start()])
        out.append(f"<script>if (!({test})) {{\n{mark}{m.group(3)}\n}}</script>")
        pos = m.end()
    return "".join(out) + html[pos:]


def _src(tag: str) -> str:
    m = re.search(r"""src=["']?([^"' >]*)""", tag)
    return m.group(1) if m else ""


def _linked_loader(tag: str) -> str:
    """A linked library script written into the page only when the page lacks it. document.write only
    while the page is being parsed: later (a fragment added by script) it would replace the whole page."""
    test = _loaded_test(_src(tag))
    mark = "" if test.startswith("window.L") else f"{test} = true;"
    written = tag.replace("</script>", "<\\/script>").replace("'", "\\'")
    late = "console.warn('geomap: a linked fragment added after the page loaded; use an inlined one')"
    return (f"<script>if (!({test})) {{ if (document.readyState === 'loading') {{ {mark} "
            f"document.write('{written}'); }} else {{ {late}; }} }}</script>")


def fragment_parts(page: str) -> tuple[str, list[str], list[str], str, str]:
    """(map div id, library tags, stylesheets, the body's markup, the map script) of a folium page;
    inline scripts of the head (but folium's Leaflet flags, which are Leaflet's defaults) go first."""
    head, body, script = _HEAD.search(page), _BODY.search(page), _SCRIPT_AFTER_BODY.search(page)
    map_div = _MAP_DIV.search(page)
    if not (head and body and script and map_div):
        raise GeomapError("cannot cut a fragment out of this page: not a folium map page")
    libs = [m.group(0) for m in _ASSET_TAG.finditer(head.group(1))]
    # folium's page rules (html, body and #map at full size) are the host page's business.
    styles = [s for s in _STYLE.findall(head.group(1)) if not s.strip().startswith(_PAGE_RULES)]
    head_scripts = [_FOLIUM_FLAGS.sub("", t).strip() for t in _HEAD_SCRIPT.findall(head.group(1))]
    script_text = "".join(f"\n{t}\n" for t in head_scripts if t) + script.group(1)
    return map_div.group(1), libs, styles, body.group(1).strip(), script_text


def render_fragment(page: str, out_path: Path, *, inline: bool, height: int | str = 600) -> str:
    """The page as a snippet for another page: <div id="geomap-..."> holding its styles, libraries and map."""
    from geomap.render.assets import localize_html

    map_id, libs, styles, body, script = fragment_parts(page)
    container = f"geomap-{map_id}"
    marked = "".join(f"<!--geomap-lib {_src(t)}-->{t}\n" if t.startswith("<script") else t for t in libs)
    assets = localize_html(marked, out_path, inline=inline)
    if inline:
        assets = _guard_scripts(assets)
    else:
        lib = re.compile(r"<!--geomap-lib \S+-->(<script\b[^>]*></script>)")
        assets = lib.sub(lambda m: _linked_loader(m.group(1)), assets)
    css = scope_css("\n".join(styles), f"#{container}")
    return (
        f'<div id="{container}" class="geomap-fragment" '
        f'style="position: relative; width: 100%; height: {css_height(height)}">\n'
        f"<style>\n{css}</style>\n{assets.strip()}\n{body}\n"
        f"<script>\n(function (L) {{{script}}})(window.L);\n</script>\n</div>\n"
    )
