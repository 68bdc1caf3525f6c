"""The stages chained: documents -> mentions -> events -> tables -> map or files."""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.corpus import example_paths, load_documents
from geomap.errors import GeomapError
from geomap.findings import warn_if_empty
from geomap.heap import fewer_collections
from geomap.model import Document, Mention
from geomap.records import Columns

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.events import Events

Progress = Callable[[str], None]
TABLE_NAMES = ("places", "visits", "crossings", "traffic")


def _quiet(_: str) -> None:
    pass


@dataclass
class Extraction:
    """Everything read from a corpus, as records and as tables."""

    documents: list[Document]
    mentions: dict[str, list[Mention]]
    events: Events
    # GeoDataFrames by name, each built when first read (geomap.tables.Tables)
    tables: MutableMapping[str, gpd.GeoDataFrame] = field(default_factory=dict)
    # seconds each stage took: load, gazetteer, geoparse, events, tables (and write, for extract)
    seconds: dict[str, float] = field(default_factory=dict)
    # place mentions found, when `mentions` does not hold them (a cluster gives their table's rows only)
    mention_count: int | None = None
    # tables the workers already wrote (name -> file or folder), absent from `tables`
    written: dict[str, Path] = field(default_factory=dict)

    def n_mentions(self) -> int:
        """How many place mentions were found."""
        return self.mention_count if self.mention_count is not None else \
            sum(len(m) for m in self.mentions.values())

    def counts(self) -> str:
        """"5 documents, 120 place mentions, 4 visits, 3 crossings, 6 traffic figures"."""
        return (f"{len(self.documents)} documents, {self.n_mentions()} place mentions, "
                f"{len(self.events.visits)} visits, {len(self.events.crossings)} crossings, "
                f"{len(self.events.traffic)} traffic figures")


class _Clock:
    """Seconds per stage, each lap from the end of the previous one."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> float:
        now = time.perf_counter()
        self.seconds[stage] = now - self._last
        self._last = now
        return self.seconds[stage]


@fewer_collections()
def run(paths: list[str | Path], *, progress: Progress = _quiet, client: Any = None,
        columns: Columns | None = None, places_file: Path | None = None) -> Extraction:
    """Load the documents (the packaged example when no paths; columns: of records files), geoparse,
    extract, tabulate; on the Dask cluster behind client when one is given (geomap.cluster), with the
    same tables (the documents then come back without their text, which stays on the workers, and the
    mentions only as the places table's rows: `mentions` is empty, `mention_count` says how many).
    places_file: on a cluster, where the places table is written as it is made (geomap.cluster); an
    event table large enough for GeoParquet parts is written beside it by the workers, and is then
    absent from `tables`."""
    from geomap import tables
    from geomap.events import extract_events
    from geomap.events.evidence import evidence_from_body
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import mentions_by_doc
    from geomap.long_documents import join_events, join_mentions, split_documents

    clock = _Clock()
    places = None
    mentions: dict[str, list[Mention]] = {}
    written: dict[str, Path] = {}
    if client is not None:  # the workers read, geoparse and extract; documents come back without text
        from geomap.cluster import run_on_cluster

        found = run_on_cluster(paths or example_paths(), client, columns, progress, places_file)
        docs, places, events = found.documents, found.places, found.events
        written = {"places": found.written} if found.written else {}
        n_mentions = found.mentions
        clock.lap("events")
        if places_file is not None and places_file.suffix == ".parquet":  # large event tables too
            from geomap.cluster import write_event_tables

            written.update(write_event_tables(client, events, places_file.parent, progress))
    else:
        docs = load_documents(paths or example_paths(), columns)
        clock.lap("load")
        progress(f"read {len(docs)} documents")
        gaz = load_gazetteer(progress=progress)
        progress(f"gazetteer ready: {len(gaz):,} places ({clock.lap('gazetteer'):.2f} s)")
        parts, part_of = split_documents(docs)  # a very long document is read in parts (linear time)
        mentions = mentions_by_doc(parts, gaz)
        clock.lap("geoparse")
        progress(f"found {sum(len(m) for m in mentions.values())} place mentions")
        events = join_events(extract_events(parts, mentions, gaz), part_of)
        evidence_from_body(docs, events)  # quotes from the body, not from title lines
        mentions = join_mentions(mentions, part_of)
        clock.lap("events")
    result = Extraction(docs, mentions, events, seconds=clock.seconds,
                        mention_count=None if places is None else n_mentions, written=written)
    made = {
        "places": lambda: places if places is not None else tables.places_rows(docs, mentions),
        "visits": lambda: tables.visits_rows(events.visits),
        "crossings": lambda: tables.crossings_rows(events.crossings),
        "traffic": lambda: tables.traffic_rows(events.traffic),
    }
    result.tables = tables.Tables({name: make() for name, make in made.items() if name not in written})
    clock.lap("tables")
    progress(f"extracted {len(events.visits)} visits, {len(events.crossings)} crossings, "
             f"{len(events.traffic)} traffic figures")
    warn_if_empty(len(docs), result.n_mentions(),
                  (len(events.visits), len(events.crossings), len(events.traffic)))
    return result


@dataclass
class BuildResult:
    """What `geomap build` made."""

    extraction: Extraction | None  # None when no layer needed the articles
    output: Path
    size: int
    seconds: float
    layers: int = 0
    events_dir: Path | None = None  # the reviewed extraction it was built from, if any
    title: str = ""

    def summary(self) -> str:
        read = f" from {self.extraction.counts()}" if self.extraction else ""
        if self.events_dir is not None:
            read = f" from the reviewed events in {self.events_dir}"
        layers = f"{self.layers} layer{'s' if self.layers != 1 else ''}"
        return (f"wrote {self.output} ({self.size / 1024:.0f} KB, {layers}){read} "
                f"in {self.seconds:.1f} s")


def build_map_file(
    paths: list[str | Path], output: Path | None = None, *, title: str | None = None,
    events_dir: Path | None = None,
    inline_assets: bool | None = None,
    progress: Progress = _quiet, layer_paths: Sequence[str | Path] = (), only: Sequence[str] = (),
    skip: Sequence[str] = (), strict: bool = False, format: str | None = None, width: int | None = None,
    height: int | str | None = None, scale: float | None = None, tiles: str | None = "OpenStreetMap",
    tiles_attr: str | None = None, client: Any = None, columns: Columns | None = None,
) -> BuildResult:
    """Run every stage and write the map to `output` (atomically).

    output and format: either may be None (geomap.export.naming.output_and_format: the default name
    follows the format, the format follows the name's suffix); a png or pdf build checks first that
    Playwright and Chromium are there, before any reading.
    Layers: the built-in specs, plugins', ./layers/*.toml and each of layer_paths, chosen by
    only/skip. events_dir: build from a (reviewed) `geomap extract` folder instead of articles.
    title None: named after the borders the events are on (geomap.layers.borders).
    `tiles` names the online base layer offered beside the offline one (None: none).
    A failing plugin or callable leaves its layer out with a warning, or stops if strict.
    client: a Dask cluster's to extract on (geomap.cluster); columns: of records files.
    `format` is one of geomap.export.FORMATS; see geomap.export.write_map for the options.
    """
    from geomap.export import write_map
    from geomap.export.browser import require_browser
    from geomap.export.naming import output_and_format
    from geomap.layers import Context, LayerFailedWarning, build_layers, discover, select
    from geomap.layers.borders import border_title, event_pairs
    from geomap.layers.spec import source_kind
    from geomap.render import build_map
    from geomap.review import cited_documents, read_extraction

    started = time.perf_counter()
    output, format = output_and_format(output, format)
    require_browser(format)
    _check_writable(output.parent)  # before the reading, not after it
    found = discover(layer_paths)
    if found.failures:
        if strict:
            raise GeomapError("\n".join(found.failures))
        for failure in found.failures:
            warnings.warn(failure, LayerFailedWarning, stacklevel=2)
    specs = select(found.specs, only, skip)
    tables, result, documents = None, None, []
    if events_dir is not None:
        if paths:
            raise GeomapError("give articles (PATHS) or --events DIR, not both")
        tables = read_extraction(events_dir)
        documents = cited_documents(tables)
        progress(f"read the reviewed events in {events_dir}: "
                 + ", ".join(f"{len(t)} {name}" for name, t in tables.items()))
    elif paths or any(source_kind(s.source)[0] == "events" for s in specs):
        result = run(paths, progress=progress, client=client, columns=columns)
        tables, documents = result.tables, result.documents
    layers = build_layers(specs, Context(tables=tables), strict=strict)
    progress(f"layers: {', '.join(layer.spec.name for layer in layers) or 'none'}")
    title = title if title is not None else border_title(event_pairs(tables))
    fmap = build_map(layers, title=title, documents=documents, tiles=tiles,
                     tiles_attr=tiles_attr)
    linked = inline_assets is False and format in ("html", "fragment")
    progress(f"rendering {output} ({format})" + (" with linked assets" if linked else ""))
    _make_folder(output.parent)  # a new folder for the page, whatever the format
    write_map(fmap, output, format=format, inline_assets=inline_assets, width=width, height=height,
              scale=scale)
    return BuildResult(result, output, output.stat().st_size, time.perf_counter() - started, len(layers),
                       events_dir, title)


@dataclass
class ExtractResult:
    """What `geomap extract` wrote."""

    extraction: Extraction
    files: list[Path]
    label: str = "GeoJSON"  # the files' format, as people call it

    def summary(self) -> str:
        folder = self.files[0].parent if self.files else "."
        return f"wrote {len(self.files)} {self.label} files to {folder}: {self.extraction.counts()}"


@fewer_collections()
def extract_to_dir(paths: list[str | Path], out_dir: Path, *, progress: Progress = _quiet,
                   format: str = "geojson", client: Any = None, columns: Columns | None = None
                   ) -> ExtractResult:
    """Write places/visits/crossings/traffic into out_dir, one file each (atomically), in `format`:
    geojson, gpkg, parquet or csv (geomap.export.gis.EXTRACT_FORMATS); extracted on the Dask cluster
    behind client when one is given (columns: of records files). A parquet table of more than
    geomap.export.parts.PART_ROWS rows is a folder of parts; on a cluster the workers write the places
    table's."""
    from geomap.errors import InputWarning
    from geomap.export import write_geojson, write_table
    from geomap.export.gis import require_format, write_gis
    from geomap.export.parts import needs_parts, write_parquet
    from geomap.tables import Tables

    fmt = require_format(format)  # a missing library stops it before the reading
    if out_dir.exists() and not out_dir.is_dir():
        raise GeomapError(f"{out_dir}: exists and is not a folder")
    _check_writable(out_dir)  # before the reading, not after it
    parquet = fmt.name == "parquet"
    cluster_writes = parquet or fmt.name == "geojson"  # the places table, on a cluster (geomap.cluster)
    result = run(paths, progress=progress, client=client, columns=columns,
                 places_file=out_dir / f"places{fmt.suffix}" if cluster_writes else None)
    _make_folder(out_dir)
    files = []
    started = time.perf_counter()
    for name in TABLE_NAMES:
        path = out_dir / f"{name}{fmt.suffix}"
        files.append(path)
        if name in result.written:  # on a cluster: in parts by the workers, or from their GeoJSON
            continue
        table = result.tables.table(name) if isinstance(result.tables, Tables) else None
        if table is not None and client is not None and not parquet and needs_parts(len(table.rows)):
            warnings.warn(f"{path}: {len(table.rows):,} rows gathered and written by this process; "
                          f"--format parquet has the workers write a table this large in parts",
                          InputWarning, stacklevel=2)  # fmt: skip
        if parquet and table is not None:
            write_parquet(table, path)  # in parts when large
        elif fmt.name != "geojson":
            write_gis(result.tables[name], path, fmt.name)
        elif table is not None:
            write_table(table, path)
        else:
            write_geojson(result.tables[name], path)
    result.seconds["write"] = time.perf_counter() - started
    return ExtractResult(result, files, fmt.label)


def _check_writable(folder: Path) -> None:
    """The folder, or the nearest one above it that exists, must be a folder this process can write."""
    above = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if above is not None and (not above.is_dir() or not os.access(above, os.W_OK)):
        what = "is not a folder" if not above.is_dir() else "is not writable"
        raise GeomapError(f"{folder}: cannot write there: {above} {what}")


def _make_folder(folder: Path) -> None:
    """Create an output folder (and those above it), or say in one line why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise GeomapError(f"{folder}: cannot create the folder: {err.strerror or err}") from None
