"""Options and helpers shared by the commands."""

from __future__ import annotations

import logging
import sys
import time

import click

quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
paths_argument = click.argument("paths", nargs=-1, metavar="[PATHS]...")


class Progress:
    """Prints timed progress lines on stderr for long work, unless quiet: its own, and what the 'geomap'
    logger announces (a first run's downloads and gazetteer compile, geomap.cache.first_run)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.started = time.perf_counter()
        _route_logs(None if quiet else self)

    def __call__(self, message: str) -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:5.1f}s] {message}", file=sys.stderr, flush=True)

    def summary(self, message: str) -> None:
        """The one line printed at the end (on stdout, so scripts can capture it)."""
        if not self.quiet:
            click.echo(message)


class _ProgressLines(logging.Handler):
    """The 'geomap' logger's messages as progress lines."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        self.progress(record.getMessage())


def _route_logs(progress: Progress | None) -> None:
    """Send the 'geomap' logger's info lines to this command's progress (none when quiet: then only its
    warnings reach stderr, through Python's last-resort handler)."""
    logger = logging.getLogger("geomap")
    for handler in [h for h in logger.handlers if isinstance(h, _ProgressLines)]:
        logger.removeHandler(handler)  # an earlier command's, in the same process (tests, notebooks)
    if progress is not None:
        logger.addHandler(_ProgressLines(progress))
        logger.setLevel(logging.INFO)
    else:
        logger.setLevel(logging.NOTSET)


COLUMN_KEYS = ("text", "date", "title", "id", "url")


def corpus_options(command):
    """--columns (records files' column names) and --engine/--scheduler/--workers (where to extract)."""
    options = [
        click.option("--columns", default=None, metavar="KEY=NAME,...",
                     help="Column names in JSON Lines, CSV or Parquet corpora, e.g. "
                          f"'text=body,date=published' (keys: {', '.join(COLUMN_KEYS)}; "
                          "defaults: the keys themselves)."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
                     help="local: this process (the default); dask: a Dask cluster (--scheduler or "
                          "--workers)."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="A running Dask scheduler to extract on (tcp://host:8786); implies --engine "
                          "dask."),
        click.option("--workers", type=click.IntRange(1, 512), default=None,
                     help="Worker processes of a local Dask cluster; implies --engine dask."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def parse_columns(text: str | None):
    """'text=body,date=published' as geomap.records.Columns; a one-line error for anything else."""
    from geomap.errors import GeomapError
    from geomap.records import Columns

    if not text:
        return None
    given: dict[str, str] = {}
    for item in text.split(","):
        key, sep, name = (part.strip() for part in item.partition("="))
        if not sep or key not in COLUMN_KEYS or not name:
            raise GeomapError(f"--columns {text!r}: expected KEY=NAME pairs separated by commas, "
                              f"KEY one of {', '.join(COLUMN_KEYS)} (at {item.strip()!r})")  # fmt: skip
        given[key] = name
    return Columns(**given)


def engine_client(engine: str | None, scheduler: str | None, workers: int | None):
    """A context giving the Dask client to extract on, or None for this process."""
    from contextlib import nullcontext

    from geomap.errors import GeomapError

    if engine == "local" and (scheduler or workers):
        raise GeomapError("--engine local runs in this process: leave out --scheduler and --workers")
    if scheduler and workers:
        raise GeomapError("--scheduler uses that cluster's workers: leave out --workers")
    if engine != "dask" and not scheduler and not workers:
        return nullcontext(None)
    from geomap.cluster import cluster_client

    return cluster_client(scheduler=scheduler, workers=workers)
