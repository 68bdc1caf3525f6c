"""Whether png, pdf and svg can be drawn here (Playwright installed, Chromium found), asked before a build
reads anything, so a missing browser costs the user seconds, not a whole extraction."""

from __future__ import annotations

from geomap.errors import GeomapError

IMAGE_FORMATS = ("png", "pdf", "svg")


def require_browser(format: str) -> None:
    """Raise the one-line error a png, pdf or svg build would end with when Playwright or Chromium is
    missing."""
    if format not in IMAGE_FORMATS:
        return
    from geomap.export.image import chromium_path

    try:
        import playwright  # noqa: F401  (the package only: its browser API loads when drawing)
    except ImportError:
        raise GeomapError(f"--format {format} needs Playwright: pip install 'geomap[png]'") from None
    browser = chromium_path()
    if not browser.is_file():
        raise GeomapError(f"--format {format} needs Chromium: {browser} not found "
                          "(apt-get install chromium, or set GEOMAP_CHROMIUM)")  # fmt: skip
