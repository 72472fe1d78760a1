"""The hostile outlets: faults and traps, a robots.txt that answers 503, anti-bot walls."""

from __future__ import annotations

from datetime import datetime

from huibao.samplenet import channel, faults, traps
from huibao.samplenet.channel import CST, html_type
from huibao.samplenet.network import ExpectedArticle, Outlet
from huibao.samplenet.pages import real_pages
from huibao.samplenet.server import Reply, Site
from huibao.samplenet.templates import Entry, listing

XML = "application/xml; charset=utf-8"


def _articles(
    site: Site, base: str, paths: list[str], offset: int, reachable: bool = True
) -> list[ExpectedArticle]:
    pages = real_pages("gne-")[offset : offset + len(paths)]
    out = []
    for i, (path, page) in enumerate(zip(paths, pages, strict=True)):
        site.add(path, Reply(page.data, html_type("utf-8")))
        when = datetime(2021, 4, 1 + i, 8, tzinfo=CST)
        out.append(
            ExpectedArticle(
                base + path,
                page.title,
                when,
                page.encoding,
                (base + path,),
                page.name,
                reachable=reachable,
            )
        )
    return out


def _fault_routes(site: Site, article: Reply) -> dict[str, str]:
    """Install the fault endpoints; returns name -> path."""
    site.route("/slow", faults.slow(article))
    site.route("/drip", faults.drip)
    site.add("/status/500", Reply(b"<html><body>500</body></html>", status=500))
    site.route("/flaky", faults.Sequence((503, 503), article, {}))
    site.route("/reset-once", faults.Sequence((0,), article, {}))
    site.route("/ratelimit", faults.rate_limited)
    site.route("/ratelimit-once", faults.Sequence((429,), article, {"Retry-After": "2"}))
    site.route("/reset", faults.reset)
    for name in faults.BOMBS:
        site.route(f"/bomb/{name}", faults.bomb(name))
    site.route("/redirect/loop/a", faults.redirect_to("/redirect/loop/b"))
    site.route("/redirect/loop/b", faults.redirect_to("/redirect/loop/a"))
    site.route("/redirect/chain/", faults.redirect_chain("/2011/0821/1.html"), prefix=True)
    site.route("/redirect/file", faults.redirect_to("file:///etc/passwd"))
    site.route("/redirect/gopher", faults.redirect_to("gopher://127.0.0.1:70/1"))
    site.route("/huge", faults.huge)
    site.route("/conditional", faults.conditional(article, '"v1"', "Sat, 21 Aug 2011 01:00:00 GMT"))
    site.add("/image.jpg", Reply(b"\xff\xd8\xff\xe0" + bytes(2000), "image/jpeg"))
    site.route("/calendar", traps.calendar)
    site.route("/a/", traps.repeating_path, prefix=True)
    site.route("/more", traps.endless_pages)
    site.add("/evil/laughs-feed.xml", Reply(traps.laughs_feed(), XML))
    site.add("/evil/xxe-feed.xml", Reply(traps.xxe_feed(), XML))
    site.add("/evil/laughs-sitemap.xml", Reply(traps.laughs_sitemap(), XML))
    site.add("/evil/xxe-sitemap.xml", Reply(traps.xxe_sitemap(), XML))
    for name, reply in traps.CHALLENGES.items():
        site.add(f"/challenge/{name}", reply)
    names = {
        "slow": "/slow?s=3",
        "drip": "/drip?n=120",
        "status_500": "/status/500",
        "flaky": "/flaky?key=",
        "reset_once": "/reset-once?key=",
        "rate_limited": "/ratelimit?after=120",
        "rate_limited_once": "/ratelimit-once?key=",
        "reset": "/reset",
        "bomb_gzip": "/bomb/gzip?mib=1024",
        "bomb_gzip_2gib": "/bomb/gzip?mib=2048",
        "bomb_deflate": "/bomb/deflate?mib=1024",
        "bomb_br": "/bomb/br?mib=1024",
        "redirect_loop": "/redirect/loop/a",
        "redirect_chain_21": "/redirect/chain/21",
        "redirect_chain_5": "/redirect/chain/5",
        "redirect_file": "/redirect/file",
        "redirect_gopher": "/redirect/gopher",
        "huge": "/huge?mib=64",
        "huge_chunked": "/huge?chunked=1&mib=64",
        "conditional": "/conditional",
        "wrong_type": "/image.jpg",
        "calendar": "/calendar?date=2011-08-21",
        "repeating_path": "/a/",
        "endless_pages": "/more?page=1",
        "laughs_feed": "/evil/laughs-feed.xml",
        "xxe_feed": "/evil/xxe-feed.xml",
        "laughs_sitemap": "/evil/laughs-sitemap.xml",
        "xxe_sitemap": "/evil/xxe-sitemap.xml",
        "robots_disallowed": "/private/2011/0821/3.html",
    }
    return names | {f"challenge_{name}": f"/challenge/{name}" for name in traps.CHALLENGES}


def faults_outlet(site: Site, base: str) -> Outlet:
    articles = _articles(site, base, ["/2011/0821/1.html", "/2011/0821/2.html"], 3)
    article = site.static["/2011/0821/1.html"]
    secret = _articles(site, base, ["/private/2011/0821/3.html"], 5, reachable=False)
    endpoints = {name: base + path for name, path in _fault_routes(site, article).items()}
    channel.robots(site, "User-agent: *\nDisallow: /private/\n")
    entries = [Entry(a.url, a.title, a.published.isoformat()) for a in articles + secret]
    traps_links = [
        Entry(base + p, "下一页", "2011-08-21")
        for p in ("/calendar?date=2011-08-21", "/a/", "/more?page=1")
    ]
    page = listing("首页", entries + traps_links)
    site.add("/list/index.html", Reply(page.encode(), html_type("utf-8")))
    return Outlet(
        "faults",
        base,
        site,
        articles=tuple(articles + secret),
        endpoints=endpoints,
        listings=(base + "/list/index.html",),
        feeds=(base + "/evil/laughs-feed.xml",),
        sitemaps=(base + "/evil/xxe-sitemap.xml",),
        description="fault endpoints, traps, hostile XML and a robots-disallowed /private/",
    )


def norobots(site: Site, base: str) -> Outlet:
    site.add("/robots.txt", Reply(b"Service Unavailable", "text/plain", status=503))
    articles = _articles(site, base, [f"/content_{n}.htm" for n in (31, 32, 33)], 6, False)
    entries = [Entry(a.url, a.title, a.published.isoformat()) for a in articles]
    return Outlet(
        "norobots",
        base,
        site,
        articles=tuple(articles),
        feeds=(channel.feed(site, base, "/rss.xml", "动态", entries),),
        listings=channel.listing_pages(
            site,
            base,
            "动态",
            entries,
            per_page=10,
            first="/list/index.html",
            nth="/list/index_{}.html",
        ),
        description="robots.txt answers 503: RFC 9309 says crawl nothing",
    )


def blocked(site: Site, base: str) -> Outlet:
    names = list(traps.CHALLENGES)
    paths = [f"/a/2021040{i + 1}/{100 + i}.html" for i in range(len(names))]
    articles = _articles(site, base, paths, 9, reachable=False)
    for path, name in zip(paths, names, strict=True):
        site.add(path, traps.CHALLENGES[name])  # the WAF answers instead of the article
    entries = [Entry(a.url, a.title, a.published.isoformat()) for a in articles]
    site.add("/list/index.html", traps.CHALLENGES["jsl"])
    site.add("/", traps.CHALLENGES["jsl"])
    channel.robots(site, "User-agent: *\nAllow: /\n")
    return Outlet(
        "blocked",
        base,
        site,
        articles=tuple(articles),
        feeds=(channel.feed(site, base, "/rss.xml", "动态", entries),),
        listings=(base + "/list/index.html",),
        endpoints={f"challenge_{n}": base + p for n, p in zip(names, paths, strict=True)},
        description="every page behind an anti-bot challenge",
    )
