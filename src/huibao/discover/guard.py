"""Per-source caps that stop crawler traps a single URL cannot reveal.

`is_trap` refuses URLs whose shape is a trap. Endless calendars and `?page=N` variants
look harmless one at a time; they show themselves as many URLs of one template, or as
listing pages that bring nothing new. `TrapGuard` counts both for one source in one crawl.
The crawl owns one per source; after a restart it can be refilled with `admit` from the
frontier.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from huibao.discover.settings import DiscoverSettings
from huibao.discover.urls import is_trap, url_template


@dataclass(slots=True)
class TrapGuard:
    """Admits URLs for one source until a cap is reached; says which cap refused."""

    settings: DiscoverSettings = field(default_factory=DiscoverSettings)
    admitted: int = 0
    templates: Counter[str] = field(default_factory=Counter)
    barren_listings: int = 0  # listing pages in a row that brought no new article

    def admit(self, url: str) -> str | None:
        """None when `url` may be queued (and count it), else the reason it may not:
        an `is_trap` reason, "source_cap" or "template_cap"."""
        if reason := is_trap(url, self.settings):
            return reason
        if self.admitted >= self.settings.max_urls_per_source:
            return "source_cap"
        template = url_template(url)
        if self.templates[template] >= self.settings.max_urls_per_template:
            return "template_cap"
        self.templates[template] += 1
        self.admitted += 1
        return None

    def listing_yield(self, new_articles: int) -> bool:
        """Record a listing page's count of new article links; False when pagination should
        stop (`max_barren_listings` pages in a row brought nothing new: same content at
        page=1, 2, 3...)."""
        self.barren_listings = 0 if new_articles else self.barren_listings + 1
        return self.barren_listings < self.settings.max_barren_listings
