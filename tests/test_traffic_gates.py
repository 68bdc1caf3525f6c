"""Quick tests that let the traffic reader skip a costly pattern find exactly what the pattern finds
(speed only: the output must not change).

Checked on invented sentences and, when the shared dev set is beside the repository, on every sentence
of its articles (read from ../shared, never copied here).
"""

from __future__ import annotations

import re

from dev_texts import dev_sentences

from geomap.events import traffic, traffic_period, traffic_units

INVENTED = [
    "Of them, about 300 crossed on foot; of those 40 were buses, and of WHICH 12 came back a day later.",
    "Из них 356 грузовиков прошли в сутки; de ellos 20 camiones al día, z których 15 ciężarówek dziennie.",
    "Some 1,200 trucks a day, 400 buses every week and $5 billion of goods annually pass the Eastford post.",
    "It carried 90 wagons a year earlier and 120 per month now; 30 cars per 24 hours; 8 trains/day.",
    "The offer of the month: 50 coaches daily, twice a week, 300 lorries each day on an average day.",
]


SENTENCES = INVENTED + dev_sentences()
NUMBER_END = re.compile(r"\d(?!\d)")


def test_every_of_which_match_holds_one_of_its_cues():
    for text in SENTENCES:
        for m in traffic.OF_WHICH.finditer(text):
            assert any(c in m.group(0).lower() for c in traffic.OF_WHICH_CUES), m.group(0)


def _each_rate_in_turn(text: str, pos: int, kind: str) -> tuple[str, int] | None:
    for i, (_, rate) in enumerate(traffic_units.RATES):
        m = traffic_units._rate_after_each(kind, i).match(text[pos:])
        if m:
            return rate, pos + m.end()
    m = traffic_units._EVERY_AFTER.match(text, pos)
    return (m.group(1).lower(), m.end()) if m and kind == "count" else None


def test_rate_after_finds_the_rate_that_trying_each_rate_in_turn_finds():
    found = 0
    for text in SENTENCES:
        for m in NUMBER_END.finditer(text):
            for kind in ("count", "money"):
                got = traffic_units.rate_after(text, m.end(), kind)
                assert got == _each_rate_in_turn(text, m.end(), kind), text
                found += got is not None
    assert found >= 10  # the invented sentences alone hold more rates than that


def test_any_noun_finds_the_first_noun_of_the_table_that_ends_its_word():
    one_by_one = re.compile("|".join(rf"(?P<n{i}>(?:{p})(?![^\W\d_]))"
                                     for i, (p, _, _) in enumerate(traffic_units.NOUNS)), re.I)
    for text in SENTENCES:
        for word in re.finditer(r"[^\W\d_]+", text):
            at = word.start()
            got, want = traffic_units._ANY_NOUN.match(text, at), one_by_one.match(text, at)
            assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), text


def test_periods_that_open_with_a_month_or_a_day_are_found_where_a_month_word_or_a_digit_starts():
    patterns = dict(traffic_period.PATTERNS)
    invented = "From Jan.-Apr. 2024 and on 9 June last year the post saw, by March 3, 12 trucks a day " \
        "(5 marca 2024 r.)."
    seen = set()
    for text in [invented, *SENTENCES]:
        starts: dict[str, list[int] | None] = {}  # shared by the patterns, as find_periods shares it
        for kind in sorted(traffic_period.MONTH_LED | traffic_period.DIGIT_LED):
            got = [m.span() for m in traffic_period._matches(kind, patterns[kind], text, starts)]
            assert got == [m.span() for m in patterns[kind].finditer(text)], (kind, text)
            seen.update(kind for _ in got)
    assert seen == traffic_period.MONTH_LED | traffic_period.DIGIT_LED


def test_a_noun_is_looked_for_only_where_it_can_open_and_found_wherever_the_table_finds_one():
    invented = ["Some 300 heavy goods vehicles, 40 semi-trailers, 12 railcars, 9 twenty-foot "
                "equivalent units;", "2,000 Westlandians and 30 asylum-seekers, 5 ſemis, 8 чел. и 4 фуры, "
                "12 camiones, 7 pociągów, 货车上千辆, 1.2万辆次."]
    found = 0
    for text in invented + SENTENCES:
        for i in range(len(text)):
            want = traffic_units._ANY_NOUN.match(text, i)
            got = traffic_units._noun_at(text, i)
            assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), text
            found += want is not None
    assert found >= 20


def test_searches_before_a_number_over_its_last_characters_find_what_searching_the_whole_prefix_finds():
    invented = ["Highway   15 and Gate 3, the COVID-19 wave, call 555-123-4567, F-16s, No. 2 and # 4;",
                "Photo: Staff / Oct. 20, 2023", "A sign / not a credit; 12.000 trucks, 1.234.567 people"]
    old_dotted = re.compile(r"(?<![\d.])\d{1,3}\.\d{3}(?![\d.])")
    hits = 0
    for text in invented + SENTENCES:
        for at in range(len(text) + 1):
            got = traffic._identified(text, at), traffic._glued(text, at)
            before = text[:at]
            want = traffic.IDENTIFIER.search(before) is not None, traffic.GLUED.search(before) is not None
            assert got == want, (text, at)
            hits += any(want)
        credit = traffic.CREDIT.match(text) or "/" in text and traffic._credit_after_slash(text)
        assert bool(credit) == bool(traffic.CREDIT.match(text) or "/" in text and traffic.CREDIT.search(text))
        assert (traffic.DOTTED_THOUSAND.search(text) is None) == (old_dotted.search(text) is None)
    assert hits >= 5


def test_patterns_anchored_before_a_number_find_over_its_last_words_what_they_find_over_the_whole_prefix():
    invented = ["Trucks rose from about 300 to 400, compared  with\t500, between some 6 and 9; of which 3, "
                "of them about 4; the total number of trips was roughly 700; on Nov. 8 and 12 trains ran."]
    found = 0
    for text in invented + SENTENCES:
        for at in [m.start() for m in re.finditer(r"(?<!\w)\w", text)] + [len(text)]:  # where numbers start
            before = text[:at]
            for rx in traffic.TAIL_WORDS:
                want = rx.search(before) is not None
                assert traffic.ends_with(rx, text, at) == want, (rx.pattern, text, at)
                found += want
    assert found >= 6
