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
from typing import Any

from geomap.errors import GeomapError
from geomap.events.rounds import Group
from geomap.long_documents import Part
from geomap.model import Document, Mention, Provenance
from geomap.record_slices import read_slice
from geomap.records import BadRecord, Columns

PARTITION_DOCS = 50  # documents per partition at most: enough work per task to hide the scheduler's overhead
CONNECT_SECONDS = 10
MIN_SLICE_BYTES = 8 * 1024  # records are cut in slices of at least this much


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
    with LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:  # fmt: skip
        with Client(cluster, set_as_default=False) as client:
            yield client


def _on_worker(fn: Callable[..., Any], kept: Group | Partition, *args: Any) -> Any:
    """fn(group, the worker's gazetteer, *args): a round's work on one partition."""
    from geomap.gazetteer import load_gazetteer

    return fn(kept.group if isinstance(kept, Partition) else kept, load_gazetteer(), *args)


ROUND_NAMES = {"group_names": "people named", "group_read": "crossings and visits",
               "group_figures": "traffic figures"}
REPORT_EVERY = 5.0  # seconds between progress lines in a long round


def cluster_round(client: Any, progress: Callable[[str], None] | None = None,
                  docs: int = 0) -> Callable[..., list[Any]]:
    """A RunRound for extract_in_rounds that runs each group's work where the group is kept, telling
    progress how far each round is (partitions done, documents per second, time left)."""

    def run_round(fn: Callable[..., Any], groups: Sequence[Any], _gazetteer: Any, *args: Any) -> list[Any]:
        shared = [client.scatter([a], broadcast=True, hash=False)[0] for a in args]  # once to every worker
        futures = [client.submit(_on_worker, fn, g, *shared, pure=False) for g in groups]
        if progress is not None:
            what = "more people named" if fn.__name__ == "group_names" and args else ROUND_NAMES.get(
                fn.__name__, fn.__name__)
            watch(futures, what, progress, docs)
        return client.gather(futures)

    return run_round


def watch(futures: Sequence[Any], what: str, progress: Callable[[str], None], docs: int) -> None:
    """Progress lines while futures run: every REPORT_EVERY seconds, then once when all are done."""
    started = last = time.perf_counter()
    total = len(futures)
    while True:
        done = sum(f.done() for f in futures)
        now = time.perf_counter()
        if done == total or now - last >= REPORT_EVERY:
            share = done / total if total else 1.0
            rate = f", {docs * share / (now - started):.0f} docs/s" if docs and now > started and done else ""
            left = f", about {(now - started) * (1 - share) / share:.0f} s left" if 0 < share < 1 else ""
            progress(f"{what}: {done}/{total} partitions{rate}{left}")
            last = now
        if done == total:
            return
        time.sleep(0.1)


def partition_size(n_docs: int, workers: int) -> int:
    """Documents per partition: PARTITION_DOCS, or fewer so that every worker gets several partitions."""
    return max(1, min(PARTITION_DOCS, -(-n_docs // (4 * workers))))


@dataclass
class Partition:
    """A partition as a worker keeps it: the parts of its documents (long ones cut) with their place
    mentions, and what the client needs to know of it."""

    group: Group
    originals: list[Document]  # the documents read, without their text (the client does not hold it)
    part_of: dict[str, Part]  # the parts of its long documents (their Part.doc without text)
    bad: list[BadRecord]  # rows that hold no article
    documents: list[Document]  # the documents read, whole (kept here for the evidence step)


def read_partition(load: tuple[list[Document], list[BadRecord]]) -> Partition:
    """A partition's documents, cut where long, geoparsed (runs on a worker)."""
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import mentions_by_doc
    from geomap.long_documents import split_documents

    docs, bad = load
    parts, part_of = split_documents(docs)
    stubs = {d.id: replace(d, text="") for d in docs}
    return Partition(Group(parts, mentions_by_doc(parts, load_gazetteer()), 0), list(stubs.values()),
                     {k: replace(v, doc=stubs[v.doc.id]) for k, v in part_of.items()}, bad,
                     docs)  # fmt: skip


def _summary(partition: Partition) -> tuple[int, list[Document], dict[str, Part], list[BadRecord]]:
    return len(partition.group.docs), partition.originals, partition.part_of, partition.bad


def _ranked(partition: Partition, first_rank: int) -> Partition:
    return replace(partition, group=replace(partition.group, first_rank=first_rank))


def _mentions(partition: Partition) -> dict[str, list[Mention]]:
    return partition.group.mentions


def _moved_sources(partition: Partition, sources: list[Provenance]) -> dict[Provenance, Provenance]:
    """Sources quoting a title line of one of the partition's documents, each with the body sentence
    that stands for it (geomap.events.evidence, as the in-process run applies it)."""
    from geomap.events.evidence import from_body, title_spans

    by_id = {d.id: d for d in partition.documents}
    titles = {doc_id: title_spans(d) for doc_id, d in by_id.items()}
    moved = {}
    for p in sources:
        if titles.get(p.doc_id):
            (q,) = from_body(by_id[p.doc_id], [p], titles[p.doc_id])
            if q != p:
                moved[p] = q
    return moved


def _evidence_from_body(events: Any, kept: list[Any], docs_of: list[set[str]], client: Any) -> None:
    """Every event's sources that quote a title line moved to the body sentence, by the workers that
    hold the documents."""
    kinds = (events.visits, events.crossings, events.traffic)
    sources = {p for kind in kinds for event in kind for p in event.sources}
    asks = [client.submit(_moved_sources, k, [p for p in sources if p.doc_id in ids], pure=False)
            for k, ids in zip(kept, docs_of, strict=True)]  # fmt: skip
    moved: dict[Provenance, Provenance] = {}
    for found in client.gather(asks):
        moved.update(found)
    if moved:
        for kind in kinds:
            for event in kind:
                event.sources = [moved.get(p, p) for p in event.sources]


def _given(load: tuple[list[Document], list[BadRecord]]) -> tuple[list[Document], list[BadRecord]]:
    """Documents the client read, as a task's result (they travel in the task, so a lost worker's
    copy is made again)."""
    return load


def _loads(paths: list[Any], client: Any, columns: Columns | None, workers: int) -> list[Any]:
    """Futures of (documents, bad rows) for each partition: records files that can be cut are read by
    the workers, slice by slice; other files by the client, in partitions of documents."""
    from geomap.corpus import read_source, sources
    from geomap.record_slices import slices_of
    from geomap.records import is_records

    found = sources(paths)
    records = [f for f, _ in found if is_records(f)]
    total = sum(f.stat().st_size for f in records if f.is_file())
    target = max(MIN_SLICE_BYTES, min(1 << 20, total // (4 * workers) or 1))
    size = partition_size(len(found) - len(records), workers)
    loads: list[Any] = []
    batch: list[Document] = []

    def flush() -> None:
        if batch:
            loads.append(client.submit(_given, (list(batch), []), pure=False))
            batch.clear()

    for source, named in found:
        pieces = slices_of(source, columns or Columns(), target) if is_records(source) else None
        if pieces is None:
            batch.extend(read_source(source, named, columns))
            if len(batch) >= size:
                flush()
            continue
        flush()
        loads += [client.submit(read_slice, piece, pure=False) for piece in pieces]
    flush()
    return loads


def run_on_cluster(paths: list[Any], client: Any, columns: Columns | None = None,
                   progress: Callable[[str], None] | None = None) -> tuple[list[Document], dict, Any]:
    """The documents read (without their text), their place mentions and their events, extracted on
    the cluster: workers read records files themselves, so the corpus is never held in one place."""
    from geomap.corpus import check_corpus, skip_row
    from geomap.events.rounds import extract_in_rounds
    from geomap.long_documents import join_events, join_mentions

    workers = len(client.scheduler_info().get("workers", {})) or 1
    loads = _loads(paths, client, columns, workers)
    kept = [client.submit(read_partition, load, pure=False) for load in loads]
    if progress:
        watch(kept, "read and places found", progress, 0)
    docs: list[Document] = []
    part_of: dict[str, Part] = {}
    docs_of: list[set[str]] = []  # the ids of each partition's documents
    starts, n = [], 0
    for count, originals, parts, bad in client.gather([client.submit(_summary, k, pure=False) for k in kept]):
        for row in bad:
            skip_row(row)
        starts.append(n)
        n += count
        docs += originals
        docs_of.append({d.id for d in originals})
        part_of.update(parts)
    check_corpus(docs, paths)
    if progress:
        progress(f"{len(docs)} documents in {len(kept)} partitions on {workers} workers")
    ranked = [client.submit(_ranked, k, start, pure=False) for k, start in zip(kept, starts, strict=True)]
    found = extract_in_rounds(ranked, None, cluster_round(client, progress, len(docs)))
    mentions: dict[str, list[Mention]] = {}
    for part in client.gather([client.submit(_mentions, k, pure=False) for k in ranked]):
        mentions.update(part)
    events = join_events(found, part_of)
    _evidence_from_body(events, ranked, docs_of, client)
    return docs, join_mentions(mentions, part_of), events
