"""Tables written without GDAL are the very bytes GDAL's GeoJSON driver writes for them."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest
from test_tables import DOC, EAST, WEST, events

from geomap import tables
from geomap.export import write_geojson, write_table
from geomap.export.geojson import coordinate, geojson_pieces, geojson_text, real
from geomap.model import Candidate, Mention, Place, Visit


def gdal_bytes(table: tables.Table, path: Path) -> bytes:
    """What GDAL writes for the table's frame, its layer named after the file as geomap names it
    (GDAL names it after the temporary file it writes first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_geojson(table.frame(), path)
    lines = path.read_bytes().split(b"\n")
    assert lines[2].startswith(b'"name": ')
    lines[2] = b'"name": "' + path.stem.encode() + b'",'
    return b"\n".join(lines)


def odd_numbers(n: int) -> list[float]:
    """Numbers GDAL rounds in its own ways: long fractions, runs of 0s and 9s, huge and tiny ones."""
    rng = random.Random(8)
    out = [0.0, -0.0, 0.1 + 0.2, 1 / 3, 1e-7, 1e16, 1e300, 5e-324, 12345.000000011, 99.99999999999999,
           -9.9999999999996, 179.99999999999997, 1e50, -1.1e50, 2.5e-5, 5300.0]
    while len(out) < n:
        base = round(rng.uniform(-1, 1) * 10 ** rng.randint(0, 7), rng.randint(0, 9))
        for _ in range(rng.randint(0, 30)):
            base = math.nextafter(base, rng.choice([math.inf, -math.inf]))
        out.append(base)
    return out


def test_extracted_tables_are_written_as_gdal_writes_them(tmp_path: Path) -> None:
    visits, crossings, traffic = events()
    place = Place("geonames:9", 'Odd "quoted" [place]', "city", 50.123456789012345, 127.1, "CN", 10)
    mention = Mention(DOC.id, 0, 8, "Eastford", 'A sentence with "quotes", a tab\tand [brackets].', 0,
                      place, 0.1 + 0.2, (Candidate("geonames:9", 1 / 3), Candidate("geonames:1", 1e-7)))
    built = {
        "places": tables.places_rows([DOC], {DOC.id: [mention]}),
        "visits": tables.visits_rows([*visits, Visit("Ana Ruiz", EAST, "2024-05-03", "2024-05-03",
                                                     "", "", 0.5, visits[0].sources, planned=True,
                                                     companions=["Bo [aide]"])]),
        "crossings": tables.crossings_rows(crossings),
        "traffic": tables.traffic_rows(traffic),
    }
    for name, table in built.items():
        ours = tmp_path / "ours" / f"{name}.geojson"
        ours.parent.mkdir(exist_ok=True)
        write_table(table, ours)
        assert ours.read_bytes() == gdal_bytes(table, tmp_path / "gdal" / f"{name}.geojson"), name


def test_numbers_and_coordinates_are_formatted_as_gdal_formats_them(tmp_path: Path) -> None:
    numbers = odd_numbers(3000)
    lats = [(v % 180) - 90 for v in reversed(numbers)]
    points = [(lon, lat) for lon, lat in zip(numbers, lats, strict=True)]
    rows = [{"confidence": v, "doc": "", "text": "", "candidates": "[]"} for v in numbers]
    table = tables.Table("places", rows, points)
    ours = tmp_path / "ours" / "places.geojson"
    ours.parent.mkdir()
    write_table(table, ours)
    assert ours.read_bytes() == gdal_bytes(table, tmp_path / "gdal" / "places.geojson")


def test_text_that_only_looks_like_json_is_left_to_gdal() -> None:
    columns = {"text": ["[not json]"]}
    assert geojson_text("t", columns, [None]) is None
    assert geojson_text("t", {"text": ['["a", 1]']}, [None]) is not None
    assert geojson_text("t", {"n": [math.inf]}, [None]) is None


def test_json_columns_are_written_as_json_values() -> None:
    text = geojson_text("t", {"sources": [json.dumps([{"doc": "a [b]", "n": 1.5}, []], ensure_ascii=False)]},
                        [(1.0, 2.0)], json_columns={"sources"})
    assert text is not None and '"sources": [ { "doc": "a [b]", "n": 1.5 }, [ ] ]' in text


@pytest.mark.parametrize(("value", "text"), [(0.30000000000000004, "0.3"), (1e16, "10000000000000000.0"),
                                             (-0.0, "-0.0"), (5300.0, "5300.0")])
def test_number_properties_drop_rounding_noise(value: float, text: str) -> None:
    assert real(value) == text


def test_coordinates_keep_fifteen_decimals_at_most() -> None:
    assert coordinate(127.5) == "127.5" and coordinate(1 / 3) == "0.333333333333333"
    assert coordinate(WEST.lat) == "50.3"


@pytest.mark.parametrize("rows_per_piece", [1, 2, 3, 1000])
def test_a_table_written_in_pieces_is_the_same_text(rows_per_piece):
    columns = {"name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"], "n": [1, 2, 3, 4, 5]}
    points = [(10.0 + i, 50.0 - i) for i in range(5)]
    pieces = list(geojson_pieces("t", columns, points, rows_per_piece=rows_per_piece))
    assert "".join(pieces) == geojson_text("t", columns, points)
    assert len(pieces) == 2 + -(-5 // rows_per_piece)  # head, one piece per few rows, tail
    assert json.loads("".join(pieces))["features"][4]["properties"] == {"name": "Epsilon", "n": 5}
