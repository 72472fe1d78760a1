"""What one fetched page of a source leads to: pure decisions, bytes in, records out.

The crawl loop (`huibao.discover.crawl`) fetches and writes; this module decides which URLs a
feed, sitemap or listing page adds to the frontier (normalised, on the source's hosts, not a
trap, within the depth caps), what state a URL goes to after an error, and how the pages of
a multi-page article are stitched into one `Article`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from huibao.discover.crawl_settings import CrawlSettings
from huibao.discover.feeds import parse_feed
from huibao.discover.fetch import RETRYABLE, FetchResult
from huibao.discover.links import find_links
from huibao.discover.settings import DiscoverSettings
from huibao.discover.sitemaps import parse_sitemap
from huibao.discover.urls import is_trap, normalize_url
from huibao.model import Article
from huibao.project import SourceSpec
from huibao.store import Claim, FetchRecord, NewUrl

DISCOVERY_KINDS = frozenset({"feed", "sitemap", "listing"})


@dataclass(frozen=True, slots=True)
class Found:
    """URLs a discovery page yields, and how many candidates were refused (and why)."""

    urls: tuple[NewUrl, ...] = ()
    refused: dict[str, int] = dataclasses.field(default_factory=dict)
    error: str | None = None  # the page could not be parsed at all


def entry_points(spec: SourceSpec) -> list[NewUrl]:
    """The source's own feeds, sitemaps and listing pages, depth 0."""
    items = [NewUrl(normalize_url(u), "feed") for u in spec.feeds]
    items += [NewUrl(normalize_url(u), "sitemap") for u in spec.sitemaps]
    items += [NewUrl(normalize_url(item.url), "listing") for item in spec.listings]
    return items


def listing_pattern(spec: SourceSpec, url: str) -> str | None:
    """The link pattern of the configured listing `url` belongs to (same page or directory)."""
    best: tuple[int, str | None] = (-1, None)
    for item in spec.listings:
        folder = item.url.rsplit("/", 1)[0] + "/"
        if normalize_url(item.url) == url:
            return item.pattern
        if url.startswith(folder) and len(folder) > best[0]:
            best = (len(folder), item.pattern)
    return best[1]


def discover(
    claim: Claim,
    body: bytes,
    base_url: str,
    spec: SourceSpec,
    settings: tuple[DiscoverSettings, CrawlSettings],
) -> Found:
    """The frontier URLs found in a feed, sitemap or listing page (nothing for articles)."""
    try:
        candidates, refused = _candidates(claim, body, base_url, spec, settings)
    except _Unreadable as exc:
        return Found(error=str(exc))
    except Exception as exc:
        return Found(error=f"{claim.kind} {claim.url}: {type(exc).__name__}: {exc}"[:300])
    found = admit(candidates, claim, spec, settings[0])
    for reason, n in refused.items():
        found.refused[reason] = found.refused.get(reason, 0) + n
    return found


class _Unreadable(Exception):
    """The parser said the page is not a usable feed or sitemap."""


def _candidates(
    claim: Claim,
    body: bytes,
    base_url: str,
    spec: SourceSpec,
    settings: tuple[DiscoverSettings, CrawlSettings],
) -> tuple[list[tuple[object, str]], dict[str, int]]:
    disc, crawl = settings
    child = claim.depth + 1
    candidates: list[tuple[object, str]] = []
    refused: dict[str, int] = {}
    if claim.kind == "feed":
        feed = parse_feed(body, base_url, disc.max_feed_bytes)
        if feed.error:
            raise _Unreadable(f"feed {claim.url}: {feed.error}")
        candidates = [(e.url, "article") for e in feed.entries]
    elif claim.kind == "sitemap":
        sitemap = parse_sitemap(
            body, base_url, max_bytes=disc.max_sitemap_bytes, max_urls=disc.max_sitemap_urls
        )
        if sitemap.error:
            raise _Unreadable(f"sitemap {claim.url}: {sitemap.error}")
        candidates = [(u.url, "article") for u in sitemap.urls]
        if child <= crawl.max_sitemap_depth:
            candidates += [(u, "sitemap") for u in sitemap.sitemaps]
    elif claim.kind == "listing":
        text = body.decode(spec.encoding, "replace") if spec.encoding else body
        pattern = listing_pattern(spec, claim.url)
        links = find_links(text, base_url, pattern, hosts=spec.hosts, settings=disc)
        candidates = [(u, "article") for u in links.articles]
        if child <= disc.max_listing_depth:
            candidates += [(u, "listing") for u in links.next_pages]
        for _url, reason in links.refused:
            refused[reason] = refused.get(reason, 0) + 1
    return candidates, refused


def _url_of(candidate: object) -> str:
    return str(getattr(candidate, "url", candidate))


def admit(
    candidates: Iterable[tuple[object, str]],
    claim: Claim,
    spec: SourceSpec,
    disc: DiscoverSettings,
) -> Found:
    """Normalise candidates and keep those on the source's hosts that are not traps."""
    kept: dict[str, NewUrl] = {}
    refused: dict[str, int] = {}
    for candidate, kind in candidates:
        try:
            url = normalize_url(_url_of(candidate))
        except ValueError:
            refused["unparseable"] = refused.get("unparseable", 0) + 1
            continue
        reason = is_trap(url, disc)
        if reason is None and not spec.allows(url):
            reason = "off_host"
        if reason is not None:
            refused[reason] = refused.get(reason, 0) + 1
        elif url != claim.url:
            kept.setdefault(url, NewUrl(url, kind, claim.depth + 1, claim.id))
    return Found(tuple(kept.values()), refused)


def after_error(
    claim: Claim, error: str, retry_after_s: float | None, now: datetime, crawl: CrawlSettings
) -> tuple[str, datetime]:
    """The URL's next state and due time after a failed fetch."""
    attempts = claim.attempts + 1
    if error in RETRYABLE | {"blocked"} and attempts < crawl.max_url_attempts:
        wait = max(crawl.retry_after_s * 2 ** (attempts - 1), retry_after_s or 0.0)
        return "queued", now + timedelta(seconds=wait)
    return "failed", now


def next_due(spec: SourceSpec, now: datetime, crawl: CrawlSettings) -> datetime:
    """When a feed, sitemap or listing page of `spec` should be fetched again."""
    return now + timedelta(seconds=spec.interval_s or crawl.default_interval_s)


def stitch(first: Article, pages: Sequence[Article], urls: Sequence[str]) -> Article:
    """One article from page 1 and its continuation pages: text joined, metadata of page 1.

    A continuation page that repeats the previous page's paragraphs (some CMSs serve page 1
    again for an out-of-range page) adds nothing.
    """
    paragraphs = list(first.paragraphs)
    images = list(first.images)
    seen = {tuple(first.paragraphs)}
    for page in pages:
        if tuple(page.paragraphs) in seen:
            continue
        seen.add(tuple(page.paragraphs))
        paragraphs += page.paragraphs
        images += [i for i in page.images if i not in images]
    return dataclasses.replace(
        first,
        paragraphs=paragraphs,
        body="\n".join(paragraphs),
        images=images,
        next_pages=list(urls),
    )


def record_of(result: FetchResult) -> FetchRecord:
    """The store's view of a fetch: the body is kept only for successful responses."""
    keep = result.error is None and not result.not_modified
    return FetchRecord(
        final_url=result.final_url,
        status=result.status,
        headers=result.headers,
        body=result.body if keep else None,
        error=result.error,
        elapsed_s=result.elapsed_s,
        attempts=result.attempts,
        not_modified=result.not_modified,
    )


def with_encoding(article: Article, encoding: str) -> Article:
    """Record that a project-file override chose the page's encoding."""
    return dataclasses.replace(article, encoding=encoding, encoding_signal="override")


# A page counts as an article when it has a title and at least this much body text (the
# shortest real items on the seed page's site, 图片新闻 captions, run to about 30 characters;
# index pages that slip through a listing pattern usually have no body at all).
MIN_BODY_CHARS = 20


def is_article(article: Article) -> bool:
    return bool(article.title) and len(article.body) >= MIN_BODY_CHARS
