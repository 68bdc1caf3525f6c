"""The `geomap` command: a thin click group; each command lives in its own module."""

from __future__ import annotations

import signal
import sys
import warnings

import click

from geomap import __version__
from geomap.cli.build import build
from geomap.cli.extract import extract
from geomap.cli.geocode import geocode
from geomap.cli.layers import layers


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """geomap's warnings as one line each on stderr ('geomap: warning: ...'); others as Python shows them."""
    label = getattr(category, "geomap_label", None)
    if label:
        from geomap.errors import printable

        click.echo(f"geomap: {label}: {printable(str(message))}", err=True)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


_python_showwarning = warnings.showwarning


class _Group(click.Group):
    """Turns the project's GeomapError into one-line messages and exit status 1; prints its warnings."""

    def invoke(self, ctx: click.Context):
        from geomap.errors import GeomapError, printable

        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            try:
                return super().invoke(ctx)
            except GeomapError as exc:
                lines = [printable(line) for line in str(exc).splitlines()] or [""]
                for problem in lines[:-1]:  # several problems: one "Error:" line each
                    click.echo(f"Error: {problem}", err=True)
                raise click.ClickException(lines[-1]) from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="geomap")
def cli() -> None:
    """Map visits, border crossings and reported traffic from news articles, offline."""


cli.add_command(build)
cli.add_command(extract)
cli.add_command(geocode)
cli.add_command(layers)


def exit_on_sigterm() -> None:
    """SIGTERM (a killed job, a stopped container) ends the run as Ctrl-C does: through the cleanup
    that removes half-written temporary files, with status 143."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main() -> None:
    """Console-script entry point."""
    exit_on_sigterm()
    cli()


if __name__ == "__main__":
    main()
