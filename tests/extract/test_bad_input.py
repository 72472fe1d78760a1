"""Hostile and broken input: an empty Article or ExtractionError, fast, never a crash."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huibao import ExtractionError, ExtractSettings, extract


def test_empty_bytes_give_an_empty_article() -> None:
    article = extract(b"")
    assert article.is_empty
    assert article.paragraphs == []


def test_whitespace_only() -> None:
    assert extract(b"   \n\t  ").is_empty


def test_binary_junk_does_not_crash() -> None:
    rng = random.Random(20111821)
    junk = bytes(rng.getrandbits(8) for _ in range(200_000))
    started = time.monotonic()
    extract(junk)
    assert time.monotonic() - started < 2


def test_fifty_megabyte_page_is_refused_quickly() -> None:
    page = b"<html><body><p>" + b"x" * 50_000_000 + b"</p></body></html>"
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="cap"):
        extract(page)
    assert time.monotonic() - started < 1


def test_hundred_thousand_nested_tags() -> None:
    page = (
        "<html><body><p>开头。</p>"
        + "<div>" * 100_000
        + "深层的文字，依然保留下来，一句完整的话。"
        + "</div>" * 100_000
        + "<p>结尾。</p></body></html>"
    ).encode()
    started = time.monotonic()
    article = extract(page)
    assert time.monotonic() - started < 2
    assert "深层的文字，依然保留下来" in article.body


def test_endless_attribute() -> None:
    page = b'<html><body><p>before</p><div class="' + b"a" * 5_000_000
    started = time.monotonic()
    extract(page)
    assert time.monotonic() - started < 2


def test_million_attributes() -> None:
    page = b'<html><body><div title="x" ' + b"a=b " * 1_000_000 + b">text</div></body></html>"
    started = time.monotonic()
    extract(page)
    assert time.monotonic() - started < 3


def test_too_many_elements_is_an_extraction_error() -> None:
    page = b"<html><body>" + b"<span>x</span>" * 5_000 + b"</body></html>"
    with pytest.raises(ExtractionError, match="max_elements"):
        extract(page, settings=ExtractSettings(max_elements=1_000))


def test_time_budget_is_enforced() -> None:
    page = b"<html><body>" + b"<p>text, more text.</p>" * 20_000 + b"</body></html>"
    with pytest.raises(ExtractionError, match="time_budget_s"):
        extract(page, settings=ExtractSettings(time_budget_s=0.0))


def test_wrong_argument_type() -> None:
    with pytest.raises(TypeError, match="bytes or str"):
        extract(12345)  # type: ignore[arg-type]


def test_xml_declaration_in_text_input() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>这是一段足够长的正文内容，用来测试。</p></body></html>'
    assert "足够长的正文" in extract(page).body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_fuzz_bytes(data: bytes) -> None:
    try:
        article = extract(data)
    except ExtractionError:
        return
    assert isinstance(article.body, str)
    article.to_dict()


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<br>",
        "<a href='x'>",
        "</a>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<h1>",
        "</h1>",
        "<title>",
        "</title>",
        "<meta charset=gbk>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
    ]
)
_TEXT = st.text(
    alphabet=st.sampled_from("柳南公安分局来源：作者记者2011-08-21年月日 ,。<>&\"'\x00"),
    max_size=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TAGS, _TEXT), max_size=60), st.sampled_from(["utf-8", "gbk", "big5"]))
def test_fuzz_markup(parts: list[str], encoding: str) -> None:
    page = "".join(parts).encode(encoding, errors="ignore")
    try:
        article = extract(page, url="http://example.cn/2011/0821/1.html")
    except ExtractionError:
        return
    assert article.published is None or article.published.tzinfo is not None
