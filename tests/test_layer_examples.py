"""The worked examples in layers/examples validate, read as documented, and build into one map."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from geomap.cli import cli
from geomap.layers import Context, load_spec, read_source

EXAMPLES = Path(__file__).resolve().parents[1] / "layers" / "examples"
FOLDERS = ["crossings_by_mode", "crossing_trucks", "rail_links"]
CURATED = Path(__file__).resolve().parents[1] / "geomap" / "data" / "crossings.csv"


def example(name: str):
    spec = load_spec(EXAMPLES / name / f"{name}.toml")
    return spec, read_source(spec, context=Context()).data


def test_every_example_validates():
    result = CliRunner().invoke(cli, ["layers", "validate", *(str(EXAMPLES / f) for f in FOLDERS)])
    assert result.exit_code == 0, result.output
    assert result.output == "3 layer specs OK\n"


def test_crossings_by_mode_colours_every_curated_crossing_by_a_mapped_mode():
    spec, data = example("crossings_by_mode")
    curated = pd.read_csv(CURATED)
    assert len(data) == len(curated) and spec.style["color_field"] == "mode"
    assert set(data["mode"]) <= set(spec.style["color_map"])
    assert spec.style["connect"] == ["side_a", "side_b"] and {"side_a_lat", "side_b_lon"} <= set(
        data.columns
    )


def test_crossing_trucks_are_synthetic_proportional_circles_by_year():
    spec, data = example("crossing_trucks")
    assert spec.symbol == "circle" and spec.style["radius_field"] == "trucks" and spec.time == "year"
    assert "synthetic" in spec.title.lower() and data["note"].str.startswith("SYNTHETIC").all()
    assert sorted(set(data["year"])) == [2021, 2022, 2023, 2024] and data["crossing"].nunique() == 5


def test_rail_links_join_the_two_sides_of_curated_rail_crossings():
    spec, data = example("rail_links")
    curated = pd.read_csv(CURATED).set_index("id")
    assert spec.symbol == "line" and len(data) == 3
    for _, row in data.iterrows():
        crossing = curated.loc[row["crossing"]]
        assert "rail" in crossing["mode"]
        ends = {tuple(round(v, 3) for v in xy) for xy in row.geometry.coords}
        sides = {(crossing[f"side_{s}_lon"], crossing[f"side_{s}_lat"]) for s in ("a", "b")}
        assert ends == {(round(x, 3), round(y, 3)) for x, y in sides}


def test_the_examples_build_into_one_map(tmp_path):
    out = tmp_path / "examples.html"
    args = ["build", "-o", str(out), "--only", ",".join(["border", *FOLDERS])]
    for folder in FOLDERS:
        args += ["--layers", str(EXAMPLES / folder)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output + result.stderr
    assert "4 layers" in result.output and result.stderr.count("warning") == 0
    html = out.read_text(encoding="utf-8")
    assert all(f"geomap-{name}" in html for name in FOLDERS)
