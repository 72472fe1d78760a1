"""Traps on the sample network stop at the caps: a minimal listing crawl (fetch, find links,
admit through a TrapGuard) over the faults outlet, counting the requests each trap got."""

from __future__ import annotations

import asyncio

from huibao.discover import DiscoverSettings, Fetcher, FetchSettings
from huibao.discover.guard import TrapGuard
from huibao.discover.links import find_links
from huibao.samplenet import Network, Outlet


def crawl_listings(outlet: Outlet, fetch_settings: FetchSettings, guard: TrapGuard) -> set[str]:
    """Follow pagination from the outlet's listing; returns the article URLs found."""

    async def go() -> set[str]:
        articles: set[str] = set()
        queue = list(outlet.listings)
        async with Fetcher(fetch_settings) as fetcher:
            while queue:
                result = await fetcher.fetch(queue.pop(0))
                if result.error:
                    continue
                links = find_links(result.body, result.final_url, settings=guard.settings)
                new = set(links.articles) - articles
                articles |= new
                if guard.listing_yield(len(new)):
                    queue += [u for u in links.pages if guard.admit(u) is None]
        return articles

    return asyncio.run(go())


def test_traps_stop_at_the_caps(sample_net: Network, fetch_settings: FetchSettings) -> None:
    outlet = sample_net.outlets["faults"]
    before = {p: outlet.requests(p) for p in ("/calendar", "/a/", "/more")}
    articles = crawl_listings(outlet, fetch_settings, TrapGuard(DiscoverSettings()))
    assert {a.url for a in outlet.articles} == articles  # robots-disallowed one included
    got = {p: outlet.requests(p) - before[p] for p in before}
    assert got["/calendar"] == 0  # refused by shape: date= query
    assert got["/a/"] == 2  # /a/ and /a/a/; /a/a/a/ refused (repeating_path)
    assert got["/more"] <= 3  # same content on every page: stops after 3 barren pages


def test_template_cap_stops_endless_variants(
    sample_net: Network, fetch_settings: FetchSettings
) -> None:
    outlet = sample_net.outlets["faults"]
    before = outlet.requests("/more")
    endless = DiscoverSettings(max_barren_listings=10_000, max_urls_per_template=25)
    crawl_listings(outlet, fetch_settings, TrapGuard(endless))
    assert outlet.requests("/more") - before == 25


def test_source_cap() -> None:
    guard = TrapGuard(DiscoverSettings(max_urls_per_source=3))
    urls = [f"http://x.gov.cn/2011/0821/{n}.html" for n in range(5)]
    assert [guard.admit(u) for u in urls] == [None, None, None, "source_cap", "source_cap"]
