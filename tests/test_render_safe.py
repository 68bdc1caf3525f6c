"""Text made safe for the page: escaped, braces as references, bidi controls kept inside the text."""

from __future__ import annotations

from geomap.render.safe import html_text, script_string

FSI, PDI, RLO = "\u2068", "\u2069", "\u202e"


def test_plain_and_right_to_left_names_are_only_escaped():
    assert html_text('Heihe <b> & "x" {y}') == "Heihe &lt;b&gt; &amp; &quot;x&quot; &#123;y&#125;"
    assert html_text("Баку • 北京 • القاهرة") == "Баку • 北京 • القاهرة"


def test_an_override_in_a_name_is_isolated_so_it_reorders_nothing_after_it():
    assert html_text(f"evil{RLO}txt.exe") == f"{FSI}evil{RLO}txt.exe{PDI}"


def test_a_stray_isolate_closer_cannot_end_the_isolation_early():
    shown = html_text(f"a{PDI}{RLO}b")
    assert shown == f"{FSI}a{RLO}b{PDI}"
    assert html_text(f"{FSI}a{PDI}") == f"{FSI}{FSI}a{PDI}{PDI}"


def test_script_string_reads_back_as_the_same_text_without_markup_or_template_characters():
    import json

    text = "https://t.example/{z}/{x}/{y}.png?a=<b>&c='d'{{ x }}"
    literal = script_string(text)
    assert json.loads(literal) == text
    assert not set("<>&'{}") & set(literal)
