"""Rules learnt from the zh-news-gne pages (benchmarks/zh-news-gne): each test fails without its rule.

The pages are rebuilt as small snippets in the shape of the real ones (Baidu and Tencent
self-media, 163.com, thepaper.cn, csdn.net, huanqiu.com, gamersky, hexun), never copied.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from huibao import extract
from huibao.extract import dates, metadata
from huibao.extract.boilerplate import is_boilerplate
from huibao.extract.html import Budget, parse
from huibao.extract.settings import ExtractSettings

TZ = dates.zone("Asia/Shanghai")
TEXT = (
    "近日，市里召开专题会议，研究部署今年下半年的重点工作，会议要求各部门切实抓好落实，"
    "确保各项任务按期完成，并对安全生产、民生保障和生态环境保护等工作作出具体安排。"
)


def page(head: str, header: str, body: str, tail: str = "") -> bytes:
    """A news page: <head>, the lines between title and text, the text, lines after it."""
    paragraphs = "".join(f"<p>{TEXT}{i}</p>" for i in range(6))
    return (
        f"<html><head><meta charset='utf-8'>{head}<title>标题在此处写明_新闻中心</title></head>"
        "<body><div class='nav'><a href='/'>首页</a> <a href='/n'>新闻</a></div>"
        f"<div class='article'><h1>标题在此处写明</h1>{header}"
        f"<div class='content'>{body}{paragraphs}{tail}</div></div>"
        "<div class='footer'>关于我们 联系我们</div></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("发布时间：10-0812:00", 2019, datetime(2019, 10, 8, 12, 0, tzinfo=TZ)),  # glued time
        ("发布时间：18-03-0823:16", None, datetime(2018, 3, 8, 23, 16, tzinfo=TZ)),  # yy-mm-dd
        ("08-21 10:20 来源：新华网", 2011, datetime(2011, 8, 21, 10, 20, tzinfo=TZ)),
    ],
)
def test_short_dates(text: str, year: int | None, expected: datetime) -> None:
    assert dates.find_dates(text, TZ, year)[0].value == expected


def test_short_date_is_not_a_range() -> None:
    assert dates.find_dates("1-10月，全县完成投资", TZ, 2019) == []


def test_year_of_a_yearless_date_comes_from_the_modified_meta() -> None:
    head = "<meta name='dateUpdate' content='2019-10-08 12:00:57'>"
    header = "<div><p>加拿大必读</p><span>发布时间：10-08</span><span>12:00</span></div>"
    article = extract(page(head, header, ""))
    assert article.published == datetime(2019, 10, 8, 12, 0, tzinfo=TZ)


def test_yearless_date_after_the_modification_is_from_the_year_before() -> None:
    head = "<meta name='dateUpdate' content='2020-01-03 09:00:00'>"
    header = "<div><span>发布时间：12-28</span><span>10:00</span></div>"
    article = extract(page(head, header, ""))
    assert article.published == datetime(2019, 12, 28, 10, 0, tzinfo=TZ)


def test_year_and_month_day_on_lines_of_their_own() -> None:
    header = "<div><div>2019</div><div>09/07</div><div>19:02</div><a href='/u'>扬眼</a></div>"
    body = f"<p>他于2009年5月14日在南京逝世。{TEXT}</p>"
    assert extract(page("", header, body)).published == datetime(2019, 9, 7, 19, 2, tzinfo=TZ)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星", ["魏星"]),
        ("《棱镜》作者 周纯", ["周纯"]),
        ("执笔/叨叨姐、胡一刀&李小飞刀", ["叨叨姐", "胡一刀", "李小飞刀"]),
        ("作者最新文章", []),
        ("原作者女儿：改成这样不觉得拗口吗？", []),
        ("▲广州日报全媒体图片记者黎旭阳、李妍摄", []),
    ],
)
def test_bylines(line: str, expected: list[str]) -> None:
    assert metadata.find_authors([line]) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("作者：未知 责任编辑：棒棒不是糖", ["棒棒不是糖"]),
        ("（责任编辑： HN666）", ["HN666"]),
        ("[责任编辑：韩保林 PK155]", ["韩保林"]),
        ("本文来源：新京报 责任编辑：杨倩_NF4425", ["杨倩"]),
        ("（责任编辑：系统管理员）", []),
        ("编辑：2019-09-07", []),
    ],
)
def test_editor_values(line: str, expected: list[str]) -> None:
    assert metadata.find_editors([line]) == expected


def test_name_slash_outlet_under_the_title() -> None:
    header = "<div>石佳/中国青年报</div><div>2019-09-24 09:10</div>"
    article = extract(page("", header, ""))
    assert (article.authors, article.source) == (["石佳"], "中国青年报")


def test_self_media_account_above_the_time_line() -> None:
    header = "<div><p>加拿大必读</p><p>发布时间：2019-10-08 12:00</p></div>"
    assert extract(page("", header, "")).authors == ["加拿大必读"]
    outlet = "<div><p>南方都市报</p><p>发布时间：2019-10-08 12:00</p></div>"
    assert extract(page("", outlet, "")).authors == []


@pytest.mark.parametrize(
    "line",
    [
        "（原标题：“黑五”战役打响 亚马逊海外购登陆拼多多）",
        "（原题为《是“收割韭菜”还是“回归理性”》）",
        "本文来源：新京报 责任编辑：姚立伟_NT6056",
        "采写：南都见习记者 林子沛",
        "编辑 刘晓阳 校对 李铭",
        "新京报记者 陆一夫",
        "本文为CSDN原创文章，未经允许不得转载，如需转载请联系我们",
        "(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)",
        "医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳",
        "最后更新: 2019-09-07 15:14:21",
        "关键词 >> 共享充电宝",
        "相关资讯请关注:逆水寒专区",
        "（点击看清晰大图）",
    ],
)
def test_credit_and_note_lines_are_not_text(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "记者了解到，涉事项目的名称为长沙“龙湖水晶郦城”。",
        "原来如此。",
        "标签设计很重要。",
        "摄影爱好者在公园里拍照。",
        "图为山西品牌丝路行（南美站）启动仪式。（刘通摄）",
    ],
)
def test_text_lines_stay(line: str) -> None:
    assert not is_boilerplate(line)


def test_credits_leave_the_body_and_name_the_writer() -> None:
    body = "<p>（原标题：“黑五”战役打响 亚马逊海外购登陆拼多多）</p>"
    tail = "<p>新京报记者 陆一夫</p><p>编辑 刘晓阳 校对 李铭</p>"
    article = extract(page("", "<div>2019-11-25 11:01:53 来源: 新京报</div>", body, tail))
    assert "原标题" not in article.body and "校对" not in article.body
    assert article.authors == ["陆一夫"]
    assert article.source == "新京报"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("<div>2019年09月07日 04:04 北京日报</div>", "北京日报"),  # sina
        ("<div>新华社</div><div>2020-01-03 18:13</div>", "新华社"),  # thepaper.cn
        ("<div>2019年09月07日 04:04 张三</div>", ""),  # a name is no outlet
    ],
)
def test_outlet_on_the_date_line(header: str, expected: str) -> None:
    assert extract(page("", header, "")).source == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Demi Xia", ["Demi Xia"]),  # 责编：Demi Xia (ednchina.com)
        ("Victor Davis Hanson", ["Victor Davis Hanson"]),
        ("张三 李四", ["张三", "李四"]),
        ("张三 John Smith", ["张三", "John Smith"]),
    ],
)
def test_latin_names_keep_their_spaces(raw: str, expected: list[str]) -> None:
    assert metadata.clean_names(raw) == expected


def test_wire_lead_after_a_line_that_is_no_text() -> None:
    body = f"<p>图集</p><p>新华社巴黎12月9日电（记者唐霁）{TEXT}</p>"
    assert extract(page("", "<div>2019-12-10 07:57:40</div>", body)).authors == ["唐霁"]


def test_yearless_leap_day_after_the_modification_stays() -> None:
    modified = datetime(2020, 1, 3, tzinfo=TZ)
    leap = datetime(2020, 2, 29, 10, 0, tzinfo=TZ)
    assert dates.not_after(leap, modified) == leap  # 2019-02-29 does not exist
    assert dates.not_after(datetime(2020, 12, 28, 10, 0, tzinfo=TZ), modified) == datetime(
        2019, 12, 28, 10, 0, tzinfo=TZ
    )


def test_content_after_a_stray_closing_html_tag() -> None:
    """A page assembled from includes closes </html> after its header (www.gov.cn 国务院公报):
    the article after it is found, and the scripts and styles there are not text."""
    paragraphs = "".join(f"<p>{TEXT}{i}</p>" for i in range(6))
    raw = (
        "<html><head><meta charset='utf-8'><title>标题在此处写明_新闻中心</title></head>"
        "<body><div class='header'><a href='/'>首页</a></div></html>\n<!--end header-->\n"
        "<div class='crumbs'>当前位置：<a href='/'>首页</a> &gt; <a href='/gb'>公报</a></div>"
        "<div class='article'><h1>标题在此处写明</h1>"
        f"<div class='content'>{paragraphs}</div></div>"
        "<style>.footer_dzjg { padding: 14px; }</style>"
        "<script>$(function () { trs_bottom.init(); initShow(); }); var trs_bottom = (function ()"
        " { function init() { if (typeof (trs) != 'undefined') { trs.SearchFn() } } return {"
        " init: init } })(); $('body').append('<div id=showMobi>返回手机版</div>');</script>"
        "<div class='footer'>关于我们 联系我们</div></body></html>"
    ).encode()
    root = parse(raw.decode(), ExtractSettings(), Budget(10.0))
    assert root is not None
    # Everything is under the root: what libxml2 put beside it is moved in.
    assert not any("".join(extra.itertext()) for extra in root.itersiblings())
    assert "标题在此处写明" in "".join(root.itertext())
    assert "trs_bottom" in "".join(t for s in root.iter("script") for t in s.itertext())
    article = extract(raw)
    assert article.paragraphs == [f"{TEXT}{i}" for i in range(6)]
    assert article.channel == ["首页", "公报"]
    assert "footer_dzjg" not in article.body and "trs_bottom" not in article.body


def test_title_set_over_several_lines() -> None:
    """A 公文 title in three centred lines; <title> holds it whole (www.gov.cn 国务院公报)."""
    lines = [
        "全国人民代表大会常务委员会",
        "关于批准发行特别国债购买外汇及",
        "调整年末国债余额限额的决议",
    ]
    head = f"<title>{''.join(lines)}__国务院公报_中国政府网</title>"
    header = "".join(f"<div class='t'>{line}</div>" for line in lines)
    raw = page(head, header, "").replace("<title>标题在此处写明_新闻中心</title>".encode(), b"", 1)
    raw = raw.replace("<h1>标题在此处写明</h1>".encode(), b"", 1)
    article = extract(raw)
    assert article.title == "".join(lines)
    assert not set(lines) & set(article.paragraphs)
    # Lines that do not make up the whole <title> are not joined to the one that matches.
    assert metadata.rejoin_title(lines[1], ["栏目", lines[1], "发布时间"], head[7:-8]) == lines[1]
