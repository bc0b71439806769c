"""Body fingerprints for syndication (转载) detection: exact copies by content hash, near copies by MinHash + LSH.

The one home of these functions: the spider's extraction workers fingerprint a body here and the storage
side (``pipelines.syndication`` re-exports this module's public names for the dedupe stage, the repository
and migration 0004) compares them, so both always compute the same values.

Chinese news is reprinted across portals with a new 来源/责任编辑 line, a trimmed last paragraph,
different line breaks or punctuation.  Word-level SimHash cannot separate such copies from unrelated
articles for Chinese (crawler-anchors.md §3.2); the Jaccard similarity of character 4-gram sets can:
copies score >= 0.65, unrelated articles about 0.05.  This module estimates that Jaccard with a
one-permutation MinHash signature and buckets signatures with LSH so the storage layer only compares
likely candidates.

Pure module: standard library only, no I/O, no SQL, no Scrapy.  Every value it produces (hashes,
signatures, band keys) is a function of the text alone, identical across processes, machines and
``PYTHONHASHSEED`` values, so it can be stored and compared later.

Definitions (stable: this is the stored format of ``article.signature`` and ``lsh_band``; changing any
of them invalidates stored signatures and needs a migration that recomputes them, like 0004):

* normal form: NFKC, then every character of Unicode category P*, S*, Z* or C* removed, then
  ``str.lower()``;
* shingle int: the 8-byte digest ``blake2b(gram.encode("utf-32-le"), digest_size=8)`` read
  little-endian, for each character k-gram of the normal form (k = 4; a normal form shorter than k is
  one shingle of the whole text); the shingles of a text are the *set* of these ints;
* bin and value of a shingle int ``x``: ``bin(x) = x >> 57`` (its top 7 bits, 0..127) and
  ``value(x) = x & (2**57 - 1)`` (the other 57 bits);
* bin i is *empty* when no shingle has bin i; otherwise ``B[i] = min(value(x) for x with bin(x) == i)``;
* probe order of bin i: the 127 other bin numbers j, sorted ascending by ``(key(i, j), j)`` with
  ``key(i, j)`` the digest ``blake2b(f"newscrawler.syndication/oph-probe/{i}/{j}".encode(),
  digest_size=8)`` read little-endian;
* signature: ``[]`` when the text has no shingles; otherwise 128 ints in ``[0, 2**57)`` where
  ``signature[i] = B[i]`` for a non-empty bin and, for an empty one, ``B[j]`` of the first non-empty
  bin j in the probe order of i (the value is copied unchanged).

This is one-permutation hashing (Li, Owen and Zhang, NIPS 2012) with optimal densification
(Shrivastava, ICML 2017).  The blake2b shingle int already is a random permutation of the 64-bit
space, so one hash per shingle replaces 128 permutations: two sets agree in a non-empty bin with
probability equal to their Jaccard.  Short texts leave bins empty; each empty bin borrows from a
non-empty one along its own fixed, data-independent probe order, so the borrowed bin is uniform among
the non-empty ones and independent across empty bins (the property Shrivastava's re-drawn universal
hash gives; a fixed permutation of the other bins has it too and always ends within 127 probes).  Two
texts compared probe the same orders, so a borrowed position matches exactly when the first bin
non-empty in either text holds the same minimum in both: the estimate stays unbiased, and a text with
a single shingle still has 128 values.

Speed.  k-permutation MinHash needed 128 minima over all shingles (~8 ms per 1,800-character body in
CPython 3.11 even with big-int SWAR tricks).  Here the work is one blake2b per 4-gram, copied from a
prepared state (``copy()`` + ``update()`` costs ~35 % less than the keyword constructor), and one pass
over the shingle ints for the bin minima (~0.1 ms); the normal form takes one ``str.translate`` for
nearly every text (see :func:`normalise_for_hash`).  About 1.2 ms per body in all, 7x less.
:func:`_minhash_reference` is the plain definition above; the tests check that :func:`minhash` agrees
with it.
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
from collections.abc import Iterable
from functools import cache

__all__ = [
    "BANDS",
    "NEAR_COPY_THRESHOLD",
    "NUM_PERM",
    "ROWS",
    "SHINGLE",
    "band_keys",
    "content_hash",
    "estimate_jaccard",
    "fingerprint",
    "is_near_copy",
    "minhash",
    "normalise_for_hash",
    "shingles",
]

NUM_PERM = 128
"""Signature length: the number of one-permutation bins (the name is kept from k-permutation MinHash)."""
BANDS = 32
"""LSH bands per signature."""
ROWS = NUM_PERM // BANDS
"""Signature rows per band (4)."""
SHINGLE = 4
"""Character n-gram size."""
NEAR_COPY_THRESHOLD = 0.65
"""Estimated Jaccard at or above which two bodies are copies of one story."""

_BIN_BITS = 7
"""``2**_BIN_BITS == NUM_PERM`` bins, chosen by the top bits of a shingle int."""
_VALUE_BITS = 64 - _BIN_BITS
_VALUE_MASK = (1 << _VALUE_BITS) - 1
_EMPTY = 1 << 64
"""Marks an empty bin while the minima are collected: above every shingle int."""
_TOP_BITS = bytes(byte >> (8 - _BIN_BITS) for byte in range(256))
"""``bytes.translate`` table from a shingle int's most significant byte to its bin."""
_DIGEST = hashlib.blake2b(digest_size=8)
"""Prepared blake2b-64 state: ``copy()`` + ``update()`` is cheaper than the keyword constructor."""


# --------------------------------------------------------------------------- normalisation, hashes


_DROP_TABLE_LIMIT = 1 << 17


class _DropTable(dict[int, int | None]):
    """``str.translate`` table: None for characters to delete, the code point itself otherwise.

    Filled lazily (``__missing__``), so any code point, including astral emoji and symbols, is classified
    once by ``unicodedata`` and then looked up at C speed.
    """

    def __missing__(self, key: int) -> int | None:
        value = None if unicodedata.category(chr(key))[0] in "PSZC" else key
        if len(self) < _DROP_TABLE_LIMIT:  # bounded: a hostile page cannot grow it without limit
            self[key] = value
        return value


_DROP = _DropTable()

_COMBINES = "\x00"
"""Fast-table value of a character whose NFKC form may combine with a neighbour (never a kept character)."""


def _combines(char: str) -> bool:
    """Whether ``char`` can compose with the character before it: a mark or a conjoining Hangul jamo.

    Every character with NFKC quick-check Maybe is one of these (tests/test_syndication.py checks it against
    all canonical decompositions); every other character of an NFKC form has quick-check Yes.
    """
    return unicodedata.category(char)[0] == "M" or unicodedata.combining(char) != 0 or 0x1100 <= ord(char) <= 0x11FF


class _FastTable(dict[int, int | str | None]):
    """``str.translate`` table of the fast path: each character to its NFKC form with the dropped ones removed.

    The value is the code point itself when unchanged, None when nothing is left, the remaining text
    otherwise, and ``_COMBINES`` when the NFKC form holds a character that may compose with a neighbour.
    Filled lazily and bounded like ``_DropTable``.
    """

    def __missing__(self, key: int) -> int | str | None:
        char = chr(key)
        form = unicodedata.normalize("NFKC", char)
        kept = form.translate(_DROP)
        value: int | str | None = key if kept == char else kept or None
        if any(_combines(c) for c in form):
            value = _COMBINES
        if len(self) < _DROP_TABLE_LIMIT:
            self[key] = value
        return value


_FAST = _FastTable()


def normalise_for_hash(text: str) -> str:
    """NFKC, remove all whitespace and punctuation/symbols (Unicode categories P*, S*, Z*, C*), lowercase.

    This is the form both hashes are computed on, so re-wrapped or re-punctuated reprints still match:
    full-width and half-width forms, line breaks, spaces, quotes and punctuation all disappear.

    One ``str.translate`` pass computes it for nearly every text: NFKC is defined on the characters'
    compatibility decompositions, so replacing each character by its own NFKC form leaves the NFKC of
    the whole unchanged; when no character of the result may compose with a neighbour (no marks, no
    conjoining jamo) the result is already in NFKC (quick-check Yes throughout).  Texts with such a
    character take the plain NFKC of the whole text.
    """
    fast = text.translate(_FAST)
    if _COMBINES in fast:
        fast = unicodedata.normalize("NFKC", text).translate(_DROP)
    return fast.lower()


def content_hash(text: str) -> str:
    """SHA-256 hex of ``normalise_for_hash(text)``: equal for exact copies (also across layouts)."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def _shingle_blob(norm: str, k: int) -> bytes:
    """The 8-byte digests of every k-gram of a normal form, concatenated in text order, repeats included.

    Read as little-endian 64-bit ints these are the shingle ints (repeats change no minimum, so the
    signature skips the de-duplication :func:`shingles` does).
    """
    if k < 1:
        raise ValueError(f"shingle size must be >= 1, not {k}")
    if not norm:
        return b""
    encoded = norm.encode("utf-32-le")  # 4 bytes per character: a k-gram is a fixed-width slice
    if len(norm) <= k:
        return hashlib.blake2b(encoded, digest_size=8).digest()
    width = 4 * k
    new = _DIGEST.copy
    digests: list[bytes] = []
    append = digests.append
    for i in range(0, len(encoded) - width + 4, 4):
        state = new()
        state.update(encoded[i : i + width])
        append(state.digest())
    return b"".join(digests)


def _shingle_ints(blob: bytes) -> tuple[int, ...]:
    """The shingle ints of a ``_shingle_blob``."""
    return struct.unpack(f"<{len(blob) // 8}Q", blob)


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    """Character k-grams of the normalised text, each hashed to a stable 64-bit int.

    The int is ``blake2b(gram.encode("utf-32-le"), digest_size=8)`` read little-endian (never Python's
    salted ``hash()``).  Texts shorter than k give one shingle of the whole text (empty text -> empty set).
    """
    return set(_shingle_ints(_shingle_blob(normalise_for_hash(text), k)))


# --------------------------------------------------------------------------- one-permutation MinHash


def _probe_key(i: int, j: int) -> int:
    """Sort key of bin j in the probe order of bin i (see the module docstring)."""
    digest = hashlib.blake2b(f"newscrawler.syndication/oph-probe/{i}/{j}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@cache
def _probe_order(i: int) -> tuple[int, ...]:
    """The other bins in the order an empty bin i looks for a value; fixed, built on first use."""
    return tuple(sorted((j for j in range(NUM_PERM) if j != i), key=lambda j: (_probe_key(i, j), j)))


def _minhash_reference(values: Iterable[int]) -> list[int]:
    """The definition, plainly: bin minima of the shingle ints, empty bins filled along their probe order."""
    minima: list[int | None] = [None] * NUM_PERM
    for x in values:
        b, v = x >> _VALUE_BITS, x & _VALUE_MASK
        current = minima[b]
        if current is None or v < current:
            minima[b] = v
    if all(v is None for v in minima):
        return []
    present = {i: v for i, v in enumerate(minima) if v is not None}
    return [present[i] if i in present else present[next(j for j in _probe_order(i) if j in present)]
            for i in range(NUM_PERM)]


def _signature(blob: bytes) -> list[int]:
    """``_minhash_reference`` of the shingle ints in ``blob``, computed in one pass.

    The bin of every shingle comes from its most significant byte (byte 7 of each digest, translated at C
    speed); within a bin the smallest int has the smallest value, so whole ints are compared and masked
    at the end.
    """
    if not blob:
        return []
    minima = [_EMPTY] * NUM_PERM
    for b, x in zip(blob[7::8].translate(_TOP_BITS), _shingle_ints(blob), strict=True):
        if x < minima[b]:
            minima[b] = x
    if _EMPTY in minima:
        _densify(minima)
    return [x & _VALUE_MASK for x in minima]


def _densify(minima: list[int]) -> None:
    """Fill each empty bin (``_EMPTY``) with the minimum of the first non-empty bin in its probe order."""
    filled = [x != _EMPTY for x in minima]
    for i in [i for i, full in enumerate(filled) if not full]:
        minima[i] = minima[next(j for j in _probe_order(i) if filled[j])]


def minhash(text: str) -> list[int]:
    """NUM_PERM-value one-permutation MinHash signature of ``shingles(text)`` (see the module docstring).

    Deterministic across processes and machines.  Empty text (or text that normalises to nothing)
    gives ``[]``; any other text, however short, gives NUM_PERM values.
    """
    return _signature(_shingle_blob(normalise_for_hash(text), SHINGLE))


def fingerprint(text: str) -> tuple[str, list[int]]:
    """``(content_hash(text), minhash(text))``, normalising the text once for both."""
    norm = normalise_for_hash(text)
    digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()
    return digest, _signature(_shingle_blob(norm, SHINGLE))


# --------------------------------------------------------------------------- LSH and comparison


def band_keys(signature: list[int]) -> list[str]:
    """BANDS LSH keys, one per band: ``f"{band_index}:{16 hex chars}"`` (blake2b-64 of the band's rows).

    Two signatures share at least one key with probability ``P(s) = 1 - (1 - s**r)**b`` for Jaccard ``s``,
    ``r = ROWS = 4`` rows and ``b = BANDS = 32`` bands (the S-curve; its midpoint is
    ``(1/b)**(1/r) = 0.42``)::

        s    0.05     0.1    0.2    0.3    0.4    0.5    0.6    0.65   0.8
        P    0.0002   0.003  0.05   0.23   0.56   0.87   0.99   0.998  1.0

    So copies (s >= 0.65) almost always meet in a bucket, unrelated Chinese news (s ~ 0.05) almost never,
    and the 0.2-0.5 zone yields candidates that :func:`is_near_copy` then rejects.
    An empty signature has no keys (empty texts never collide).
    """
    if not signature:
        return []
    if len(signature) != NUM_PERM:
        raise ValueError(f"signature has {len(signature)} values, expected {NUM_PERM}")
    packed = struct.pack(f"<{NUM_PERM}Q", *signature)
    width = 8 * ROWS
    return [
        f"{band}:{hashlib.blake2b(packed[band * width : (band + 1) * width], digest_size=8).hexdigest()}"
        for band in range(BANDS)
    ]


def estimate_jaccard(a: list[int], b: list[int]) -> float:
    """Share of equal positions; 0.0 when either is empty or the lengths differ."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def is_near_copy(a: list[int], b: list[int]) -> bool:
    """``estimate_jaccard(a, b) >= NEAR_COPY_THRESHOLD``."""
    return estimate_jaccard(a, b) >= NEAR_COPY_THRESHOLD
