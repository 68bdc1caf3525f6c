"""`geomap build`: articles in, interactive map out."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.cli.layers import layers_option
from geomap.cli.options import (
    Progress,
    corpus_options,
    engine_client,
    parse_columns,
    paths_argument,
    quiet_option,
)

FORMATS = ("html", "fragment", "png", "pdf", "svg")  # geomap.export.naming.FORMATS (kept light for --help)


@click.command()
@paths_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write. Default: output/border_map.html, .png, .pdf, .svg, or .fragment.html for "
                   "a fragment. Its suffix (.html, .png, .pdf, .svg) sets the format when --format is not "
                   "given.")
@click.option("--title", default=None,
              help="Title shown on the map. Default: the borders the events are on, e.g. "
                   "'Finland–Russia border: visits, crossings and traffic'.")
@click.option("--events", "events_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Build from the tables `geomap extract -o DIR` wrote (GeoJSON, GeoParquet "
                                  "or GeoPackage, after you corrected them), instead of reading articles.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Default: what -o's suffix says, else html. html: a page; fragment: a snippet to paste "
                   "into another page (docs/embedding.md); png, pdf, svg: a report figure (title, labels, "
                   "legend, numbered sources; no controls) drawn by headless Chromium.")
@click.option("--inline-assets/--linked-assets", default=None,
              help="Inline every script, stylesheet and font (one self-contained file: the default), or link "
                   "copies in <name>_files/ beside it (html and fragment).")
@click.option("--width", type=click.IntRange(100, 10_000), default=None,
              help="png/pdf/svg: width in CSS pixels. Default 1200 (a pdf: an A4 landscape page).")
@click.option("--height", default=None, metavar="LENGTH",
              help="png/pdf/svg: height in CSS pixels (default 800); fragment: pixels or a CSS length "
                   "(600, 70vh; default 600).")
@click.option("--scale", type=click.FloatRange(0.25, 4), default=None,
              help="png/pdf/svg: device pixel ratio (a PNG is width x scale by height x scale). Default 1.")
@click.option("--tiles", default=None, metavar="NAME",
              help="Online tiles offered as the other base layer (a name folium knows or a URL template). "
                   "Default: OpenStreetMap.")
@click.option("--tiles-attr", default=None, metavar="TEXT",
              help="Attribution of --tiles when it is a URL template.")
@click.option("--offline", is_flag=True,
              help="No online tiles at all: the page's only base layer is the packaged Natural Earth map.")
@layers_option
@click.option("--only", multiple=True, metavar="NAMES", help="Draw only these layers (comma-separated).")
@click.option("--skip", multiple=True, metavar="NAMES", help="Leave these layers out (comma-separated).")
@click.option("--strict", is_flag=True,
              help="A failing plugin or python: source stops the build (else its layer is left out).")
@corpus_options
@quiet_option
def build(
    paths: tuple[str, ...], output: Path | None, title: str | None, events_dir: Path | None, fmt: str | None,
    inline_assets: bool | None,
    width: int | None, height: str | None, scale: float | None, tiles: str, tiles_attr: str | None,
    offline: bool, layer_paths: tuple[Path, ...], only: tuple[str, ...], skip: tuple[str, ...],
    strict: bool, columns: str | None, engine: str | None, scheduler: str | None, workers: int | None,
    quiet: bool,
) -> None:
    """Build the map from PATHS (files, folders or globs of .txt/.md/.html).

    With no PATHS, builds the small example corpus shipped with geomap; with --events DIR, builds
    from a reviewed extraction (deleted rows stay out, corrected values and coordinates show).
    Layers: the built-in specs, plugins', ./layers/*.toml, then each --layers (see `geomap layers list`).
    """
    from geomap.errors import GeomapError
    from geomap.layers.discover import split_names
    from geomap.pipeline import build_map_file

    if offline and (tiles is not None or tiles_attr is not None):
        given = "--tiles" if tiles is not None else "--tiles-attr"
        raise GeomapError(f"--offline draws no online tiles: leave out {given}, or --offline")
    progress = Progress(quiet)
    named = parse_columns(columns)
    with engine_client(engine, scheduler, workers) as client:
        result = build_map_file(list(paths), output, title=title, events_dir=events_dir,
                                inline_assets=inline_assets, progress=progress,
                                layer_paths=list(layer_paths), only=split_names(only),
                                skip=split_names(skip), strict=strict, format=fmt, width=width,
                                height=height, scale=scale,
                                tiles=None if offline else tiles or "OpenStreetMap",
                                tiles_attr=tiles_attr, client=client, columns=named)
    progress.summary(result.summary())
