"""Publishing helpers shared by the outlets: article pages, listings, feeds, sitemaps."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from huibao.samplenet import templates
from huibao.samplenet.network import Outlet
from huibao.samplenet.server import Reply, Site
from huibao.samplenet.templates import Entry

CST = timezone(timedelta(hours=8))
XML = "application/xml; charset=utf-8"


def html_type(charset: str | None) -> str:
    return f"text/html; charset={charset}" if charset else "text/html"


def day(start: datetime, n: int) -> datetime:
    """The n-th publication time after `start`: one article a day at 08:00 + n minutes."""
    return (start + timedelta(days=n, minutes=n)).replace(tzinfo=CST)


@dataclass(frozen=True, slots=True)
class ChannelPaths:
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    listings: tuple[str, ...]


def listing_pages(
    site: Site,
    base: str,
    title: str,
    entries: Sequence[Entry],
    *,
    per_page: int,
    first: str,
    nth: str,
    charset: str = "utf-8",
    script: bool = False,
) -> tuple[str, ...]:
    """Paginated listing: `first` is page 0, `nth.format(k)` page k; newest first. With
    `script`, pages link each other only through a TRS pager script (`nth` must then be
    `.../index_{}.html`)."""
    paths = [first] + [nth.format(k) for k in range(1, (len(entries) - 1) // per_page + 1)]
    for k, path in enumerate(paths):
        html = templates.listing(
            title,
            entries[k * per_page : (k + 1) * per_page],
            prev=paths[k - 1] if k else "",
            next_=paths[k + 1] if k + 1 < len(paths) else "",
            charset=charset,
            script_pager=(len(paths), k) if script else None,
        )
        site.add(path, Reply(html.encode(_codec(charset), "xmlcharrefreplace"), html_type(charset)))
    return tuple(base + p for p in paths)


def feed(
    site: Site,
    base: str,
    path: str,
    title: str,
    entries: Sequence[Entry],
    *,
    kind: str = "rss",
    encoding: str = "utf-8",
) -> str:
    render = templates.rss if kind == "rss" else templates.atom
    text = render(title, base + "/", entries, encoding=encoding)
    mime = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    site.add(
        path,
        Reply(text.encode(_codec(encoding), "xmlcharrefreplace"), f"{mime}; charset={encoding}"),
    )
    return base + path


def sitemaps(
    site: Site, base: str, entries: Sequence[Entry], *, publication: str
) -> tuple[str, ...]:
    """A sitemap index naming a plain sitemap, a gzipped one and a news sitemap."""
    half = len(entries) // 2
    site.add("/sitemap-1.xml", Reply(templates.sitemap(entries[:half]).encode(), XML))
    packed = gzip.compress(templates.sitemap(entries[half:]).encode(), mtime=0)
    site.add("/sitemap-2.xml.gz", Reply(packed, "application/gzip"))
    news = templates.sitemap(entries[:5], news=True, publication=publication)
    site.add("/sitemap-news.xml", Reply(news.encode(), XML))
    children = [base + p for p in ("/sitemap-1.xml", "/sitemap-2.xml.gz", "/sitemap-news.xml")]
    site.add("/sitemap_index.xml", Reply(templates.sitemap_index(children).encode(), XML))
    return (base + "/sitemap_index.xml",)


def plain_sitemap(site: Site, base: str, entries: Sequence[Entry]) -> tuple[str, ...]:
    site.add("/sitemap.xml", Reply(templates.sitemap(entries).encode(), XML))
    return (base + "/sitemap.xml",)


def home_page(outlet: Outlet) -> Reply:
    """The outlet's home page at "/" (latest ten articles, feeds announced in <head>)."""
    latest = sorted(outlet.articles, key=lambda a: a.published, reverse=True)[:10]
    entries = [Entry(a.url, a.title, a.published.isoformat()) for a in latest]
    html = templates.home(outlet.description, entries, outlet.feeds, outlet.listings)
    return Reply(html.encode())


def robots(site: Site, text: str) -> None:
    site.add("/robots.txt", Reply(text.encode(), "text/plain; charset=utf-8"))


def _codec(charset: str) -> str:
    return "gb18030" if charset.lower() in {"gbk", "gb2312", "gb18030"} else charset
