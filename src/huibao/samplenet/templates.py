"""HTML, RSS, Atom and sitemap text for the sample outlets (plain string templates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape


@dataclass(frozen=True, slots=True)
class Entry:
    """One article as listings, feeds and sitemaps name it."""

    url: str
    title: str
    published: str  # ISO 8601 with zone, e.g. 2011-08-21T09:30:00+08:00


def cms_article(
    title: str,
    date: str,
    paragraphs: Sequence[str],
    *,
    charset: str,
    source: str = "",
    editor: str = "",
    pager: Sequence[tuple[str, str]] = (),
    style: str = "old",
) -> str:
    """An article page in the shape of an old table-layout CMS ("old") or a newer div one."""
    meta = f"发布时间:{escape(date)}"
    if source:
        meta += f"  来源:{escape(source)}"
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    if editor:
        body += f'\n<p class="editor">(责任编辑:{escape(editor)})</p>'
    pages = " ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for text, href in pager)
    nav = '<a href="/">首页</a> &gt; <a href="/list/index.html">要闻</a>'
    if style == "old":
        return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(title)}_要闻</title></head><body>
<table width="980"><tr><td class="nav">您当前的位置:{nav}</td></tr>
<tr><td><h1 class="title">{escape(title)}</h1></td></tr>
<tr><td class="info">{meta}</td></tr>
<tr><td id="content" class="content">{body}</td></tr>
<tr><td class="pager">{pages}</td></tr></table>
<div class="footer">版权所有 未经授权禁止转载</div></body></html>"""
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}">
<title>{escape(title)}</title><meta name="publishdate" content="{escape(date)}"></head><body>
<div class="crumbs">{nav}</div><div class="article"><h1>{escape(title)}</h1>
<div class="meta">{meta}</div><div class="article-content">{body}</div>
<div class="pages">{pages}</div></div>
<footer>本网站所刊登的信息均为原创或转载</footer></body></html>"""


def listing(
    title: str,
    entries: Sequence[Entry],
    *,
    prev: str = "",
    next_: str = "",
    charset: str = "utf-8",
    script_pager: tuple[int, int] | None = None,
) -> str:
    """A channel listing page: article links with dates, then 上一页/下一页 links, or (given
    `script_pager` = (page count, this page)) the TRS WCM pager script instead."""
    items = "\n".join(
        f'<li><a href="{escape(e.url)}" target="_blank">{escape(e.title)}</a>'
        f"<span>{escape(e.published[:10])}</span></li>"
        for e in entries
    )
    pager = ""
    if prev:
        pager += f'<a href="{escape(prev)}">上一页</a> '
    if next_:
        pager += f'<a href="{escape(next_)}">下一页</a>'
    if script_pager is not None:
        count, current = script_pager
        pager = f'<script>createPageHTML({count}, {current}, "index", "html");</script>'
    return f"""<html><head><meta charset="{charset}"><title>{escape(title)}</title></head>
<body><div class="nav"><a href="/">首页</a></div><ul class="list">{items}</ul>
<div class="page">{pager}</div></body></html>"""


def home(
    title: str, entries: Sequence[Entry], feeds: Sequence[str], listings: Sequence[str]
) -> str:
    """An outlet's home page: feed autodiscovery links, the latest articles, the channels."""
    alternates = "\n".join(
        f'<link rel="alternate" type="application/{"atom" if "atom" in f else "rss"}+xml" '
        f'title="{escape(title)}" href="{escape(f)}">'
        for f in feeds
    )
    items = "\n".join(f'<li><a href="{escape(e.url)}">{escape(e.title)}</a></li>' for e in entries)
    channels = " ".join(f'<a href="{escape(u)}">栏目{n + 1}</a>' for n, u in enumerate(listings))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>
{alternates}</head><body><div class="nav"><a href="/">首页</a> {channels}</div>
<ul class="latest">{items}</ul></body></html>"""


def rss(title: str, link: str, entries: Sequence[Entry], *, encoding: str = "utf-8") -> str:
    def item(e: Entry) -> str:
        date = format_datetime(datetime.fromisoformat(e.published))
        return (
            f"<item><title>{escape(e.title)}</title><link>{escape(e.url)}</link>"
            f"<guid>{escape(e.url)}</guid><pubDate>{date}</pubDate></item>"
        )

    items = "\n".join(item(e) for e in entries)
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>{escape(link)}</link>
<description>{escape(title)}</description>
{items}
</channel></rss>"""


def atom(title: str, link: str, entries: Sequence[Entry], *, encoding: str = "utf-8") -> str:
    items = "\n".join(
        f'<entry><title>{escape(e.title)}</title><link href="{escape(e.url)}"/>'
        f"<id>{escape(e.url)}</id><updated>{e.published}</updated>"
        f"<published>{e.published}</published></entry>"
        for e in entries
    )
    updated = max((e.published for e in entries), default="2011-08-21T00:00:00+08:00")
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>
<link href="{escape(link)}"/><id>{escape(link)}</id><updated>{updated}</updated>
{items}
</feed>"""


def sitemap(entries: Sequence[Entry], *, news: bool = False, publication: str = "") -> str:
    def url(e: Entry) -> str:
        extra = ""
        if news:
            extra = (
                f"<news:news><news:publication><news:name>{escape(publication)}</news:name>"
                "<news:language>zh-cn</news:language></news:publication>"
                f"<news:publication_date>{e.published}</news:publication_date>"
                f"<news:title>{escape(e.title)}</news:title></news:news>"
            )
        return f"<url><loc>{escape(e.url)}</loc><lastmod>{e.published}</lastmod>{extra}</url>"

    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    body = "\n".join(url(e) for e in entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>
{body}
</urlset>"""


def sitemap_index(urls: Sequence[str]) -> str:
    body = "\n".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{body}
</sitemapindex>"""
