"""The review round trip: `geomap extract -o DIR`, an analyst edits the GeoJSON, `geomap build --events`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HOSTILE_IMG, HOSTILE_SCRIPT

from geomap.cli import cli
from geomap.corpus import example_paths

TABLES = ("places", "visits", "crossings", "traffic")


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def load(folder: Path, name: str) -> dict:
    return json.loads((folder / f"{name}.geojson").read_text(encoding="utf-8"))


def save(folder: Path, name: str, data: dict) -> None:
    (folder / f"{name}.geojson").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def in_page(text: str, html: str) -> int:
    """How often a plain string shows in the page's embedded JSON (non-ASCII and &<>' as \\u escapes)."""
    encoded = json.dumps(text)[1:-1]
    for char in "&<>'":
        encoded = encoded.replace(char, f"\\u{ord(char):04x}")
    return html.count(encoded)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """What `geomap extract` writes for the bundled example articles."""
    out = tmp_path_factory.mktemp("extract") / "events"
    folder = Path(example_paths()[0]).parent
    result = run("extract", folder, "-o", out, "--quiet")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def review(extracted, tmp_path) -> Path:
    """A copy of the extraction for one test to edit."""
    return Path(shutil.copytree(extracted, tmp_path / "review"))


def visit_tooltip(feature: dict) -> str:
    p = feature["properties"]
    return f"{p['who']} in {p['name']} ({p['start']})"


def test_an_unedited_extraction_builds_the_same_layers_as_the_articles(review, tmp_path):
    result = run("build", "--events", review, "-o", tmp_path / "m.html", "--offline")
    assert result.exit_code == 0, result.output
    assert f"from the reviewed events in {review}" in result.output
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert all(in_page(visit_tooltip(f), html) for f in load(review, "visits")["features"])
    assert "<title>China–Russia border: visits, crossings and traffic</title>" in html
    # The sources panel lists the cited articles as an articles build does.
    docs = {Path(p).name for p in example_paths()}
    assert in_page(f"Sources ({len(docs)})", html) and all(in_page(doc, html) for doc in docs)


def test_deletions_corrections_and_added_rows_reach_the_map(review, tmp_path):
    before = tmp_path / "before.html"
    assert run("build", "--events", review, "-o", before, "--offline", "-q").exit_code == 0
    before_html = before.read_text(encoding="utf-8")

    visits = load(review, "visits")
    deleted = visits["features"].pop(0)
    added = json.loads(json.dumps(visits["features"][-1]))
    added["properties"].update(id=None, who="Ana Example", name="Testville", start="2024-06-01", end=None)
    added["geometry"] = {"type": "Point", "coordinates": [100.5, 45.25]}
    visits["features"].append(added)
    save(review, "visits", visits)
    traffic = load(review, "traffic")
    traffic["features"][0]["properties"].update(value=123456.0, label="Corrected figure")
    save(review, "traffic", traffic)
    crossings = load(review, "crossings")
    moved = crossings["features"][0]
    moved["geometry"]["coordinates"] = [27.7, 60.6]
    moved["properties"].update(side_a_country="FI", side_b_country="RU", status_events=[
        {"what": "closed", "date": "2023-11-30", "end": None, "planned": False,
         "text": "Shut for the winter " + HOSTILE_SCRIPT, "quote_start": 0, "quote_end": 10}])  # fmt: skip
    save(review, "crossings", crossings)

    result = run("build", "--events", review, "-o", tmp_path / "after.html", "--offline", "-q")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "after.html").read_text(encoding="utf-8")
    assert in_page(visit_tooltip(deleted), html) < in_page(visit_tooltip(deleted), before_html)
    assert in_page("Ana Example in Testville (2024-06-01)", html) and "[100.5, 45.25]" in html
    assert in_page("Corrected figure: 123,456", html) and not in_page("Corrected figure", before_html)
    assert "[27.7, 60.6]" in html and "[27.7, 60.6]" not in before_html
    # The map follows the corrected sides: the Finland–Russia border is drawn and named.
    assert "<title>Borders: China–Russia, Finland–Russia</title>" in html
    assert in_page("Finland–Russia border", html)
    assert in_page(f"{moved['properties']['name']}: closed 2023-11-30", html)
    assert in_page("Shut for the winter &lt;/script&gt;&lt;script&gt;", html) and HOSTILE_SCRIPT not in html


def test_title_option_still_wins(review, tmp_path):
    result = run("build", "--events", review, "-o", tmp_path / "m.html", "--title", "My " + HOSTILE_IMG, "-q")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "<title>My &lt;img src=x" in html and HOSTILE_IMG not in html


def set_in(name: str, index: int, key: str, value: object) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        data = load(folder, name)
        data["features"][index]["properties"][key] = value
        save(folder, name, data)

    return edit


def drop_key(name: str, index: int, key: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        data = load(folder, name)
        del data["features"][index]["properties"][key]
        save(folder, name, data)

    return edit


def set_feature(name: str, index: int, change: Callable[[dict], object]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        data = load(folder, name)
        data["features"][index] = change(data["features"][index])
        save(folder, name, data)

    return edit


def move(feature: dict) -> dict:
    feature["geometry"]["coordinates"] = [200.0, 95.0]
    return feature


BAD_EDITS = {
    "value as text": (set_in("traffic", 0, "value", "1,200"),
                      "traffic.geojson: feature 0: 'value': expected a number (or null), found \"1,200\""),
    "no visitor": (drop_key("visits", 1, "who"), "visits.geojson: feature 1: 'who': expected a value"),
    "impossible date": (set_in("visits", 0, "start", "2024-13-01"),
                        "visits.geojson: feature 0: 'start': expected an ISO date"),
    "off the globe": (set_feature("crossings", 0, move),
                      "crossings.geojson: feature 0: 'geometry.coordinates': expected [longitude, latitude] "
                      "with longitude in -180..180"),
    "not a feature": (set_feature("traffic", 1, lambda f: "oops"),
                      "traffic.geojson: feature 1: expected a GeoJSON Feature"),
    "unknown status": (set_in("crossings", 0, "status_events", [{"what": "exploded", "date": "2024"}]),
                       "crossings.geojson: feature 0: 'status_events[0].what': expected one of opened"),
    "bad status date": (set_in("crossings", 0, "status_events", [{"what": "closed", "date": "last week"}]),
                        "crossings.geojson: feature 0: 'status_events[0].date': expected an ISO date"),
    "file deleted": (lambda folder: (folder / "places.geojson").unlink(), "places.geojson: no such file"),
    "broken JSON": (lambda folder: (folder / "traffic.geojson").write_text('{"type": "FeatureCollection", '),
                    "traffic.geojson: expected GeoJSON, the JSON does not parse"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(BAD_EDITS))
def test_a_bad_edit_is_one_line_naming_file_feature_and_field_and_nothing_is_written(review, tmp_path, name):
    edit, message = BAD_EDITS[name]
    edit(review)
    out = tmp_path / "m.html"
    result = run("build", "--events", review, "-o", out, "-q")
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() and not (tmp_path / "m_files").exists()


def test_articles_and_events_together_or_no_folder_are_errors(review, tmp_path):
    both = run("build", "--events", review, Path(example_paths()[0]), "-o", tmp_path / "m.html")
    assert both.exit_code == 1 and "give articles (PATHS) or --events DIR, not both" in both.output
    absent = run("build", "--events", tmp_path / "nothing", "-o", tmp_path / "m.html")
    assert absent.exit_code == 1 and "nothing: expected a folder written by `geomap extract" in absent.output


def test_geoparquet_tables_are_read_too(review, tmp_path):
    import geopandas as gpd

    for name in TABLES:
        table = gpd.read_file(review / f"{name}.geojson")
        table.loc[0, "name" if name != "traffic" else "label"] = f"Parquet {name}"
        for column in table.columns:  # JSON columns as text, as a parquet writer keeps them
            if table[column].map(lambda v: isinstance(v, list | dict)).any():
                table[column] = table[column].map(json.dumps)
        table.to_parquet(review / f"{name}.parquet")
        (review / f"{name}.geojson").unlink()
    result = run("build", "--events", review, "-o", tmp_path / "m.html", "-q")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert in_page("Parquet visits", html) and in_page("Parquet traffic", html)


def test_notebooks_map_a_reviewed_folder_and_name_its_border(review):
    import geomap

    crossings = load(review, "crossings")
    for feature in crossings["features"]:
        feature["properties"].update(side_a_country="FI", side_b_country="RU")
    save(review, "crossings", crossings)
    m = geomap.Map().add_reviewed(review)
    assert m.shown_title == "Borders: China–Russia, Finland–Russia"  # the traffic is still China–Russia
    assert {layer.spec.name for layer in m.layers()} >= {"border", "crossings", "status", "visits"}
    assert geomap.Map(title="Mine").add_reviewed(review).shown_title == "Mine"
