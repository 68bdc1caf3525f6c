"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
import time

import click

quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
paths_argument = click.argument("paths", nargs=-1, metavar="[PATHS]...")


class Progress:
    """Prints timed progress lines on stderr for long work, unless quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:5.1f}s] {message}", file=sys.stderr, flush=True)

    def summary(self, message: str) -> None:
        """The one line printed at the end (on stdout, so scripts can capture it)."""
        if not self.quiet:
            click.echo(message)
