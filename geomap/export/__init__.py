"""Writers for the map and its layers; every write is atomic (temp file + rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import GeomapError
from geomap.export import naming
from geomap.files import new_file_mode

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from geomap.tables import Table


@contextlib.contextmanager
def atomic_path(path: str | Path, *, suffix: str = ".tmp") -> Iterator[Path]:
    """A temp path beside `path` that replaces it only if the block finishes without error. `suffix`
    ends the temp file's name (a writer that picks its format by the name may need its own)."""
    target = Path(path)
    if not target.parent.is_dir():
        raise GeomapError(f"{target}: folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        # mkstemp makes the file private; keep the old file's mode, or the one the user's umask gives.
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else new_file_mode())
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 text atomically (the old file stays if anything fails)."""
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as err:
        raise GeomapError(f"{path}: cannot write: {err.strerror or err}") from None


def render_html(m: folium.Map) -> str:
    """The map's standalone page, as folium renders it (CDN links still in place), byte-stable."""
    from geomap.render.ids import render_page

    return render_page(m)


def write_html(m: folium.Map, path: str | Path, *, inline_assets: bool) -> Path:
    """Write the map as a page that works offline: assets beside it (<stem>_files/) or inlined."""
    from geomap.export.page import accessible_page
    from geomap.render.assets import localize_html

    out = Path(path)
    html = accessible_page(localize_html(render_html(m), out, inline=inline_assets))
    write_text(out, html)
    return out


def write_fragment(m: folium.Map, path: str | Path, *, inline_assets: bool = True,
                   height: int | str = 600) -> Path:
    """Write the map as a snippet to paste into another page (assets inlined, or in <stem>_files/)."""
    from geomap.export.fragment import render_fragment

    out = Path(path)
    write_text(out, render_fragment(render_html(m), out, inline=inline_assets, height=height))
    return out


FORMATS = naming.FORMATS
IMAGE_FORMATS = ("png", "pdf", "svg")
IMAGE_SIZE = (1200, 800)  # default width and height of a PNG or SVG, CSS pixels
# A PDF's default page: A4 landscape (297 x 210 mm), the figure laid out at 96 CSS pixels to the inch
# (rounded down, so that it never spills off the page).
A4_LANDSCAPE = ("297mm", "210mm")
A4_LANDSCAPE_PX = (1122, 793)


def write_image(m: folium.Map, path: str | Path, *, format: str = "png", width: int | None = None,
                height: int | None = None, scale: float = 1.0) -> Path:  # fmt: skip
    """Write the map as a report figure: a PNG (width x height x scale pixels), a one-page PDF (A4
    landscape unless a size is given) or an SVG, as Chromium draws it."""
    from geomap.export.figure import figure_bounds
    from geomap.export.image import render_image
    from geomap.render.assets import localize_html

    paper = A4_LANDSCAPE if format == "pdf" and width is None and height is None else None
    default = A4_LANDSCAPE_PX if paper else IMAGE_SIZE
    out = Path(path)
    page = localize_html(render_html(m), out, inline=True)
    with atomic_path(out) as tmp:
        render_image(page, tmp, format=format, width=width or default[0], height=height or default[1],
                     scale=scale, bounds=figure_bounds(m), paper=paper)  # fmt: skip
    return out


def write_map(m: folium.Map, path: str | Path, *, format: str = "html", inline_assets: bool | None = None,
              width: int | None = None, height: int | str | None = None, scale: float | None = None) -> Path:
    """Write the map in one of FORMATS. Pages and fragments inline their assets (one self-contained file)
    unless inline_assets is False; fragments take a CSS height; png/pdf/svg take width and height in
    pixels and a scale (pixel density)."""
    if format in IMAGE_FORMATS:
        if height is not None and not str(height).isdigit():
            raise GeomapError(f"height {height!r}: a {format} is measured in pixels (e.g. 800)")
        return write_image(m, path, format=format, width=width, height=int(height) if height else None,
                           scale=scale or 1.0)  # fmt: skip
    if width is not None or scale is not None or (format == "html" and height is not None):
        raise GeomapError(f"{format} takes no {'width or scale' if format == 'fragment' else 'size'}: "
                          "width, height and scale are for png, pdf and svg (height also for fragment)")
    if format == "html":
        return write_html(m, path, inline_assets=inline_assets is not False)
    if format == "fragment":
        return write_fragment(m, path, inline_assets=inline_assets is not False,
                              height=600 if height is None else height)
    raise GeomapError(f"format {format!r}: expected one of {', '.join(FORMATS)}")


def write_geojson(gdf: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write a table as GeoJSON in EPSG:4326, atomically."""
    out = Path(path)
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs("EPSG:4326")
    try:
        with atomic_path(out) as tmp:
            gdf.to_file(tmp, driver="GeoJSON", engine="pyogrio", layer=out.stem)  # its "name", not tmp's
    except OSError as err:
        raise GeomapError(f"{out}: cannot write: {err.strerror or err}") from None
    return out


def write_table(table: Table, path: str | Path) -> Path:
    """Write a table built by geomap.tables as GeoJSON, atomically: the text GDAL would write, made
    without pandas or GDAL (geomap.export.geojson), or through GDAL where that cannot be reproduced."""
    from geomap.export.geojson import geojson_pieces
    from geomap.tables import JSON_COLUMNS

    out = Path(path)
    columns = table.columns()
    pieces = None if columns is None else geojson_pieces(out.stem, columns, table.points, JSON_COLUMNS)
    if pieces is None:
        return write_geojson(table.frame(), out)
    try:
        with atomic_path(out) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
            f.writelines(pieces)
    except OSError as err:
        raise GeomapError(f"{out}: cannot write: {err.strerror or err}") from None
    return out
