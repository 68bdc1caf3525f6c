"""The extraction on a Dask cluster: the workers read the documents (records files slice by slice;
other files come from the client in partitions), geoparse them and keep them; the rounds of
geomap.events.rounds then run partition by partition with their merges here, so the tables are the
ones the same documents give in one process, row for row.

Each worker loads the memory-mapped gazetteer once (per process) and reuses it. Every partition can be
made again from what its task holds (a slice of a file, or the documents themselves), so when a worker
dies the scheduler recomputes its partitions elsewhere and nothing is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.events.rounds import Group, Names
from geomap.long_documents import Part
from geomap.model import Document, Provenance
from geomap.record_slices import Slice, read_slice
from geomap.records import BadRecord, Columns
from geomap.tables import Table

PARTITION_DOCS = 50  # documents per partition at most: enough work per task to hide the scheduler's overhead
CONNECT_SECONDS = 10
MIN_SLICE_BYTES = 8 * 1024  # records are cut in slices of at least this much
# partitions per worker at least (when there are documents enough): each round ends when its last
# partition does, so smaller ones leave a worker less time idle at the end of a round
PER_WORKER = 8
# Dask settings of a local cluster: no statistical profiling of the tasks (it samples every 10 ms), and
# the event loops' health, load balancing and memory checked every second or two rather than 10 to 50
# times a second: the processes' own upkeep drops from about 1.5% of a core each to about 0.5%.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextmanager
def cluster_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A dask.distributed Client: of the scheduler at an address, or of a local cluster of `workers`
    processes (one thread each), closed on exit. An unreachable scheduler is a one-line error."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GeomapError("--engine dask needs Dask: pip install 'geomap[dask]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise GeomapError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({first})") from None
        with client:
            yield client
        return
    import dask

    with dask.config.set(QUIET), LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                             dashboard_address=None) as cluster:  # fmt: skip
        with Client(cluster, set_as_default=False) as client:
            yield client


@dataclass(frozen=True)
class Packed:
    """A task's argument sent as it is: Dask walks lists, tuples and dicts given to a task (looking for
    futures in them), which costs the client time for every source and figure in them."""

    value: Any


def _on_worker(fn: Callable[..., Any], kept: Group | Partition, *args: Any) -> Any:
    """fn(group, the worker's gazetteer, *args): a round's work on one partition."""
    from geomap.gazetteer import load_gazetteer

    args = tuple(a.value if isinstance(a, Packed) else a for a in args)
    return fn(kept.group if isinstance(kept, Partition) else kept, load_gazetteer(), *args)


ROUND_NAMES = {"group_names": "more people named", "group_read": "crossings, visits and traffic figures",
               "group_figures": "traffic figures placed on merged crossings"}
REPORT_EVERY = 5.0  # seconds between progress lines in a long round
POLL = 0.25  # seconds between looks at how far a round is


def cluster_round(client: Any, progress: Callable[[str], None] | None = None,
                  docs: int = 0) -> Callable[..., list[Any]]:
    """A RunRound for extract_in_rounds that runs each group's work where the group is kept, telling
    progress how far each round is (partitions done, documents per second, time left)."""

    def run_round(fn: Callable[..., Any], groups: Sequence[Any], _gazetteer: Any, *args: Any,
                  each: Sequence[tuple[Any, ...]] | None = None) -> list[Any]:
        shared = [client.scatter([a], broadcast=True, hash=False)[0] for a in args]  # once to every worker
        own = each if each is not None else [()] * len(groups)  # arguments of one group's task
        futures = [client.submit(_on_worker, fn, g, *shared, *map(Packed, own[k]), pure=False)
                   for k, g in enumerate(groups)]  # fmt: skip
        some = fn.__name__ == "group_figures"  # a few partitions: no rate over the whole corpus
        return gather_as_done(client, futures, ROUND_NAMES.get(fn.__name__, fn.__name__), progress,
                              0 if some else docs)  # fmt: skip

    return run_round


def gather_as_done(client: Any, futures: Sequence[Any], what: str, progress: Callable[[str], None] | None,
                   docs: int) -> list[Any]:
    """The futures' results in their order, each brought here as soon as it is done, so that moving and
    unpickling results overlaps the work still running (with watch's progress lines)."""
    out: list[Any] = [None] * len(futures)
    waiting = set(range(len(futures)))

    def fetch() -> None:
        done = [k for k in sorted(waiting) if futures[k].done()]
        if done:
            for k, result in zip(done, client.gather([futures[k] for k in done]), strict=True):
                out[k] = result
            waiting.difference_update(done)

    watch(futures, what, progress, docs, fetch=fetch)
    return out


def watch(futures: Sequence[Any], what: str, progress: Callable[[str], None] | None, docs: int,
          unit: str = "partitions", fetch: Callable[[], None] | None = None) -> None:
    """Progress lines while futures run (none when progress is None): every REPORT_EVERY seconds, then
    once when all are done; fetch() after each look, to take the results done so far."""
    started = last = time.perf_counter()
    total = len(futures)
    while True:
        done = sum(f.done() for f in futures)
        if fetch is not None:
            fetch()
        now = time.perf_counter()
        if progress is not None and (done == total or now - last >= REPORT_EVERY):
            share = done / total if total else 1.0
            rate = f", {docs * share / (now - started):.0f} docs/s" if docs and now > started and done else ""
            left = f", about {(now - started) * (1 - share) / share:.0f} s left" if 0 < share < 1 else ""
            progress(f"{what}: {done}/{total} {unit}{rate}{left}")
            last = now
        if done == total:
            return
        time.sleep(POLL)


def partition_size(n_docs: int, workers: int) -> int:
    """Documents per partition: PARTITION_DOCS, or fewer so that every worker gets several partitions."""
    return max(1, min(PARTITION_DOCS, -(-n_docs // (PER_WORKER * workers))))


@dataclass
class Partition:
    """A partition as a worker keeps it: the parts of its documents (long ones cut) with their place
    mentions, and what the client needs to know of it."""

    group: Group
    originals: list[Document]  # the documents read, without their text (the client does not hold it)
    part_of: dict[str, Part]  # the parts of its long documents (their Part.doc without text)
    bad: list[BadRecord]  # rows that hold no article
    documents: list[Document]  # the documents read, whole (kept here for the evidence step)
    names: Names  # the people its documents name (round 1 of geomap.events.rounds)


Load = tuple[list[Document], list[BadRecord]]  # documents the client read, and rows that hold none


def read_partition(source: Slice | Load) -> Partition:
    """A partition's documents (a slice of a records file read here, or documents the client read), cut
    where long, geoparsed, and the people they name found (runs on a worker). Its source travels in the
    task, so a lost worker's partition is made again elsewhere."""
    from geomap.events.rounds import group_names
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import mentions_by_doc
    from geomap.long_documents import split_documents

    docs, bad = read_slice(source) if isinstance(source, Slice) else source
    gazetteer = load_gazetteer()
    parts, part_of = split_documents(docs)
    stubs = {d.id: replace(d, text="") for d in docs}
    group = Group(parts, mentions_by_doc(parts, gazetteer), 0)
    parts_stubbed = {k: replace(v, doc=stubs[v.doc.id]) for k, v in part_of.items()}
    return Partition(group, list(stubs.values()), parts_stubbed, bad, docs, group_names(group, gazetteer))


Summary = tuple[int, list[Document], dict[str, Part], list[BadRecord], Names, int]


def _summary(partition: Partition) -> Summary:
    """What the client needs of a partition: its parts counted, its documents without their text, its
    long documents' parts, its bad rows, the names round 1 found, and its place mentions counted."""
    mentions = sum(len(found) for found in partition.group.mentions.values())
    return (len(partition.group.docs), partition.originals, partition.part_of, partition.bad, partition.names,
            mentions)  # fmt: skip


def _moved_sources(partition: Partition, packed: Packed) -> dict[Provenance, Provenance]:
    """Of the sources (packed: a list), those quoting a title line of one of the partition's documents,
    each with the body sentence that stands for it (geomap.events.evidence, as in one process)."""
    from geomap.events.evidence import from_body, title_spans

    sources: list[Provenance] = packed.value
    by_id = {d.id: d for d in partition.documents}
    titles: dict[str, list[tuple[int, int]]] = {}
    bodies: dict[str, Any] = {}  # each document's body sentences, split and stemmed once
    moved = {}
    for p in sources:
        if p.doc_id not in titles:
            titles[p.doc_id] = title_spans(by_id[p.doc_id])
        if titles[p.doc_id]:
            (q,) = from_body(by_id[p.doc_id], [p], titles[p.doc_id], bodies)
            if q != p:
                moved[p] = q
    return moved


def places_of(partition: Partition) -> Table:
    """The partition's rows of the places table (its documents are consecutive in the corpus, so the
    partitions' rows one after the other are the table's rows)."""
    from geomap.long_documents import join_mentions
    from geomap.tables import places_rows

    return places_rows(partition.originals, join_mentions(partition.group.mentions, partition.part_of))


def places_geojson(partition: Partition) -> str | None:
    """The GeoJSON features of the partition's places rows, as geomap.export.write_table writes them in
    the whole table (each feature's text depends on its row alone): joined by ",\n", "" for no rows;
    None when GDAL must write the table (a value geomap.export.geojson does not reproduce)."""
    from geomap.export.geojson import geojson_pieces
    from geomap.tables import JSON_COLUMNS

    table = places_of(partition)
    columns = table.columns()
    pieces = None if columns is None else geojson_pieces("places", columns, table.points, JSON_COLUMNS)
    return None if pieces is None else "".join(list(pieces)[1:-1])  # without the head and the end


def _sources_by_partition(events: Any, partition_of: dict[str, int], n: int) -> list[list[Provenance]]:
    """Every event's sources (once each), by the partition that holds their document."""
    out: list[list[Provenance]] = [[] for _ in range(n)]
    seen: set[Provenance] = set()
    for kind in (events.visits, events.crossings, events.traffic):
        for event in kind:
            for p in event.sources:
                if p not in seen:
                    seen.add(p)
                    out[partition_of[p.doc_id]].append(p)
    return out


def _move_sources(events: Any, moved: dict[Provenance, Provenance]) -> None:
    """Every event's sources that quote a title line replaced by the body sentence found for them."""
    if moved:
        for kind in (events.visits, events.crossings, events.traffic):
            for event in kind:
                event.sources = [moved.get(p, p) for p in event.sources]


def _sources(paths: list[Any], columns: Columns | None, workers: int) -> Iterator[Slice | Load]:
    """What each partition is read from: slices of the records files that can be cut (read by the
    workers), documents of other files (read here), in partitions."""
    from geomap.corpus import read_source, sources
    from geomap.record_slices import slices_of
    from geomap.records import is_records

    found = sources(paths)
    records = [f for f, _ in found if is_records(f)]
    total = sum(f.stat().st_size for f in records if f.is_file())
    target = max(MIN_SLICE_BYTES, min(1 << 20, total // (PER_WORKER * workers) or 1))
    size = partition_size(len(found) - len(records), workers)
    batch: list[Document] = []
    for source, named in found:
        pieces = slices_of(source, columns or Columns(), target) if is_records(source) else None
        if pieces is None:
            batch.extend(read_source(source, named, columns))
            if len(batch) >= size:
                yield list(batch), []
                batch.clear()
            continue
        if batch:
            yield list(batch), []
            batch.clear()
        yield from pieces
    if batch:
        yield batch, []


@dataclass
class ClusterRun:
    """What an extraction on the cluster gives the client."""

    documents: list[Document]  # without their text
    places: Table  # the places table's rows (none when the workers wrote them: written)
    events: Any
    mentions: int  # place mentions found: the places table's rows
    written: Path | None = None  # where the places table was written: GeoParquet parts, or GeoJSON


def run_on_cluster(paths: list[Any], client: Any, columns: Columns | None = None,
                   progress: Callable[[str], None] | None = None, places_file: Path | None = None
                   ) -> ClusterRun:
    """Extract on the cluster: workers read records files themselves, so the corpus is never held in
    one place, and make the places table's rows. places_file: where to write the places table, a .parquet
    or .geojson path. A large GeoParquet table is written in parts (geomap.export.parts) by the workers,
    and its rows never come to the client (the folder must be one they can write, as on a shared file
    system); GeoJSON is made by the workers, partition by partition, and written here as it comes."""
    from geomap.corpus import check_corpus, skip_row
    from geomap.events.rounds import extract_in_rounds
    from geomap.export.parts import needs_parts
    from geomap.long_documents import join_events

    workers = len(client.scheduler_info().get("workers", {})) or 1
    kept = [client.submit(read_partition, source, pure=False) for source in _sources(paths, columns, workers)]
    geojson = places_file is not None and places_file.suffix == ".geojson"
    # made in the gaps between the rounds (their tasks go first), kept on the workers until written
    texts = [client.submit(places_geojson, k, pure=False, priority=-1) for k in kept] if geojson else []
    summaries = gather_as_done(client, [client.submit(_summary, k, pure=False) for k in kept],
                               "read, places and people found", progress, 0)  # fmt: skip
    docs: list[Document] = []
    part_of: dict[str, Part] = {}
    partition_of: dict[str, int] = {}  # document id -> the partition that holds it
    starts, names, row_starts, n, rows = [], [], [], 0, 0
    for k, (count, originals, parts, bad, found, mentions) in enumerate(summaries):
        for row in bad:
            skip_row(row)
        starts.append(n)
        names.append(found)
        row_starts.append(rows)
        n += count
        rows += mentions
        docs += originals
        partition_of.update((d.id, k) for d in originals)
        part_of.update(parts)
    check_corpus(docs, paths)
    if progress:
        progress(f"{len(docs)} documents in {len(kept)} partitions on {workers} workers")
    run_round = cluster_round(client, progress, len(docs))
    found = extract_in_rounds(kept, None, run_round, names=names, ranks=starts)
    events = join_events(found, part_of)
    asks = [client.submit(_moved_sources, k, Packed(sources), pure=False)
            for k, sources in zip(kept, _sources_by_partition(events, partition_of, len(kept)), strict=True)]
    moved: dict[Provenance, Provenance] = {}
    for found_here in client.gather(asks):
        moved.update(found_here)
    _move_sources(events, moved)
    places = Table("places", [], [])
    if geojson and places_file is not None and write_places_geojson(client, texts, places_file):
        return ClusterRun(docs, places, events, rows, places_file)
    del texts
    places_rows = [client.submit(places_of, k, pure=False) for k in kept]
    if places_file is not None and places_file.suffix == ".parquet" and needs_parts(rows):
        write_places(client, places_rows, row_starts, rows, places_file, progress)
        return ClusterRun(docs, places, events, rows, places_file)
    for part in client.gather(places_rows):
        places.rows += part.rows
        places.points += part.points
    return ClusterRun(docs, places, events, rows)


def write_places(client: Any, rows: list[Any], starts: list[int], total: int, path: Path,
                 progress: Callable[[str], None] | None) -> None:
    """The places table as GeoParquet parts at path, each written by a worker from the partitions' rows
    (rows: futures of each partition's Table, starts: the table row each begins at)."""
    from geomap.export.parts import part_bounds, parts_folder, pieces_of, write_part

    path.parent.mkdir(parents=True, exist_ok=True)
    with parts_folder(path) as tmp:
        writes = [client.submit(write_part, str(tmp), k, "places", pieces_of(b, starts, rows), pure=False)
                  for k, b in enumerate(part_bounds(total))]  # fmt: skip
        if progress:
            watch(writes, f"places table ({total:,} rows) written by the workers", progress, 0, "parts")
        try:
            written = sum(client.gather(writes))
        except GeomapError as err:
            raise GeomapError(f"{err} (the workers write the parts: the output folder must be one they "
                              "can reach, as on a shared file system)") from None
        if written != total:
            raise GeomapError(f"{path}: {written} rows written of {total}")


def write_places_geojson(client: Any, texts: list[Any], path: Path) -> bool:
    """The places table as GeoJSON at path (atomically) from the features the workers made (texts:
    futures of places_geojson, in table order), gathered one partition at a time; False, with nothing
    written, when some partition's rows need GDAL (the caller then writes the table from its rows)."""
    from geomap.export import atomic_path
    from geomap.export.geojson import geojson_pieces

    head, end = geojson_pieces("places", {}, [])  # type: ignore[misc]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
            f.write(head)
            first = True
            for future in texts:
                text = future.result()
                if text is None:
                    raise _NeedsRows
                if text:
                    f.write(text if first else ",\n" + text)
                    first = False
                future.release()
            f.write(end)
    except _NeedsRows:
        return False
    except OSError as err:
        raise GeomapError(f"{path}: cannot write: {err.strerror or err}") from None
    return True


class _NeedsRows(Exception):
    """A partition's places need GDAL: the table is written from its rows instead."""
