"""Name normalisation and hashing shared by the index builder and the geoparser."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
# Apostrophes are dropped: GeoNames writes soft signs as ’ (Zabaykal’sk), articles do not.
_QUOTES = str.maketrans({"’": "", "‘": "", "`": "", "ʼ": "", "'": ""})
_SPACES = re.compile(r"\s+")


def normalize(name: str) -> str:
    """Case-, dash-, apostrophe- and space-insensitive form used as the lookup key."""
    s = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold()
    s = _DASHES.sub("-", s)
    return _SPACES.sub(" ", s).strip(" .,")


# An empty 8-byte BLAKE2b hasher: a copy of it hashes a name for less than a new hasher costs
# (the digest is the same).
_EMPTY = hashlib.blake2b(digest_size=8)


def name_hash(key: str) -> int:
    """Stable 63-bit hash of a normalised name (Python's hash() is salted per process)."""
    h = _EMPTY.copy()
    h.update(key.encode("utf-8"))
    return int.from_bytes(h.digest(), "little") >> 1


def name_hashes(keys: list[str]) -> np.ndarray:
    """name_hash of many names at once, as int64 (one digest per name, no Python int each)."""
    digests = bytearray()
    copy = _EMPTY.copy
    for k in keys:
        h = copy()
        h.update(k.encode("utf-8"))
        digests += h.digest()
    return (np.frombuffer(digests, dtype="<u8") >> np.uint64(1)).view(np.int64)  # below 2**63: same values


def name_hash_list(keys: list[str]) -> list[int]:
    """name_hash of a few names, as Python ints: for the handful a document looks up at once,
    cheaper than name_hashes' arrays."""
    out = []
    copy, from_bytes = _EMPTY.copy, int.from_bytes
    for k in keys:
        h = copy()
        h.update(k.encode("utf-8"))
        out.append(from_bytes(h.digest(), "little") >> 1)
    return out


def is_code_like(name: str) -> bool:
    """Airport and other short all-capital codes (HRB, BQS) that GeoNames lists as alternate names."""
    return len(name) <= 4 and name.isupper() and name.isascii()
