"""normalize_url, is_trap, url_template, page_number: table-driven and property tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.discover.settings import DiscoverSettings
from huibao.discover.urls import is_trap, normalize_url, page_number, url_template


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "HTTP://WWW.LZNews.gov.cn:80/2011/0821/123.html#top",
            "http://www.lznews.gov.cn/2011/0821/123.html",
        ),
        (
            "https://news.sina.com.cn:443/c/2021-03-05/doc-ikftssap.shtml?utm_source=wx&from=timeline",
            "https://news.sina.com.cn/c/2021-03-05/doc-ikftssap.shtml",
        ),
        (
            "http://mp.weixin.qq.com/s?__biz=MzA&mid=2650&idx=1&sn=abc&scene=21&isappinstalled=0",
            "http://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=2650&sn=abc",
        ),
        ("http://www.163.com/a.html?spm=a1z.2&id=5", "http://www.163.com/a.html?id=5"),
        ("http://x.gov.cn/show.jsp;jsessionid=ABCDEF0123?id=5", "http://x.gov.cn/show.jsp?id=5"),
        ("http://x.gov.cn/list.php?sid=0123456789abcdef0123&p=2", "http://x.gov.cn/list.php?p=2"),
        ("http://x.gov.cn/list.php?sid=12", "http://x.gov.cn/list.php?sid=12"),
        (
            "http://x.gov.cn:8080/%E6%96%B0%E9%97%BB/1.html",
            "http://x.gov.cn:8080/%E6%96%B0%E9%97%BB/1.html",
        ),
        ("http://x.gov.cn/新闻/1.html", "http://x.gov.cn/%E6%96%B0%E9%97%BB/1.html"),
        ("http://x.gov.cn", "http://x.gov.cn/"),
        # GBK percent-escapes keep their bytes (a UTF-8 round trip would turn them into U+FFFD)
        (
            "http://x.gov.cn/search.jsp?kw=%C1%F8%C4%CF",
            "http://x.gov.cn/search.jsp?kw=%C1%F8%C4%CF",
        ),
        ("http://x.gov.cn/%c1%f8.html", "http://x.gov.cn/%C1%F8.html"),
        ("http://x.gov.cn/s?q=新闻", "http://x.gov.cn/s?q=%E6%96%B0%E9%97%BB"),
        ("http://x.gov.cn/a%2Fb/c", "http://x.gov.cn/a%2Fb/c"),
        ("http://中国政府网.政务/a", "http://xn--fiqs8sirgfmhq98a.xn--zfr164b/a"),
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
        ("http://user:pw@x.gov.cn/", "http://x.gov.cn/"),
        ("  http://x.gov.cn/a?b=2&a=1  ", "http://x.gov.cn/a?a=1&b=2"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://www.lznews.gov.cn/2011/0821/123.html", None),
        ("http://x.gov.cn/list/index_3.html", None),
        ("http://x.gov.cn/a/a/a/", "repeating_path"),
        ("http://x.gov.cn/news/news/news/1.html", "repeating_path"),
        ("http://x.gov.cn/calendar?date=2011-08-22", "calendar"),
        ("http://x.gov.cn/archive.php?year=2011&month=8", "calendar"),
        ("http://x.gov.cn/rili/2011/08/22/", "calendar"),
        ("http://x.gov.cn/" + "/".join(f"d{i}" for i in range(13)), "too_deep"),
        ("http://x.gov.cn/s?" + "&".join(f"k{i}=1" for i in range(7)), "too_many_params"),
        ("http://x.gov.cn/more?page=501", "page_number"),
        ("http://x.gov.cn/" + "a" * 2100, "too_long"),
        ("ftp://x.gov.cn/a", "scheme"),
        ("http://", "no_host"),
        ("http://exa mple.com/", "bad_host"),
        ("http://x:99999/", "unparseable"),
        ("http://[::1", "unparseable"),
        ("javascript:void(0)", "scheme"),
    ],
)
def test_traps(url: str, reason: str | None) -> None:
    assert is_trap(url) == reason


def test_trap_caps_are_settings() -> None:
    loose = DiscoverSettings(max_page_number=10_000, max_segment_repeats=5)
    assert is_trap("http://x.gov.cn/more?page=501", loose) is None
    assert is_trap("http://x.gov.cn/a/a/a/", loose) is None


def test_template_groups_endless_variants() -> None:
    a = url_template("http://x.gov.cn/more?page=2")
    assert a == url_template("http://x.gov.cn/more?page=3000")
    assert a != url_template("http://x.gov.cn/more?cat=2")
    assert url_template("http://x.gov.cn/2011/0821/1.html") == url_template(
        "http://x.gov.cn/2012/0101/99.html"
    )


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("http://x/list/index_3.html", 3),
        ("http://x/roll/?page=7", 7),
        ("http://x/list_12.shtml", 12),
        ("http://x/list/index.html", None),
        ("http://x/2011/0821/123.html", None),
    ],
)
def test_page_number(url: str, number: int | None) -> None:
    assert page_number(url) == number


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_normalize_is_idempotent_and_total(raw: str) -> None:
    once = normalize_url("http://x.gov.cn/" + raw)
    assert normalize_url(once) == once
    is_trap(once)  # never raises
