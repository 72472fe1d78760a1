"""Sitemaps -> URLs (pure): urlset, sitemap index, Google News sitemaps, gzip, plain text.

Parsed by lxml with entity resolution, DTD loading and network access off and huge trees
refused, after `safexml.defuse`; a gzipped sitemap is inflated under `max_bytes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin

from lxml import etree

from huibao.discover.decode import DecodingError, TooLarge, decode_capped
from huibao.discover.safexml import UnsafeXML, defuse
from huibao.discover.settings import DiscoverSettings
from huibao.discover.urls import normalize_url, url_problem

CST = timezone(timedelta(hours=8))  # dates without a zone are read as China time
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    """One <url>: its location and the dates the sitemap states (timezone-aware)."""

    url: str
    lastmod: datetime | None = None
    news_published: datetime | None = None
    news_title: str = ""


@dataclass(frozen=True, slots=True)
class SitemapResult:
    """URLs of a urlset, or child sitemaps of an index. `error`: None, "unsafe_xml",
    "too_large", "not_a_sitemap" or "decoding"."""

    urls: tuple[SitemapUrl, ...] = ()
    sitemaps: tuple[str, ...] = ()
    error: str | None = None


def parse_w3c_date(value: str | None) -> datetime | None:
    """A W3C datetime (2011-08-21, 2011-08-21T09:00:00+08:00, ...Z) as an aware datetime."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=CST)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
    )


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str) -> str:
    for child in element.iter():
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _url(element: etree._Element, base_url: str) -> SitemapUrl | None:
    loc = _child_text(element, "loc")
    url = normalize_url(urljoin(base_url, loc)) if loc else ""
    if not url or url_problem(url) is not None:
        return None
    return SitemapUrl(
        url,
        parse_w3c_date(_child_text(element, "lastmod")),
        parse_w3c_date(_child_text(element, "publication_date")),
        _child_text(element, "title"),
    )


def _plain_text(data: bytes, base_url: str, max_urls: int) -> SitemapResult:
    lines = data.decode("utf-8", errors="replace").split()
    urls = [normalize_url(urljoin(base_url, line)) for line in lines[:max_urls]]
    if not urls or any(url_problem(u) for u in urls):
        return SitemapResult(error="not_a_sitemap")
    return SitemapResult(urls=tuple(SitemapUrl(u) for u in urls))


def parse_sitemap(
    data: bytes,
    base_url: str,
    *,
    max_bytes: int | None = None,
    max_urls: int | None = None,
    settings: DiscoverSettings | None = None,
) -> SitemapResult:
    """URLs (with lastmod / news dates) of a sitemap, or the children of a sitemap index;
    at most `max_urls` (default `max_sitemap_urls`), `max_bytes` (default
    `max_sitemap_bytes`) after gunzip."""
    s = settings or DiscoverSettings()
    max_bytes = s.max_sitemap_bytes if max_bytes is None else max_bytes
    max_urls = s.max_sitemap_urls if max_urls is None else max_urls
    try:
        if data[:2] == GZIP_MAGIC:
            data = decode_capped(data, "gzip", max_bytes)
        elif len(data) > max_bytes:
            return SitemapResult(error="too_large")
        data = defuse(data)
    except TooLarge:
        return SitemapResult(error="too_large")
    except DecodingError:
        return SitemapResult(error="decoding")
    except UnsafeXML:
        return SitemapResult(error="unsafe_xml")
    if not data.lstrip().startswith(b"<"):
        return _plain_text(data, base_url, max_urls)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return SitemapResult(error="not_a_sitemap")
    kind = _local(root.tag)
    found = [u for el in root if _local(el.tag) in {"url", "sitemap"} if (u := _url(el, base_url))][
        :max_urls
    ]
    if kind == "sitemapindex":
        return SitemapResult(sitemaps=tuple(u.url for u in found))
    if kind == "urlset":
        return SitemapResult(urls=tuple(found))
    return SitemapResult(error="not_a_sitemap")
