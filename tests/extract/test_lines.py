"""The marked-text pass that gives the page's lines and the body's blocks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from huibao import extract
from huibao.extract.body import Block, collapse_spaces, normalise
from huibao.extract.html import Budget, parse
from huibao.extract.lines import (
    _TEXT,
    BREAK,
    LINK_CLOSE,
    LINK_OPEN,
    MARK_TAG,
    OPEN,
    _blocks,
    _lines,
    _link_weight,
    _marked_text,
    page_text,
)
from huibao.extract.settings import ExtractSettings

ARTICLE = """<html><head><title>柳南警方三大举措打造亲民公安新形象</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">新闻</a></div>
<div id="content">
<p>柳南公安分局近日推出三大举措，着力打造亲民公安新形象，受到群众广泛好评。</p>
<div class="share-bar">分享到：微博 微信</div>
<p>一是开展“大走访”活动，民警深入社区，倾听群众意见，解决实际困难，效果明显。</p>
<p><a href="/x">相关链接一</a> <a href="/y">相关链接二</a></p>
<p>二是设立便民服务窗口，为群众办理户籍、身份证等业务提供方便，<b>节省时间</b>。</p>
</div>
<div class="footer">版权所有 柳南公安</div>
</body></html>"""


def _root(html: str) -> etree._Element:
    root = parse(html, ExtractSettings(), Budget(5))
    assert root is not None
    return root


def test_body_skips_furniture_and_link_lists_but_keeps_what_follows() -> None:
    article = extract(ARTICLE)
    assert "分享到" not in article.body
    assert "相关链接" not in article.body
    assert "一是开展" in article.body
    assert article.paragraphs[-1].endswith("节省时间。")


def test_page_text_leaves_the_tree_as_it_was() -> None:
    root = _root(ARTICLE)
    before = etree.tostring(root)
    content = root.find(".//div[@id='content']")
    share = root.find(".//div[@class='share-bar']")
    assert content is not None and share is not None
    text = page_text(root, [content], [share])
    assert etree.tostring(root) == before
    assert not root.xpath(f"//{MARK_TAG} | //*[@{OPEN}]")
    assert [b.text for b in text.blocks][:2] == [
        "柳南公安分局近日推出三大举措，着力打造亲民公安新形象，受到群众广泛好评。",
        "一是开展“大走访”活动，民警深入社区，倾听群众意见，解决实际困难，效果明显。",
    ]
    assert "分享到：微博 微信" in text.lines  # the page's lines keep everything
    links = [b for b in text.blocks if "相关链接" in b.text]
    assert links and links[0].link > 0


def test_python_fallback_gives_the_same_lines_as_xslt() -> None:
    root = _root(ARTICLE)
    assert _lines(_marked_text(root)) == _lines(str(_TEXT(root)))


def test_mark_characters_written_by_the_page_do_not_break_extraction() -> None:
    page = ARTICLE.replace("受到群众", "&#xFDD5;&#xFDD0;&#xFDD3;受到群众")
    article = extract(page)
    assert "一是开展" in article.body


# Pieces of marked text: the whitespace collapse_spaces treats specially (U+3000 kept inside,
# zero-width space and BOM as spaces), other whitespace, marks, Latin, CJK and astral text.
MARKED_PIECES = [" ", "  ", "\t", "\n", "\xa0", "\u3000", "\u200b", "\ufeff", BREAK, BREAK]
MARKED_PIECES += [LINK_OPEN, LINK_CLOSE, "a", "bc", "柳南", "，", "·", "é", "\U00020000"]


def _lines_run_by_run(text: str) -> list[str]:
    """The page's lines as they were made before the whole text was collapsed at once."""
    parts = text.split(BREAK)
    if len(parts) == 1 and len(collapse_spaces(text)) < 2:
        return []
    return [line for part in parts if part and not part.isspace() if (line := normalise(part))]


def _blocks_run_by_run(segment: str) -> list[Block]:
    """The body's blocks as they were made before each segment was collapsed at once."""
    found, depth = [], 0
    for raw in segment.split(BREAK):
        link = 0
        if depth or LINK_OPEN in raw or LINK_CLOSE in raw:
            link, depth = _link_weight(raw, depth)
        if text := normalise(raw.replace(LINK_OPEN, "").replace(LINK_CLOSE, "")):
            found.append(Block(text, link))
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKED_PIECES), max_size=14).map("".join))
def test_collapsing_whole_texts_gives_the_runs_normalised_one_by_one(text: str) -> None:
    plain = text.replace(LINK_OPEN, "").replace(LINK_CLOSE, "")  # as page_text gives _lines
    assert _lines(plain) == _lines_run_by_run(plain)
    assert _blocks([text]) == _blocks_run_by_run(text)


def test_the_placeholder_for_ideographic_spaces_never_surfaces() -> None:
    # U+FDEF stands in for U+3000 while other spaces collapse; a page's own U+FDEF is dropped,
    # not turned into a space.
    assert collapse_spaces("甲\ufdef乙\u3000丙  丁") == "甲乙\u3000丙 丁"
