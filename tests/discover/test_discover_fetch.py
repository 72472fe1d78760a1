"""Reliability of the Fetcher against the sample network's fault endpoints (issue 3, item 8)."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import shutil
import ssl
import subprocess
import threading
import time
import tracemalloc
import uuid
from pathlib import Path

import httpx
import pytest

from huibao.discover import Fetcher, FetchResult, FetchSettings
from huibao.discover.feeds import parse_feed
from huibao.discover.settings import USER_AGENT
from huibao.discover.sitemaps import parse_sitemap
from huibao.samplenet import Network
from huibao.samplenet.server import Reply, Site, SiteServer

MIB = 1024 * 1024


def fetch(settings: FetchSettings, url: str, **kwargs: object) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]

    return asyncio.run(go())


def unique(url: str) -> str:
    """A fault URL with a fresh key, so its request counter starts at zero."""
    return url + uuid.uuid4().hex


@pytest.mark.parametrize("encoding", ["gzip", "br", "deflate", "gzip_2gib"])
def test_bomb_stops_at_cap_with_little_memory(
    sample_net: Network, fetch_settings: FetchSettings, encoding: str
) -> None:
    url = sample_net.outlets["faults"].endpoints[f"bomb_{encoding}"]  # 1 (or 2) GiB of zeros
    settings = dataclasses.replace(fetch_settings, max_body_bytes=10 * MIB)
    tracemalloc.start()
    try:
        started = time.monotonic()
        result = fetch(settings, url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.error == "too_large"
    assert 10 * MIB < result.decoded_bytes <= 11 * MIB
    assert result.body == b""
    assert peak < 50 * 1000 * 1000
    assert time.monotonic() - started < 10


def test_drip_is_cut_by_the_deadline(sample_net: Network, fetch_settings: FetchSettings) -> None:
    url = sample_net.outlets["faults"].endpoints["drip"]  # 120 bytes, one a second
    settings = dataclasses.replace(fetch_settings, deadline_s=2.0, max_retries=0)
    started = time.monotonic()
    result = fetch(settings, url)
    assert result.error == "timeout"
    assert 1.9 < time.monotonic() - started < 6.0


def test_503_503_200_takes_exactly_three_requests(
    sample_net: Network, fetch_settings: FetchSettings
) -> None:
    outlet = sample_net.outlets["faults"]
    url = unique(outlet.endpoints["flaky"])
    result = fetch(fetch_settings, url)
    assert result.error is None and result.status == 200
    assert result.attempts == 3
    assert outlet.requests(url.removeprefix(outlet.base_url)) == 3
    assert result.body == outlet.site.static["/2011/0821/1.html"].body


def test_500_gives_up_after_the_retries(sample_net: Network, fetch_settings: FetchSettings) -> None:
    outlet = sample_net.outlets["faults"]
    before = outlet.requests("/status/500")
    result = fetch(
        dataclasses.replace(fetch_settings, max_retries=2), outlet.endpoints["status_500"]
    )
    assert (result.error, result.status, result.attempts) == ("http_5xx", 500, 3)
    assert outlet.requests("/status/500") - before == 3


def test_backoff_doubles_with_jitter(
    sample_net: Network, fetch_settings: FetchSettings, fake_clock
) -> None:
    settings = dataclasses.replace(fetch_settings, backoff_base_s=1.0, max_retries=3)

    async def go() -> FetchResult:
        async with Fetcher(settings, clock=fake_clock, sleep=fake_clock.sleep) as fetcher:
            return await fetcher.fetch(sample_net.outlets["faults"].endpoints["status_500"])

    result = asyncio.run(go())
    assert result.attempts == 4
    waits = [s for s in fake_clock.sleeps if s > 0]
    assert len(waits) == 3
    for n, wait in enumerate(waits):  # 1, 2, 4 s, each scaled by a jitter in [0.5, 1.5)
        assert 0.5 * 2**n <= wait < 1.5 * 2**n


def test_retry_after_120_means_no_request_for_120_s(
    sample_net: Network, fetch_settings: FetchSettings, fake_clock
) -> None:
    outlet = sample_net.outlets["faults"]
    article = outlet.articles[0].url

    async def go() -> tuple[FetchResult, FetchResult, FetchResult, float]:
        async with Fetcher(fetch_settings, clock=fake_clock, sleep=fake_clock.sleep) as fetcher:
            first = await fetcher.fetch(outlet.endpoints["rate_limited"])
            banned_at, before = fake_clock.now, outlet.requests()
            fake_clock.now += 10
            refused = await fetcher.fetch(article)  # 110 s left: refused without a request
            assert outlet.requests() == before
            fake_clock.now += 109
            waited = await fetcher.fetch(article)  # 1 s left: waits it out, then asks
            assert outlet.requests() == before + 1
            return first, refused, waited, fake_clock.now - banned_at

    first, refused, waited, elapsed = asyncio.run(go())
    assert (first.status, first.error, first.retry_after_s) == (429, "rate_limited", 120.0)
    assert (refused.error, refused.attempts, refused.retry_after_s) == ("rate_limited", 0, 110.0)
    assert waited.error is None and waited.status == 200
    assert elapsed >= 120.0


def test_short_retry_after_is_waited_out(
    sample_net: Network, fetch_settings: FetchSettings, fake_clock
) -> None:
    outlet = sample_net.outlets["faults"]
    url = unique(outlet.endpoints["rate_limited_once"])  # 429 Retry-After: 2, then 200

    async def go() -> FetchResult:
        async with Fetcher(fetch_settings, clock=fake_clock, sleep=fake_clock.sleep) as fetcher:
            return await fetcher.fetch(url)

    result = asyncio.run(go())
    assert result.error is None and result.attempts == 2
    assert sum(fake_clock.sleeps) >= 2.0
    assert outlet.requests(url.removeprefix(outlet.base_url)) == 2


def test_reset_is_retried_then_reported(sample_net: Network, fetch_settings: FetchSettings) -> None:
    endpoints = sample_net.outlets["faults"].endpoints
    assert fetch(fetch_settings, unique(endpoints["reset_once"])).attempts == 2
    result = fetch(dataclasses.replace(fetch_settings, max_retries=1), endpoints["reset"])
    assert (result.error, result.attempts, result.status) == ("reset", 2, None)


@pytest.mark.parametrize(("hops", "error"), [(5, None), (20, None), (21, "too_many_redirects")])
def test_redirect_chain_is_capped_at_20_hops(
    sample_net: Network, fetch_settings: FetchSettings, hops: int, error: str | None
) -> None:
    outlet = sample_net.outlets["faults"]
    result = fetch(fetch_settings, outlet.url(f"/redirect/chain/{hops}"))
    assert result.error == error
    if error is None:
        assert result.final_url == outlet.articles[0].url
        assert result.attempts == hops + 1
    else:
        assert result.attempts == 21


def test_redirect_loop_fails(sample_net: Network, fetch_settings: FetchSettings) -> None:
    result = fetch(fetch_settings, sample_net.outlets["faults"].endpoints["redirect_loop"])
    assert result.error == "too_many_redirects"
    assert result.attempts == 2


@pytest.mark.parametrize("name", ["redirect_file", "redirect_gopher"])
def test_redirect_to_other_schemes_is_refused(
    sample_net: Network, fetch_settings: FetchSettings, name: str
) -> None:
    result = fetch(fetch_settings, sample_net.outlets["faults"].endpoints[name])
    assert result.error == "bad_redirect"
    assert result.body == b""


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1/",
        "ftp://x/",
        "http://",
        "http://[::1",
        "http://x:99999/",
        "http://exa mple.com/",
        "",
    ],
)
def test_non_http_urls_are_refused(fetch_settings: FetchSettings, url: str) -> None:
    result = fetch(fetch_settings, url)
    assert (result.error, result.attempts) == ("bad_url", 0)


def test_robots_5xx_means_no_fetch_from_that_host(
    sample_net: Network, fetch_settings: FetchSettings
) -> None:
    outlet = sample_net.outlets["norobots"]

    async def go() -> list[FetchResult]:
        async with Fetcher(fetch_settings) as fetcher:
            return [await fetcher.fetch(a.url) for a in outlet.articles]

    results = asyncio.run(go())
    assert {r.error for r in results} == {"robots_unavailable"}
    assert outlet.requests() == outlet.requests("/robots.txt") >= 1


def test_robots_404_means_allowed(sample_net: Network, fetch_settings: FetchSettings) -> None:
    outlet = sample_net.outlets["county"]  # serves no robots.txt
    result = fetch(fetch_settings, outlet.articles[0].url)
    assert result.error is None and result.status == 200
    assert outlet.site.hits["/robots.txt"] >= 1


def test_robots_disallow_is_obeyed(sample_net: Network, fetch_settings: FetchSettings) -> None:
    outlet = sample_net.outlets["faults"]
    result = fetch(fetch_settings, outlet.endpoints["robots_disallowed"])
    assert (result.error, result.attempts) == ("robots_disallowed", 0)
    assert outlet.requests("/private/") == 0


@pytest.mark.parametrize("name", ["huge", "huge_chunked"])
def test_huge_page_is_too_large(
    sample_net: Network, fetch_settings: FetchSettings, name: str
) -> None:
    settings = dataclasses.replace(fetch_settings, max_body_bytes=10 * MIB)
    result = fetch(settings, sample_net.outlets["faults"].endpoints[name])
    assert result.error == "too_large"
    assert result.decoded_bytes <= 11 * MIB


def test_content_type_filter(sample_net: Network, fetch_settings: FetchSettings) -> None:
    url = sample_net.outlets["faults"].endpoints["wrong_type"]
    assert fetch(fetch_settings, url).error == "content_type"


def test_feed_kind_accepts_feeds(sample_net: Network, fetch_settings: FetchSettings) -> None:
    for outlet in ("xinwen", "gbkcms"):
        url = sample_net.outlets[outlet].feeds[0]
        assert fetch(fetch_settings, url, kind="feed").error is None
    gz = sample_net.outlets["xinwen"].url("/sitemap-2.xml.gz")
    assert fetch(fetch_settings, gz, kind="sitemap").body[:2] == b"\x1f\x8b"


def test_conditional_get(sample_net: Network, fetch_settings: FetchSettings) -> None:
    url = sample_net.outlets["faults"].endpoints["conditional"]
    fresh = fetch(fetch_settings, url)
    assert fresh.status == 200 and fresh.headers["etag"] == '"v1"'
    by_etag = fetch(fetch_settings, url, etag='"v1"')
    by_date = fetch(fetch_settings, url, last_modified=fresh.headers["last-modified"])
    for result in (by_etag, by_date):
        assert (result.status, result.not_modified, result.error, result.body) == (
            304,
            True,
            None,
            b"",
        )
    assert not fetch(fetch_settings, url, etag='"v0"').not_modified


@pytest.mark.parametrize("name", ["jsl", "aliyun", "yunsuo", "ruishu"])
def test_challenge_pages_are_blocked(
    sample_net: Network, fetch_settings: FetchSettings, name: str
) -> None:
    result = fetch(fetch_settings, sample_net.outlets["blocked"].endpoints[f"challenge_{name}"])
    assert result.error == "blocked"


def test_private_addresses_are_refused_unless_allowed(sample_net: Network) -> None:
    outlet = sample_net.outlets["portal"]
    before = outlet.requests()
    result = fetch(FetchSettings(host_delay_s=0), outlet.articles[0].url)
    assert (result.error, result.attempts) == ("private_address", 0)
    assert outlet.requests() == before


def test_user_agent_names_the_project(sample_net: Network, fetch_settings: FetchSettings) -> None:
    outlet = sample_net.outlets["xinwen"]
    fetch(fetch_settings, outlet.articles[0].url)
    assert outlet.site.agents[USER_AGENT] >= 1
    assert USER_AGENT.startswith("huibao/") and "+https://" in USER_AGENT


def test_per_host_delay_spaces_requests(sample_net: Network, fetch_settings: FetchSettings) -> None:
    outlet = sample_net.outlets["xinwen"]
    settings = dataclasses.replace(fetch_settings, host_delay_s=0.3)
    urls = [a.url for a in outlet.articles[:4]]

    async def go() -> list[FetchResult]:
        async with Fetcher(settings) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    started = time.monotonic()
    results = asyncio.run(go())
    assert all(r.error is None for r in results)
    # robots.txt, then four pages: five request starts at least 0.3 s apart
    assert time.monotonic() - started >= 4 * 0.3 - 0.05
    paths = {u.removeprefix(outlet.base_url) for u in urls}
    times = sorted(t for t, target in outlet.site.log if target in paths)[-4:]
    assert all(b - a >= 0.15 for a, b in itertools.pairwise(times))  # server-side clock: slack


def test_slow_response_within_deadline_succeeds(
    sample_net: Network, fetch_settings: FetchSettings
) -> None:
    url = sample_net.outlets["faults"].url("/slow?s=1")
    result = fetch(fetch_settings, url)
    assert result.error is None and result.elapsed_s >= 1.0


def test_robots_crawl_delay_spaces_requests(
    sample_net: Network, fetch_settings: FetchSettings, fake_clock
) -> None:
    outlet = sample_net.outlets["gbkcms"]  # robots.txt: Crawl-delay: 1

    async def go() -> None:
        async with Fetcher(fetch_settings, clock=fake_clock, sleep=fake_clock.sleep) as fetcher:
            for article in outlet.articles[:3]:
                assert (await fetcher.fetch(article.url)).error is None

    asyncio.run(go())
    waits = [s for s in fake_clock.sleeps if s > 0]
    assert len(waits) >= 2 and all(0.99 <= w <= 1.0 for w in waits)


def test_unreachable_robots_is_asked_again_later(
    sample_net: Network, fetch_settings: FetchSettings, fake_clock
) -> None:
    outlet = sample_net.outlets["norobots"]
    settings = dataclasses.replace(fetch_settings, max_retries=0, robots_retry_s=600)

    async def go() -> None:
        async with Fetcher(settings, clock=fake_clock, sleep=fake_clock.sleep) as fetcher:
            before = outlet.requests("/robots.txt")
            await fetcher.fetch(outlet.articles[0].url)
            await fetcher.fetch(outlet.articles[1].url)
            assert outlet.requests("/robots.txt") == before + 1  # cached ...
            fake_clock.now += 601
            await fetcher.fetch(outlet.articles[1].url)
            assert outlet.requests("/robots.txt") == before + 2  # ... for robots_retry_s

    asyncio.run(go())


def test_host_that_takes_no_connection_is_a_connect_error(fetch_settings: FetchSettings) -> None:
    settings = dataclasses.replace(fetch_settings, max_retries=0)
    result = fetch(settings, "http://127.0.0.1:9/2011/0821/1.html")  # discard port: refused
    assert (result.error, result.status, result.attempts) == ("connect", None, 0)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("laughs_feed", "feed"),
        ("xxe_feed", "feed"),
        ("laughs_sitemap", "sitemap"),
        ("xxe_sitemap", "sitemap"),
    ],
)
def test_hostile_xml_over_http_is_refused_quickly(
    sample_net: Network, fetch_settings: FetchSettings, name: str, kind: str
) -> None:
    url = sample_net.outlets["faults"].endpoints[name]
    result = fetch(fetch_settings, url, kind=kind)
    assert result.error is None
    started = time.monotonic()
    parsed = parse_feed(result.body, url) if kind == "feed" else parse_sitemap(result.body, url)
    assert time.monotonic() - started < 1.0
    assert parsed.error == "unsafe_xml"
    assert "root:" not in repr(parsed)


def test_redirect_into_a_private_network_is_refused() -> None:
    """A public page redirecting to the cloud metadata address: the hop is refused before
    any request reaches it."""
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://metadata.internal/latest/"})

    async def resolver(host: str, port: int) -> list[str]:
        return ["169.254.169.254"] if host == "metadata.internal" else ["202.108.22.5"]

    async def go() -> FetchResult:
        settings = FetchSettings(host_delay_s=0)
        transport = httpx.MockTransport(handler)
        async with Fetcher(settings, transport=transport, resolver=resolver) as fetcher:
            return await fetcher.fetch("http://www.example.gov.cn/2011/0821/1.html")

    result = asyncio.run(go())
    assert result.error == "private_address"
    assert all("metadata.internal" not in url for url in asked)
    assert result.final_url == "http://metadata.internal/latest/"


def test_a_source_rate_overrides_the_default_delay(
    sample_net: Network, fetch_settings: FetchSettings, fake_clock
) -> None:
    outlet = sample_net.outlets["xinwen"]
    settings = dataclasses.replace(fetch_settings, host_delay_s=1.0)

    async def go() -> None:
        async with Fetcher(settings, clock=fake_clock, sleep=fake_clock.sleep) as fetcher:
            fetcher.set_host_delay(outlet.base_url, 5.0)
            for article in outlet.articles[:3]:
                assert (await fetcher.fetch(article.url)).error is None

    asyncio.run(go())
    assert [round(s, 3) for s in fake_clock.sleeps if s > 0] == [5.0, 5.0, 5.0]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_self_signed_certificate_is_a_tls_error_unless_accepted(
    tmp_path: Path, fetch_settings: FetchSettings
) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = Site("tls")
    site.add("/2011/0821/1.html", Reply("<html><body>政府网站</body></html>".encode()))
    server = SiteServer(site)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"https://127.0.0.1:{server.server_address[1]}/2011/0821/1.html"
        checked = fetch(dataclasses.replace(fetch_settings, max_retries=0), url)
        accepted = fetch(dataclasses.replace(fetch_settings, verify_tls=False), url)
    finally:
        server.shutdown()
        server.server_close()
    assert (checked.error, checked.status) == ("tls", None)
    assert accepted.error is None and "政府网站" in accepted.body.decode()


def test_requests_go_through_the_proxy(sample_net: Network, fetch_settings: FetchSettings) -> None:
    """The sample outlet plays the proxy: a proxied GET carries the absolute URL."""
    proxy = sample_net.outlets["county"]
    settings = dataclasses.replace(fetch_settings, proxy=proxy.base_url, obey_robots=False)
    target = "http://127.0.0.1:9/2011/0821/via-proxy.html"  # nothing listens there
    before = proxy.site.hits[target]
    result = fetch(settings, target)
    assert proxy.site.hits[target] == before + 1
    assert result.status == 404  # the "proxy" does not know the page, but it was asked


def test_starts_stay_spaced_with_several_requests_in_flight(
    sample_net: Network, fetch_settings: FetchSettings
) -> None:
    outlet = sample_net.outlets["xinwen"]
    settings = dataclasses.replace(fetch_settings, host_delay_s=0.2, host_concurrency=4)
    starts: list[float] = []

    async def go() -> None:
        async with Fetcher(settings) as fetcher:
            original = fetcher._exchange

            async def spy(*args: object, **kwargs: object) -> object:
                starts.append(time.monotonic())
                return await original(*args, **kwargs)  # type: ignore[arg-type]

            fetcher._exchange = spy  # type: ignore[method-assign]
            await fetcher.robots_rules(outlet.base_url)
            await asyncio.gather(*(fetcher.fetch(a.url) for a in outlet.articles[:4]))

    asyncio.run(go())
    assert len(starts) == 5  # robots.txt and four pages
    assert all(b - a >= 0.19 for a, b in itertools.pairwise(sorted(starts)))
