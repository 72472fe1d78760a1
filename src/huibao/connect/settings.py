"""Thresholds and caps for reprint grouping and story linking, each named and documented."""

from __future__ import annotations

from dataclasses import dataclass

from huibao.config import setting


@dataclass(frozen=True, slots=True)
class ConnectSettings:
    """Options for `huibao.connect` (environment: `HUIBAO_CONNECT_<FIELD>`)."""

    shingle_chars: int = setting(
        5, "Characters per shingle (CJK text has no spaces, so shingles are character runs)."
    )
    num_perm: int = setting(128, "MinHash permutations per signature.")
    seed: int = setting(1, "MinHash seed (signatures made with other seeds never match).")
    lsh_threshold: float = setting(
        0.3, "Jaccard similarity the LSH index is tuned to find (candidates are then checked)."
    )
    jaccard_threshold: float = setting(
        0.6, "Estimated Jaccard similarity at or above which two bodies are one text."
    )
    containment_threshold: float = setting(
        0.85,
        "Estimated share of the shorter body found in the longer at or above which the "
        "shorter is a part of the longer (one page of a multi-page article, a trimmed copy).",
    )
    containment_min_jaccard: float = setting(
        0.25,
        "Least estimated Jaccard similarity for the containment test to apply: below it the "
        "shorter text is too small a part of the longer for MinHash to measure the share.",
    )
    min_shingles: int = setting(
        20, "Bodies with fewer shingles are grouped only by exact text (too short to compare)."
    )
    max_body_chars: int = setting(
        100_000, "Longest body (characters) read for shingles; text beyond it is ignored."
    )
    story_window_days: int = setting(
        3, "Days outside a story's first and last dates within which an article may join it."
    )
    story_min_shared_keywords: int = setting(
        5, "Keywords an article must share with a story's keywords to join it."
    )
    story_keywords: int = setting(20, "Keywords kept in a story's profile.")
    story_max_candidates: int = setting(
        50, "Most stories sharing a keyword that are scored for one article."
    )
    posting_cap: int = setting(
        200, "Most recent stories remembered per keyword (older ones age out of linking)."
    )
