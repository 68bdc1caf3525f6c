"""Spec problems: one line each, naming the file, the line of the key, what was found and expected."""

from __future__ import annotations

import textwrap

import pytest

from geomap.layers import PopupField, SpecError, load_spec, parse_spec
from geomap.layers.load import read_spec_files
from geomap.layers.locate import key_line

GOOD = textwrap.dedent("""\
    # rail lines
    name = "rail"
    title = "Rail lines"
    source = "rail.geojson"
    symbol = "circle"
    tooltip = "{name}: {tonnes:,.0f} t"
    popup = [
        ["name", "Line"],
        ["tonnes", "Freight (t)", ",.0f"],
        { column = "opened", label = "Opened", format = "%Y" },
    ]
    time = "opened"

    [style]
    color = "#336699"
    radius_field = "tonnes"
    max_radius = 20
    color_field = "kind"

    [style.color_map]
    "road bridge" = "#ff0000"

    [read]
    crs = "EPSG:3857"
    """)


def problems_in(tmp_path, text: str, name: str = "spec.toml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as err:
        load_spec(path)
    assert str(err.value) == "\n".join(err.value.problems)
    return [p.removeprefix(f"{path}:") for p in err.value.problems]


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def test_the_good_spec_loads_with_its_popup_formats_and_style(tmp_path):
    path = tmp_path / "rail.toml"
    path.write_text(GOOD)
    spec = load_spec(path)
    assert spec.popup == (
        PopupField("name", "Line"),
        PopupField("tonnes", "Freight (t)", ",.0f"),
        PopupField("opened", "Opened", "%Y"),
    )
    assert spec.style == {
        "color": "#336699",
        "radius_field": "tonnes",
        "max_radius": 20,
        "color_field": "kind",
        "color_map": {"road bridge": "#ff0000"},
    }
    assert spec.read == {"crs": "EPSG:3857"} and spec.time == "opened" and spec.legend == "Rail lines"
    assert spec.fields() == ["name", "tonnes", "opened", "kind"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'symbol = "circle"',
            'symbol = "star"',
            "5: key 'symbol': expected 'marker', 'circle', 'line', 'polygon', 'heat' or 'cluster', "
            "found 'star'",
        ),
        ('name = "rail"', 'name = "Rail Lines"', "2: key 'name': expected a lower-case id"),
        ('name = "rail"', 'name = "legend"', "2: key 'name': expected a name other than"),
        ('time = "opened"', "time = 3", "12: key 'time': expected a column name, found 3"),
        (
            '["tonnes", "Freight (t)", ",.0f"]',
            '["tonnes", "Freight (t)", ",.0q"]',
            "9: key 'popup[1]': expected [column, label] or [column, label, format]",
        ),
        ('format = "%Y"', 'format = "%Y", width = 3', "10: key 'popup[2]': expected [column, label]"),
        (
            '["tonnes", "Freight (t)", ",.0f"]',
            '["tonnes", "Freight (t)", ">999999999"]',
            "9: key 'popup[1]': expected [column, label] or [column, label, format]",
        ),
        ('format = "%Y"', 'format = "%999999999Y"', "10: key 'popup[2]': expected [column, label]"),
        (
            '"{name}: {tonnes:,.0f} t"',
            '"{name:>999999999}"',
            "6: key 'tooltip': expected a number format (',.0f'; width <= 100, precision <= 20)",
        ),
        ('"{name}: {tonnes:,.0f} t"', '"{tonnes:.500f}"', "6: key 'tooltip': expected a number format"),
        ('"{name}: {tonnes:,.0f} t"', '"{name!r}"', "6: key 'tooltip': expected plain column names"),
        (
            '"{name}: {tonnes:,.0f} t"',
            '"{name"',
            "6: key 'tooltip': expected a template with balanced braces",
        ),
        (
            'color = "#336699"',
            'color = "red; background: url(x)"',
            "15: key 'style.color': expected a CSS colour (#rrggbb or a name), "
            "found 'red; background: url(x)'",
        ),
        ('color = "#336699"', 'colour = "#336699"', "15: unknown key 'style.colour' (did you mean 'color'?)"),
        ("max_radius = 20", "max_radius = -2", "17: key 'style.max_radius': expected a number of pixels"),
        (
            '"road bridge" = "#ff0000"',
            '"road bridge" = "not a colour"',
            "21: key 'style.color_map.road bridge': expected a CSS colour",
        ),
        (
            'crs = "EPSG:3857"',
            'crs = "EPSG:99999999"',
            "24: key 'read.crs': expected a CRS such as 'EPSG:3857'",
        ),
        ('crs = "EPSG:3857"', 'projection = "EPSG:3857"', "24: unknown key 'read.projection'"),
        (
            'source = "rail.geojson"',
            'source = "events:trains"',
            "4: key 'source': expected one of ['events:places'",
        ),
        (
            'source = "rail.geojson"',
            'source = "python:not a module"',
            "4: key 'source': expected 'python:package.module:function'",
        ),
        (
            'source = "rail.geojson"',
            'source = "naturalearth:CN"',
            "4: key 'source': expected 'naturalearth:border:",
        ),
    ],
)
def test_each_bad_value_is_one_line_with_file_line_key_found_and_expected(tmp_path, old, new, expected):
    (problem,) = problems_in(tmp_path, edit(old, new))
    assert problem.startswith(expected)


def test_formats_up_to_the_bounds_are_accepted(tmp_path):
    path = tmp_path / "spec.toml"
    path.write_text(edit('"{name}: {tonnes:,.0f} t"', '"{name:>100} {tonnes:,.20f} {opened:%-d %b %Y}"'))
    spec = load_spec(path)
    assert spec.fields()[:3] == ["name", "tonnes", "opened"]


def test_every_problem_of_a_file_is_reported_in_line_order(tmp_path):
    text = edit('symbol = "circle"', 'symbol = "star"').replace("show", "").replace('name = "rail"', "")
    text = text.replace('color = "#336699"', "color = 5\nglow = true")
    problems = problems_in(tmp_path, text)
    assert [p.split(":")[0] for p in problems[:3]] == ["5", "15", "16"]
    assert problems[3] == " missing key 'name' (a lower-case id such as 'rail_lines')"


def test_checks_across_keys_name_the_key(tmp_path):
    text = GOOD.replace('[style.color_map]\n"road bridge" = "#ff0000"\n', "").replace(
        'color_field = "kind"\n', ""
    )
    cases = {
        "blur = 3\n": "key 'style.blur': applies to symbol 'heat' only, not to 'circle'",
        'color_scale = "quantile"\n': "key 'style.color_scale': needs style.color_field",
        'colors = ["#fff"]\ncolor_field = "tonnes"\n': "key 'style.colors': expected a list of 2 colours",
        "min_radius = 30\n": "key 'style.min_radius': expected at most max_radius (20), found 30",
    }
    for i, (line, expected) in enumerate(cases.items()):
        (problem,) = problems_in(tmp_path, text.replace("[style]\n", f"[style]\n{line}"), f"case{i}.toml")
        assert problem.startswith(f"15: {expected}")
    lat, lon = problems_in(tmp_path, text.replace('crs = "EPSG:3857"', 'lat = "y"\nlon = "x"'), "latlon.toml")
    assert lat.startswith("21: key 'read.lat': applies to CSV files and python:/plugin: sources only")
    assert lon.startswith("22: key 'read.lon'")


def test_marker_colours_come_from_the_marker_palette():
    data = {"name": "x", "title": "X", "source": "events:visits", "symbol": "marker"}
    with pytest.raises(SpecError, match=r"x.toml: key 'style.color': expected a marker colour, one of \["):
        parse_spec({**data, "style": {"color": "#ff0000"}}, "x.toml")
    assert parse_spec({**data, "style": {"color": "darkgreen"}}, "x.toml").style == {"color": "darkgreen"}


def test_toml_syntax_errors_keep_the_position(tmp_path):
    (problem,) = problems_in(tmp_path, 'name = "x"\ntitle = \n')
    assert problem == "2: invalid TOML: Invalid value (at line 2, column 9)"


def test_read_spec_files_collects_the_problems_of_every_file(tmp_path):
    (tmp_path / "a.toml").write_text(edit('symbol = "circle"', 'symbol = "star"'), encoding="utf-8")
    (tmp_path / "b.toml").write_text("name = ", encoding="utf-8")
    (tmp_path / "c.toml").write_text(GOOD.replace('name = "rail"', 'name = "c"'), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a spec", encoding="utf-8")
    specs, problems = read_spec_files([tmp_path, tmp_path / "absent.toml"])
    assert [s.name for s in specs] == ["c"]
    assert [str(p).split(": ")[0] for p in problems] == [
        f"{tmp_path / 'a.toml'}:5",
        f"{tmp_path / 'b.toml'}:1",
        f"{tmp_path / 'absent.toml'}",
    ]


def test_key_line_finds_keys_in_tables_inline_tables_dotted_keys_and_array_items():
    text = textwrap.dedent("""\
        name = "x"  # [style] in a comment
        notes = '''
        color = "not a key"
        '''
        popup = [
            ["a", "A"], ["b", "B"],
            # a comment, "with quotes"
            ["c", "C]"],
        ]
        style.weight = 2
        read = { crs = "EPSG:3857" }

        [style]
        color = "red"

        [ style . color_map ]
        'road bridge' = "blue"
        """)
    assert key_line(text, ("name",)) == 1
    assert [key_line(text, ("popup", i)) for i in range(3)] == [6, 6, 8]
    assert key_line(text, ("style", "weight")) == 10
    assert key_line(text, ("read", "crs")) == 11  # inside an inline table: the table's line
    assert key_line(text, ("style", "color")) == 14
    assert key_line(text, ("style", "color_map", "road bridge")) == 17
    assert key_line(text, ("style", "icon")) == 13  # not written: its table's line
    assert key_line(text, ("title",)) is None
