"""Escaped HTML of the map's title, legend and sources panels."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from geomap.layers import Layer, LayerSpec
from geomap.model import Document
from geomap.render.features import marker_options, path_style


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def swatch(spec: LayerSpec) -> str:
    """A small picture of the layer's symbol, drawn in its colours."""
    if spec.symbol == "marker":
        style = path_style(spec)
        icon = marker_options(spec)["icon"]
        out = (
            f'<span class="geomap-swatch geomap-swatch-marker" '
            f'style="background-color: {_attr(style["color"])}">'
            f'<i class="fa fa-{_attr(icon)}"></i></span>'
        )
        if "connect" in spec.style:
            out += swatch_line(path_style(spec, "link"))
        return out
    style = path_style(spec)
    if spec.symbol == "line":
        return swatch_line(style)
    fill = style.get("fillColor", style["color"])
    return (
        f'<span class="geomap-swatch geomap-swatch-{spec.symbol}" '
        f'style="border-color: {_attr(style["color"])}; '
        f'background-color: {_attr(fill)}"></span>'
    )


def swatch_line(style: dict) -> str:
    """A short stretch of line in the given Leaflet path style (dashed when the style is)."""
    kind = "dashed" if style.get("dashArray") else "solid"
    return (
        f'<span class="geomap-swatch geomap-swatch-line" '
        f'style="border-top-style: {kind}; border-top-color: {_attr(style["color"])}"></span>'
    )


def legend_html(layers: Sequence[Layer]) -> str:
    """One line per layer: its symbol and legend label."""
    items = "".join(
        f'<div class="geomap-legend-item">{swatch(layer.spec)}'
        f"<span>{escape(layer.spec.legend or layer.spec.title)}</span></div>"
        for layer in layers
    )
    return f'<div class="geomap-legend-heading">Legend</div>{items}'


def title_html(title: str, documents: Sequence[Document]) -> str:
    """The map's heading and how many articles it was read from."""
    n = len(documents)
    note = f"<p>from {n} article{'s' if n != 1 else ''}</p>" if n else ""
    return f"<h1>{escape(title)}</h1>{note}"


def sources_html(documents: Sequence[Document]) -> str:
    """The articles the map was built from: title, date and file name of each."""
    items = "".join(
        f'<li><span class="geomap-source-title">{escape(doc.title or doc.source)}</span><br>'
        f'<span class="geomap-source-meta">'
        f"{' · '.join(escape(x) for x in (doc.date or 'undated', doc.source) if x)}</span></li>"
        for doc in documents
    )
    state = " open" if len(documents) <= 3 else ""  # a long list starts folded, out of the map's way
    return f"<details{state}><summary>Sources ({len(documents)})</summary><ol>{items}</ol></details>"
