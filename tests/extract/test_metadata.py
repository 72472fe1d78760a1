"""Titles, outlets, authors, editors and breadcrumbs, each in its own field."""

from __future__ import annotations

import pytest

from huibao import extract
from huibao.extract import metadata


@pytest.mark.parametrize(
    ("raw", "headings", "expected"),
    [
        (
            "柳南警方三大举措打造亲民公安新形象_亲稳政策_亲稳网",
            [],
            "柳南警方三大举措打造亲民公安新形象",
        ),
        ("国务院常务会议部署稳经济措施-新华网", [], "国务院常务会议部署稳经济措施"),
        (
            "多维博客 » 播客热潮迅速蔓延 挑逗传统传媒业",
            ["播客热潮迅速蔓延 挑逗传统传媒业"],
            "播客热潮迅速蔓延 挑逗传统传媒业",
        ),
        ("市政府召开常务会议 | 某市人民政府", ["市政府召开常务会议[新华网]"], "市政府召开常务会议"),
    ],
)
def test_clean_title(raw: str, headings: list[str], expected: str) -> None:
    assert metadata.clean_title(raw, headings) == expected


def test_short_title_named_by_title_and_h1() -> None:
    """An encyclopedia entry: a three-character name in <h1>, the site's tagline as the
    <title>'s last part and again as a masthead line (zh.wikipedia, 金锺国)."""
    body = "".join(
        f"<p>{'歌手生于一个普通家庭，后来参加了多次选拔并正式出道。' * 3}</p>" for _ in range(4)
    )
    page = (
        "<html><head><title>金锺国 - 维基百科，自由的百科全书</title></head><body>"
        "<h1>金锺国</h1><div>维基百科，自由的百科全书</div>"
        f"<div id=content>{body}</div></body></html>"
    )
    assert extract(page).title == "金锺国"
    # Without the <title> naming it, a short <h1> (a blog's owner, 导航) is not taken.
    assert extract(page.replace("金锺国 - ", "")).title != "金锺国"


def test_trailing_source_on_title() -> None:
    assert metadata.split_title_source("柳南警方三大举措打造亲民公安新形象[中国法制新闻网]") == (
        "柳南警方三大举措打造亲民公安新形象",
        "中国法制新闻网",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("作者：张三 李四", ["张三", "李四"]),
        ("作者：张三、李四、王五", ["张三", "李四", "王五"]),
        ("本报记者 罗科苏盈 发自北京", ["罗科苏盈"]),
        ("新京报记者 彭冲 山东冠县报道", ["彭冲"]),
        ("文/王小明", ["王小明"]),
        ("（记者 胡晓蓉）", ["胡晓蓉"]),
        ("通讯员 刘洋", ["刘洋"]),
        ("作者:zboygirl 阅读(1660) 评论(5)", ["zboygirl"]),
        ("执笔人：闵乐夫 赵兰波 刘韬", ["闵乐夫", "赵兰波", "刘韬"]),
        ("本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表", ["大卫"]),
        ("在记者一行正要结束采访时", []),
    ],
)
def test_authors(line: str, expected: list[str]) -> None:
    assert metadata.find_authors([line]) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("责任编辑：孙重远", ["孙重远"]), ("[责任编辑:张三]", ["张三"]), ("【编辑:刘欢】", ["刘欢"])],
)
def test_editors(line: str, expected: list[str]) -> None:
    assert metadata.find_editors([line]) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源：新华网 作者：张三", "新华网"),
        ("2022.01.20 16:31 来源：河南日报客户端", "河南日报客户端"),
        ("稿源: 人民日报", "人民日报"),
        ("出处：柳州日报", "柳州日报"),
    ],
)
def test_source(line: str, expected: str) -> None:
    assert metadata.find_source([line]) == expected


def test_breadcrumb() -> None:
    assert metadata.parse_breadcrumb("您当前的位置:亲稳网 > 亲稳文化 > 亲稳政策 >") == [
        "亲稳网",
        "亲稳文化",
        "亲稳政策",
    ]
    assert metadata.parse_breadcrumb("当前位置：首页 >> 新闻中心 >> 工作动态") == [
        "首页",
        "新闻中心",
        "工作动态",
    ]
    assert metadata.parse_breadcrumb("今天天气很好") == []


def test_outlet_and_editor_never_become_authors() -> None:
    page = """<html><head><title>某县召开安全生产工作会议_新闻中心</title></head><body>
    <h1>某县召开安全生产工作会议</h1>
    <div class="info">2021-03-05 09:00 来源：某县融媒体中心</div>
    <div class="content">
    <p>3月4日，某县召开安全生产工作会议，总结去年工作，部署今年重点任务。会议要求各乡镇各部门压实责任。</p>
    <p>会议强调，要深入开展安全生产专项整治三年行动，坚决防范遏制重特大事故发生，确保全县安全形势稳定。</p>
    </div>
    <div class="editor">责任编辑：王五</div>
    </body></html>"""
    article = extract(page)
    assert article.source == "某县融媒体中心"
    assert article.editors == ["王五"]
    assert article.authors == []
    assert "责任编辑" not in article.body


def test_person_in_source_field_is_an_author() -> None:
    page = """<html><head><title>彩票大奖得主的四年</title></head><body><h1>彩票大奖得主的四年</h1>
    <div class="art"><p>人生如戏。一夜之间，它可以让一个穷光蛋成为百万富翁，同样也可以让一个百万富翁变回穷光蛋。</p>
    <p>是的，正是彩票让本文的主人公在短短4年间经历了一场浓缩的人生戏剧，令人唏嘘不已，值得深思。</p>
    <p>来源: 尹娟</p></div></body></html>"""
    article = extract(page)
    assert article.authors == ["尹娟"]
    assert article.source == ""
