"""Caps and switches for enrichment. Every cap is here, named, with a sane default."""

from __future__ import annotations

from dataclasses import dataclass

from huibao.config import setting


@dataclass(frozen=True, slots=True)
class EnrichSettings:
    """Options for `huibao.enrich.enrich`."""

    max_chars: int = setting(
        200_000, "Longest body (characters) enriched; text beyond it is ignored."
    )
    max_figures: int = setting(2_000, "Most figures kept per article.")
    max_places: int = setting(2_000, "Most place mentions kept per article.")
    keywords: int = setting(10, "Keywords returned per article.")
    summary_sentences: int = setting(2, "Sentences in the extractive summary.")
    summary_max_chars: int = setting(300, "Longest summary (characters).")
    subject_max_chars: int = setting(24, "Longest subject phrase kept for a figure.")
    heading_max_chars: int = setting(
        80, "Longest heading title; a longer numbered paragraph keeps its first sentence."
    )
    initiative_max_chars: int = setting(12, "Longest quoted term taken as a named initiative.")
    textrank_window: int = setting(5, "Co-occurrence window (tokens) of the TextRank fallback.")
    textrank_iterations: int = setting(10, "Most power iterations of the TextRank fallback.")
    textrank_max_terms: int = setting(
        200, "Candidate words (from the start of the text) the TextRank fallback reads."
    )
