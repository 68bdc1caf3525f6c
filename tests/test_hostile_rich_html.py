"""Rich HTML only through `popup_html`: an allowlist sanitiser keeps b, i, em, strong, p, br, lists and
http(s)/mailto links, drops everything else, and braces stay neutralised; the spec key is validated."""

from __future__ import annotations

import textwrap

import pytest
from conftest import make_spec

from geomap.layers import SpecError, load_spec
from geomap.render.sanitize import sanitize_html
from geomap.render.text import DocumentIndex, popup_html

ALLOWED = (
    "<p><b>b</b> <i>i</i> <em>em</em> <strong>strong</strong><br></p>"
    "<ul><li>one</li></ul><ol><li>two</li></ol>"
)


def test_allowed_tags_are_kept():
    assert sanitize_html(ALLOWED) == ALLOWED


def test_links_keep_http_https_and_mailto_targets_only():
    html = sanitize_html(
        '<a href="https://example.org/a?b=1&amp;c=2">s</a><a href="http://x.org">h</a>'
        '<a href="mailto:desk@example.org">m</a><a href="javascript:window.__pwned=5">j</a>'
        '<a href=" JaVaScRiPt:alert(1)">k</a><a href="data:text/html,<script>x</script>">d</a>'
        '<a href="relative/page">r</a><a href="https://x.org" onclick="x()" style="color:red">o</a>'
    )
    assert html.count("href=") == 4
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html and 'href="mailto:desk@example.org"' in html
    assert "javascript" not in html.lower() and "data:" not in html and "relative" not in html
    assert "onclick" not in html and "style" not in html
    assert html.count('rel="noopener noreferrer nofollow"') == 8 and html.count('target="_blank"') == 8


@pytest.mark.parametrize(
    "hostile, shown",
    [
        ('<img src=x onerror="window.__pwned=1">after', "after"),
        ("<script>window.__pwned=2</script>after", "after"),
        ("</script><script>window.__pwned=2</script>after", "after"),
        ('"><svg onload=window.__pwned=6>after', '"&gt;after'),
        ("<style>body{display:none}</style>after", "after"),
        ("<iframe src=x></iframe><form><input></form>after", "after"),
        ("<div onmouseover=x><span>in</span></div>", "in"),
        ("<!-- comment -->after", "after"),
    ],
)
def test_everything_else_is_removed(hostile, shown):
    assert sanitize_html(hostile) == shown


def test_braces_stay_character_references():
    html = sanitize_html("<b>{{7*7}}</b> {% raw %} {# ${x}")
    assert "{" not in html and "}" not in html
    assert html == "<b>&#123;&#123;7*7&#125;&#125;</b> &#123;% raw %&#125; &#123;# $&#123;x&#125;"


def test_only_the_named_popup_columns_are_rich():
    spec = make_spec("notes", "marker", popup=(("note", "Note"), ("plain", "Plain")), popup_html=("note",))
    cell = '<b>bold</b> <a href="https://example.org">link</a><img src=x onerror=alert(1)>'
    html = popup_html({"note": cell, "plain": cell}, spec, DocumentIndex([]))
    assert (
        '<td><b>bold</b> <a href="https://example.org" target="_blank" rel="noopener noreferrer nofollow">'
        in html
    )
    assert "<td>&lt;b&gt;bold&lt;/b&gt; &lt;a href=" in html  # the other column is escaped text
    assert "<img" not in html


SPEC = textwrap.dedent("""\
    name = "notes"
    title = "Field notes"
    source = "notes.geojson"
    symbol = "marker"
    popup = [["name", "Name"], ["note", "Note"]]
    popup_html = ["note"]
    """)


def test_spec_names_popup_html_columns(tmp_path):
    path = tmp_path / "notes.toml"
    path.write_text(SPEC)
    assert load_spec(path).popup_html == ("note",)
    path.write_text(SPEC.replace('popup_html = ["note"]\n', ""))
    assert load_spec(path).popup_html == ()


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            'popup_html = ["name", "notes"]',
            "6: key 'popup_html[1]': expected a column of popup, one of ['name', 'note'], found 'notes'",
        ),
        ('popup_html = "note"', "6: key 'popup_html': expected a list of column names, found 'note'"),
    ],
)
def test_popup_html_must_name_popup_columns(tmp_path, line, expected):
    path = tmp_path / "notes.toml"
    path.write_text(SPEC.replace('popup_html = ["note"]', line))
    with pytest.raises(SpecError) as err:
        load_spec(path)
    (problem,) = err.value.problems
    assert problem.removeprefix(f"{path}:").startswith(expected), problem
