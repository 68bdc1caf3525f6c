"""`geomap extract`: write the mentions and events as GeoJSON for review."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.cli.options import Progress, quiet_option


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write places/visits/crossings/traffic.geojson into.")
@quiet_option
def extract(paths: tuple[str, ...], out_dir: Path, quiet: bool) -> None:
    """Geoparse PATHS and extract events into GeoJSON files in a folder."""
    from geomap.pipeline import extract_to_dir

    progress = Progress(quiet)
    result = extract_to_dir(list(paths), out_dir, progress=progress)
    progress.summary(result.summary())
