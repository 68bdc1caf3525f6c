"""One-line problems with a spec (file, line, key, found, expected), and the warnings layers emit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geomap.errors import GeomapError


@dataclass(frozen=True)
class Problem:
    """Something wrong with one spec: where (file or call), the line when known, and what."""

    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        at = f"{self.where}:{self.line}" if self.line else self.where
        return f"{at}: {self.message}"


class SpecError(GeomapError):
    """One or more problems with layer specs; str() is one line per problem."""

    def __init__(self, problems: Sequence[Problem | str]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("\n".join(self.problems))


class LayerWarning(UserWarning):
    """Something a build can go on without: rows dropped, geometries repaired, an empty layer."""

    geomap_label = "warning"  # how the command line prints it: "geomap: warning: ..."


class LayerFailedWarning(LayerWarning):
    """A layer left out because its plugin or callable failed (an error under --strict)."""

    geomap_label = "error"


def key_name(loc: Sequence[str | int]) -> str:
    """('style', 'color') -> 'style.color', ('popup', 2) -> 'popup[2]'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def found(value: object) -> str:
    """A value as the message shows it, shortened when long."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
