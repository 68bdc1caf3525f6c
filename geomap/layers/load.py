"""Reading spec files: TOML text to a validated LayerSpec, with every problem on its own line."""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from geomap.layers.locate import key_line
from geomap.layers.problems import Problem, SpecError
from geomap.layers.schema import validate_spec
from geomap.layers.spec import LayerSpec

_TOML_POSITION = re.compile(r"at line (\d+), column \d+")
BUILTIN_FOLDER = "geomap/data/layers"  # how messages name the packaged specs


def spec_from_text(text: str, path: str) -> tuple[LayerSpec | None, list[Problem]]:
    """The spec a TOML text holds, or None and its problems (syntax errors keep tomllib's position)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        at = _TOML_POSITION.search(str(err))  # "(at line 3, column 8)" or "(at end of document)"
        line = int(at.group(1)) if at else len(text.splitlines()) or 1
        return None, [Problem(path, f"invalid TOML: {err}", line)]
    return validate_spec(data, path, line_of=lambda loc: key_line(text, loc))


def read_spec_file(path: str | Path) -> tuple[LayerSpec | None, list[Problem]]:
    """The spec in a file, or None and its problems."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        return None, [Problem(str(path), f"cannot read layer spec: {err.strerror or err}")]
    except UnicodeDecodeError as err:
        return None, [Problem(str(path), f"cannot read layer spec: not UTF-8 text ({err.reason})")]
    return spec_from_text(text, str(path))


def load_spec(path: str | Path) -> LayerSpec:
    """Read and validate one spec file; SpecError lists every problem."""
    spec, problems = read_spec_file(path)
    if spec is None:
        raise SpecError(problems)
    return spec


def parse_spec(data: Mapping[str, Any], path: str, text: str | None = None) -> LayerSpec:
    """Validate a spec's table (from TOML or code); `text`, when given, lets messages name lines."""
    line_of = (lambda loc: key_line(text, loc)) if text else (lambda loc: None)
    spec, problems = validate_spec(data, path, line_of=line_of)
    if spec is None:
        raise SpecError(problems)
    return spec


def spec_files(location: str | Path) -> list[Path]:
    """The spec files a path names: the file itself, or a folder's *.toml (not its subfolders)."""
    path = Path(location)
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if p.is_file())
    return [path]


def read_spec_files(paths: Iterable[str | Path]) -> tuple[list[LayerSpec], list[Problem]]:
    """Every spec in the files and folders, and every problem found on the way."""
    specs, problems = [], []
    for location in paths:
        if not Path(location).exists():
            problems.append(Problem(str(location), "no such file or folder"))
            continue
        for path in spec_files(location):
            spec, found = read_spec_file(path)
            specs += [spec] if spec else []
            problems += found
    return specs, problems


@lru_cache(maxsize=1)
def builtin_specs() -> tuple[LayerSpec, ...]:
    """The packaged specs (geomap/data/layers/*.toml), in drawing order."""
    folder = importlib.resources.files("geomap") / "data" / "layers"
    specs, problems = [], []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            spec, found = spec_from_text(entry.read_text(encoding="utf-8"), f"{BUILTIN_FOLDER}/{entry.name}")
            specs += [spec] if spec else []
            problems += found
    if problems:
        raise SpecError(problems)
    return tuple(sorted(specs, key=lambda s: (s.z, s.name)))
