"""Compiled regular expressions kept on disk between runs.

Parsing and compiling a large pattern (a month or currency alternation) takes milliseconds in the
`re` module's Python code; a run compiles hundreds. The regex engine's own program for each pattern is
a list of numbers: this module keeps those lists in the cache folder ($GEOMAP_CACHE, else
~/.cache/geomap, one file per Python version) and builds the pattern from them, as `re.compile` does
after its compiler ran (the programs are built as `re._compiler.compile` builds them, checked once per
process against `re.compile`); anything unexpected (another Python, an unreadable file) falls back to
`re.compile`.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from array import array
from functools import cache
from pathlib import Path

try:  # the engine behind `re` (CPython)
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: plain re.compile
    _sre = None

# (program flags, program as 32-bit words, number of groups, group names -> index, index -> group name)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_WORD = "I"  # the engine's code words are unsigned 32-bit numbers
_entries: dict[tuple[str, int], Entry] | None = None
_used: set[tuple[str, int]] = set()  # the stored patterns this run built
# How many patterns the file keeps before it drops those a run did not use (a few thousand load in ~10 ms).
MOST_PATTERNS = 3000
_new: dict[tuple[str, int], Entry] = {}


def cache_file() -> Path:
    """The file of this Python's compiled patterns in the cache folder."""
    root = os.environ.get("GEOMAP_CACHE") or Path.home() / ".cache" / "geomap"
    version = f"{sys.implementation.name}-{sys.version.split()[0]}-{getattr(_sre, 'MAGIC', 0)}"
    return Path(root) / f"patterns-{version}-2.marshal"  # -2: programs stored as bytes


def compile(source: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's stand-in
    """re.compile(source, flags), from the stored program when there is one."""
    if not _works():
        return re.compile(source, flags)
    flags = int(flags)  # a plain number, as stored
    entry = _stored().get((source, flags))
    if entry is not None:
        try:
            pattern = _build(source, entry)
            _used.add((source, flags))
            return pattern
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compile afresh
            pass
    entry = _program(source, flags)
    if entry is None:
        return re.compile(source, flags)
    if not _new:
        atexit.register(_save)
    _new[(source, flags)] = entry
    return _build(source, entry)


def _build(source: str, entry: Entry) -> re.Pattern[str]:
    """The pattern the engine makes of a stored program."""
    flags, words, groups, names, index = entry
    return _sre.compile(source, flags, array(_WORD, words).tolist(), groups, names, index)


@cache
def _works() -> bool:
    """Whether programs built here equal re.compile's on this Python (checked once per process)."""
    if _sre is None:
        return False
    source = r"(?P<word>[^\W\d_]+)\s+(?:jan|feb)\.?(?=\d{1,2}\b)|\$\d+(?:[.,]\d+)*"
    entry = _program(source, re.IGNORECASE)
    try:
        return entry is not None and _build(source, entry) == re.compile(source, re.IGNORECASE)
    except Exception:  # noqa: BLE001 - another engine: re.compile only
        return False


def _program(source: str, flags: int) -> Entry | None:
    """What re's compiler hands the engine for this pattern (as re._compiler.compile builds it)."""
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        names = parsed.state.groupdict
        index: list[str | None] = [None] * parsed.state.groups
        for name, i in names.items():
            index[i] = name
        program = array(_WORD, code).tobytes()  # the engine's 32-bit words, read back at once
        return int(flags | parsed.state.flags), program, parsed.state.groups - 1, dict(names), tuple(index)
    except Exception:  # noqa: BLE001 - re's internals differ here: no entry, re.compile only
        return None


def _stored() -> dict[tuple[str, int], Entry]:
    """The stored programs, read once per process."""
    global _entries
    if _entries is None:
        try:
            loaded = marshal.loads(cache_file().read_bytes())
            _entries = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError, EOFError, TypeError):
            _entries = {}
    return _entries


def _save() -> None:
    """Add this run's new programs to the file (atomically: a concurrent run keeps a whole file)."""
    if not _new:
        return
    import tempfile  # only a run that compiled something new writes

    try:
        merged = dict(_stored())
        try:
            on_disk = marshal.loads(cache_file().read_bytes())
            if isinstance(on_disk, dict):
                merged.update(on_disk)
        except (OSError, ValueError, EOFError, TypeError):
            pass
        merged.update(_new)
        if len(merged) > MOST_PATTERNS:  # patterns of older code pile up: keep this run's
            merged = {key: merged[key] for key in (*_used, *_new) if key in merged}
        folder = cache_file().parent
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as out:
            try:
                out.write(marshal.dumps(merged))
            except ValueError:  # not storable after all: leave the file as it was
                out.close()
                os.unlink(out.name)
                return
        os.replace(out.name, cache_file())
        _new.clear()
    except OSError:
        pass
