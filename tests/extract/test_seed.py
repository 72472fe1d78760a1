"""The golden test: the seed page as a GBK 2011 CMS page."""

from __future__ import annotations

from datetime import date

from huibao import extract


def _article_paragraphs(seed_text: str) -> list[str]:
    lines = [line.replace("\xa0", " ").strip() for line in seed_text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("柳南警方三大举措")) + 2
    return [line for line in lines[start:] if line and not line.startswith("亲稳链接")]


def test_seed_metadata(seed_page: bytes) -> None:
    article = extract(seed_page, url="http://www.qinwen.example/culture/policy/2011/0821/1.html")
    assert article.title == "柳南警方三大举措打造亲民公安新形象"
    assert article.source == "中国法制新闻网"
    assert article.published is not None
    assert article.published.date() == date(2011, 8, 21)
    assert article.published.utcoffset() is not None
    assert article.published.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    assert article.channel == ["亲稳网", "亲稳文化", "亲稳政策"]
    assert article.encoding == "gb18030"
    assert article.language == "zh"
    assert article.authors == []
    assert article.editors == []


def test_seed_body_is_exactly_the_ten_paragraphs(seed_page: bytes, seed_text: str) -> None:
    article = extract(seed_page)
    expected = _article_paragraphs(seed_text)
    assert len(expected) == 10
    assert article.paragraphs == expected
    assert article.body == "\n".join(expected)


def test_seed_body_has_no_chrome(seed_page: bytes) -> None:
    body = extract(seed_page).body
    for chrome in (
        "01056292228",
        "即刻使用",
        "发掘汇报软件",
        "亲稳链接",
        "版权所有",
        "您当前的位置",
        "相关新闻",
        "鱼峰公安",
        "2011-08-21",
        "中国法制新闻网",
    ):
        assert chrome not in body, chrome
