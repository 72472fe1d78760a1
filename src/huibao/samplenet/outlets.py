"""The outlets of the sample news network, each built from real pages.

- xinwen (UTF-8, some pages mislabelled gb2312): RSS; sitemap index naming a plain, a
  gzipped and a news sitemap; `index_N.html` listings paged only by the TRS pager script
  `createPageHTML(...)`; TRS `t20210301_1001.html` URLs.
- gbkcms (GBK): the seed article as a 3-page article (`123.html`, `123_2.html`, 下一页),
  an Atom feed in GBK, a lying `charset=utf-8` header, `/2005/0102/2002.html` URLs.
- portal (UTF-8): the seed article reprinted with a new headline and 来源/责任编辑 lines in
  another template; exact reprints of three xinwen pages; `?page=N` listings.
- county (GBK, no robots.txt: 404): the seed article with a changed figure and a trimmed
  ending; sitemap and listing, no feed.
The hostile outlets (faults, norobots, blocked) are in `hostile.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from huibao.samplenet import channel
from huibao.samplenet.channel import CST, day, html_type
from huibao.samplenet.network import ExpectedArticle, Outlet
from huibao.samplenet.pages import RealPage, SeedArticle, real_pages, seed_article
from huibao.samplenet.server import Reply, Site
from huibao.samplenet.templates import Entry, cms_article

Builder = Callable[[Site, str], Outlet]
SEED_STORY = "seed"


def _entry(a: ExpectedArticle) -> Entry:
    return Entry(a.url, a.title, a.published.isoformat())


def _serve_real(
    site: Site,
    base: str,
    page: RealPage,
    path: str,
    when: datetime,
    charset: str | None,
    story: str = "",
) -> ExpectedArticle:
    site.add(path, Reply(page.data, html_type(charset)))
    url = base + path
    return ExpectedArticle(url, page.title, when, page.encoding, (url,), story or page.name)


def xinwen(site: Site, base: str) -> Outlet:
    start = datetime(2021, 3, 1, 8)
    articles = []
    for i, page in enumerate(real_pages("gne-")):
        when = day(start, i)
        path = f"/news/{when:%Y%m}/t{when:%Y%m%d}_{1001 + i}.html"
        articles.append(
            _serve_real(site, base, page, path, when, "utf-8" if page.encoding == "utf-8" else None)
        )
    entries = [_entry(a) for a in reversed(articles)]
    channel.robots(site, f"User-agent: *\nDisallow: /search/\nSitemap: {base}/sitemap_index.xml\n")
    return Outlet(
        "xinwen",
        base,
        site,
        articles=tuple(articles),
        feeds=(channel.feed(site, base, "/rss.xml", "新闻网 要闻", entries[:10]),),
        sitemaps=channel.sitemaps(site, base, entries, publication="新闻网"),
        listings=channel.listing_pages(
            site,
            base,
            "要闻",
            entries,
            per_page=8,
            first="/news/index.html",
            nth="/news/index_{}.html",
            script=True,
        ),
        description="UTF-8 portal made of GeneralNewsExtractor's real pages",
    )


def _seed_pages(seed: SeedArticle, base: str, stem: str) -> list[tuple[str, bytes]]:
    """The seed article split over three GBK pages joined by 下一页 links."""
    paths = [f"{stem}.html", f"{stem}_2.html", f"{stem}_3.html"]
    thirds = [seed.paragraphs[0:4], seed.paragraphs[4:7], seed.paragraphs[7:]]
    out = []
    for k, (path, paragraphs) in enumerate(zip(paths, thirds, strict=True)):
        pager = [(str(n + 1), p) for n, p in enumerate(paths)]
        if k + 1 < len(paths):
            pager.append(("下一页", paths[k + 1]))
        html = cms_article(
            seed.title, seed.date, paragraphs, charset="gbk", source=seed.source, pager=pager
        )
        out.append((path, html.encode("gbk", "xmlcharrefreplace")))
    return out


def gbkcms(site: Site, base: str) -> Outlet:
    seed = seed_article()
    published = datetime.fromisoformat(seed.date).replace(hour=9, tzinfo=CST)
    pages = _seed_pages(seed, base, "/2011/0821/123")
    for path, data in pages:
        site.add(path, Reply(data, html_type("gbk")))
    articles = [
        ExpectedArticle(
            base + pages[0][0],
            seed.title,
            published,
            "gbk",
            tuple(base + p for p, _ in pages),
            SEED_STORY,
        )
    ]
    start = datetime(2005, 1, 1, 8)
    for i, page in enumerate(real_pages("dev-")):
        when = day(start, i)
        path = f"/{when:%Y/%m%d}/{2001 + i}.html" if i % 2 else f"/news/content_{2001 + i}.htm"
        label = "utf-8" if i == 0 else "gbk"  # page 0: the header lies (GBK bytes)
        articles.append(_serve_real(site, base, page, path, when, label))
    entries = [_entry(a) for a in sorted(articles, key=lambda a: a.published, reverse=True)]
    channel.robots(site, "User-agent: *\nDisallow: /admin/\nCrawl-delay: 1\n")
    return Outlet(
        "gbkcms",
        base,
        site,
        articles=tuple(articles),
        feeds=(
            channel.feed(
                site, base, "/atom.xml", "柳南要闻", entries[:12], kind="atom", encoding="gbk"
            ),
        ),
        sitemaps=channel.plain_sitemap(site, base, entries),
        listings=channel.listing_pages(
            site,
            base,
            "要闻",
            entries,
            per_page=6,
            first="/list/index.html",
            nth="/list/index_{}.html",
            charset="gbk",
        ),
        endpoints={"charset_lie": articles[1].url, "multipage": articles[0].url},
        description="old GBK CMS: the seed article (3 pages) and real GBK pages",
    )


def _reprint(seed: SeedArticle, how: str) -> tuple[str, tuple[str, ...], str]:
    """(title, paragraphs, source) of an altered reprint of the seed article."""
    if how == "headline":
        return "柳州柳南警方:三大举措打造亲民公安形象", seed.paragraphs, seed.source
    body = list(seed.paragraphs[:-1])  # trimmed ending
    for k, text in enumerate(body):
        if match := re.search(r"\d{3,}", text):  # one changed figure
            changed = str(int(match.group()) + 30)
            body[k] = text[: match.start()] + changed + text[match.end() :]
            break
    return seed.title, tuple(body), ""


def portal(site: Site, base: str) -> Outlet:
    seed = seed_article()
    title, paragraphs, source = _reprint(seed, "headline")
    path = "/20110822/n123456.shtml"
    html = cms_article(
        title,
        "2011-08-22 10:15",
        paragraphs,
        charset="utf-8",
        source=source,
        editor="张晓",
        style="new",
    )
    site.add(path, Reply(html.encode(), html_type("utf-8")))
    when = datetime(2011, 8, 22, 10, 15, tzinfo=CST)
    articles = [
        ExpectedArticle(
            base + path,
            title,
            when,
            "utf-8",
            (base + path,),
            SEED_STORY,
            "headline, 来源/责任编辑 lines, template",
        )
    ]
    for i, page in enumerate(real_pages("gne-")[:3]):  # exact reprints of xinwen's first three
        articles.append(
            _serve_real(
                site,
                base,
                page,
                f"/{20210305 + i}/n{200 + i}.shtml",
                day(datetime(2021, 3, 5, 8), i),
                "utf-8",
            )
        )
    entries = [_entry(a) for a in sorted(articles, key=lambda a: a.published, reverse=True)]
    channel.robots(site, "User-agent: *\nAllow: /\n")
    return Outlet(
        "portal",
        base,
        site,
        articles=tuple(articles),
        feeds=(channel.feed(site, base, "/rss.xml", "门户 滚动", entries),),
        sitemaps=channel.plain_sitemap(site, base, entries),
        listings=channel.listing_pages(
            site, base, "滚动新闻", entries, per_page=2, first="/roll/", nth="/roll/?page={}"
        ),
        description="portal reprinting the seed article (new headline, 来源/责任编辑) and xinwen",
    )


def county(site: Site, base: str) -> Outlet:
    seed = seed_article()
    title, paragraphs, _ = _reprint(seed, "figure")
    path = "/art/2011/8/23/art_1234_5678.html"
    html = cms_article(title, "2011-08-23", paragraphs, charset="gb2312")
    site.add(path, Reply(html.encode("gbk", "xmlcharrefreplace"), html_type("gb2312")))
    when = datetime(2011, 8, 23, 9, tzinfo=CST)
    articles = [
        ExpectedArticle(
            base + path,
            title,
            when,
            "gbk",
            (base + path,),
            SEED_STORY,
            "changed figure, trimmed ending",
        )
    ]
    entries = [_entry(a) for a in articles]
    return Outlet(
        "county",
        base,
        site,
        articles=tuple(articles),
        sitemaps=channel.plain_sitemap(site, base, entries),
        listings=channel.listing_pages(
            site,
            base,
            "县区动态",
            entries,
            per_page=10,
            first="/col/index.html",
            nth="/col/index_{}.html",
            charset="gb2312",
        ),
        description="county site (no robots.txt) reprinting the seed article, altered",
    )
