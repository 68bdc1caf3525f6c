"""The same input and options give the same bytes, across separate processes (other hash seeds, other
time zones): pages, linked asset folders, inlined pages and fragments."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "layers" / "examples"
BUILDS = {
    "page.html": ["--linked-assets"],
    "inline.html": [],
    "fragment.html": ["--format", "fragment"],
    "linked-fragment.html": ["--format", "fragment", "--linked-assets", "--height", "70vh"],
}


def build_all(folder: Path, *, hash_seed: str, tz: str) -> None:
    """Every build of BUILDS into folder, each by `python -m geomap build` in a process of its own."""
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "TZ": tz}
    for name, options in BUILDS.items():
        subprocess.run(
            [sys.executable, "-m", "geomap", "build", "-q", "--layers", str(EXAMPLES), *options, "-o", name],
            cwd=folder, env=env, check=True, capture_output=True,
        )  # fmt: skip


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_processes_write_byte_identical_files(tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:  # the two series of builds side by side
        runs = [pool.submit(build_all, tmp_path / "one", hash_seed="1", tz="UTC"),
                pool.submit(build_all, tmp_path / "two", hash_seed="4242", tz="Asia/Shanghai")]  # fmt: skip
        for run in runs:
            run.result()
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert set(BUILDS) <= set(one) and any(name.startswith("page_files/") for name in one)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
