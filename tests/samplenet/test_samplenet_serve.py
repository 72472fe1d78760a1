"""The sample news network serves what it promises: distinct outlets, feeds, sitemaps,
listings, GBK pages, a multi-page article, reprints, and a generated site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from urllib.parse import urlsplit

import httpx
import pytest

from huibao.discover.feeds import parse_feed
from huibao.discover.links import find_links
from huibao.discover.sitemaps import parse_sitemap
from huibao.samplenet import Network, serve, serve_generated


@pytest.fixture(scope="module")
def net() -> Network:
    with serve() as running:
        yield running  # type: ignore[misc]


def get(url: str) -> httpx.Response:
    return httpx.get(url, timeout=10)


def test_outlets_are_distinct_origins(net: Network) -> None:
    origins = {urlsplit(o.base_url).netloc for o in net.outlets.values()}
    assert len(origins) == len(net.outlets) >= 7


def test_every_reachable_article_is_served(net: Network) -> None:
    for article in net.articles():
        for page in article.pages:
            response = get(page)
            assert response.status_code == 200, page
            assert len(response.content) > 1000


def test_feeds_and_sitemaps_name_the_articles(net: Network) -> None:
    for name in ("xinwen", "gbkcms", "portal"):
        outlet = net.outlets[name]
        expected = {a.url for a in outlet.articles}
        in_feed = {e.url for f in outlet.feeds for e in parse_feed(get(f).content, f).entries}
        assert in_feed and in_feed <= expected
        found: set[str] = set()
        queue = list(outlet.sitemaps)
        while queue:
            url = queue.pop()
            result = parse_sitemap(get(url).content, url)
            queue += result.sitemaps
            found |= {u.url for u in result.urls}
        assert found == expected


def test_listings_paginate_through_every_article(net: Network) -> None:
    for name in ("xinwen", "gbkcms", "portal", "county", "norobots"):
        outlet = net.outlets[name]
        seen_pages, articles = set(), set()
        queue = [outlet.listings[0]]
        while queue:
            url = queue.pop()
            if url in seen_pages:
                continue
            seen_pages.add(url)
            links = find_links(get(url).content, url)
            articles |= set(links.articles)
            queue += links.pages
        assert articles == {a.url for a in outlet.articles}, name
        assert len(seen_pages) == len(outlet.listings)


def test_gbk_pages_and_the_multipage_article(net: Network) -> None:
    outlet = net.outlets["gbkcms"]
    seed = outlet.articles[0]
    assert len(seed.pages) == 3
    first = get(seed.pages[0]).content
    assert "下一页".encode("gbk") in first
    with pytest.raises(UnicodeDecodeError):
        first.decode("utf-8")
    assert seed.title.encode("gbk") in first
    lie = get(outlet.endpoints["charset_lie"])
    assert "utf-8" in lie.headers["content-type"]
    with pytest.raises(UnicodeDecodeError):
        lie.content.decode("utf-8")


def test_reprints_share_a_story_and_differ(net: Network) -> None:
    stories = Counter(a.story for a in net.articles(reachable_only=False))
    assert stories["seed"] == 3
    reprints = [a for a in net.articles() if a.story == "seed" and a.altered]
    assert {urlsplit(a.url).netloc for a in reprints} == {
        urlsplit(net.outlets[n].base_url).netloc for n in ("portal", "county")
    }
    portal = get(reprints[0].url).content.decode()
    assert "来源:" in portal and "责任编辑" in portal
    original = get(net.outlets["gbkcms"].articles[0].pages[0]).content.decode("gb18030")
    assert reprints[0].title not in original
    seed_pages = net.outlets["gbkcms"].articles[0].pages
    paragraphs = re.compile(r"<p>(.*?)</p>", re.S)
    whole = "".join(
        "".join(paragraphs.findall(get(p).content.decode("gb18030"))) for p in seed_pages
    )
    county_page = get(net.outlets["county"].articles[0].url).content.decode("gb18030")
    county = "".join(paragraphs.findall(county_page))
    numbers = set(re.findall(r"\d{3,}", county)) - set(re.findall(r"\d{3,}", whole))
    assert len(numbers) == 1  # one figure changed
    assert len(county) < len(whole)  # and the ending trimmed


def test_hostile_outlets(net: Network) -> None:
    assert get(net.outlets["norobots"].url("/robots.txt")).status_code == 503
    assert get(net.outlets["county"].url("/robots.txt")).status_code == 404
    for url in net.outlets["blocked"].endpoints.values():
        assert get(url).status_code in {200, 412, 521}
    assert all(not a.reachable for a in net.outlets["blocked"].articles)


def test_generated_site() -> None:
    with serve_generated(n_pages=120) as gen:
        outlet = gen.outlets["generated"]
        assert len(outlet.articles) == 120
        found: set[str] = set()
        seen, queue = set(), [outlet.listings[0]]
        while queue:
            url = queue.pop()
            if url not in seen:
                seen.add(url)
                links = find_links(get(url).content, url)
                found |= set(links.articles)
                queue += links.pages
        assert len(seen) == 3  # 50 links a listing page
        assert set(found) == {a.url for a in outlet.articles}
        page = get(outlet.articles[77].url)
        assert page.status_code == 200 and outlet.articles[77].title in page.text
        assert get(outlet.url("/2021/0101/999.html")).status_code == 404
        sitemap = parse_sitemap(get(outlet.sitemaps[0]).content, outlet.sitemaps[0])
        assert {u.url for u in sitemap.urls} == {a.url for a in outlet.articles}
        feed = parse_feed(get(outlet.feeds[0]).content, outlet.feeds[0])
        assert feed.entries[0].url == outlet.articles[-1].url
        assert feed.entries[0].published == outlet.articles[-1].published


def test_standalone_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "huibao.samplenet", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "--port" in done.stdout


def test_standalone_json_describes_the_outlets() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "huibao.samplenet", "--generated", "30", "--json"],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            described = json.loads(process.stdout.readline())
            base = described["generated"]["base_url"]
            assert described["generated"]["articles"] == 30
            assert get(base + "/list/index.html").status_code == 200
        finally:
            process.terminate()


def test_static_pages_answer_conditional_gets(net: Network) -> None:
    url = net.outlets["xinwen"].articles[0].url
    first = get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert httpx.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert httpx.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
