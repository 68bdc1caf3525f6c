"""geomap: map visits, border crossings and reported traffic from news articles, offline."""

__version__ = "0.1.0"
