"""geomap: map visits, border crossings and reported traffic from news articles, offline.

`geomap.Map` builds maps from code (see geomap/api.py); it is imported on first use, so
`import geomap` stays light.
"""

from typing import Any

__version__ = "0.1.0"
__all__ = ["Map", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Map":
        from geomap.api import Map

        return Map
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
