"""A generated site of N article pages for benchmarks: listing pages link all of them.

Pages are rendered on request (deterministic in their number) from real paragraphs, so a
50,000-page site costs no memory up front.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from huibao.samplenet import channel
from huibao.samplenet.channel import CST, html_type
from huibao.samplenet.network import ExpectedArticle, Outlet
from huibao.samplenet.pages import real_paragraphs
from huibao.samplenet.server import Handler, Reply, Site
from huibao.samplenet.templates import Entry, cms_article, listing

PER_LISTING = 50
PARAGRAPHS_PER_PAGE = 6
START = datetime(2021, 1, 1, 8, tzinfo=CST)


PER_DAY = 20


def _published(i: int) -> datetime:
    """Article i's publication time: 20 a day from 2021-01-01 08:00, a minute apart."""
    return START + timedelta(days=i // PER_DAY, minutes=i % PER_DAY)


def _path(i: int) -> str:
    """/2021/0101/0.html ...: the dated-folder shape of county CMSs."""
    return f"/{_published(i):%Y/%m%d}/{i}.html"


def _title(i: int, paragraphs: tuple[str, ...]) -> str:
    return f"{paragraphs[i % len(paragraphs)][:18]}（第{i}号）"


def generated(site: Site, base: str, n_pages: int) -> Outlet:
    paragraphs = real_paragraphs()

    def article(h: Handler, query: dict[str, str]) -> None:
        try:
            i = int(h.path.rsplit("/", 1)[-1].split(".")[0])
        except ValueError:
            i = -1
        if not 0 <= i < n_pages or h.path.split("?")[0] != _path(i):
            h.reply(Reply(b"<html><body>404</body></html>", status=404))
            return
        body = [paragraphs[(i * 7 + k * 13) % len(paragraphs)] for k in range(PARAGRAPHS_PER_PAGE)]
        html = cms_article(
            _title(i, paragraphs),
            f"{_published(i):%Y-%m-%d %H:%M}",
            body,
            charset="utf-8",
            source="汇报样例网",
        )
        h.reply(Reply(html.encode(), html_type("utf-8")))

    def listing_page(h: Handler, query: dict[str, str]) -> None:
        name = h.path.rsplit("/", 1)[-1]
        k = int(name[6:-5]) if name.startswith("index_") and name[6:-5].isdigit() else 0
        first, last = k * PER_LISTING, min(n_pages, (k + 1) * PER_LISTING)
        entries = [
            Entry(_path(i), _title(i, paragraphs), _published(i).isoformat())
            for i in range(first, last)
        ]
        next_ = f"/list/index_{k + 1}.html" if last < n_pages else ""
        prev = ("/list/index.html" if k == 1 else f"/list/index_{k - 1}.html") if k else ""
        h.reply(Reply(listing("列表", entries, prev=prev, next_=next_).encode()))

    site.route("/20", article, prefix=True)
    site.route("/list/", listing_page, prefix=True)
    channel.robots(site, f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")
    articles = tuple(
        ExpectedArticle(
            base + _path(i), _title(i, paragraphs), _published(i), "utf-8", (base + _path(i),)
        )
        for i in range(n_pages)
    )
    entries = [Entry(a.url, a.title, a.published.isoformat()) for a in reversed(articles)]
    return Outlet(
        "generated",
        base,
        site,
        listings=(base + "/list/index.html",),
        feeds=(channel.feed(site, base, "/rss.xml", "汇报样例网", entries[:50]),),
        sitemaps=channel.plain_sitemap(site, base, entries),
        articles=articles,
        description=f"{n_pages} generated article pages",
    )
