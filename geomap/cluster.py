"""The extraction on a Dask cluster: the workers read the documents (records files slice by slice;
other files come from the client in partitions), geoparse them and keep them; the rounds of
geomap.events.rounds then run partition by partition with their merges here, so the tables are the
ones the same documents give in one process, row for row.

Each worker loads the memory-mapped gazetteer once (per process) and reuses it. Every partition can be
made again from what its task holds (a slice of a file, or the documents themselves), so when a worker
dies the scheduler recomputes its partitions elsewhere and nothing is lost.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.events.rounds import Group, Names
from geomap.heap import fewer_collections, hold_fewer_collections, release_fewer_collections
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
# The memory a kept partition holds, about: per character of its documents (the text and its people
# scans) and per place mention, measured on generated news (geomap.cluster.Partition.__sizeof__).
BYTES_PER_CHAR, BYTES_PER_MENTION = 24, 400
ROWS_PER_TASK = 500  # an event table's rows made by one task at least (see write_event_tables)
# Dask settings of a local cluster: no statistical profiling of the tasks (it samples every 10 ms), and
# the event loops' health, load balancing and memory checked every second or two rather than 10 to 50
# times a second: the processes' own upkeep drops from about 1.5% of a core each to about 0.5%.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
    # no stealing: a round's tasks are even, and a partition moved to another worker costs more than
    # Dask reckons (its people scans are made again there)
    "distributed.scheduler.work-stealing": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


# What the client runs between and after the workers' rounds (the merges, the tables, the GeoJSON
# writer), imported while the workers read: an import later would hold up a round or the end.
CLIENT_MODULES = ("geomap.events.people", "geomap.events.crossings", "geomap.events.visits",
                  "geomap.events.traffic", "geomap.events.occasion_dates", "geomap.long_documents",
                  "geomap.tables", "geomap.naturalearth", "geomap.export.geojson", "shapely")  # fmt: skip


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


@fewer_collections()
def _on_worker(fn: Callable[..., Any], kept: Group | Partition, *args: Any) -> Any:
    """fn(group, the worker's gazetteer, *args): a round's work on one partition."""
    from geomap.gazetteer import load_gazetteer

    args = tuple(a.value if isinstance(a, Packed) else a for a in args)
    return fn(kept.group if isinstance(kept, Partition) else kept, load_gazetteer(), *args)


ROUND_NAMES = {"group_names": "more people named", "group_read": "crossings, visits and traffic figures",
               "group_figures": "traffic figures placed on merged crossings"}
REPORT_EVERY = 5.0  # seconds between progress lines in a long round


@dataclass
class AfterRead:
    """What round 3 (group_read) leaves for the step after the merge: per partition, a future of the
    title-line sources its reading found that move to the body (_read_moves, run at low priority while
    the client merges), and the reads themselves."""

    moves: list[Any] = field(default_factory=list)
    reads: list[Any] = field(default_factory=list)


def cluster_round(client: Any, progress: Callable[[str], None] | None = None, docs: int = 0,
                  after_read: AfterRead | None = None) -> Callable[..., list[Any]]:
    """A RunRound for extract_in_rounds that runs each group's work where the group is kept, telling
    progress how far each round is (partitions done, documents per second, time left); after_read gets
    round 3's follow-up (AfterRead)."""

    def run_round(fn: Callable[..., Any], groups: Sequence[Any], _gazetteer: Any, *args: Any,
                  each: Sequence[tuple[Any, ...]] | None = None) -> list[Any]:
        shared = [client.scatter([a], broadcast=True, hash=False)[0] for a in args]  # once to every worker
        own = each if each is not None else [()] * len(groups)  # arguments of one group's task
        futures = [client.submit(_on_worker, fn, g, *shared, *map(Packed, own[k]), pure=False, **where)
                   for k, (g, where) in enumerate(zip(groups, keepers(client, groups), strict=True))]
        reading = after_read is not None and fn.__name__ == "group_read"
        if reading:
            after_read.moves += [client.submit(_read_moves, g, f, pure=False, priority=-1)
                                 for g, f in zip(groups, futures, strict=True)]  # fmt: skip
        some = fn.__name__ == "group_figures"  # a few partitions: no rate over the whole corpus
        out = gather_as_done(client, futures, ROUND_NAMES.get(fn.__name__, fn.__name__), progress,
                             0 if some else docs)  # fmt: skip
        if reading:
            after_read.reads = out
        return out

    return run_round


def keepers(client: Any, partitions: Sequence[Any]) -> list[dict[str, Any]]:
    """For each partition (a future), where a task on it should run: on the worker that keeps it, or
    elsewhere only when that worker is gone. Every worker holds a round's shared arguments, so without
    this Dask would weigh all of them alike and move partitions to even out the queues, each move
    costing the people scans made again there."""
    held = client.who_has(list(partitions))
    return [{"workers": list(held[p.key]), "allow_other_workers": True} if held.get(p.key) else {}
            for p in partitions]


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
    once when all are done; fetch() each time some are done, to take the results done so far. Woken by
    each future as it ends, so a round's end is seen at once, not at the next look."""
    import threading

    started = last = time.perf_counter()
    total = len(futures)
    ended = threading.Event()
    for f in futures:
        f.add_done_callback(lambda _: ended.set())
    while True:
        ended.clear()  # before counting: a future that ends from here on sets it again
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
        ended.wait(max(0.0, last + REPORT_EVERY - time.perf_counter()) if progress is not None else None)


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

    def __sizeof__(self) -> int:
        """About the memory it holds (what Dask's sizeof reads): Dask then weighs moving a partition to
        another worker at its cost (there its people scans are made again) and sends each round's task
        to the worker that keeps it, instead of moving partitions it took for 56 bytes."""
        mentions = sum(len(found) for found in self.group.mentions.values())
        return sum(len(d.text) for d in self.documents) * BYTES_PER_CHAR + mentions * BYTES_PER_MENTION


Load = tuple[list[Document], list[BadRecord]]  # documents the client read, and rows that hold none


@fewer_collections()
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


@fewer_collections()
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


def read_sources(read: Any) -> Iterator[Provenance]:
    """Every source of what round 3 read in a partition (geomap.events.rounds.Read): its crossing
    sightings', visit reports' and traffic figures' (a source may come more than once)."""
    for found in (read.sightings, read.reports, *read.figures.values()):
        for event in found:
            yield from event.sources


@fewer_collections()
def _read_moves(partition: Partition, read: Any) -> dict[Provenance, Provenance]:
    """_moved_sources for every source round 3 read in the partition, before the merge: a source's body
    sentence depends on the source alone, so the merged events' sources are looked up in it (sources of
    a long document's parts are on their part, not the document: left to the step after the merge)."""
    ids = {d.id for d in partition.documents}
    sources = dict.fromkeys(p for p in read_sources(read) if p.doc_id in ids)
    return _moved_sources(partition, Packed(list(sources)))


@fewer_collections()
def places_of(partition: Partition) -> Table:
    """The partition's rows of the places table (its documents are consecutive in the corpus, so the
    partitions' rows one after the other are the table's rows)."""
    from geomap.long_documents import join_mentions
    from geomap.tables import places_rows

    return places_rows(partition.originals, join_mentions(partition.group.mentions, partition.part_of))


@fewer_collections()
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


@fewer_collections()
def _rows(kind: str, packed: Packed, ids: list[str]) -> Table:
    """A run of an event table's rows (packed: its events, in row order; ids: their rows' ids)."""
    from geomap.tables import rows_in_order

    return rows_in_order(kind, packed.value, ids)


def write_event_tables(client: Any, events: Any, folder: Path,
                       progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """The visits, crossings and traffic tables large enough for parts, written in folder as GeoParquet
    parts by the workers from runs of rows they make (the client only orders the events and numbers
    repeated ids); the others are for the caller to write from their rows. Returns the tables written,
    by name. (GeoJSON is made on the client: sending the events out and the text back cost more than
    making it, on 2 workers.)"""
    from geomap.export.parts import needs_parts
    from geomap.tables import in_row_order

    workers = len(client.scheduler_info().get("workers", {})) or 1
    written: dict[str, Path] = {}
    for kind in ("visits", "crossings", "traffic"):
        if not needs_parts(len(getattr(events, kind))):
            continue  # written by the caller: not put in order twice
        items, ids = in_row_order(kind, getattr(events, kind))
        size = max(ROWS_PER_TASK, -(-len(items) // (PER_WORKER * workers)))
        starts = list(range(0, len(items), size))
        runs = [client.submit(_rows, kind, Packed(items[a:a + size]), ids[a:a + size], pure=False)
                for a in starts]  # fmt: skip
        path = folder / f"{kind}.parquet"
        write_parts_by_workers(client, kind, runs, starts, len(items), path, progress)
        written[kind] = path
    return written


def _sources_by_partition(events: Any, partition_of: dict[str, int], n: int,
                          looked_up: set[Provenance] | frozenset[Provenance] = frozenset()
                          ) -> list[list[Provenance]]:
    """Every event's sources (once each) not in looked_up, by the partition that holds their document."""
    out: list[list[Provenance]] = [[] for _ in range(n)]
    seen: set[Provenance] = set(looked_up)
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


@contextmanager
def fewer_collections_on_workers(client: Any) -> Iterator[None]:
    """Every worker collects less often for the whole run, between its tasks too (geomap.heap): a worker
    keeps its partitions from round to round, and with the default thresholds its collector ran a tenth
    of its time (hundreds of collections while it sent and received, full ones over all it holds)."""
    client.run(hold_fewer_collections)
    try:
        yield
    finally:
        try:
            client.run(release_fewer_collections)
        except Exception:  # noqa: BLE001 - a worker gone or a cluster closing: nothing left to restore
            pass


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
    system); GeoJSON is made by the workers, partition by partition, and written here by a thread as it
    comes, while the rounds run (PlacesWriter)."""
    with fewer_collections_on_workers(client):
        return _run(paths, client, columns, progress, places_file)


def _run(paths: list[Any], client: Any, columns: Columns | None, progress: Callable[[str], None] | None,
         places_file: Path | None) -> ClusterRun:
    from geomap.corpus import check_corpus, skip_row
    from geomap.export.parts import needs_parts

    workers = len(client.scheduler_info().get("workers", {})) or 1
    kept = [client.submit(read_partition, source, pure=False) for source in _sources(paths, columns, workers)]
    geojson = places_file is not None and places_file.suffix == ".geojson"
    # made in the gaps between the rounds (their tasks go first), kept on the workers until written
    texts = [client.submit(places_geojson, k, pure=False, priority=-1) for k in kept] if geojson else []
    asked = [client.submit(_summary, k, pure=False) for k in kept]
    for module in CLIENT_MODULES:  # while the workers read
        importlib.import_module(module)
    summaries = gather_as_done(client, asked, "read, places and people found", progress, 0)
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
    writer = PlacesWriter(texts, places_file) if geojson and places_file is not None else None
    del texts
    try:
        events = _events(client, kept, docs, names, starts, partition_of, part_of, progress)
    except BaseException:
        if writer is not None:
            writer.finish(keep=False)  # the old file stays
        raise
    places = Table("places", [], [])
    if writer is not None and writer.finish(keep=True):
        return ClusterRun(docs, places, events, rows, places_file)
    places_rows = [client.submit(places_of, k, pure=False) for k in kept]
    if places_file is not None and places_file.suffix == ".parquet" and needs_parts(rows):
        write_parts_by_workers(client, "places", places_rows, row_starts, rows, places_file, progress)
        return ClusterRun(docs, places, events, rows, places_file)
    for part in client.gather(places_rows):
        places.rows += part.rows
        places.points += part.points
    return ClusterRun(docs, places, events, rows)


def _events(client: Any, kept: list[Any], docs: list[Document], names: list[Names], starts: list[int],
            partition_of: dict[str, int], part_of: dict[str, Part],
            progress: Callable[[str], None] | None) -> Any:
    """The rounds on the partitions (kept: futures of each Partition; names and starts: round 1's names
    and first document rank of each), merged, with title-line sources moved to the body."""
    from geomap.events.rounds import extract_in_rounds
    from geomap.long_documents import join_events

    after = AfterRead()
    found = extract_in_rounds(kept, None, cluster_round(client, progress, len(docs), after), names=names,
                              ranks=starts)  # fmt: skip
    events = join_events(found, part_of)
    # the sources whose body sentence the workers looked up as they read; the others (of round 4's
    # figures, or on a long document's parts) are looked up now
    looked_up = {p for read in after.reads for p in read_sources(read) if p.doc_id not in part_of}
    after.reads.clear()
    rest = _sources_by_partition(events, partition_of, len(kept), looked_up)
    asks = [client.submit(_moved_sources, k, Packed(sources), pure=False)
            for k, sources in zip(kept, rest, strict=True) if sources]  # fmt: skip
    moved: dict[Provenance, Provenance] = {}
    for found_here in client.gather(after.moves + asks):
        moved.update(found_here)
    _move_sources(events, moved)
    return events


def write_parts_by_workers(client: Any, kind: str, rows: list[Any], starts: list[int], total: int, path: Path,
                           progress: Callable[[str], None] | None) -> None:
    """A `kind` table as GeoParquet parts at path, each written by a worker from the rows where they are
    (rows: futures of Tables of consecutive rows, starts: the table row each begins at)."""
    from geomap.export.parts import part_bounds, parts_folder, pieces_of, write_part

    path.parent.mkdir(parents=True, exist_ok=True)
    with parts_folder(path) as tmp:
        writes = [client.submit(write_part, str(tmp), k, kind, pieces_of(b, starts, rows), pure=False)
                  for k, b in enumerate(part_bounds(total))]  # fmt: skip
        if progress:
            watch(writes, f"{kind} table ({total:,} rows) written by the workers", progress, 0, "parts")
        try:
            written = sum(client.gather(writes))
        except GeomapError as err:
            raise GeomapError(f"{err} (the workers write the parts: the output folder must be one they "
                              "can reach, as on a shared file system)") from None
        if written != total:
            raise GeomapError(f"{path}: {written} rows written of {total}")


class PlacesWriter:
    """The places table as GeoJSON at path, from the features the workers make (texts: futures of
    places_geojson, in table order), written by a thread of its own as they come, while the rounds run,
    into a temporary file beside path. finish(keep=True) waits for it and puts it in place; finish(keep=
    False), when the run failed, removes it. Not written (finish says False) when some partition's rows
    need GDAL: the caller then writes the table from its rows."""

    def __init__(self, texts: list[Any], path: Path) -> None:
        import threading

        self._texts, self._path = texts, path
        self._decided, self._keep = threading.Event(), False
        self._outcome: list[bool | BaseException] = []
        self._thread = threading.Thread(target=self._run, name="geomap places writer", daemon=True)
        self._thread.start()

    def finish(self, keep: bool) -> bool:
        """Whether the table was written at path (keep: the run went through, so it may replace the old
        one); raises what stopped the writing."""
        self._keep = keep
        self._decided.set()
        if not keep:  # a feature still awaited would hold the thread
            for future in self._texts:
                future.cancel()
        self._thread.join()
        self._texts = []
        if isinstance(self._outcome[0], BaseException):
            raise self._outcome[0]
        return self._outcome[0]

    def _run(self) -> None:
        try:
            self._outcome.append(self._write())
        except BaseException as err:  # handed to finish, in the thread that runs the extraction
            self._outcome.append(err)

    def _write(self) -> bool:
        from geomap.export import atomic_path
        from geomap.export.geojson import geojson_pieces

        head, end = geojson_pieces("places", {}, [])  # type: ignore[misc]
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(self._path) as tmp:
                with tmp.open("w", encoding="utf-8", newline="") as f:
                    f.write(head)
                    first = True
                    for future in self._texts:
                        text = future.result()
                        if text is None:
                            raise _NeedsRows
                        if text:
                            f.write(text if first else ",\n" + text)
                            first = False
                        future.release()
                    f.write(end)
                self._decided.wait()
                if not self._keep:
                    raise _NeedsRows  # the run failed: the old file stays
        except _NeedsRows:
            return False
        except OSError as err:
            raise GeomapError(f"{self._path}: cannot write: {err.strerror or err}") from None
        return True


class _NeedsRows(Exception):
    """A partition's places need GDAL: the table is written from its rows instead."""
