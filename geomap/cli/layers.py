"""`geomap layers`: list the layers a build draws, validate specs, write a starter spec for a file."""

from __future__ import annotations

from pathlib import Path

import click

layers_option = click.option(
    "--layers",
    "layer_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="DIR_OR_FILE",
    help="A layer spec (.toml) or a folder of them; repeatable. A spec replaces an earlier one of its name.",
)


@click.group()
def layers() -> None:
    """Layer specs: TOML files that add an analyst's data to the map (see layers/README.md)."""


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


@layers.command("list")
@click.argument("articles", nargs=-1, metavar="[ARTICLES]...")
@layers_option
def list_layers(articles: tuple[str, ...], layer_paths: tuple[Path, ...]) -> None:
    """List the layers a build draws: name, title, source, symbol, features, spec file.

    Built-in specs, then plugins', then ./layers/*.toml, then each --layers. Event layers count
    their features only when ARTICLES are given (their extraction runs then); others show '-'.
    """
    from geomap.layers.listing import layer_rows

    rows = layer_rows(layer_paths, articles)
    lines = [["NAME", "TITLE", "SOURCE", "SYMBOL", "FEATURES", "SPEC FILE"]]
    for r in rows:
        note = f" (overrides {', '.join(r.overrides)})" if r.overrides else ""
        lines.append([r.name, r.title, r.source, r.symbol, r.features, r.path + note])
    for line in _table(lines):
        click.echo(line)


@layers.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@layers_option
def validate(paths: tuple[Path, ...], layer_paths: tuple[Path, ...]) -> None:
    """Check layer specs and that their sources read; one line per problem, exit status 1 if any.

    PATHS are spec files or folders of them; with none, the specs a build would use.
    """
    from geomap.layers.check import check_paths, check_specs
    from geomap.layers.discover import discover

    if paths:
        specs, problems = check_paths([*paths, *layer_paths])
    else:
        found = discover(layer_paths, collect=True)
        specs = found.specs
        problems = found.problems + found.failures + check_specs(specs)
    for problem in problems:
        click.echo(problem)
    n = len(specs)
    if problems:
        raise click.exceptions.Exit(1)
    click.echo(f"{n} layer spec{'s' if n != 1 else ''} OK")


@layers.command()
@click.argument("name")
@click.option("--from", "data", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The data file: GeoJSON, CSV, GeoPackage, Shapefile, GeoParquet, KML.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the spec (default: NAME.toml beside the data).")  # fmt: skip
def new(name: str, data: Path, output: Path | None) -> None:
    """Write a starter spec NAME.toml that draws FILE: symbol, coordinates, tooltip and popup guessed."""
    from geomap.layers.starter import write_starter

    path, spec = write_starter(name, data, output)
    click.echo(f"wrote {path}: a {spec.symbol} layer {spec.name!r} of {data.name}; "
               f"edit it, then check it with `geomap layers validate {path}`")  # fmt: skip
