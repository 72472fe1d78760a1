"""Caps and switches for extraction. Every cap is here, named, with a sane default."""

from __future__ import annotations

from dataclasses import dataclass

from huibao.config import setting


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """Options for `huibao.extract`."""

    max_bytes: int = setting(
        16 * 1024 * 1024, "Largest page (bytes) accepted; larger input raises ExtractionError."
    )
    max_depth: int = setting(
        512, "Deepest element nesting kept; deeper subtrees are flattened into their ancestor."
    )
    max_elements: int = setting(
        200_000, "Most elements examined; a page with more raises ExtractionError."
    )
    time_budget_s: float = setting(
        5.0, "Wall-clock seconds one extraction may take before ExtractionError."
    )
    detect_min_bytes: int = setting(
        64, "Fewest bytes on which a statistical charset guess is trusted."
    )
    default_timezone: str = setting("Asia/Shanghai", "Zone given to dates that state none.")
