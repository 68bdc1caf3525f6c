"""The tables' JSON columns are what json.dumps(..., ensure_ascii=False) writes, however they are made."""

from __future__ import annotations

import json

from geomap.model import Provenance
from geomap.tables import _json, _provenance

VALUES = [
    [], {}, "plain", "quote \" and back\\slash", [1, 2.5, None, True, False, "é\n\t\u2028"],
    [{"doc": "a.txt", "n": [1, [2, {}]]}], 1e300, float("nan"), [float("inf"), -float("inf"), -0.0, 1 / 3],
    {"a": None, "b": [10**30]}, (1, 2), [["geonames:1", 0.5], ["landmark:x-y", 1.0]],
]


def test_json_is_json_dumps():
    for value in VALUES:
        assert _json(value) == json.dumps(value, ensure_ascii=False)


def test_sources_column_lists_every_report_as_json_dumps_would():
    reports = [Provenance("d1", "Title, \"quoted\"", "2024-05-01", "a.txt", "A [bracketed] line.", 0, 3),
               Provenance("d2", "Другой", None, "b.txt", "Второе предложение.", 1, 4),
               Provenance("d1", "Title, \"quoted\"", "2024-05-01", "a.txt", "A [bracketed] line.", 5, 9)]
    listed = [{"doc": p.source, "title": p.doc_title, "date": p.doc_date or "", "sentence": p.sentence}
              for p in reports]
    entries: dict[tuple[str, ...], str] = {}
    assert _provenance(reports, entries)["sources"] == json.dumps(listed, ensure_ascii=False)
    assert _provenance(reports[1:], entries)["sources"] == json.dumps(listed[1:], ensure_ascii=False)
    assert _provenance([])["sources"] == "[]"
