"""The storage side's name for the body fingerprints: ``newscrawler.common.fingerprints``.

The functions live in ``newscrawler.common`` because the spider's extraction workers compute the same
fingerprints (the values are stored, so both sides must agree to the bit); the dedupe stage, the
repository and migration 0004 import them from here. Definitions and the stored format: see that module.
"""

from __future__ import annotations

from newscrawler.common.fingerprints import (
    BANDS,
    NEAR_COPY_THRESHOLD,
    NUM_PERM,
    ROWS,
    SHINGLE,
    band_keys,
    content_hash,
    estimate_jaccard,
    fingerprint,
    is_near_copy,
    minhash,
    normalise_for_hash,
    shingles,
)

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
