"""`enrich(article) -> Enrichment`: the one entry point of the stage. Pure: no I/O, no clock."""

from __future__ import annotations

from datetime import date

from huibao.enrich.figures import find_figures
from huibao.enrich.keywords import CorpusStats, keyword_terms, summary, textrank, tfidf
from huibao.enrich.model import Enrichment, Keyword
from huibao.enrich.orgs import find_organisations, main_organisation
from huibao.enrich.outline import find_initiatives, find_outline
from huibao.enrich.places import find_places, main_place
from huibao.enrich.settings import EnrichSettings
from huibao.enrich.text import Tokens, normalise, paragraphs, segment, sentences
from huibao.model import Article


def _keywords(tokens: Tokens, settings: EnrichSettings, stats: CorpusStats | None) -> list[Keyword]:
    """TF-IDF against `stats` when they hold documents, TextRank otherwise, none if 0 asked."""
    if settings.keywords <= 0:
        return []
    if stats is not None and stats.documents > 0:
        return tfidf(keyword_terms(tokens), stats, settings.keywords)
    return textrank(keyword_terms(tokens, settings.textrank_max_terms), settings)


def enrich(
    article: Article,
    settings: EnrichSettings | None = None,
    stats: CorpusStats | None = None,
    today: date | None = None,
) -> Enrichment:
    """Places, organisations, figures, outline, initiatives, keywords and a summary of `article`.

    Periods (今年1至6月) are resolved against `article.published`, or `today` when the article
    has no date; with neither, figures carry no period. Keywords are TF-IDF against `stats`
    when given (and not empty), TextRank over the article alone otherwise. Every span indexes
    `article.body`.
    """
    settings = settings or EnrichSettings()
    body = article.body[: settings.max_chars]
    text = normalise(body)
    ref = article.published.date() if article.published else today
    tokens = segment(text)
    spans, blocks = sentences(text), paragraphs(text)
    places = find_places(text, body, tokens, settings.max_places)
    place = main_place(places)
    orgs = find_organisations(tokens, text, places, place.code if place else None)
    outline = find_outline(text, body, settings, blocks)
    keywords = _keywords(tokens, settings, stats)
    return Enrichment(
        places=tuple(places),
        main_place=place,
        organisations=tuple(orgs),
        main_organisation=main_organisation(orgs, tokens, text, normalise(article.title)),
        figures=tuple(find_figures(text, body, tokens, ref, settings, spans, blocks)),
        outline=tuple(outline),
        initiatives=tuple(find_initiatives(text, outline, settings)),
        keywords=tuple(keywords),
        summary=summary(body, text, spans, tokens, keywords, settings),
    )
