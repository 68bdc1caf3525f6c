"""A HOME that cannot hold a cache (read-only, or not a folder at all): the build still works, with the
cache in the temporary folder and one warning line saying so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from geomap.gazetteer import load_gazetteer
from geomap.gazetteer.index import cache_dir as gazetteer_cache
from geomap.gazetteer.index import source_fingerprint
from geomap.render.assets import cache_dir as asset_cache
from geomap.render.assets import ensure_assets


def test_build_with_a_home_that_is_not_a_folder_caches_in_the_temporary_folder(tmp_path):
    ensure_assets()
    load_gazetteer()
    uid = os.getuid() if hasattr(os, "getuid") else 0
    temporary = tmp_path / "tmp"
    fallback = temporary / f"geomap-cache-{uid}"
    # what the build would otherwise download and compile (a minute): already in the fallback
    shutil.copytree(asset_cache(), fallback / "assets")
    index = f"gazetteer-{source_fingerprint()}.npz"
    (fallback / "geomap").mkdir()
    shutil.copy(gazetteer_cache() / index, fallback / "geomap" / index)
    env = {**os.environ, "HOME": os.devnull, "TMPDIR": str(temporary)}
    env.pop("GEOMAP_ASSET_CACHE", None)
    env.pop("GEOMAP_CACHE", None)
    env.pop("XDG_CACHE_HOME", None)
    out = tmp_path / "map.html"
    result = subprocess.run([sys.executable, "-m", "geomap", "build", "-o", str(out), "--offline"],
                            capture_output=True, text=True, env=env, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "without rivers" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("geomap: warning:")]
    home = f"{os.devnull}/.cache/geomap"
    assert warnings == [
        f"geomap: warning: cannot use the cache folder {home} (Not a directory): "
        f"using {fallback / 'geomap'}, rebuilt when cleared",
        f"geomap: warning: cannot use the cache folder {home}/assets (Not a directory): "
        f"using {fallback / 'assets'}, rebuilt when cleared",
    ]
    assert out.is_file() and not (tmp_path / "map_files").exists()  # the assets inlined from the fallback
