"""The cue-word prefilter never skips a text a case-insensitive pattern could match."""

from geomap.events.sieve import may_contain


def test_a_cue_in_any_case_is_found():
    assert may_contain("Trucks waited At Once at the gate", ("once",))
    assert may_contain("ТОТ ЖЕ ПЕРИОД", ("период",))


def test_text_without_any_cue_is_skipped():
    assert not may_contain("Trucks waited for hours at the gate", ("once", "simultaneously"))


def test_letters_that_ignorecase_folds_to_ascii_are_never_skipped():
    # re.IGNORECASE matches the long s to "s", though lower() keeps it apart
    assert may_contain("the ſame period", ("same",))
