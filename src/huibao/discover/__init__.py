"""Discovery: sources -> fetched pages (HTTP, robots.txt, feeds, sitemaps, listing pages).

The network half lives in `fetch` (the `Fetcher`); the parsers are pure: bytes in,
dataclasses out. See docs/discover.md.
"""

from huibao.discover.blocked import looks_blocked
from huibao.discover.feeds import FeedEntry, FeedResult, parse_feed
from huibao.discover.fetch import Fetcher, FetchResult
from huibao.discover.guard import TrapGuard
from huibao.discover.links import ListingLinks, find_feeds, find_links
from huibao.discover.settings import DiscoverSettings, FetchSettings
from huibao.discover.sitemaps import SitemapResult, SitemapUrl, parse_sitemap
from huibao.discover.urls import is_trap, normalize_url

__all__ = [
    "DiscoverSettings",
    "FeedEntry",
    "FeedResult",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "ListingLinks",
    "SitemapResult",
    "SitemapUrl",
    "TrapGuard",
    "find_feeds",
    "find_links",
    "is_trap",
    "looks_blocked",
    "normalize_url",
    "parse_feed",
    "parse_sitemap",
]
