"""Bad or unpromising input through `geomap build` and `extract`: a binary file named on the command line
is an error naming it, one met in a folder is skipped with a warning, and a corpus that yields no places
or no events still builds, with a warning saying why the map is empty."""

from click.testing import CliRunner

from geomap.cli import cli

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
NO_PLACES = "The committee met on Tuesday and agreed to publish its findings about cheese later.\n"
PLACES_ONLY = "Officials in Harbin said that the city had a quiet week with mild weather.\n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_a_binary_file_named_on_the_command_line_is_an_error_naming_it(tmp_path):
    image = tmp_path / "photo.png"
    image.write_bytes(PNG_BYTES)
    out = tmp_path / "map.html"
    result = run("build", image, "-q", "--offline", "-o", out)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {image}: byte 0 is not UTF-8 (expected a UTF-8 text file)"]  # fmt: skip
    assert not out.exists()


def test_a_binary_file_found_in_a_folder_is_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "scan.txt").write_bytes(PNG_BYTES)
    (folder / "note.txt").write_text(PLACES_ONLY, encoding="utf-8")
    out = tmp_path / "map.html"
    result = run("build", folder, "-q", "--offline", "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"geomap: warning: {folder / 'scan.txt'}: byte 0 is not UTF-8 (expected a UTF-8 text file): " \
           "skipped" in lines
    assert out.is_file()


def test_a_folder_of_nothing_but_binary_files_is_an_error(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "scan.txt").write_bytes(PNG_BYTES)
    result = run("extract", folder, "-q", "-o", tmp_path / "out")
    assert result.exit_code == 1
    last = result.output.splitlines()[-1]
    assert last == f"Error: no text documents in {folder} (every file found was skipped)"
    assert not (tmp_path / "out").exists()


def test_a_corpus_without_places_builds_and_warns_why_the_map_is_empty(tmp_path):
    article = tmp_path / "minutes.txt"
    article.write_text(NO_PLACES, encoding="utf-8")
    out = tmp_path / "map.html"
    result = run("build", article, "-q", "--offline", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "geomap: warning: no place names found in 1 document: the map has no places or events (none of "
        "their capitalised names is a place in the gazetteer; are they articles?)"]  # fmt: skip
    assert out.is_file()


def test_a_corpus_without_events_extracts_and_warns_that_only_places_were_found(tmp_path):
    article = tmp_path / "weather.txt"
    article.write_text(PLACES_ONLY, encoding="utf-8")
    result = run("extract", article, "-q", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    assert line.startswith("geomap: warning: no visits, crossings or traffic figures found in 1 document "
                           "(1 place mention): the map shows the places only")  # fmt: skip
    assert (tmp_path / "out" / "places.geojson").is_file()
