"""find_links: article shapes of real Chinese CMS URLs, pagination, traps, patterns."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.discover.links import find_feeds, find_links, looks_like_article, site_of
from huibao.samplenet import Network

FIXTURES = Path(__file__).parents[1] / "fixtures" / "discover"

# Real article URLs (zh-extract-dev truth.json, the seed page's shapes, gov portals).
ARTICLES = [
    "http://www.lznews.gov.cn/2011/0821/123.html",
    "http://www.gov.cn/zhengce/content/2021-03/05/content_5590632.htm",
    "http://www.liuzhou.gov.cn/xxgk/jcxxgk/t20110821_123.html",
    "http://chanye.finance.sina.com.cn/sm/2005-03-21/244339.shtml",
    "http://auto.sohu.com/20050513/n225551143.shtml",
    "http://biz.163.com/05/0425/08/1I606VE600020QGP.html",
    "http://ccer.pku.edu.cn/cn/ReadNews.asp?NewsID=4173",
    "http://cdp1998.org/details.asp?detailsid=675",
    "http://cpc.people.com.cn/n1/2021/0305/c64094-32042891.html",
    "http://www.zj.gov.cn/art/2021/3/5/art_1554467_59087212.html",
    "http://news.xinhuanet.com/politics/2021-03/05/c_1127172183.htm",
    "http://www.example.gov.cn/detail/12345.html",
    "http://www.example.gov.cn/show.php?id=88",
]
NOT_ARTICLES = [
    "http://www.lznews.gov.cn/",
    "http://www.lznews.gov.cn/list/index.html",
    "http://www.lznews.gov.cn/2005/0114/index.htm",
    "http://www.lznews.gov.cn/about/contact.html",
    "http://www.lznews.gov.cn/images/logo.png",
    "http://www.lznews.gov.cn/search.php?q=1",
]


@pytest.mark.parametrize("url", ARTICLES)
def test_article_shapes(url: str) -> None:
    assert looks_like_article(url)


@pytest.mark.parametrize("url", NOT_ARTICLES)
def test_not_article_shapes(url: str) -> None:
    assert not looks_like_article(url)


def test_gbk_listing_page() -> None:
    data = (FIXTURES / "gbkcms-list-index.html").read_bytes()
    links = find_links(data, "http://127.0.0.1:8000/list/index.html")
    assert len(links.articles) == 6
    assert links.articles[0] == "http://127.0.0.1:8000/2011/0821/123.html"
    assert links.pages == ("http://127.0.0.1:8000/list/index_1.html",)
    assert links.next_pages == links.pages


def test_utf8_listing_with_prev_and_next() -> None:
    data = (FIXTURES / "xinwen-news-index_1.html").read_bytes()
    links = find_links(data, "http://127.0.0.1:8001/news/index_1.html")
    assert len(links.articles) == 8
    assert set(links.pages) == {
        "http://127.0.0.1:8001/news/index.html",
        "http://127.0.0.1:8001/news/index_2.html",
    }


LISTING = """<html><head><base href="http://www.lznews.gov.cn/news/"></head><body>
<a href="2011/0821/123.html?utm_source=weibo&spm=a1.b2">柳南警方</a>
<a href="2011/0821/123.html#comments">评论</a>
<a href="2011/0821/123_2.html">第2页</a>
<a href="http://tv.lznews.gov.cn/2011/0822/9.html">视频</a>
<a href="http://www.other.com/2011/0822/10.html">外站</a>
<a href="/a/a/a/2011/0821/5.html">重复路径</a>
<a href="/calendar?date=2011-08-22">下一页</a>
<a href="index_2.html">下一页</a>
<a href="index_9999.html">9999</a>
<a href="javascript:void(0)">打印</a>
<a href="mailto:x@lznews.gov.cn">信箱</a>
</body></html>"""


def test_listing_rules() -> None:
    links = find_links(LISTING, "http://www.lznews.gov.cn/news/index.html")
    assert links.articles == (
        "http://www.lznews.gov.cn/news/2011/0821/123.html",
        "http://tv.lznews.gov.cn/2011/0822/9.html",
    )
    assert links.pages == ("http://www.lznews.gov.cn/news/index_2.html",)
    assert dict(links.refused) == {
        "http://www.lznews.gov.cn/a/a/a/2011/0821/5.html": "repeating_path",
        "http://www.lznews.gov.cn/calendar?date=2011-08-22": "calendar",
        "http://www.lznews.gov.cn/news/index_9999.html": "page_number",
    }


def test_explicit_hosts_and_pattern() -> None:
    links = find_links(
        LISTING,
        "http://www.lznews.gov.cn/news/index.html",
        r"/2011/0822/\d+\.html$",
        hosts={"www.other.com"},
    )
    assert links.articles == (
        "http://tv.lznews.gov.cn/2011/0822/9.html",
        "http://www.other.com/2011/0822/10.html",
    )


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("news.liuzhou.gov.cn", "liuzhou.gov.cn"),
        ("www.sina.com.cn", "sina.com.cn"),
        ("news.163.com", "163.com"),
        ("127.0.0.1:8000", "127.0.0.1:8000"),
        ("localhost", "localhost"),
    ],
)
def test_site_of(host: str, site: str) -> None:
    assert site_of(host) == site


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_any_input_gives_links_on_the_site(markup: bytes | str) -> None:
    links = find_links(markup, "http://www.lznews.gov.cn/news/index.html")
    for url in links.articles + links.pages:
        assert url.startswith(("http://", "https://"))


@pytest.mark.parametrize(
    "path",
    [
        "/2011-08-21/" + "1" * 3000 + "!",
        "/20110821/" + "1" * 3000 + "!",
        "/detail_" + "1" * 3000 + "!",
        "/2011/0821/" + "a1" * 1500 + "!",
        "/list_" + "1_" * 1500,
    ],
)
def test_hostile_urls_are_judged_quickly(path: str) -> None:
    started = time.monotonic()
    for _ in range(3):
        looks_like_article("http://x.gov.cn" + path)
        find_links(f'<a href="{path}">下一页</a>', "http://x.gov.cn/list/index.html")
    assert time.monotonic() - started < 0.5


HOME = """<html><head>
<link rel="alternate" type="application/rss+xml" title="要闻" href="/rss.xml?utm_source=x">
<link rel="alternate" type="application/atom+xml" href="http://www.lznews.gov.cn/atom.xml">
<link rel="stylesheet" href="/style.css"></head><body>
<a href="/rss/">RSS订阅</a> <a href="/rss.xml">RSS</a> <a href="http://other.com/feed.xml">外站</a>
<a href="/2011/0821/123.html">新闻</a></body></html>"""


def test_find_feeds() -> None:
    assert find_feeds(HOME, "http://www.lznews.gov.cn/") == (
        "http://www.lznews.gov.cn/rss.xml",
        "http://www.lznews.gov.cn/atom.xml",
        "http://www.lznews.gov.cn/rss/",
    )
    assert find_feeds(b"", "http://x/") == ()


def test_sample_home_pages_announce_their_feeds(sample_net: Network) -> None:
    for outlet in sample_net.outlets.values():
        if outlet.name == "blocked" or not outlet.feeds:
            continue
        home = httpx.get(outlet.base_url + "/", timeout=10)
        assert set(find_feeds(home.content, outlet.base_url + "/")) == set(outlet.feeds)
        assert set(find_links(home.content, outlet.base_url + "/").articles) <= {
            a.url for a in outlet.articles
        }


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (0, ("http://www.gd.gov.cn/gdywdt/index_1.html",)),
        (3, ("http://www.gd.gov.cn/gdywdt/index_4.html",)),
        (4, ()),
    ],
)
def test_trs_script_pager(current: int, expected: tuple[str, ...]) -> None:
    page = f"""<ul><li><a href="./202103/t20210305_3240522.html">要闻</a></li></ul>
    <div class="page"><script type="text/javascript">
    createPageHTML(5, {current}, "index", "html");</script></div>"""
    name = "index.html" if current == 0 else f"index_{current}.html"
    links = find_links(page, f"http://www.gd.gov.cn/gdywdt/{name}")
    assert links.pages == expected
    assert links.articles == ("http://www.gd.gov.cn/gdywdt/202103/t20210305_3240522.html",)
