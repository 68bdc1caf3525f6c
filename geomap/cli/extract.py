"""`geomap extract`: write the mentions and events as GeoJSON (or GeoPackage, GeoParquet, CSV) files."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.cli.options import Progress, corpus_options, engine_client, parse_columns, quiet_option

EXTRACT_FORMATS = ("geojson", "gpkg", "parquet", "csv")  # geomap.export.gis's, kept light for --help


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write places, visits, crossings and traffic into (one file each).")
@click.option("--format", "fmt", type=click.Choice(EXTRACT_FORMATS), default="geojson", show_default=True,
              help="geojson, gpkg (GeoPackage, one layer per file, named after its table), parquet "
                   "(GeoParquet), csv (columns, then lon and lat). All but csv are read back by "
                   "`geomap build --events DIR`.")
@corpus_options
@quiet_option
def extract(paths: tuple[str, ...], out_dir: Path, fmt: str, columns: str | None, engine: str | None,
            scheduler: str | None, workers: int | None, quiet: bool) -> None:
    """Geoparse PATHS (files, folders, globs; records files with one article per row) and extract events
    into one file per table in a folder."""
    from geomap.pipeline import extract_to_dir

    progress = Progress(quiet)
    named = parse_columns(columns)
    with engine_client(engine, scheduler, workers) as client:
        result = extract_to_dir(list(paths), out_dir, progress=progress, format=fmt, client=client,
                                columns=named)
    progress.summary(result.summary())
