"""`geomap geocode`: show the gazetteer's candidates for a name, with scores and reasons."""

from __future__ import annotations

import click

from geomap.cli.options import Progress, quiet_option


@click.command()
@click.argument("name")
@click.option("--near", help="A place name; candidates close to it score higher.")
@click.option("--country", help="Keep only candidates in this ISO country code (CN, RU...).")
@click.option("--limit", default=10, show_default=True, help="How many candidates to show.")
@quiet_option
def geocode(name: str, near: str | None, country: str | None, limit: int, quiet: bool) -> None:
    """Print ranked candidates for NAME (any script or spelling)."""
    from geomap.errors import GeomapError
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import rank_candidates

    Progress(quiet)  # a first run's gazetteer compile is announced on stderr
    gaz = load_gazetteer()
    near_place = None
    if near:
        found = rank_candidates(near, gaz)
        if not found:
            raise GeomapError(f"--near {near!r}: no such place in the gazetteer")
        near_place = found[0][0]
    ranked = rank_candidates(name, gaz, near=near_place, country=country)
    if not ranked:
        raise GeomapError(f"{name!r}: no place of that name in the gazetteer")
    for place, score, why in ranked[:limit]:
        click.echo(f"{score:5.3f}  {place.id:<40} {place.name} ({place.kind}, {place.country or '-'}) "
                   f"{place.lat:.4f},{place.lon:.4f}  {why}")
