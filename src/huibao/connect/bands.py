"""The LSH index over MinHash signatures: `b` bands of `r` values, one hash table per band.

Written here rather than using datasketch's `MinHashLSH` because of cost at ingest: that
class builds a `MinHash` object for every query and insert, byte-swaps each band twice and
keeps a Python set per bucket, which measured about 270 us per article (more than half the
0.5 ms budget) and more memory than the signatures themselves. Here each band is folded
into one 64-bit integer with one numpy operation, the keys are computed once per article
for both the query and the insert, and a bucket holding one article stores just its id.
The band shape (b, r) is chosen as datasketch chooses it: the split of `num_perm` that
minimises the (equally weighted) areas of false positives below the threshold and false
negatives above it under the S-curve 1 - (1 - s^r)^b.
"""

from __future__ import annotations

import numpy as np

_STEPS = 200  # integration points for the S-curve areas


def _area(lo: float, hi: float, b: int, r: int, above: bool) -> float:
    s = np.linspace(lo, hi, _STEPS)
    p = 1.0 - (1.0 - s**r) ** b
    y = 1.0 - p if above else p
    return float(np.sum((y[1:] + y[:-1]) / 2 * np.diff(s)))


def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around `threshold`."""
    best, shape = float("inf"), (1, num_perm)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = _area(0.0, threshold, b, r, False) + _area(threshold, 1.0, b, r, True)
            if error < best:
                best, shape = error, (b, r)
    return shape


class BandIndex:
    """Band keys -> article ids, for finding signatures likely above the threshold."""

    def __init__(self, threshold: float, num_perm: int, seed: int = 1) -> None:
        self.bands, self.rows = optimal_bands(threshold, num_perm)
        rng = np.random.default_rng(seed)
        self._mix = rng.integers(1, 2**63, size=(1, self.rows), dtype=np.uint64) | np.uint64(1)
        self._salt = rng.integers(0, 2**63, size=self.bands, dtype=np.uint64)
        self._table: dict[int, int | list[int]] = {}

    def keys(self, values: np.ndarray) -> list[int]:
        """One integer per band (the band index is mixed in, so one table serves all)."""
        used = values[: self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        folded = (used * self._mix).sum(axis=1, dtype=np.uint64) ^ self._salt
        keys: list[int] = folded.tolist()
        return keys

    def query(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        table = self._table
        for key in keys:
            hit = table.get(key)
            if hit is None:
                continue
            if isinstance(hit, int):
                found.add(hit)
            else:
                found.update(hit)
        return found

    def insert(self, item: int, keys: list[int]) -> None:
        table = self._table
        for key in keys:
            hit = table.get(key)
            if hit is None:
                table[key] = item
            elif isinstance(hit, int):
                table[key] = [hit, item]
            else:
                hit.append(item)

    def __len__(self) -> int:
        return len(self._table)
