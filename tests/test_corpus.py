"""Loading documents: formats, dates, titles, ids, and errors that name the file."""

from pathlib import Path

import pytest

from geomap.corpus import example_paths, find_date, load_documents, read_document
from geomap.errors import GeomapError


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def test_leading_date_marker_sets_the_date_and_is_left_out_of_the_title(tmp_path):
    doc = read_document(write(tmp_path / "a.txt", " date 2023-10-17 Border town waits for trade\n\nBody."))
    assert doc.date == "2023-10-17"
    assert doc.title == "Border town waits for trade"


def test_first_full_date_in_the_text_is_the_date_when_no_marker(tmp_path):
    doc = read_document(write(tmp_path / "a.txt", "Headline\n\n3 March 2024\n\nOn May 5, 2021 it rained."))
    assert doc.date == "2024-03-03"


def test_month_first_dates_are_read():
    assert find_date("Reported on March 21, 2025 by the agency") == "2025-03-21"


def test_text_without_a_date_has_none(tmp_path):
    assert read_document(write(tmp_path / "a.md", "Just words about Harbin.\n")).date is None


def test_markdown_front_matter_gives_title_and_date(tmp_path):
    doc = read_document(write(tmp_path / "a.md", "---\ntitle: My title\ndate: 2024-05-17\n---\nText.\n"))
    assert (doc.title, doc.date) == ("My title", "2024-05-17")


def test_html_gives_visible_text_title_and_meta_date(tmp_path):
    html = (
        "<html><head><title>Bridge &amp; border</title>"
        "<meta property='article:published_time' content='2022-06-10T08:00:00Z'>"
        "<script>var x = 'Moscow';</script></head>"
        "<body><p>Trucks crossed to Heihe.</p><p>More text.</p></body></html>"
    )
    doc = read_document(write(tmp_path / "a.html", html))
    assert doc.title == "Bridge & border"
    assert doc.date == "2022-06-10"
    assert "Trucks crossed to Heihe." in doc.text and "Moscow" not in doc.text


def test_text_is_kept_exactly_as_read_so_offsets_point_into_the_file(tmp_path):
    raw = "Line one\r\nHeihe is here.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode())
    assert read_document(path).text == raw


def test_folders_and_globs_are_expanded_in_order_and_other_files_ignored(tmp_path):
    for name in ("b.txt", "a.md", "c.html", "notes.csv"):
        write(tmp_path / name, "Some text about Heihe.")
    docs = load_documents([tmp_path])
    assert [d.source for d in docs] == ["a.md", "b.txt", "c.html"]
    assert [d.source for d in load_documents([str(tmp_path / "*.txt")])] == ["b.txt"]


def test_document_id_is_stable_and_changes_with_the_text(tmp_path):
    path = write(tmp_path / "a.txt", "Harbin.")
    first, second = read_document(path).id, read_document(path).id
    write(path, "Harbin!")
    assert first == second != read_document(path).id


def test_missing_path_names_the_path(tmp_path):
    with pytest.raises(GeomapError, match="nope.txt: no such file or folder"):
        load_documents([tmp_path / "nope.txt"])


def test_glob_without_match_says_what_was_expected(tmp_path):
    with pytest.raises(GeomapError, match=r"\*.txt: no .txt, .md, .html or records file matches"):
        load_documents([str(tmp_path / "*.txt")])


def test_non_utf8_file_names_the_file_and_byte(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Blagovesčensk caf\xe9".encode("latin-1", errors="replace"))
    with pytest.raises(GeomapError, match=r"latin.txt: byte \d+ is not UTF-8"):
        read_document(path)


def test_file_of_nul_bytes_is_refused_as_not_text(tmp_path):
    path = tmp_path / "disk.txt"
    path.write_bytes(b"Heihe " + b"\x00" * 64)
    with pytest.raises(GeomapError, match=r"disk.txt: character 6 is a NUL byte \(expected a text file\)"):
        read_document(path)


def test_empty_document_is_an_error_naming_it(tmp_path):
    with pytest.raises(GeomapError, match="empty.txt: the document is empty"):
        read_document(write(tmp_path / "empty.txt", "  \n"))


def test_packaged_example_corpus_loads_with_dates_and_titles():
    docs = load_documents(example_paths())
    assert len(docs) >= 4
    assert all(d.date and d.title for d in docs)


def test_markup_typed_inside_an_html_title_is_title_text_and_hides_nothing(tmp_path):
    html = ("<html><head><title>Bridge <svg onload=alert(1)> news</title></head>"
            "<body><p>Heihe.</p></body></html>")
    doc = read_document(write(tmp_path / "a.html", html))
    assert doc.title == "Bridge <svg onload=alert(1)> news"
    assert "Heihe." in doc.text


def test_date_patterns_with_a_lookahead_find_what_a_leading_word_boundary_finds():
    """find_date's patterns open with a lookahead on their first character so that the regex engine
    skips to the candidates; each still finds what it finds without the lookahead."""
    import re

    from geomap import corpus

    texts = ["id_2024-05-17 then x2024-05-17 and 2024-05-17.", "Ref 12 March 2023, or 7 mars 2023",
             "٣ March 2023 and 5 MAR. 2021", "On 31 September 2020, then 1 May 2020", "no date 2024-13-40",
             "Reported on March 21, 2025; on march 3 2024", "x3 June 2024 and 03 June 2024"]
    for fast in corpus._FULL_DATES[:2]:
        plain = re.compile(fast.pattern.removeprefix(r"(?=\d)"), fast.flags)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert find_date("date 2023-45-65\nOn 3 May 2021 and 2020-01-02 it rained.") == "2021-05-03"
