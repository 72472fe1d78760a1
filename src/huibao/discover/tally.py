"""Counters a crawl keeps per source, and the summary it ends with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class SourceTally:
    """What one crawl pass did for one source (mutable while the pass runs)."""

    fetched: int = 0
    not_modified: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0  # same text as an article already stored
    unchanged: int = 0
    not_article: int = 0
    discovered: int = 0  # URLs added to the frontier
    refused: Counter[str] = field(default_factory=Counter)  # traps, off-host links
    errors: Counter[str] = field(default_factory=Counter)  # error class -> count
    status: str = "ok"
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "fetched": self.fetched,
            "not_modified": self.not_modified,
            "new": self.new,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "not_article": self.not_article,
            "discovered": self.discovered,
            "refused": dict(self.refused),
            "errors": dict(self.errors),
            "status": self.status,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """The result of one crawl pass over some sources."""

    run_id: int
    status: str  # "finished" or "stopped"
    started_at: datetime
    elapsed_s: float
    sources: dict[str, SourceTally]

    @property
    def fetched(self) -> int:
        return sum(t.fetched for t in self.sources.values())

    @property
    def new_articles(self) -> int:
        return sum(t.new for t in self.sources.values())

    @property
    def errors(self) -> int:
        return sum(sum(t.errors.values()) for t in self.sources.values())

    @property
    def pages_per_s(self) -> float:
        return self.fetched / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "started_at": self.started_at.isoformat(),
            "elapsed_s": round(self.elapsed_s, 3),
            "fetched": self.fetched,
            "new_articles": self.new_articles,
            "errors": self.errors,
            "pages_per_s": round(self.pages_per_s, 1),
            "sources": {name: t.to_dict() for name, t in self.sources.items()},
        }
