"""A HOME that cannot hold a cache (read-only, or not a folder at all): the build still works, with the
cache in the temporary folder and one warning line saying so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from geomap.gazetteer.index import cache_dir as gazetteer_cache
from geomap.render.assets import cache_dir as asset_cache
from geomap.render.assets import ensure_assets


def test_build_with_a_home_that_is_not_a_folder_caches_in_the_temporary_folder(tmp_path):
    ensure_assets()
    temporary = tmp_path / "tmp"
    uid = os.getuid() if hasattr(os, "getuid") else 0
    shutil.copytree(asset_cache(), temporary / f"geomap-cache-{uid}" / "assets")  # no download needed
    env = {**os.environ, "HOME": os.devnull, "TMPDIR": str(temporary),
           "GEOMAP_CACHE": str(gazetteer_cache())}  # fmt: skip
    env.pop("GEOMAP_ASSET_CACHE", None)
    out = tmp_path / "map.html"
    result = subprocess.run([sys.executable, "-m", "geomap", "build", "-o", str(out), "--offline"],
                            capture_output=True, text=True, env=env, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("geomap: warning:")]
    fallback = temporary / f"geomap-cache-{uid}" / "assets"
    assert warnings == [f"geomap: warning: cannot use the cache folder {os.devnull}/.cache/geomap/assets "
                        f"(Not a directory): using {fallback}, rebuilt when cleared"]
    assert "without rivers" not in result.stderr
    assert out.is_file() and (tmp_path / "map_files").is_dir()
