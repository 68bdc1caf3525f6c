"""Where geomap keeps what it computes once (the gazetteer index, page assets, border lines): a folder
under $GEOMAP_CACHE, else $XDG_CACHE_HOME/geomap, else ~/.cache/geomap, or, when that cannot be written
(a read-only HOME, a HOME that is not a folder), one in the system's temporary folder, with a warning
saying so. What a first run does there is announced on the 'geomap' logger (the command line shows it)."""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path


class CacheWarning(UserWarning):
    """The cache moved to a temporary folder: it works, but is rebuilt when that folder is cleared."""

    geomap_label = "warning"  # printed by the command line as "geomap: warning: ..."


_warned: set[Path] = set()


log = logging.getLogger("geomap.cache")


def cache_root() -> Path:
    """$GEOMAP_CACHE, else $XDG_CACHE_HOME/geomap, else ~/.cache/geomap."""
    if os.environ.get("GEOMAP_CACHE"):
        return Path(os.environ["GEOMAP_CACHE"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg).expanduser() if os.path.isabs(os.path.expanduser(xdg)) else Path.home() / ".cache"
    return base / "geomap"  # a relative XDG_CACHE_HOME is to be ignored, as the XDG spec says


def first_run(message: str, progress: Callable[[str], None] | None = None) -> None:
    """Announce slow work done only while a cache is filled: to `progress`, else on the logger."""
    (progress or log.info)(f"{message} (first run only)")


def temporary_root() -> Path:
    """The fallback: a folder of this user's in the system's temporary folder."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"geomap-cache-{uid}"


def writable_folder(folder: Path) -> Path:
    """`folder`, created if needed, when files can be written in it; else the same folder under
    temporary_root() (warned about once per folder)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
        reason = "not writable"
    except OSError as err:
        reason = err.strerror or str(err)
    fallback = temporary_root() / folder.name
    fallback.mkdir(parents=True, exist_ok=True)
    if folder not in _warned:
        _warned.add(folder)
        message = f"cannot use the cache folder {folder} ({reason}): using {fallback}, rebuilt when cleared"
        warnings.warn(message, CacheWarning, stacklevel=2)
    return fallback
