"""parse_feed: real feeds, GBK, hostile XML (billion laughs, XXE), arbitrary bytes."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.discover.feeds import parse_feed
from huibao.discover.settings import DiscoverSettings
from huibao.samplenet import traps

FIXTURES = Path(__file__).parents[1] / "fixtures" / "discover"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>柳州新闻网</title><link>http://www.lznews.gov.cn/</link>
<item><title>柳南警方三大举措打造亲民公安新形象</title>
<link>/2011/0821/123.html?utm_source=rss#top</link>
<pubDate>Sun, 21 Aug 2011 09:30:00 +0800</pubDate></item>
<item><title>没有链接的条目</title></item>
<item><title>脚本链接</title><link>javascript:alert(1)</link></item>
</channel></rss>"""


def test_rss_with_plain_doctype_relative_links_and_dates() -> None:
    result = parse_feed(RSS.encode(), "http://www.lznews.gov.cn/rss.xml")
    assert result.error is None
    assert result.title == "柳州新闻网"
    assert [e.url for e in result.entries] == ["http://www.lznews.gov.cn/2011/0821/123.html"]
    entry = result.entries[0]
    assert entry.title == "柳南警方三大举措打造亲民公安新形象"
    assert entry.published == datetime(2011, 8, 21, 1, 30, tzinfo=UTC)


def test_gbk_atom_feed_of_the_sample_network() -> None:
    data = (FIXTURES / "gbkcms-atom.xml").read_bytes()
    assert b'encoding="gbk"' in data[:60]
    result = parse_feed(data, "http://127.0.0.1:8000/atom.xml")
    assert result.error is None and len(result.entries) == 12
    assert result.title == "柳南要闻"
    assert result.entries[0].title == "柳南警方三大举措打造亲民公安新形象"
    assert all(e.published is not None for e in result.entries)


def test_billion_laughs_is_refused_quickly() -> None:
    started = time.monotonic()
    result = parse_feed(traps.laughs_feed(), "http://example.com/feed")
    assert time.monotonic() - started < 1.0
    assert (result.error, result.entries) == ("unsafe_xml", ())


def test_xxe_reads_no_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-huibao-7f3a")
    started = time.monotonic()
    result = parse_feed(traps.xxe_feed(str(secret)), "http://example.com/feed")
    assert time.monotonic() - started < 1.0
    assert result.error == "unsafe_xml"
    assert "TOP-SECRET" not in repr(result)


def test_xxe_in_utf16_is_refused_too(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-huibao-7f3a")
    wide = traps.xxe_feed(str(secret)).decode().replace('<?xml version="1.0"?>', "")
    result = parse_feed(wide.encode("utf-16"), "http://example.com/feed")
    assert "TOP-SECRET" not in repr(result)
    assert result.error == "unsafe_xml"


def test_a_body_naming_a_file_is_not_opened() -> None:
    result = parse_feed(b"/etc/passwd", "http://example.com/feed")
    assert result.error == "not_a_feed"
    assert "root" not in repr(result)


def test_html_page_is_not_a_feed() -> None:
    html = "<html><body><p>新闻</p></body></html>".encode()
    assert parse_feed(html, "http://example.com/").error == "not_a_feed"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_result(data: bytes) -> None:
    result = parse_feed(data, "http://example.com/feed")
    assert result.error in {None, "not_a_feed", "unsafe_xml"}
    assert all(e.url.startswith(("http://", "https://")) for e in result.entries)


def test_feed_caps() -> None:
    data = (FIXTURES / "gbkcms-atom.xml").read_bytes()
    assert parse_feed(data, "http://127.0.0.1:8000/", max_bytes=1000).error == "too_large"
    few = parse_feed(data, "http://127.0.0.1:8000/", settings=DiscoverSettings(max_feed_entries=3))
    assert len(few.entries) == 3


def test_many_doctypes_are_refused_quickly() -> None:
    started = time.monotonic()
    assert parse_feed(b"<!DOCTYPE " * 200_000, "http://x/").error == "unsafe_xml"
    assert parse_feed(b'<!DOCTYPE rss SYSTEM "a.dtd"><!DOCTYPE rss>', "http://x/").error == (
        "unsafe_xml"
    )
    assert time.monotonic() - started < 0.5


NBSP_RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>柳南&nbsp;要闻</title>
<item><title>&ldquo;平安回家&rdquo;工程</title><link>http://www.lznews.gov.cn/2011/0821/123.html</link>
<pubDate>2011-08-21 09:30:00</pubDate><description>&nbsp;&nbsp;今年以来</description></item>
</channel></rss>""".encode("gbk")


def test_cms_feed_with_html_entities_and_a_bare_date() -> None:
    result = parse_feed(NBSP_RSS, "http://www.lznews.gov.cn/rss.xml")
    assert result.error is None and result.title == "柳南\xa0要闻"
    (entry,) = result.entries
    assert entry.title == "“平安回家”工程"
    assert entry.published == datetime(2011, 8, 21, 1, 30, tzinfo=UTC)  # read as China time


RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x.cn/"><title>RDF</title><link>http://x.cn/</link></channel>
<item rdf:about="http://x.cn/2011/0821/1.html"><title>one</title>
<link>http://x.cn/2011/0821/1.html</link><dc:date>2011-08-21T09:30:00+08:00</dc:date></item>
</rdf:RDF>"""

ATOM_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><link href="http://x.cn/"/>
<entry><title>two</title><link rel="edit" href="/edit/2"/><link rel="alternate" href="/2011/0821/2.html"/>
<id>tag:x.cn,2011:2</id><updated>2011-08-22T01:00:00Z</updated></entry>
</feed>"""


def test_rdf_and_atom() -> None:
    rdf = parse_feed(RDF, "http://x.cn/rss.rdf")
    assert [e.url for e in rdf.entries] == ["http://x.cn/2011/0821/1.html"]
    assert rdf.entries[0].published == datetime(2011, 8, 21, 1, 30, tzinfo=UTC)
    atom = parse_feed(ATOM_FEED, "http://x.cn/atom.xml")
    assert [e.url for e in atom.entries] == ["http://x.cn/2011/0821/2.html"]
    assert atom.entries[0].published == datetime(2011, 8, 22, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "data",
    [
        b'<rss version="2.0"><channel>'
        + b"<item><link>http://x/2011/0821/1.html</link></item>" * 50_000
        + b"</channel></rss>",
        b"<rss><channel>" + b"<item><title>" * 200_000,
        b"<html>" + b"<div>" * 200_000,
        b"<rss><channel><title>" + b"&nbsp;" * 400_000,
        bytes(range(256)) * 4000,
    ],
    ids=["50k-items", "unclosed", "html", "entities", "binary"],
)
def test_big_or_broken_feeds_parse_quickly(data: bytes) -> None:
    started = time.monotonic()
    result = parse_feed(data, "http://x/")
    assert time.monotonic() - started < 5.0  # feedparser alone: 11-17 s; about 1 s here
    assert len(result.entries) <= 10_000
