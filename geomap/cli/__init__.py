"""The `geomap` command: a thin click group; each command lives in its own module."""

from __future__ import annotations

import click

from geomap import __version__
from geomap.cli.build import build
from geomap.cli.extract import extract
from geomap.cli.geocode import geocode


class _Group(click.Group):
    """Turns the project's GeomapError into a one-line message and exit status 1."""

    def invoke(self, ctx: click.Context):
        from geomap.errors import GeomapError

        try:
            return super().invoke(ctx)
        except GeomapError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="geomap")
def cli() -> None:
    """Map visits, border crossings and reported traffic from news articles, offline."""


cli.add_command(build)
cli.add_command(extract)
cli.add_command(geocode)


def main() -> None:
    """Console-script entry point."""
    cli()


if __name__ == "__main__":
    main()
