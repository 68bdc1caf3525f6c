"""The legend's escaped HTML: a line per layer (its symbol and label) and, under a layer whose style
comes from a field, what that field means: a swatch per category, a colour gradient with the range
of its numbers, the value of the largest circle, what weights the heat."""

from __future__ import annotations

from collections.abc import Sequence

from geomap.layers import Layer, LayerSpec
from geomap.render.formats import cell_text, format_value
from geomap.render.safe import html_text
from geomap.render.styles import (
    DEFAULT_OTHER,
    base_color,
    heat_gradient,
    largest_values,
    numeric_scale,
    safe_color,
    used_categories,
)
from geomap.render.symbols import icon_name, path_style
from geomap.render.text import popup_fields
from geomap.render.unit_families import Family

MAX_GROUPS = 6  # largest-circle notes listed per layer before "and N more"


def swatch(spec: LayerSpec, color: str | None = None) -> str:
    """A small picture of the layer: its symbol in its colours (or in `color`, for a field-coloured
    layer), followed by its connecting line when it joins two sides."""
    out = symbol_swatch(spec, color)
    if "connect" in spec.style and spec.symbol not in ("line", "polygon"):
        out += swatch_line(path_style(spec, "link"))
    return out


def symbol_swatch(spec: LayerSpec, color: str | None = None) -> str:
    """The symbol alone: a pin, a heat spot, a stretch of line, a circle or a square."""
    if spec.symbol in ("marker", "cluster"):
        fill = safe_color(color or base_color(spec))
        return (
            f'<span class="geomap-swatch geomap-swatch-marker" style="background-color: {html_text(fill)}">'
            f'<i class="fa fa-{html_text(icon_name(spec))}"></i></span>'
        )
    if spec.symbol == "heat":
        hot_first = [safe_color(c) for c in reversed(heat_gradient(spec).values())]
        background = f"radial-gradient(circle, {', '.join(hot_first)}, transparent)"
        style = f"background: {background}"
        return f'<span class="geomap-swatch geomap-swatch-heat" style="{html_text(style)}"></span>'
    style = path_style(spec, color=color)
    if spec.symbol == "line":
        return swatch_line(style)
    return (
        f'<span class="geomap-swatch geomap-swatch-{spec.symbol}" '
        f'style="border-color: {html_text(safe_color(style["color"]))}; '
        f'background-color: {html_text(safe_color(style.get("fillColor", style["color"])))}"></span>'
    )


def swatch_line(style: dict) -> str:
    """A short stretch of line in the given Leaflet path style (dashed when the style is)."""
    kind = "dashed" if style.get("dashArray") else "solid"
    return (
        f'<span class="geomap-swatch geomap-swatch-line" '
        f'style="border-top-style: {kind}; border-top-color: {html_text(safe_color(style["color"]))}"></span>'
    )


def field_label(spec: LayerSpec, column: str) -> tuple[str, str]:
    """(label, format) of a column as the popup names it, else (the column, no format)."""
    for name, label, fmt in popup_fields(spec):
        if name == column:
            return label, fmt
    return column, ""


def _key(swatch_html: str, text: str) -> str:
    return f'<div class="geomap-legend-key">{swatch_html}<span>{html_text(text)}</span></div>'


def category_keys(layer: Layer) -> str:
    """A swatch per color_map category (spec order), and 'other' when some rows have none of them."""
    spec = layer.spec
    pairs, others = used_categories(layer.data, spec)
    keys = [_key(symbol_swatch(spec, color), category) for category, color in pairs]
    if others:
        default = safe_color(spec.style.get("color_default", DEFAULT_OTHER))
        keys.append(_key(symbol_swatch(spec, default), "other"))
    return "".join(keys)


def gradient_key(layer: Layer) -> str:
    """The numeric colour scale: its field, a gradient and the smallest, median (quantile) and largest."""
    spec = layer.spec
    scale = numeric_scale(layer.data, spec)
    if scale is None:
        return ""
    label, fmt = field_label(spec, spec.style["color_field"])
    marks = [scale.low, scale.middle, scale.high] if scale.kind == "quantile" else [scale.low, scale.high]
    ticks = "".join(f"<span>{html_text(format_value(v, fmt))}</span>" for v in marks)
    background = f"linear-gradient(to right, {', '.join(scale.colors)})"
    note = " (by rank)" if scale.kind == "quantile" else ""
    return (
        f'<div class="geomap-legend-scale"><div class="geomap-legend-note">Colour: {html_text(label)}'
        f'{note}</div><div class="geomap-legend-gradient" style="background: {html_text(background)}"></div>'
        f'<div class="geomap-legend-range">{ticks}</div></div>'
    )


def radius_note(layer: Layer) -> str:
    """The value the largest circle stands for, per radius group (its cells named); with radius_units,
    the scale each group is (one per unit family), named so that circles of unlike units are not
    compared."""
    spec = layer.spec
    largest = largest_values(layer.data, spec)
    if not largest:
        return ""
    label, fmt = field_label(spec, spec.style["radius_field"])
    lines = []
    for cells, value in largest[:MAX_GROUPS]:
        family = cells.pop() if cells and isinstance(cells[-1], Family) else None
        # The group's cells say what is counted ("trade value, CNY"); a cell repeated is said once.
        group = ", ".join(dict.fromkeys(t for t in (cell_text(c) for c in cells) if t))
        if family is not None:
            scale = f"{family.name} scale" + (f" ({group})" if group else "")
            largest_text = f"largest circle {format_value(value, fmt)} {family.base}"
            lines.append(f"{scale[:1].upper()}{scale[1:]}: {largest_text}")
        elif group:
            lines.append(f"Largest circle ({group}): {format_value(value, fmt)}")
        else:
            lines.append(f"Largest circle: {format_value(value, fmt)} {label}".rstrip())
    if len(largest) > MAX_GROUPS:
        lines.append(f"and {len(largest) - MAX_GROUPS} more groups")
    return "".join(f'<div class="geomap-legend-note">{html_text(line)}</div>' for line in lines)


def heat_note(layer: Layer) -> str:
    """What weights the heat, when a field does."""
    field = layer.spec.style.get("weight_field")
    if not field:
        return ""
    return f'<div class="geomap-legend-note">Weighted by {html_text(field_label(layer.spec, field)[0])}</div>'


def field_keys(layer: Layer) -> str:
    """Everything the legend says about a layer's field-driven styles ('' when it has none)."""
    s, symbol = layer.spec.style, layer.spec.symbol
    parts = []
    if s.get("color_field") and symbol != "heat":
        parts.append(category_keys(layer) if s.get("color_map") else gradient_key(layer))
    if s.get("radius_field") and symbol == "circle":
        parts.append(radius_note(layer))
    if symbol == "heat":
        parts.append(heat_note(layer))
    return "".join(parts)


NONE = ' <span class="geomap-legend-none-found">(none)</span>'  # a layer with no rows: nothing drawn


def legend_item(layer: Layer) -> str:
    """A layer's line in the legend, with its field keys indented under it, in a block named after the
    layer (data-layer) that the page hides while the layer is off."""
    spec = layer.spec
    keys = field_keys(layer) if len(layer.data) else ""  # no rows: nothing drawn for keys to explain
    first = _first_color(layer) if spec.style.get("color_field") and spec.symbol != "heat" else None
    line = (
        f'<div class="geomap-legend-item">{swatch(spec, first)}'
        f"<span>{html_text(spec.legend or spec.title)}{'' if len(layer.data) else NONE}</span></div>"
    )
    keys_html = f'<div class="geomap-legend-keys">{keys}</div>' if keys else ""
    return f'<div class="geomap-legend-layer" data-layer="{html_text(spec.name)}">{line}{keys_html}</div>'


def _first_color(layer: Layer) -> str | None:
    """The colour a field-coloured layer's own line shows: its first category, or its scale's middle."""
    pairs, _ = used_categories(layer.data, layer.spec)
    if layer.spec.style.get("color_map") and pairs:
        return pairs[0][1]
    scale = numeric_scale(layer.data, layer.spec)
    return scale.colors[len(scale.colors) // 2] if scale else None


EMPTY = '<div class="geomap-legend-empty">No layer shown</div>'


def legend_html(layers: Sequence[Layer]) -> str:
    """One line per layer (its symbol and legend label), then what its field-driven styles mean; a
    note that shows when every layer is off."""
    items = "".join(legend_item(la) for la in layers)
    return f'<div class="geomap-legend-heading">Legend</div>{items}{EMPTY}'
