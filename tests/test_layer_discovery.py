"""Which specs a build uses: built-in, ./layers, --layers in order (a later name wins), --only/--skip."""

from __future__ import annotations

import warnings

import pytest

from geomap.errors import GeomapError
from geomap.layers import (
    Context,
    LayerFailedWarning,
    LayerSourceError,
    SpecError,
    build_layers,
    discover,
    parse_spec,
    select,
)
from geomap.layers.discover import split_names

BUILTIN = ["border", "places", "crossings", "status", "traffic", "visits"]


def spec_text(name: str, title: str, z: int = 0, source: str = "events:visits") -> str:
    return f'name = "{name}"\ntitle = "{title}"\nsource = "{source}"\nsymbol = "marker"\nz = {z}\n'


def test_builtin_specs_alone_in_an_empty_folder(tmp_path):
    found = discover(cwd=tmp_path, use_plugins=False)
    assert found.names() == BUILTIN and found.overridden == {} and found.problems == []


def test_local_layers_then_each_layers_option_override_in_order(tmp_path):
    (tmp_path / "layers" / "examples").mkdir(parents=True)
    (tmp_path / "layers" / "visits.toml").write_text(spec_text("visits", "Local visits", 40))
    (tmp_path / "layers" / "rail.toml").write_text(spec_text("rail", "Local rail", 5))
    (tmp_path / "layers" / "examples" / "ignored.toml").write_text(spec_text("ignored", "Not loaded"))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "v.toml").write_text(spec_text("visits", "Extra visits", 40))
    found = discover([extra], cwd=tmp_path, use_plugins=False)
    assert found.names() == ["border", "rail", "places", "crossings", "status", "traffic", "visits"]
    visits = next(s for s in found.specs if s.name == "visits")
    assert visits.title == "Extra visits" and visits.path == str(extra / "v.toml")
    assert found.overridden["visits"] == [
        "geomap/data/layers/visits.toml",
        str(tmp_path / "layers" / "visits.toml"),
    ]


def test_bad_spec_files_are_all_reported_or_collected(tmp_path):
    (tmp_path / "a.toml").write_text(spec_text("a", "A").replace('"marker"', '"star"'))
    (tmp_path / "b.toml").write_text(spec_text("B", "B"))
    with pytest.raises(SpecError) as err:
        discover([tmp_path], cwd=tmp_path, use_plugins=False)
    assert len(err.value.problems) == 2
    found = discover([tmp_path, tmp_path / "absent"], cwd=tmp_path, use_plugins=False, collect=True)
    assert found.names() == BUILTIN and len(found.problems) == 3
    assert found.problems[2] == f"{tmp_path / 'absent'}: no such file or folder"


def test_only_and_skip_select_by_name_and_unknown_names_list_the_known():
    specs = discover(use_plugins=False).specs
    assert [s.name for s in select(specs, only=["visits", "border"])] == ["border", "visits"]
    skipped = ["border", "crossings", "status", "traffic", "visits"]
    assert [s.name for s in select(specs, skip=["places"])] == skipped
    assert [s.name for s in select(specs, only=["visits", "traffic"], skip=["traffic"])] == ["visits"]
    with pytest.raises(GeomapError, match=r"--only: no layer named 'rail', 'roads' \(layers: \['border'"):
        select(specs, only=["rail", "roads", "visits"])
    with pytest.raises(GeomapError, match=r"--skip: no layer named 'rail'"):
        select(specs, skip=["rail"])
    assert split_names(["a,b", " c ", ""]) == ["a", "b", "c"]


def test_a_failing_callable_leaves_its_layer_out_unless_strict(tmp_path, map_tables):
    module = f"failing_{tmp_path.name}"
    (tmp_path / f"{module}.py").write_text("def rows():\n    raise TimeoutError('database down')\n")
    failing = parse_spec(
        {"name": "db", "title": "DB", "source": f"python:{module}:rows", "symbol": "circle"},
        str(tmp_path / "db.toml"),
    )
    specs = [failing, *discover(use_plugins=False).specs]
    context = Context(tables=map_tables)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layers = build_layers(specs, context)
    assert [layer.spec.name for layer in layers] == BUILTIN
    (warning,) = caught
    assert warning.category is LayerFailedWarning
    assert str(warning.message) == (
        f"{tmp_path / 'db.toml'}: layer 'db': python:{module}:rows raised TimeoutError: database down "
        "(layer 'db' left out)"
    )
    with pytest.raises(LayerSourceError, match="raised TimeoutError"):
        build_layers(specs, context, strict=True)
