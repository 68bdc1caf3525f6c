"""The offline basemap's prepared data kept between runs (the coarse world, the cities list): made
once from the installed packages' files, then read back in a fraction of the time. Kept in
$GEOMAP_CACHE (else ~/.cache/geomap)/basemap-*/ under a name that changes with the source files."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from geomap.cache import cache_root

VERSION = "2"  # bump when what is kept changes


def _stamp(sources: Sequence[Path], key: str) -> str:
    """A digest of what the data is made from: the version, the key and each source's path, size, time."""
    parts = [VERSION, key]
    for source in sources:
        stat = source.stat()
        parts.append(f"{source}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


def kept(key: str, sources: Sequence[Path], make: Callable[[], Any]) -> Any:
    """`make()`'s JSON-able result, from the cache when an earlier run kept it for these sources."""
    try:
        path = cache_root() / "basemap" / f"{key}-{_stamp(sources, key)}.json"
    except OSError:
        return make()
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass  # absent or unreadable: made again
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
            json.dump(value, tmp, separators=(",", ":"))
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only cache only costs time
    return value
