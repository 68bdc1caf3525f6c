"""CPU microseconds per call of the text primitives over the events dev set's sentences.

Run: python benchmarks/primitives.py [SHARED_DIR]   (default ../shared beside the repository)
Times, in this process on one core, find_quantities and find_dates on every sentence of the dev
articles (find_dates as the document context calls it, with the sentence's words), looks_ahead, and
the sentence splitter on every article; first the cost of the first calls (pattern compilation),
then the best of several warm passes. Prints figures, never fails on them.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
PASSES = 7


def one_core() -> None:
    """Pin this process to one CPU (where the OS allows), as the events benchmark does."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def best_microseconds(calls: list[tuple], function) -> float:
    """Best CPU time of a pass over the calls, per call, in microseconds."""
    best = float("inf")
    for _ in range(PASSES):
        start = time.process_time()
        for args in calls:
            function(*args)
        best = min(best, time.process_time() - start)
    return best / max(1, len(calls)) * 1e6


def main(shared: Path) -> None:
    one_core()
    articles = [p.read_text(encoding="utf-8") for p in sorted((shared / "events-gold" / "dev").glob("*.txt"))]
    if not articles:
        print(f"no dev articles under {shared}")
        return
    start = time.process_time()
    from geomap.events.dates import find_dates, looks_ahead
    from geomap.events.quantities import find_quantities
    from geomap.events.sieve import lower_words
    from geomap.sentences import _split, split_sentences
    imported = time.process_time() - start

    sentences = [text[s:e] for text in articles for s, e in split_sentences(text)]
    quantity_calls = [(s,) for s in sentences]
    date_calls = [(s, "2025-06-15", 0, lower_words(s)) for s in sentences]
    ahead_calls = [(s,) for s in sentences]
    split = _split
    split_calls = [(text,) for text in articles]

    start = time.process_time()
    for args in quantity_calls:
        find_quantities(*args)
    for args in date_calls:
        find_dates(*args)
    first = time.process_time() - start

    print(f"{len(articles)} articles, {len(sentences)} sentences")
    print(f"import of the primitives: {imported * 1e3:.0f} ms CPU; first pass over the sentences "
          f"(quantities and dates, patterns compiled or loaded as needed): {first * 1e3:.0f} ms CPU")
    print("warm, best of", PASSES, "passes, CPU microseconds per call:")
    for name, function, calls in (("find_quantities", find_quantities, quantity_calls),
                                  ("find_dates", find_dates, date_calls),
                                  ("looks_ahead", looks_ahead, ahead_calls),
                                  ("split_sentences (per article)", split, split_calls)):
        print(f"  {name:32s} {best_microseconds(calls, function):8.1f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SHARED)
