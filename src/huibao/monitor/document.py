"""What the matcher reads: an article's text plus enrich-stage facts, as plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from huibao.model import Article
from huibao.monitor.places import PlaceRef


@dataclass(frozen=True, slots=True)
class Document:
    """One article to match: text fields, and places/organisations when enrich found them."""

    title: str = ""
    body: str = ""
    source: str = ""
    channel: tuple[str, ...] = ()
    places: tuple[PlaceRef, ...] = ()
    orgs: tuple[str, ...] = ()
    published: datetime | None = None
    url: str | None = None

    @classmethod
    def from_article(
        cls,
        article: Article,
        places: tuple[PlaceRef, ...] = (),
        orgs: tuple[str, ...] = (),
    ) -> Document:
        """A document for `article`, with the places and organisations enrich found in it."""
        return cls(
            title=article.title,
            body=article.body,
            source=article.source,
            channel=tuple(article.channel),
            places=places,
            orgs=orgs,
            published=article.published,
            url=article.url,
        )


@dataclass(frozen=True, slots=True)
class Highlight:
    """One occurrence of a matched term: `field` is "title" or "body", offsets into it."""

    field: str
    start: int
    end: int
    term: str


def enriched_places(enrichment: Mapping[str, Any] | None) -> tuple[PlaceRef, ...]:
    """Places from an enrich-stage record; an ambiguous name counts under each candidate."""
    found: list[PlaceRef] = []
    for place in (enrichment or {}).get("places", ()):
        codes = [place.get("code")] if place.get("code") else place.get("candidates", [])
        found.extend(PlaceRef(str(place.get("text", "")), str(c)) for c in codes or [""])
    return tuple(found)


def enriched_orgs(enrichment: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Organisation names from an enrich-stage record."""
    return tuple(str(o.get("name", "")) for o in (enrichment or {}).get("organisations", ()))
