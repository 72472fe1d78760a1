"""Bodies -> normalised text -> shingle hashes -> MinHash signatures (datasketch).

Chinese has no spaces, so a "word" shingle would need segmentation (slow, and a segmenter
splits the same sentence differently when one character changes). Shingles here are runs of
`shingle_chars` characters over the text with punctuation, spaces and case removed: a changed
number or name alters only the few shingles that cover it, and Latin words simply contribute
their letters. The shingle hashes are computed with numpy in one pass (datasketch hashes one
item at a time with SHA-1, which alone would cost more than the whole 0.5 ms budget per
article); the MinHash itself is datasketch's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]

from huibao.connect.settings import ConnectSettings

#: Short body lines that reprints add or drop around the same text, removed before hashing:
#: the portal reprint of the seed page (中国法制新闻网 -> 柳州) adds "来源：" and
#: "责任编辑：" lines; CCTV transcripts open with "央视网消息（新闻联播）：".
EDITORIAL_LINE = re.compile(
    r"^[ \t\u3000]*[\[【(（]?[ \t\u3000]*(来源|稿源|出处|本文来源|转自|责任编辑|责编|编辑|审核|"
    r"校对|作者|记者|通讯员|原标题|摄影|图片来源)[ \t\u3000]*[:：】\])）][^\n]{0,50}$",
    re.MULTILINE,
)
_DROP = re.compile(r"[\W_]+")
#: Full-width digits and letters (１２３, ＡＢＣ) as ASCII: the same figure is typed either way.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
_HAS_FULLWIDTH = re.compile("[\uff10-\uff5a]")
_FNV_OFFSET = np.uint32(0x811C9DC5)  # FNV-1a, 32-bit
_FNV_PRIME = np.uint32(0x01000193)
_FINAL_MULT = np.uint32(0x85EBCA6B)  # murmur3's finaliser constant


@dataclass(frozen=True, slots=True)
class Signature:
    """A body's fingerprint: MinHash values, shingle count and an exact-text digest."""

    values: np.ndarray  # uint32, settings.num_perm long
    size: int  # distinct shingles
    digest: str  # blake2b of the normalised text ("" for an empty body)

    def to_bytes(self) -> bytes:
        return np.ascontiguousarray(self.values, dtype="<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int, digest: str) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), size, digest)


def normalise(body: str, max_chars: int) -> str:
    """The text two copies of one article share: no editorial lines, punctuation or spaces."""
    text = EDITORIAL_LINE.sub("", body[:max_chars])
    text = _DROP.sub("", text).lower()
    return text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


def shingle_hashes(text: str, width: int) -> np.ndarray:
    """Distinct 32-bit hashes of every `width`-character run of `text` (sorted).

    FNV-1a over the code points of each run, all runs at once, then a murmur-style finaliser
    so that the MinHash permutations get well-mixed input.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    count = len(codes) - width + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    acc = np.full(count, _FNV_OFFSET, dtype=np.uint32)
    for j in range(width):
        np.bitwise_xor(acc, codes[j : j + count], out=acc)
        np.multiply(acc, _FNV_PRIME, out=acc)
    acc ^= acc >> np.uint32(16)
    np.multiply(acc, _FINAL_MULT, out=acc)
    acc ^= acc >> np.uint32(13)
    acc.sort()
    distinct = np.empty(count, dtype=bool)  # np.unique does the same with far more overhead
    distinct[0] = True
    np.not_equal(acc[1:], acc[:-1], out=distinct[1:])
    return acc[distinct]


class Signer:
    """Makes signatures with one set of MinHash permutations (built once, reused)."""

    def __init__(self, settings: ConnectSettings) -> None:
        self.settings = settings
        template = MinHash(num_perm=settings.num_perm, seed=settings.seed, scheme="affine32")
        self._permutations = template.permutations
        self._a = template.permutations[0][:, np.newaxis]
        self._b = template.permutations[1][:, np.newaxis]
        self._work = np.empty((settings.num_perm, 0), dtype=np.uint32)  # reused, grows

    def minhash(self, values: np.ndarray | None = None) -> MinHash:
        """A datasketch MinHash with these permutations (empty, or holding `values`)."""
        return MinHash(
            num_perm=self.settings.num_perm,
            seed=self.settings.seed,
            hashvalues=values,
            permutations=self._permutations,
            scheme="affine32",
        )

    def sign(self, body: str) -> Signature:
        text = normalise(body, self.settings.max_body_chars)
        hashes = shingle_hashes(text, self.settings.shingle_chars)
        digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest() if text else ""
        if not len(hashes):
            return Signature(self.minhash().hashvalues, 0, digest)
        return Signature(self._permute(hashes), len(hashes), digest)

    def _permute(self, hashes: np.ndarray) -> np.ndarray:
        """datasketch's affine32 permutations (h * a + b mod 2**32, then the minimum) over all
        shingles at once, in a reused buffer; the inputs are already avalanche-mixed."""
        if self._work.shape[1] < len(hashes):
            self._work = np.empty((self.settings.num_perm, 2 * len(hashes)), dtype=np.uint32)
        work = self._work[:, : len(hashes)]
        np.multiply(self._a, hashes[np.newaxis, :], out=work)
        np.add(work, self._b, out=work)
        values: np.ndarray = work.min(axis=1)
        return values


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two bodies' shingle sets."""
    if a.size == 0 or b.size == 0:
        return 0.0
    return float(np.count_nonzero(a.values == b.values)) / len(a.values)


def containment(a: Signature, b: Signature, similarity: float) -> float:
    """Estimated share of the smaller shingle set inside the larger, from their Jaccard."""
    small = min(a.size, b.size)
    if small == 0:
        return 0.0
    overlap = similarity * (a.size + b.size) / (1.0 + similarity)
    return min(1.0, overlap / small)
