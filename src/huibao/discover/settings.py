"""Caps and switches for fetching and discovery. Every cap is here, named, with a default."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from huibao.config import setting
from huibao.errors import ConfigError


def _version() -> str:
    # Not `from huibao import __version__`: huibao/__init__ may import this package.
    try:
        return version("huibao")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0"


PROJECT_URL = "https://github.com/huibao/huibao"
USER_AGENT = f"huibao/{_version()} (+{PROJECT_URL})"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Options for `huibao.discover.Fetcher` (one HTTP client per crawl)."""

    user_agent: str = setting(USER_AGENT, "User-Agent sent with every request; names the project.")
    host_delay_s: float = setting(
        1.0, "Seconds between two requests to one host (1 request/s/host); 0 turns politeness off."
    )
    host_concurrency: int = setting(1, "Requests in flight at once to one host.")
    total_concurrency: int = setting(64, "Requests in flight at once over all hosts.")
    max_crawl_delay_s: float = setting(
        30.0, "Largest robots.txt Crawl-delay honoured; longer ones are clipped to this."
    )
    deadline_s: float = setting(
        30.0, "Overall seconds one request (connect, headers and whole body) may take."
    )
    connect_timeout_s: float = setting(10.0, "Seconds to open a connection.")
    read_timeout_s: float = setting(15.0, "Seconds to wait for the next bytes of a response.")
    max_body_bytes: int = setting(
        10 * 1024 * 1024, "Largest body kept, counted after decompression; beyond it: too_large."
    )
    max_redirects: int = setting(
        20, "Redirect hops followed; one more fails as too_many_redirects."
    )
    max_retries: int = setting(
        3, "Retries after a timeout, reset, 5xx or 429 (so at most max_retries + 1 attempts)."
    )
    backoff_base_s: float = setting(
        1.0, "First retry waits about this long; each later retry doubles it (plus jitter)."
    )
    backoff_max_s: float = setting(60.0, "Longest wait between two retries.")
    max_retry_after_s: float = setting(
        60.0,
        "Longest Retry-After a fetch waits out itself; a longer one ends it as rate_limited "
        "and the host gets no request until the time has passed.",
    )
    robots_ttl_s: float = setting(86400.0, "Seconds a fetched robots.txt is trusted (RFC 9309).")
    robots_retry_s: float = setting(
        600.0,
        "Seconds an unreachable robots.txt (5xx, no answer) keeps its host closed before it "
        "is asked for again.",
    )
    obey_robots: bool = setting(True, "Obey robots.txt. Turn off only for your own sites.")
    allowed_networks: tuple[str, ...] = setting(
        (),
        "Private, loopback or link-local networks (CIDR) that may be fetched anyway, such as "
        "127.0.0.0/8 for the sample news network. Everything else private is refused.",
    )
    verify_tls: bool = setting(
        True,
        "Check HTTPS certificates. Some government sites serve expired or self-signed ones; "
        "turn off per project only when you accept that risk.",
    )
    proxy: str = setting("", "Proxy URL for every request (http://host:port); empty: none.")
    detect_blocking: bool = setting(
        True, "Treat anti-bot challenge pages as the error 'blocked' instead of content."
    )

    def __post_init__(self) -> None:
        for cidr in self.allowed_networks:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError as exc:
                raise ConfigError(f"allowed_networks: {cidr!r} is not a network (CIDR)") from exc
        for name in ("host_concurrency", "total_concurrency", "max_body_bytes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1")
        for name in ("host_delay_s", "deadline_s", "max_redirects", "max_retries"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative")


@dataclass(frozen=True, slots=True)
class DiscoverSettings:
    """Caps for finding article links, feeds and sitemaps, and for refusing crawler traps."""

    max_url_length: int = setting(2000, "Longest URL followed.")
    max_path_depth: int = setting(12, "Most path segments in a followed URL.")
    max_segment_repeats: int = setting(
        2, "Times one path segment may repeat in a URL (/a/a/a/ is a trap)."
    )
    max_query_params: int = setting(6, "Most query parameters in a followed URL.")
    max_page_number: int = setting(
        500, "Highest listing page number followed (index_N.html, ?page=N)."
    )
    max_urls_per_template: int = setting(
        10_000,
        "URLs admitted per URL template (the path with digit runs replaced and query values "
        "dropped); stops endless calendars and page=N variants.",
    )
    max_urls_per_source: int = setting(50_000, "URLs admitted per source in one crawl.")
    max_listing_depth: int = setting(
        50, "Listing pages followed from a listing start page (pagination hops)."
    )
    max_barren_listings: int = setting(
        3, "Listing pages in a row without a new article link after which pagination stops."
    )
    max_feed_entries: int = setting(
        10_000, "Most entries read from one feed (real feeds carry 10-200)."
    )
    max_loose_feed_bytes: int = setting(
        128 * 1024,
        "Bytes of an unreadable feed given to feedparser's slow lenient parser (rest cut).",
    )
    max_feed_bytes: int = setting(20 * 1024 * 1024, "Largest feed parsed.")
    max_sitemap_bytes: int = setting(
        50 * 1024 * 1024, "Largest sitemap parsed, after gunzip (sitemaps.org limit)."
    )
    max_sitemap_urls: int = setting(50_000, "Most URLs read from one sitemap (sitemaps.org limit).")
