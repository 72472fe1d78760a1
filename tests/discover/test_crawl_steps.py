"""The crawl's pure decisions: which links enter the frontier, retries, stitching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from huibao.discover.crawl import due_in
from huibao.discover.crawl_settings import CrawlSettings
from huibao.discover.settings import DiscoverSettings
from huibao.discover.steps import (
    admit,
    after_error,
    discover,
    entry_points,
    is_article,
    listing_pattern,
    stitch,
)
from huibao.model import Article, Image
from huibao.project import Listing, SourceSpec
from huibao.store import Claim

SPEC = SourceSpec(
    name="柳州",
    home="http://www.lznews.gov.cn/",
    feeds=("http://www.lznews.gov.cn/rss.xml",),
    listings=(
        Listing("http://www.lznews.gov.cn/szyw/index.html", r"/\d{4}/\d{4}/\d+\.html$"),
        Listing("http://www.lznews.gov.cn/gnxw/"),
    ),
)
NOW = datetime(2011, 8, 21, 9, tzinfo=UTC)


def _claim(kind: str = "listing", url: str = "http://www.lznews.gov.cn/szyw/index.html",
           depth: int = 0, attempts: int = 0) -> Claim:  # fmt: skip
    return Claim(1, url, 1, kind, depth, attempts, None, None)


def test_entry_points_cover_feeds_sitemaps_and_listings() -> None:
    kinds = [(e.kind, e.depth) for e in entry_points(SPEC)]
    assert kinds == [("feed", 0), ("listing", 0), ("listing", 0)]


@pytest.mark.parametrize(
    ("url", "pattern"),
    [
        ("http://www.lznews.gov.cn/szyw/index.html", r"/\d{4}/\d{4}/\d+\.html$"),
        ("http://www.lznews.gov.cn/szyw/index_3.html", r"/\d{4}/\d{4}/\d+\.html$"),
        ("http://www.lznews.gov.cn/gnxw/index_2.html", None),
        ("http://www.lznews.gov.cn/other/", None),
    ],
)
def test_pagination_pages_inherit_their_listings_pattern(url: str, pattern: str | None) -> None:
    assert listing_pattern(SPEC, url) == pattern


def test_admit_keeps_own_hosts_and_refuses_traps() -> None:
    found = admit(
        [
            ("http://www.lznews.gov.cn/2011/0821/123.html?utm_source=x", "article"),
            ("http://www.lznews.gov.cn/2011/0821/123.html", "article"),
            ("http://evil.example.com/2011/0821/1.html", "article"),
            ("http://www.lznews.gov.cn/calendar/2011-08-21.html", "listing"),
            ("http://www.lznews.gov.cn/szyw/index.html", "listing"),  # the page itself
        ],
        _claim(),
        SPEC,
        DiscoverSettings(),
    )
    assert [(u.url, u.kind, u.depth, u.discovered_from) for u in found.urls] == [
        ("http://www.lznews.gov.cn/2011/0821/123.html", "article", 1, 1)
    ]
    assert found.refused["off_host"] == 1 and sum(found.refused.values()) == 2


def test_listing_pages_yield_articles_and_next_pages_within_the_depth_cap() -> None:
    html = """<html><body><ul>
      <li><a href="/2011/0821/123.html">柳南警方三大举措</a></li>
      <li><a href="/2011/0822/124.html">第二条</a></li>
      <li><a href="/about.html">关于我们</a></li>
    </ul><a href="index_1.html">下一页</a></body></html>""".encode()
    settings = (DiscoverSettings(max_listing_depth=3), CrawlSettings())
    base = "http://www.lznews.gov.cn/szyw/index.html"
    found = discover(_claim(), html, base, SPEC, settings)
    kinds = sorted((u.kind, u.url.rsplit("/", 1)[-1]) for u in found.urls)
    assert kinds == [("article", "123.html"), ("article", "124.html"), ("listing", "index_1.html")]
    deep = discover(_claim(depth=3), html, base, SPEC, settings)
    assert {u.kind for u in deep.urls} == {"article"}


@pytest.mark.parametrize(
    "body",
    [
        b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><rss>&b;</rss>",
        b"\x00\x01 not a feed at all",
        b"",
    ],
)
def test_unreadable_feeds_are_an_error_not_a_crash(body: bytes) -> None:
    found = discover(
        _claim("feed", SPEC.feeds[0]),
        body,
        SPEC.feeds[0],
        SPEC,
        (DiscoverSettings(), CrawlSettings()),
    )
    assert found.error and not found.urls


@pytest.mark.parametrize(
    ("error", "attempts", "state", "wait_s"),
    [
        ("timeout", 0, "queued", 300),
        ("http_5xx", 1, "queued", 600),
        ("http_5xx", 2, "failed", 0),
        ("http_4xx", 0, "failed", 0),
        ("robots_disallowed", 0, "failed", 0),
        ("blocked", 0, "queued", 300),
    ],
)
def test_after_error(error: str, attempts: int, state: str, wait_s: float) -> None:
    claim = _claim("article", attempts=attempts)
    assert after_error(claim, error, None, NOW, CrawlSettings()) == (
        state,
        NOW + timedelta(seconds=wait_s),
    )


def test_retry_after_longer_than_the_backoff_wins() -> None:
    state, due = after_error(_claim("article"), "rate_limited", 7200, NOW, CrawlSettings())
    assert (state, due) == ("queued", NOW + timedelta(seconds=7200))


def test_stitching_joins_pages_and_skips_a_repeated_page() -> None:
    first = Article(url="u", title="标题", paragraphs=["一", "二"], body="一\n二",
                    images=[Image("a.jpg")], next_pages=["u_2", "u_3"])  # fmt: skip
    second = Article(title="标题(2)", paragraphs=["三"], images=[Image("a.jpg"), Image("b.jpg")])
    repeat = Article(title="标题", paragraphs=["一", "二"])
    article = stitch(first, [second, repeat], ["u_2", "u_3"])
    assert article.title == "标题" and article.body == "一\n二\n三"
    assert article.paragraphs == ["一", "二", "三"]
    assert [i.src for i in article.images] == ["a.jpg", "b.jpg"]
    assert article.next_pages == ["u_2", "u_3"]


def test_what_counts_as_an_article() -> None:
    assert is_article(
        Article(title="柳南警方", body="柳南警方三大举措打造亲民公安新形象，全区共接警120起。")
    )
    assert not is_article(Article(title="", body="正文" * 50))
    assert not is_article(Article(title="栏目", body="更多"))


def test_due_in_uses_the_source_interval() -> None:
    hourly = SourceSpec(name="a", home="http://a.cn/", interval_s=3600)
    assert due_in(hourly, None, NOW, 60) == 0
    assert due_in(hourly, NOW - timedelta(minutes=30), NOW, 60) == 1800
    assert due_in(SourceSpec(name="b", home="http://b.cn/"), NOW, NOW, 60) == 60
