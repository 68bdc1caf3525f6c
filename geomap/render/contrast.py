"""WCAG contrast between colours: a symbol's edge must stand out from the basemap (1.4.11: 3:1)."""

from __future__ import annotations

from geomap.render.styles import rgb

NON_TEXT = 3.0  # WCAG 2.1, 1.4.11 non-text contrast: what a symbol's outline needs against its ground


def luminance(color: str) -> float:
    """Relative luminance (WCAG) of a #hex or named CSS colour; ValueError for anything else."""
    channels = rgb(color)
    if channels is None:
        raise ValueError(f"not a colour: {color!r}")

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """(lighter + 0.05) / (darker + 0.05): 1 for equal colours, 21 for black on white."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
