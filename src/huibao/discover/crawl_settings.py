"""Caps and switches for crawl orchestration (`huibao.discover.crawl`).

Fetching (politeness, timeouts, body caps) is `FetchSettings`; link finding and trap caps
(URLs per source, listing depth, sitemap size) are `DiscoverSettings`; both live in
`huibao.discover.settings`. This is what the crawl loop itself needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from huibao.config import setting


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    """Options for `huibao crawl` / `huibao watch` and `crawl_once`."""

    workers: int = setting(16, "URLs processed at once (politeness per host still applies).")
    claim_size: int = setting(32, "Frontier URLs claimed from the store at a time.")
    write_batch: int = setting(64, "Finished URLs written per store transaction.")
    write_interval_s: float = setting(
        0.25, "Longest a finished URL waits before its batch is written."
    )
    extract: bool = setting(True, "Extract and store articles; off: fetch and keep raw pages only.")
    extract_threads: int = setting(2, "Threads running extraction beside the network loop.")
    max_article_pages: int = setting(
        20, "Most pages of one multi-page article fetched and stitched together."
    )
    max_sitemap_depth: int = setting(3, "Deepest sitemap-index nesting followed.")
    max_url_attempts: int = setting(
        3, "Passes that retry a URL after a passing failure (timeout, reset, 5xx, 429)."
    )
    retry_after_s: float = setting(
        300.0, "Wait before a later pass retries such a URL (doubles with each attempt)."
    )
    default_interval_s: float = setting(
        3600.0, "Seconds between two crawls of a source that sets no `interval`."
    )
    stop_grace_s: float = setting(
        10.0, "On Ctrl-C/SIGTERM, seconds in-flight fetches get to finish before cancelling."
    )
