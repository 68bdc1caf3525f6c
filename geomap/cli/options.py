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
