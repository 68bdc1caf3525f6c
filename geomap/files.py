"""File modes for what geomap writes: the mode `open()` would give, so a temp file renamed into place
is readable by the same people as any other file the user makes (a web server included)."""

from __future__ import annotations

import os


def new_file_mode() -> int:
    """0o666 less the process umask (0o644 under the usual umask 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
