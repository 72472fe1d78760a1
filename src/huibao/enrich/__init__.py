"""Article -> facts: places, organisations, figures, outline, keywords. Pure: no I/O, no clock."""

from huibao.enrich.api import enrich
from huibao.enrich.divisions import Division, division
from huibao.enrich.keywords import CorpusStats, keyword_terms
from huibao.enrich.model import (
    Change,
    Enrichment,
    Figure,
    Initiative,
    Keyword,
    Organisation,
    OutlineNode,
    Period,
    Place,
)
from huibao.enrich.settings import EnrichSettings

__all__ = [
    "Change",
    "CorpusStats",
    "Division",
    "EnrichSettings",
    "Enrichment",
    "Figure",
    "Initiative",
    "Keyword",
    "Organisation",
    "OutlineNode",
    "Period",
    "Place",
    "division",
    "enrich",
    "keyword_terms",
]
