"""What a project file says, as frozen records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from huibao.discover.crawl_settings import CrawlSettings
from huibao.discover.settings import DiscoverSettings, FetchSettings
from huibao.extract import Rules
from huibao.store.settings import StoreSettings


@dataclass(frozen=True, slots=True)
class Listing:
    """A listing page (栏目页) and, optionally, a regular expression its article links match."""

    url: str
    pattern: str | None = None


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One site to follow (`[[sources]]`)."""

    name: str
    home: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[Listing, ...] = ()
    interval_s: float | None = None
    rate: float | None = None  # requests per second to this source's hosts
    encoding: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    rules: Rules | None = None

    @property
    def entry_urls(self) -> tuple[str, ...]:
        return (*self.feeds, *self.sitemaps, *(item.url for item in self.listings))

    @property
    def hosts(self) -> frozenset[str]:
        """Hosts (host or host:port) this source may fetch from: `allowed_hosts`, or those
        of its own URLs."""
        if self.allowed_hosts:
            return frozenset(h.lower() for h in self.allowed_hosts)
        found = {urlsplit(u).netloc for u in (self.home, *self.entry_urls)}
        return frozenset(h.lower() for h in found if h)

    def allows(self, url: str) -> bool:
        """True when `url` is on one of this source's hosts."""
        parts = urlsplit(url)
        hosts = self.hosts
        return parts.netloc.lower() in hosts or (parts.hostname or "").lower() in hosts


@dataclass(frozen=True, slots=True)
class Project:
    """A whole project file: the sources and the settings of each stage."""

    sources: tuple[SourceSpec, ...]
    store_url: str
    path: Path | None = None
    store: StoreSettings = field(default_factory=StoreSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    discover: DiscoverSettings = field(default_factory=DiscoverSettings)
    crawl: CrawlSettings = field(default_factory=CrawlSettings)

    def source(self, name: str) -> SourceSpec:
        for spec in self.sources:
            if spec.name == name:
                return spec
        raise KeyError(name)
