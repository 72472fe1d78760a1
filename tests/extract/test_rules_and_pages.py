"""Per-site rules, multi-page articles, images and channels."""

from __future__ import annotations

import pytest

from huibao import ExtractionError, Rules, extract

SITE_PAGE = """<html><head><title>首页</title></head><body>
<div class="hd">网站导航 新闻 政务 服务</div>
<div id="news_title">县公安局开展夏季治安整治</div>
<span class="pubtime">2011年08月21日</span><span class="who">刘某某</span>
<div id="zoom"><p>县公安局近日开展夏季治安整治行动，重点打击盗窃、诈骗等多发性侵财犯罪，成效明显。</p>
<p>行动期间，共破获各类案件120起，抓获违法犯罪嫌疑人45人，群众安全感进一步增强。</p>
<div class="ad">广告：点击领取优惠券</div></div>
<div class="sidebar"><p>这是一段很长的侧栏文字，它有很多标点，很多内容，也有句号。还有更多的内容，更多的文字。</p></div>
</body></html>"""


def test_rules_override_heuristics() -> None:
    rules = Rules(
        title="#news_title",
        published=".pubtime",
        authors="//span[@class='who']",
        body="#zoom",
        drop=(".ad",),
    )
    article = extract(SITE_PAGE, rules=rules)
    assert article.title == "县公安局开展夏季治安整治"
    assert article.published is not None and article.published.day == 21
    assert article.authors == ["刘某某"]
    assert len(article.paragraphs) == 2
    assert "广告" not in article.body


def test_bad_selector_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="bad selector"):
        extract(SITE_PAGE, rules=Rules(body="//div[@class="))


def test_rules_from_dict() -> None:
    rules = Rules.from_dict({"title": "h1", "drop": [".ad", ".share"]})
    assert rules.drop == (".ad", ".share")
    with pytest.raises(ExtractionError, match="unknown rule"):
        Rules.from_dict({"titel": "h1"})


MULTI = """<html><head><title>长文章_频道</title></head><body><h1>长文章</h1>
<div class="content"><p>第一页的正文内容，这里有很多文字，也有逗号和句号。第一页的正文内容继续写下去。</p>
<p>第一页的第二段正文，描述事件的经过，内容比较详细，方便测试。</p></div>
<div class="page">{links}</div></body></html>"""


def test_next_pages_numbered() -> None:
    links = (
        '<a href="123.html">1</a> <a href="123_2.html">2</a> <a href="123_3.html">3</a> '
        '<a href="123_2.html">下一页</a>'
    )
    article = extract(MULTI.format(links=links), url="http://a.cn/2011/0821/123.html")
    assert article.next_pages == [
        "http://a.cn/2011/0821/123_2.html",
        "http://a.cn/2011/0821/123_3.html",
    ]


def test_next_pages_from_a_later_page() -> None:
    links = '<a href="123.html">1</a> <a href="123_2.html">2</a> <a href="123_3.html">3</a>'
    article = extract(MULTI.format(links=links), url="http://a.cn/2011/0821/123_2.html")
    assert article.next_pages == ["http://a.cn/2011/0821/123_3.html"]


def test_next_pages_government_index_style() -> None:
    links = '<a href="index_1.html">2</a> <a href="index_2.html">3</a>'
    article = extract(MULTI.format(links=links), url="http://gov.cn/art/2011/8/21/index.html")
    assert article.next_pages == [
        "http://gov.cn/art/2011/8/21/index_1.html",
        "http://gov.cn/art/2011/8/21/index_2.html",
    ]


def test_no_next_pages_on_a_single_page() -> None:
    article = extract(
        MULTI.format(links='<a href="/other/999.html">其他新闻</a>'),
        url="http://a.cn/2011/0821/123.html",
    )
    assert article.next_pages == []


def test_images_with_captions() -> None:
    page = """<html><body><h1>图片新闻标题</h1><div class="article">
    <p>正文第一段，有足够的长度，也有标点符号。这里继续写一些内容，让它成为正文。</p>
    <figure><img src="/img/1.jpg"><figcaption>民警走访群众</figcaption></figure>
    <p>正文第二段，也有足够的长度和标点。这里继续写一些内容，让它成为正文的一部分。</p>
    <p><img src="2.jpg" alt="平安讲堂现场"></p></div></body></html>"""
    article = extract(page, url="http://a.cn/news/1.html")
    assert [(i.src, i.caption) for i in article.images] == [
        ("http://a.cn/img/1.jpg", "民警走访群众"),
        ("http://a.cn/news/2.jpg", "平安讲堂现场"),
    ]


def test_to_dict_round_trip(seed_page: bytes) -> None:
    from huibao import Article

    article = extract(seed_page)
    data = article.to_dict()
    assert data["published"].startswith("2011-08-21")
    assert Article.from_dict(data) == article
