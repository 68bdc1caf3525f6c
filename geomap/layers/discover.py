"""Which specs a build uses: built-in, plugins', ./layers/*.toml, then --layers; a later name wins."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import GeomapError
from geomap.layers.load import builtin_specs, read_spec_file, read_spec_files
from geomap.layers.problems import Problem, SpecError
from geomap.layers.schema import validate_spec
from geomap.layers.spec import LayerSpec

LOCAL_FOLDER = "layers"  # ./layers/*.toml in the current folder, when there is one


@dataclass
class Discovery:
    """The spec that won for each name, what it replaced, and plugins that failed."""

    specs: list[LayerSpec] = field(default_factory=list)
    overridden: dict[str, list[str]] = field(
        default_factory=dict
    )  # name -> replaced spec paths, oldest first
    failures: list[str] = field(default_factory=list)  # plugins that failed: left out unless strict
    problems: list[str] = field(default_factory=list)  # bad spec files (raised unless asked to collect)

    def add(self, specs: Iterable[LayerSpec]) -> None:
        """Add specs; one with the name of an earlier one replaces it."""
        by_name = {s.name: s for s in self.specs}
        for spec in specs:
            if spec.name in by_name:
                self.overridden.setdefault(spec.name, []).append(by_name[spec.name].path)
            by_name[spec.name] = spec
        self.specs = sorted(by_name.values(), key=lambda s: (s.z, s.name))

    def names(self) -> list[str]:
        return [s.name for s in self.specs]


def plugin_specs() -> tuple[list[LayerSpec], list[str]]:
    """Specs plugins ship (files, and layers given with spec keys) and one line per failure."""
    from geomap.layers.plugins import plugins

    found = plugins()
    specs, failures = [], list(found.failures)
    for plugin, path in found.spec_files:
        spec, problems = read_spec_file(path)
        specs += [spec] if spec else []
        failures += [f"plugin {plugin!r}: {p}" for p in problems]
    for layer in found.layers.values():
        if layer.spec is not None:
            data = {**layer.spec, "source": f"plugin:{layer.name}"}
            spec, problems = validate_spec(data, f"plugin {layer.plugin!r} layer {layer.name!r}")
            specs += [spec] if spec else []
            failures += [str(p) for p in problems]
    return specs, failures


def discover(
    extra: Sequence[str | Path] = (),
    *,
    cwd: str | Path | None = None,
    use_plugins: bool = True,
    collect: bool = False,
) -> Discovery:
    """Built-in specs, then plugins', then ./layers/*.toml, then each of `extra` (files or folders).

    Bad spec files raise one SpecError listing them all, or with collect=True end up in .problems."""
    found = Discovery()
    found.add(builtin_specs())
    if use_plugins:
        specs, found.failures = plugin_specs()
        found.add(specs)
    local = Path(cwd or ".") / LOCAL_FOLDER
    locations: list[str | Path] = ([local] if local.is_dir() else []) + list(extra)
    problems: list[Problem] = []
    for location in locations:
        specs, more = read_spec_files([location])
        found.add(specs)
        problems += more
    if problems and not collect:
        raise SpecError(problems)
    found.problems = [str(p) for p in problems]
    return found


def select(specs: Sequence[LayerSpec], only: Sequence[str] = (), skip: Sequence[str] = ()) -> list[LayerSpec]:
    """The specs named by --only (all when empty) minus those named by --skip; unknown names are errors."""
    known = [s.name for s in specs]
    for option, names in (("--only", only), ("--skip", skip)):
        unknown = [n for n in names if n not in known]
        if unknown:
            raise GeomapError(f"{option}: no layer named {', '.join(map(repr, unknown))} (layers: {known})")
    return [s for s in specs if (not only or s.name in only) and s.name not in skip]


def split_names(values: Iterable[str]) -> list[str]:
    """'a,b' 'c' -> ['a', 'b', 'c'] (options may be repeated or comma-separated)."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]
