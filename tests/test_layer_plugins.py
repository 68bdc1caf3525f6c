"""Entry-point plugins: a real package (tests/plugin_pkg) installed by pip, found, isolated when broken."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.layers import Context, LayerFailedWarning, build_layers, discover, read_source
from geomap.layers.plugins import plugins, reset_plugins

PLUGIN_SOURCE = Path(__file__).parent / "plugin_pkg"
PACKAGE = "geomap_demo_plugin"


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory) -> Path:
    """The demo plugin installed by pip into a folder of its own (never into the venv)."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "source"
    shutil.copytree(PLUGIN_SOURCE, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    site = work / "site"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
               "--no-index", "--disable-pip-version-check", "--target", str(site), str(source)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (site / PACKAGE / "__init__.py").is_file()
    return site


@pytest.fixture
def demo_plugin(plugin_site) -> Iterator[Path]:
    """The installed plugin on sys.path for one test, as if installed in the environment."""
    sys.path.insert(0, str(plugin_site))
    importlib.invalidate_caches()
    reset_plugins()
    try:
        yield plugin_site
    finally:
        sys.path.remove(str(plugin_site))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        importlib.invalidate_caches()
        reset_plugins()


def test_without_the_plugin_nothing_is_found():
    reset_plugins()
    found = plugins()
    assert "demo_depots" not in found.layers and not any("demo" in f for f in found.failures)


def test_the_installed_plugin_provides_layers_and_a_spec_file(demo_plugin):
    found = plugins()
    assert {"demo_depots", "demo_ferries", "demo_down", "demo_wrong"} <= set(found.layers)
    assert found.layers["demo_depots"].plugin == "demo"
    assert [(plugin, p.name) for plugin, p in found.spec_files] == [("demo", "demo_depots.toml")]
    # the plugin that fails to import and the one whose hook raises are reported, the others still work
    assert sorted(f.split(":")[0] for f in found.failures) == [
        "plugin 'demo_broken'",
        "plugin 'demo_unloadable' (geomap_demo_plugin.missing_module)",
    ]
    assert any("RuntimeError: the broken demo plugin fails on purpose" in f for f in found.failures)


def test_plugin_layers_join_the_build_read_with_their_args_and_reprojected(demo_plugin):
    found = discover(cwd=demo_plugin)
    by_name = {s.name: s for s in found.specs}
    assert by_name["demo_depots"].path.endswith("demo_depots.toml")  # the spec file the plugin ships
    assert by_name["demo_ferries"].path == "plugin 'demo' layer 'demo_ferries'"  # spec keys from the hook
    depots = read_source(by_name["demo_depots"], context=Context())
    assert list(depots.data["name"]) == ["Heihe depot 1", "Heihe depot 2"]  # read.args region = "Heihe"
    ferry = read_source(by_name["demo_ferries"], context=Context()).data.geometry.iloc[0]
    assert (round(ferry.x, 6), round(ferry.y, 6)) == (127.5, 50.25)


def failing_spec(folder: Path, layer: str) -> Path:
    path = folder / f"{layer}.toml"
    path.write_text(f'name = "{layer}"\ntitle = "T"\nsource = "plugin:{layer}"\nsymbol = "circle"\n')
    return path


@pytest.mark.parametrize(
    ("layer", "expected"),
    [
        ("demo_down", "plugin 'demo' layer 'demo_down' raised ConnectionError: database unreachable"),
        ("demo_wrong", "plugin 'demo' layer 'demo_wrong' returned list, expected a GeoDataFrame"),
        ("demo_absent", "no installed plugin provides a layer named 'demo_absent'"),
    ],
)
def test_a_failing_plugin_layer_names_plugin_and_spec_and_spares_the_others(
    demo_plugin, tmp_path, layer, expected
):
    spec_path = failing_spec(tmp_path, layer)
    found = discover([spec_path], cwd=tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layers = build_layers(found.specs, Context())
    assert "demo_depots" in [la.spec.name for la in layers] and layer not in [la.spec.name for la in layers]
    (message,) = [str(w.message) for w in caught if w.category is LayerFailedWarning]
    assert str(spec_path) in message and expected in message


def test_build_goes_on_without_a_failing_plugin_unless_strict(demo_plugin, tmp_path):
    spec_path = failing_spec(tmp_path, "demo_down")
    out = tmp_path / "map.html"
    args = ["build", "-o", str(out), "--layers", str(spec_path), "--only", "demo_depots,demo_down", "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.exists()
    errors = [line for line in result.stderr.splitlines() if line.startswith("geomap: error: ")]
    assert len(errors) == 3  # the two broken plugins, and the failing layer
    assert any("demo_down" in e and str(spec_path) in e and "left out" in e for e in errors)
    out.unlink()
    strict = CliRunner().invoke(cli, [*args, "--strict"])
    assert strict.exit_code == 1 and not out.exists()
    assert "demo_broken" in strict.stderr
