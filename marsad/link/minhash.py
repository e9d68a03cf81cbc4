"""MinHash signatures and LSH band keys for near-duplicate lookup.

Shingles are word n-grams over `marsad.arabic.analyze` terms, so spelling variants that the
analyzer folds (hamza forms, ta marbuta, clitics) do not break a match. Signatures come from
`rensa` (Rust) when installed, else `datasketch`; both are seeded, so the same text gives the
same bands in every process, which is what lets bands live in the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS  # 4 rows per band: candidate threshold ~ (1/16)^(1/4) = 0.5 Jaccard
SHINGLE = 3
SEED = 7

try:  # pragma: no cover - depends on the environment
    from rensa import RMinHash as _RMinHash

    BACKEND = "rensa"
except ImportError:  # pragma: no cover
    _RMinHash = None
    BACKEND = "datasketch"


def shingles(terms: Sequence[str], k: int = SHINGLE) -> set[str]:
    """Word k-grams of a term list (the terms themselves when the text is shorter than k)."""
    if len(terms) < k:
        return {" ".join(terms)} if terms else set()
    return {" ".join(terms[i : i + k]) for i in range(len(terms) - k + 1)}


def signature(items: Iterable[str], backend: str | None = None) -> list[int]:
    """MinHash signature (NUM_PERM unsigned ints) of a set of strings."""
    backend = backend or BACKEND
    items = list(items)
    if backend == "rensa" and _RMinHash is not None:
        m = _RMinHash(num_perm=NUM_PERM, seed=SEED)
        m.update(items)
        return [int(v) for v in m.digest()]
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([s.encode("utf-8") for s in items])
    return [int(v) for v in mh.hashvalues]


def bands(sig: Sequence[int]) -> list[str]:
    """One 64-bit hex key per band of ROWS signature values."""
    out = []
    for b in range(BANDS):
        chunk = ",".join(str(v) for v in sig[b * ROWS : (b + 1) * ROWS])
        out.append(hashlib.blake2b(chunk.encode("ascii"), digest_size=8).hexdigest())
    return out


def estimate(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Jaccard estimate: share of equal signature positions."""
    if not sig_a or not sig_b:
        return 0.0
    return sum(1 for x, y in zip(sig_a, sig_b, strict=False) if x == y) / len(sig_a)
