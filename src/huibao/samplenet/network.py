"""What a running sample network tells tests: its outlets, their URLs and expected articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from huibao.samplenet.server import Site


@dataclass(frozen=True, slots=True)
class ExpectedArticle:
    """An article an outlet publishes, as a correct polite crawl should find it.

    `pages` lists every page URL (more than one for a multi-page article); `story` is shared
    by all reprints of one text; `reachable` is False where robots.txt or an anti-bot
    challenge keeps a polite crawler from it."""

    url: str
    title: str
    published: datetime
    encoding: str
    pages: tuple[str, ...] = ()
    story: str = ""
    altered: str = ""  # how a reprint differs from the original ("", "headline", ...)
    reachable: bool = True


@dataclass(frozen=True, slots=True)
class Outlet:
    """One sample outlet: a distinct origin (its own port on 127.0.0.1)."""

    name: str
    base_url: str
    site: Site = field(repr=False)
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    articles: tuple[ExpectedArticle, ...] = ()
    endpoints: dict[str, str] = field(default_factory=dict)  # fault/trap name -> URL
    description: str = ""

    def url(self, path: str) -> str:
        return self.base_url + path

    def requests(self, prefix: str = "") -> int:
        """Requests this outlet has answered whose target starts with `prefix`."""
        return self.site.requests(prefix)


@dataclass(frozen=True, slots=True)
class Network:
    """A running sample network (see `huibao.samplenet.serve`)."""

    outlets: dict[str, Outlet]

    def articles(self, *, reachable_only: bool = True) -> tuple[ExpectedArticle, ...]:
        return tuple(
            a
            for o in self.outlets.values()
            for a in o.articles
            if a.reachable or not reachable_only
        )
