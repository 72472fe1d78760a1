"""parse_sitemap: index, plain, gzip, news, text; bombs and hostile XML."""

from __future__ import annotations

import gzip
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.discover.settings import DiscoverSettings
from huibao.discover.sitemaps import parse_sitemap, parse_w3c_date
from huibao.samplenet import traps

FIXTURES = Path(__file__).parents[1] / "fixtures" / "discover"
BASE = "http://127.0.0.1:8001"
CST = timezone(timedelta(hours=8))


def test_sitemap_index_lists_children() -> None:
    result = parse_sitemap((FIXTURES / "xinwen-sitemap_index.xml").read_bytes(), BASE + "/")
    assert result.error is None and result.urls == ()
    assert result.sitemaps == tuple(
        f"{BASE}/{name}" for name in ("sitemap-1.xml", "sitemap-2.xml.gz", "sitemap-news.xml")
    )


def test_plain_and_gzipped_sitemaps_cover_the_outlet() -> None:
    plain = parse_sitemap((FIXTURES / "xinwen-sitemap-1.xml").read_bytes(), BASE + "/")
    packed = parse_sitemap((FIXTURES / "xinwen-sitemap-2.xml.gz").read_bytes(), BASE + "/")
    urls = [u.url for u in plain.urls + packed.urls]
    assert len(urls) == len(set(urls)) == 20
    assert all("/news/2021" in u for u in urls)
    assert plain.urls[0].lastmod is not None and plain.urls[0].lastmod.tzinfo is not None


def test_news_sitemap_gives_publication_date_and_title() -> None:
    result = parse_sitemap((FIXTURES / "xinwen-sitemap-news.xml").read_bytes(), BASE + "/")
    assert len(result.urls) == 5
    first = result.urls[0]
    assert first.news_published == datetime(2021, 3, 20, 8, 19, tzinfo=CST)
    assert first.news_title.startswith("【不忘初心 牢记使命】")


def test_text_sitemap() -> None:
    data = b"http://www.gov.cn/2011/0821/1.html\nhttp://www.gov.cn/2011/0821/2.html\n"
    result = parse_sitemap(data, "http://www.gov.cn/sitemap.txt")
    assert [u.url for u in result.urls] == [
        "http://www.gov.cn/2011/0821/1.html",
        "http://www.gov.cn/2011/0821/2.html",
    ]


def test_gzip_bomb_sitemap_stops_at_the_cap() -> None:
    bomb = gzip.compress(b"<urlset>" + bytes(64 * 1024 * 1024), compresslevel=9)
    started = time.monotonic()
    result = parse_sitemap(bomb, BASE, settings=DiscoverSettings(max_sitemap_bytes=8 * 1024 * 1024))
    assert result.error == "too_large"
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("make", [traps.laughs_sitemap, traps.xxe_sitemap])
def test_hostile_sitemaps_are_refused_quickly(make: object) -> None:
    started = time.monotonic()
    result = parse_sitemap(make(), BASE)  # type: ignore[operator]
    assert time.monotonic() - started < 1.0
    assert (result.error, result.urls) == ("unsafe_xml", ())
    assert "root:" not in repr(result)


def test_xxe_without_doctype_check_still_reads_nothing(tmp_path: Path) -> None:
    """Even past the DOCTYPE scan, lxml is told not to resolve entities or load DTDs."""
    from lxml import etree

    from huibao.discover.sitemaps import _parser

    secret = tmp_path / "s.txt"
    secret.write_text("TOP-SECRET-huibao")
    root = etree.fromstring(traps.xxe_sitemap(str(secret)), _parser())
    assert "TOP-SECRET" not in etree.tostring(root).decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011-08-21", datetime(2011, 8, 21, tzinfo=CST)),
        ("2011-08-21T09:30:00+08:00", datetime(2011, 8, 21, 9, 30, tzinfo=CST)),
        ("2011-08-21T01:30:00Z", datetime(2011, 8, 21, 9, 30, tzinfo=CST)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_w3c_dates(text: str, expected: datetime | None) -> None:
    assert parse_w3c_date(text) == expected


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_result(data: bytes) -> None:
    result = parse_sitemap(data, BASE)
    assert result.error in {None, "not_a_sitemap", "unsafe_xml", "decoding", "too_large"}
