"""Records the connect stage takes and returns (frozen, slotted, aware datetimes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from huibao.connect.shingles import Signature
from huibao.enrich.model import Enrichment


@dataclass(frozen=True, slots=True)
class Features:
    """What story linking compares: keywords, places (division codes), organisations, date."""

    keywords: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    published: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "keywords": list(self.keywords),
            "places": list(self.places),
            "organisations": list(self.organisations),
            "published": self.published.isoformat() if self.published else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Features:
        published = data.get("published")
        return cls(
            keywords=tuple(data.get("keywords", ())),
            places=tuple(data.get("places", ())),
            organisations=tuple(data.get("organisations", ())),
            published=datetime.fromisoformat(published) if published else None,
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One article as the index holds it: what the store persists to rebuild the index."""

    article_id: int
    signature: Signature
    features: Features
    group_id: int
    story_id: int


@dataclass(frozen=True, slots=True)
class Placement:
    """Where `add` put an article.

    `how` is "exact" (same normalised text as `matched`), "near" (MinHash/LSH match),
    "related" (a new reprint group joined an existing story) or "new" (new group and story).
    `merged_groups` and `merged_stories` are ids that this article's matches folded into
    `group_id` and `story_id` (the oldest id survives, so a story keeps its id as it grows).
    """

    article_id: int
    group_id: int
    story_id: int
    how: str
    matched: tuple[int, ...] = ()
    merged_groups: tuple[int, ...] = ()
    merged_stories: tuple[int, ...] = ()


def features_of(facts: Enrichment, published: datetime | None, keywords: int = 10) -> Features:
    """The features story linking reads from an enrichment (division codes, org names)."""
    return Features(
        keywords=tuple(k.word for k in facts.keywords[:keywords]),
        places=tuple(dict.fromkeys(p.code for p in facts.places if p.code)),
        organisations=tuple(dict.fromkeys(o.name for o in facts.organisations)),
        published=published,
    )
