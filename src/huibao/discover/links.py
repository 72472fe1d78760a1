"""Listing page -> article links and pagination links (pure: HTML in, `ListingLinks` out).

An article link is recognised by the URL shapes Chinese CMSs give articles (table below),
or by the source's own regex when one is configured. Pagination is recognised by the
anchor text (下一页) and by page-number URL shapes. Every candidate passes `is_trap`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from huibao.discover.settings import DiscoverSettings
from huibao.discover.urls import is_trap, normalize_url, page_number, url_problem

# Article URL shapes, each after the kind of site that taught it.
ARTICLE_SHAPES = tuple(
    re.compile(p, re.I)
    for p in (
        # DedeCMS/PHPCMS county sites: /2011/0821/123.html
        r"/(?:19|20)\d\d/[01]\d[0-3]\d/[\w-]+\.s?html?$",
        # TRS WCM government portals: /202103/t20210301_1001.html
        r"/t(?:19|20)\d{6}_\d+\.s?html?$",
        # Xinhua and provincial portals: content_123.htm; Xinhuanet c_1127172183.htm
        r"/content_\d+\.s?html?$",
        r"/c_\d{6,}\.s?html?$",
        # Sohu /20050513/n225551143.shtml
        r"/(?:19|20)\d{6}/n\d+\.s?html?$",
        # Sina /2005-03-21/244339.shtml (lookahead, not [\w-]*\d+[\w-]*: that backtracks
        # cubically on a long hostile file name)
        r"/(?:19|20)\d\d-[01]\d-[0-3]\d/(?=[\w-]*?\d{4})[\w-]+\.s?html?$",
        # People's Daily /n1/2021/0305/c1001-32042.html
        r"/n\d/(?:19|20)\d\d/[01]\d[0-3]\d/c\d+-\d+\.html$",
        # Zhejiang Jcms government sites /art/2011/8/23/art_1234_5678.html
        r"/art/(?:19|20)\d\d/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$",
        # /detail/1234.html, /show-12.html, /news_4173.html
        r"/(?:detail|details|article|art|show|view|content|news|info|read)[_/-]\d\d[\w-]*(?:\.\w+)?$",
        # /20210305/n200.shtml, /2021/03/05/abc123.html
        r"/(?:19|20)\d\d/?[01]\d/?[0-3]\d/(?=[\w-]*?\d{3})[\w-]+\.s?html?$",
        # NetEase /05/0425/08/1I606VE600020QGP.html
        r"/\d{2}/[01]\d[0-3]\d/\d{2}/[0-9A-Z]{16}\.html$",
        # Sohu "a/" ids: /a/466832547_100001
        r"/a/\d{5,}(?:_\d+)?$",
    )
)
MAX_ARTICLE_PATH = 300  # longer paths are not article URLs (and are not worth a regex)
# Query-id shapes of ASP/PHP CMSs: /show.php?id=12, /ReadNews.asp?NewsID=4173,
# /details.asp?detailsid=675.
QUERY_ID = re.compile(
    r"(?:show|detail|details|view|read|readnews|article|content|info|news)\w*"
    r"\.(?:php|aspx?|jsp|do|html?)$",
    re.I,
)
QUERY_ID_KEYS = re.compile(
    r"(?:^|&)(?:id|aid|articleid|newsid|docid|contentid|detailsid|infoid|itemid)=\d+", re.I
)
# Anchor texts of "next page" links on listings (and the arrows some templates use).
NEXT_TEXTS = frozenset(
    {"下一页", "下页", "后页", "下一頁", "next", "next page", "›", "»", ">", ">>"}
)
# TRS WCM government portals draw their pager with a script instead of links:
# createPageHTML(countPage, currentPage, "index", "html") makes index.html, index_1.html, ...
SCRIPT_PAGER = re.compile(
    r"createPageHTML\(\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*[\"'](\w{1,40})[\"']\s*,\s*[\"'](s?html?)[\"']"
)
# Continuation pages of a multi-page article: 123_2.html, 123_3.html (extract's next_pages).
CONTINUATION = re.compile(r"^(.*?)_(\d{1,2})(\.s?html?)$", re.I)
# File names of channel/index pages, which share the dated-folder shapes of articles.
INDEX_NAMES = re.compile(r"/(?:index|default|list|more|node)[\w-]*\.\w+$", re.I)
# Charset labels in <meta>; GB labels decode as GB18030 (their superset), since pages
# labelled gb2312 use GBK-only characters and libxml2 stops at the first one it cannot map.
META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([\w.:-]{2,30})""", re.I)
GB_LABELS = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"})
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# Second-level labels under which a domain is registered (gov.cn, com.cn, ...).
SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "mil"})


@dataclass(frozen=True, slots=True)
class ListingLinks:
    """Links found on a listing page. `refused` pairs each trap URL with why."""

    articles: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    refused: tuple[tuple[str, str], ...] = ()

    @property
    def next_pages(self) -> tuple[str, ...]:
        """The pagination links (same as `pages`)."""
        return self.pages


def site_of(host: str) -> str:
    """The registrable part of `host` (news.liuzhou.gov.cn -> liuzhou.gov.cn); IPs as is."""
    labels = host.lower().split(".")
    if host.replace(".", "").isdigit() or ":" in host or len(labels) <= 2:
        return host.lower()
    keep = 3 if labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def decode_html(data: bytes | str) -> str:
    """Text of a page for link finding: valid UTF-8 as such, else its declared charset
    (GB labels as GB18030), else GB18030; undecodable bytes replaced."""
    if isinstance(data, str):
        return XML_DECLARATION.sub("", data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        match = META_CHARSET.search(data[:4096])
        label = match.group(1).decode("ascii", "replace").lower() if match else "gb18030"
        codec = "gb18030" if label in GB_LABELS else label
        try:
            text = data.decode(codec, errors="replace")
        except LookupError:
            text = data.decode("gb18030", errors="replace")
    return XML_DECLARATION.sub("", text)


def looks_like_article(url: str) -> bool:
    """True when the URL has one of the article shapes of Chinese CMSs."""
    parts = urlsplit(url)
    if len(parts.path) > MAX_ARTICLE_PATH or INDEX_NAMES.search(parts.path):
        return False
    if any(shape.search(parts.path) for shape in ARTICLE_SHAPES):
        return True
    return bool(QUERY_ID.search(parts.path) and QUERY_ID_KEYS.search(parts.query))


def _anchors(markup: bytes | str, base_url: str) -> Iterator[tuple[str, str]]:
    """(absolute URL, anchor text) of each <a href> in document order."""
    try:
        root = lxml_html.document_fromstring(decode_html(markup))
    except (etree.ParserError, ValueError):
        return
    base = base_url
    for element in root.iter("base"):
        if element.get("href"):
            base = urljoin(base_url, element.get("href", ""))
            break
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            yield urljoin(base, href), " ".join("".join(map(str, anchor.itertext())).split())
    for script in root.iter("script"):
        if next_page := _script_pager(script.text or ""):
            yield urljoin(base, next_page), "下一页"


def _script_pager(code: str) -> str | None:
    """The next page a TRS WCM pager script would link to, or None on the last page."""
    match = SCRIPT_PAGER.search(code)
    if match is None:
        return None
    count, current, prefix, suffix = match.groups()
    following = int(current) + 1
    return f"{prefix}_{following}.{suffix}" if following < int(count) else None


def _same_site(url: str, base_url: str, hosts: Collection[str] | None) -> bool:
    netloc, base_netloc = urlsplit(url).netloc.lower(), urlsplit(base_url).netloc.lower()
    if hosts is not None and netloc in hosts:
        return True
    return netloc == base_netloc or site_of(netloc) == site_of(base_netloc)


def _is_pagination(url: str, text: str, base_url: str) -> bool:
    if text.lower() in NEXT_TEXTS or text in {"上一页", "尾页", "末页"}:
        return True
    if text.isdigit() and page_number(url) is not None:
        return True
    same_dir = urlsplit(url).path.rsplit("/", 1)[0] == urlsplit(base_url).path.rsplit("/", 1)[0]
    return same_dir and page_number(url) is not None


def find_links(
    html: bytes | str,
    base_url: str,
    pattern: str | None = None,
    *,
    hosts: Collection[str] | None = None,
    settings: DiscoverSettings | None = None,
) -> ListingLinks:
    """Article and pagination links of a listing page. `pattern` (a regex searched in the
    absolute URL) replaces the built-in article shapes; `hosts` (netlocs) widens the same-site
    rule, which otherwise keeps links on the page's registrable domain."""
    matcher = re.compile(pattern) if pattern else None
    articles: dict[str, None] = {}
    pages: dict[str, None] = {}
    refused: dict[str, str] = {}
    for raw, text in _anchors(html, base_url):
        url = normalize_url(raw)
        if (
            url in articles
            or url in pages
            or url in refused
            or not _same_site(url, base_url, hosts)
        ):
            continue
        is_article = matcher.search(url) is not None if matcher else looks_like_article(url)
        if not is_article and not _is_pagination(url, text, base_url):
            continue
        if reason := is_trap(url, settings):
            refused[url] = reason
        elif is_article:
            articles[url] = None
        elif url != normalize_url(base_url):
            pages[url] = None
    return ListingLinks(tuple(_drop_continuations(articles)), tuple(pages), tuple(refused.items()))


FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# Anchors to feeds on pages that do not announce them in <head> (rss.xml, /rss/, feed.php).
FEED_HREF = re.compile(r"(?:rss|atom|feed)[^/]*(?:\.xml|\.php|/)?$|\.(?:rss|rdf)$", re.I)


def find_feeds(html: bytes | str, base_url: str) -> tuple[str, ...]:
    """Feed URLs a page announces (<link rel="alternate" type="application/rss+xml">), then
    same-site anchors that look like feeds; normalised, in page order, without repeats."""
    try:
        root = lxml_html.document_fromstring(decode_html(html))
    except (etree.ParserError, ValueError):
        return ()
    found: dict[str, None] = {}
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in FEED_TYPES:
            found[normalize_url(urljoin(base_url, link.get("href") or ""))] = None
    for url, _ in _anchors(html, base_url):
        if FEED_HREF.search(urlsplit(url).path) and _same_site(url, base_url, None):
            found[normalize_url(url)] = None
    return tuple(u for u in found if url_problem(u) is None)


def _drop_continuations(urls: dict[str, None]) -> list[str]:
    """Drop `123_2.html` when `123.html` is listed too: it is page 2 of that article."""
    out = []
    for url in urls:
        match = CONTINUATION.match(url)
        if match and match.group(1) + match.group(3) in urls:
            continue
        out.append(url)
    return out
