"""The small guards: challenge detection, capped decoding, robots rules, address checks."""

from __future__ import annotations

import gzip
import time
import zlib

import brotli  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.discover.blocked import looks_blocked
from huibao.discover.decode import CappedDecoder, DecodingError, TooLarge, decode_capped
from huibao.discover.netguard import address_allowed, parse_networks
from huibao.discover.robots import rules_from_fetch, rules_from_response
from huibao.discover.settings import FetchSettings
from huibao.errors import ConfigError
from huibao.samplenet.pages import real_pages
from huibao.samplenet.traps import CHALLENGES

# --- anti-bot challenges -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CHALLENGES))
def test_challenge_shapes(name: str) -> None:
    reply = CHALLENGES[name]
    assert looks_blocked(reply.status, {k.lower(): v for k, v in reply.headers}, reply.body)


CLOUDFLARE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b"<script>(function(){window._cf_chl_opt={cvId:'3'};})();</script></body></html>"
)


def test_cloudflare_interstitial() -> None:
    assert looks_blocked(503, {}, CLOUDFLARE)
    assert looks_blocked(403, {}, CLOUDFLARE)


@pytest.mark.parametrize("page", real_pages("gne-")[:12], ids=lambda p: p.name)
def test_real_articles_are_not_challenges(page: object) -> None:
    assert not looks_blocked(200, {}, page.data)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, b"<html><script>location.href='/index.shtml'</script></html>"),  # JS redirect
        (404, b"<html><body>404 Not Found</body></html>"),
        (
            200,
            "<html><body><p>文章说明如何完成安全验证。</p>".encode()
            + "正文".encode() * 200
            + b"</body></html>",
        ),
        (500, b"<script>document.cookie='a=1'</script>"),
    ],
)
def test_not_challenges(status: int, body: bytes) -> None:
    assert not looks_blocked(status, {}, body)


# --- capped decoding -----------------------------------------------------------------------

TEXT = "柳南警方三大举措打造亲民公安新形象。".encode() * 500


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("gzip", gzip.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)[2:-4]),  # raw deflate, as some IIS servers send
        ("br", brotli.compress(TEXT)),
        ("gzip, br", brotli.compress(gzip.compress(TEXT))),
        ("", TEXT),
        ("identity", TEXT),
    ],
)
def test_round_trips_in_small_pieces(encoding: str, packed: bytes) -> None:
    decoder = CappedDecoder(encoding, cap=len(TEXT))
    for start in range(0, len(packed), 97):
        decoder.feed(packed[start : start + 97])
    assert decoder.result() == TEXT


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_bomb_in_one_piece_stops_near_the_cap(encoding: str) -> None:
    zeros = bytes(32 * 1024 * 1024)
    packed = {
        "gzip": lambda: gzip.compress(zeros, compresslevel=1),
        "deflate": lambda: zlib.compress(zeros, 1),
        "br": lambda: brotli.compress(zeros, quality=1),
    }[encoding]()
    decoder = CappedDecoder(encoding, cap=1024 * 1024)
    with pytest.raises(TooLarge):
        decoder.feed(packed)
    assert decoder.decoded <= 1024 * 1024 + 64 * 1024


def test_bad_input() -> None:
    with pytest.raises(DecodingError):
        decode_capped(b"not gzip at all", "gzip", 1000)
    with pytest.raises(DecodingError):
        CappedDecoder("compress", 1000)
    with pytest.raises(DecodingError):
        CappedDecoder("gzip, gzip, gzip", 1000)


# --- robots.txt (RFC 9309) -----------------------------------------------------------------

ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nSitemap: http://x.cn/sitemap.xml\n"


def test_robots_rules() -> None:
    rules = rules_from_response(200, ROBOTS)
    assert rules.allows("http://x.cn/2011/0821/1.html")
    assert not rules.allows("http://x.cn/private/1.html")
    assert rules.crawl_delay() == 2.0
    assert rules.sitemaps() == ("http://x.cn/sitemap.xml",)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (404, True),
        (403, True),
        (410, True),
        (500, False),
        (503, False),
        (429, False),
        (None, False),
    ],
)
def test_robots_status_meaning(status: int | None, allowed: bool) -> None:
    rules = rules_from_response(status, ROBOTS)
    assert rules.allows("http://x.cn/2011/0821/1.html") is allowed


def test_group_for_huibao_applies() -> None:
    rules = rules_from_response(
        200, b"User-agent: huibao\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    )
    assert not rules.allows("http://x.cn/a.html")


# --- private addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("8.8.8.8", True),
        ("202.108.22.5", True),
        ("2400:da00::6666", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_address_allowed(address: str, allowed: bool) -> None:
    assert address_allowed(address, ()) is allowed


def test_allow_list() -> None:
    loopback = parse_networks(["127.0.0.0/8"])
    assert address_allowed("127.0.0.5", loopback)
    assert address_allowed("::ffff:127.0.0.1", loopback)
    assert not address_allowed("10.0.0.1", loopback)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=4000), min_size=1, max_size=20),
    st.sampled_from(["gzip", "deflate", "br"]),
)
def test_any_chunking_round_trips(cuts: list[int], encoding: str) -> None:
    packed = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}[encoding](
        TEXT
    )
    decoder = CappedDecoder(encoding, cap=len(TEXT))
    start = 0
    for cut in cuts:
        decoder.feed(packed[start : start + cut])
        start += cut
    decoder.feed(packed[start:])
    assert decoder.result() == TEXT


@pytest.mark.parametrize(
    ("status", "error", "state", "cause"),
    [
        (200, None, "parsed", None),
        (404, "http_4xx", "allow_all", None),
        (503, "http_5xx", "unreachable", "http_5xx"),
        (None, "connect", "unreachable", "connect"),
        (None, "timeout", "unreachable", "timeout"),
        (302, "too_many_redirects", "allow_all", None),
    ],
)
def test_robots_from_fetch_outcomes(
    status: int | None, error: str | None, state: str, cause: str | None
) -> None:
    rules = rules_from_fetch(status, error, ROBOTS)
    assert (rules.state, rules.cause) == (state, cause)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([200, 403, 412, 503, 521]), st.binary(max_size=600))
def test_looks_blocked_is_total(status: int, body: bytes) -> None:
    assert looks_blocked(status, {}, body) in {True, False}


@pytest.mark.parametrize(
    "body", [b"<script" * 9000, b"<a " * 20000, b"<script>" + b"<" * 60000, b"<style" * 9000]
)
def test_hostile_bodies_are_judged_quickly(body: bytes) -> None:
    started = time.monotonic()
    looks_blocked(403, {}, body)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(
    "changes",
    [
        {"allowed_networks": ("1", "2", "7", ".")},
        {"allowed_networks": ("localhost",)},
        {"host_concurrency": 0},
        {"deadline_s": -1.0},
    ],
)
def test_fetch_settings_are_validated(changes: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        FetchSettings(**changes)  # type: ignore[arg-type]
