"""How common an English word is (wordfreq's Zipf scale), from a compact table cached on disk.

Importing wordfreq and reading its English list costs about a second per process; the list is
copied once into a memory-mapped file beside the gazetteer index (sorted word hashes and their
frequencies), so that later processes read no more than the words they look up. wordfreq itself
is imported only for words it would split into several tokens.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

from geomap.gazetteer.index import cache_dir, map_index, write_index
from geomap.gazetteer.names import name_hash, name_hashes

_FORMAT = "1"
_LIST = "large_en.msgpack.gz"  # the list wordfreq's "best" English words come from
# Letters wordfreq's English tokenizer keeps as one token as they are (Latin, Greek, Cyrillic):
# such a word, normalised (NFC) and case-folded already, is looked up whole (checked against
# zipf_frequency on every such word of its list and of the gazetteer's names).
_ONE_TOKEN = re.compile(r"[a-zß-öø-ÿĀ-ɏͰ-Ͽ\u0400-\u04ff]+")
_MINIMUM = 10**0.0 / 1e9  # wordfreq's zipf_to_freq(0.0): what a word absent from the list gets
# ASCII letters joined by single dots or apostrophes, with an optional final dot ("d.c.", "pa.",
# "o'connor"): Unicode word segmentation keeps the letters and inner joiners as one token and drops
# the final dot; so the token is looked up whole, as wordfreq does
_JOINED = re.compile(r"([a-z]+(?:[.'][a-z]+)*)\.?")
# ...except where the token opens with a French elision ("d'arc", "o'hara"): wordfreq splits it there
_ELISION = re.compile(r"[a-z]{1,2}'[aehiouy]")


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case word: the table's value for a plain ASCII word (rounded to
    0.01), what wordfreq.zipf_frequency(word, "en") returns for any other."""
    if word.isascii() and word.isalpha() and word.islower():
        freq = frequency(word)
        return round(math.log10(freq) + 9, 2) if freq else 0.0
    joined = _JOINED.fullmatch(word)
    if joined and not _ELISION.match(word):
        return _one_token_zipf(joined.group(1))
    if _ONE_TOKEN.fullmatch(word) and unicodedata.is_normalized("NFC", word) and word.casefold() == word:
        return _one_token_zipf(word)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _one_token_zipf(token: str) -> float:
    """What wordfreq.zipf_frequency returns for a word it reads as this one token of its list."""
    freq = frequency(token)
    if freq is None:
        freq = _MINIMUM
    else:  # wordfreq keeps 3 significant digits of a listed word's frequency
        freq = max(freq, _MINIMUM)
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


def frequency(word: str) -> float | None:
    """The word's frequency in wordfreq's English list (a proportion), None when not listed."""
    hashes, freqs = _table()
    h = name_hash(word)
    i = int(hashes.searchsorted(h))
    return float(freqs[i]) if i < len(hashes) and hashes[i] == h else None


@lru_cache(maxsize=1)
def _table() -> tuple[np.ndarray, np.ndarray]:
    """(sorted word hashes, their frequencies), mapped from the cache file (built on first use)."""
    path = _cache_file()
    try:
        arrays = map_index(path)
        return arrays["hash"], arrays["freq"]
    except (OSError, ValueError, KeyError):
        pass  # absent or damaged: built again
    from wordfreq import get_frequency_dict

    words = get_frequency_dict("en")
    hashes = name_hashes(list(words))
    order = np.argsort(hashes, kind="stable")
    arrays = {"hash": hashes[order], "freq": np.fromiter(words.values(), dtype=np.float64)[order]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".english-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            write_index(fh, arrays)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache only costs time
    return arrays["hash"], arrays["freq"]


def _cache_file() -> Path:
    """english-<fingerprint>.npz in the gazetteer's cache folder; the fingerprint changes with
    wordfreq's English list."""
    spec = importlib.util.find_spec("wordfreq")
    source = Path(spec.origin).parent / "data" / _LIST if spec and spec.origin else Path(_LIST)
    stat = source.stat()
    stamp = f"{_FORMAT}:{source}:{stat.st_size}:{stat.st_mtime_ns}"
    return cache_dir() / f"english-{hashlib.sha1(stamp.encode()).hexdigest()[:12]}.npz"
