"""folium assembly of the map: layers, styles and legend, escaped popups, stable ids."""

from geomap.render.map import build_map

__all__ = ["build_map"]
