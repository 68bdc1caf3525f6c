"""The extraction on a Dask cluster: documents in partitions, each geoparsed on a worker and kept there,
then the rounds of geomap.events.rounds run partition by partition with their merges here, so the
result is the one the same documents give in one process, row for row.

Each worker loads the memory-mapped gazetteer once (per process) and reuses it. A partition's
documents are the arguments of the task that geoparses them, so when a worker dies the scheduler
runs that task again elsewhere and nothing is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from geomap.errors import GeomapError
from geomap.events.rounds import Group
from geomap.model import Document, Mention

PARTITION_DOCS = 50  # documents per partition at most: enough work per task to hide the scheduler's overhead
CONNECT_SECONDS = 10


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


def geoparsed_group(docs: list[Document], first_rank: int) -> Group:
    """A partition's documents with their place mentions (runs on a worker)."""
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import mentions_by_doc

    return Group(docs, mentions_by_doc(docs, load_gazetteer()), first_rank)


def _on_worker(fn: Callable[..., Any], group: Group, *args: Any) -> Any:
    """fn(group, the worker's gazetteer, *args): a round's work on one partition."""
    from geomap.gazetteer import load_gazetteer

    return fn(group, load_gazetteer(), *args)


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


def partitions(docs: Sequence[Document], size: int = PARTITION_DOCS) -> list[tuple[list[Document], int]]:
    """The documents in order, cut into partitions of up to size, each with its first document's rank."""
    return [(list(docs[i:i + size]), i) for i in range(0, len(docs), max(1, size))]


def extract_on_cluster(docs: list[Document], client: Any, *, size: int | None = None,
                       progress: Callable[[str], None] | None = None) -> tuple[dict[str, list[Mention]], Any]:
    """Mentions by document and the events of documents, computed on the cluster behind client."""
    from geomap.events.rounds import extract_in_rounds

    workers = len(client.scheduler_info().get("workers", {})) or 1
    parts = partitions(docs, size or partition_size(len(docs), workers))
    groups = [client.submit(geoparsed_group, part, rank, pure=False) for part, rank in parts]
    if progress:
        progress(f"{len(docs)} documents in {len(parts)} partitions on {workers} workers")
    if progress:
        watch(groups, "places found", progress, len(docs))
    events = extract_in_rounds(groups, None, cluster_round(client, progress, len(docs)))
    mentions: dict[str, list[Mention]] = {}
    for group in client.gather(groups):
        mentions.update(group.mentions)
    return mentions, events
