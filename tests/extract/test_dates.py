"""Publication dates in the forms Chinese pages write them, and choosing the right one."""

from __future__ import annotations

from datetime import datetime

import pytest

from huibao import extract
from huibao.extract import dates

TZ = dates.zone("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011-08-21", (2011, 8, 21, 0, 0)),
        ("发布时间：2011年8月21日 10:20", (2011, 8, 21, 10, 20)),
        ("2011/8/21", (2011, 8, 21, 0, 0)),
        ("2011.08.21 09:05:30", (2011, 8, 21, 9, 5)),
        ("二〇一一年八月二十一日", (2011, 8, 21, 0, 0)),
        ("二○一一年十二月三十日", (2011, 12, 30, 0, 0)),
        ("2011年8月21日10时20分", (2011, 8, 21, 10, 20)),
        ("发布日期： 9/17/2004 5:54:13 PM", (2004, 9, 17, 17, 54)),
        ("Nov. 19, 2019", (2019, 11, 19, 0, 0)),
    ],
)
def test_forms(text: str, expected: tuple[int, ...]) -> None:
    found = dates.find_dates(text, TZ)
    assert found, text
    value = found[0].value
    assert (value.year, value.month, value.day, value.hour, value.minute) == expected
    assert value.tzinfo is not None


def test_short_date_takes_year_from_url() -> None:
    year = dates.url_year("http://news.example.cn/2011/0821/123.html")
    found = dates.find_dates("08-21 10:20 来源：新华网", TZ, year)
    assert found[0].value == datetime(2011, 8, 21, 10, 20, tzinfo=TZ)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://a.cn/2011/0821/123.html", (2011, 8, 21)),
        ("http://a.cn/c/t20110821_123.html", (2011, 8, 21)),
        ("http://a.cn/2011-08/21/content_123.htm", (2011, 8, 21)),
        ("http://biz.163.com/05/0425/08/1I606VE600020QGP.html", (2005, 4, 25)),
    ],
)
def test_url_dates(url: str, expected: tuple[int, int, int]) -> None:
    value = dates.url_date(url, TZ)
    assert value is not None
    assert (value.year, value.month, value.day) == expected


def test_impossible_dates_are_rejected() -> None:
    assert dates.find_dates("2011-02-30", TZ) == []
    assert dates.find_dates("2011-13-01", TZ) == []


def test_article_date_beats_todays_date_in_header_and_related_links() -> None:
    page = """<html><head><title>市政府召开常务会议_要闻_某市政府网</title></head><body>
    <div class="top">今天是：2026年11月29日 星期日</div>
    <h1>市政府召开常务会议</h1>
    <div class="info">发布时间：2011-08-21 10:20 来源：某市政府办公室</div>
    <div class="content"><p>8月20日，市政府召开常务会议，研究部署近期重点工作。会议听取了平安建设工作汇报，
    要求各部门切实抓好落实，确保各项任务按时完成。</p>
    <p>会议强调，要进一步加强社会治安综合治理，维护全市社会大局稳定，为经济发展营造良好环境。</p></div>
    <ul class="related"><li><a href="/1.html">市政府召开第十次常务会议</a> 2011-07-01</li>
    <li><a href="/2.html">市长调研平安建设</a> 2011-06-15</li></ul>
    </body></html>"""
    article = extract(page)
    assert article.published == datetime(2011, 8, 21, 10, 20, tzinfo=TZ)
    assert article.source == "某市政府办公室"
    assert article.title == "市政府召开常务会议"


def test_meta_tag_date_keeps_its_zone() -> None:
    page = """<html><head><meta property="article:published_time" content="2019-11-19T08:30:00Z">
    <title>x</title></head><body><p>Some text of an article that is long enough to count as one,
    with commas, and full stops. Another sentence follows here.</p></body></html>"""
    published = extract(page).published
    assert published is not None
    assert published.isoformat() == "2019-11-19T08:30:00+00:00"


def test_no_zone_means_shanghai() -> None:
    page = "<html><body><h1>标题标题</h1><div>2011-08-21 10:20</div><p>正文正文正文，正文。</p></body></html>"
    published = extract(page).published
    assert published is not None
    assert published.utcoffset() is not None
    assert str(published.tzinfo) == "Asia/Shanghai"


FETCHED = datetime(2020, 2, 13, 22, 37, 46, tzinfo=TZ)  # served Thu, 13 Feb 2020 14:37:46 GMT


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("原创 爱否科技 昨天", datetime(2020, 2, 12, tzinfo=TZ)),
        ("前天", datetime(2020, 2, 11, tzinfo=TZ)),
        ("今天 08:30", datetime(2020, 2, 13, 8, 30, tzinfo=TZ)),
        ("3小时前", datetime(2020, 2, 13, 19, 37, 46, tzinfo=TZ)),
        ("15分钟前 来源：某某号", datetime(2020, 2, 13, 22, 22, 46, tzinfo=TZ)),
        ("2天前", datetime(2020, 2, 11, tzinfo=TZ)),
        ("刚刚", FETCHED),
    ],
)
def test_relative_dates_against_the_fetch_time(line: str, expected: datetime) -> None:
    assert dates.relative_date([line], FETCHED) == expected


def test_relative_words_in_prose_are_not_dates() -> None:
    assert (
        dates.relative_date(["昨天，市政府召开专题会议，研究部署下半年的重点工作任务。"], FETCHED)
        is None
    )
    assert dates.relative_date(["第12天前后"], FETCHED) is None  # not N天前 as a time


def test_fetch_time_from_the_date_header() -> None:
    assert dates.fetch_time({"date": "Thu, 13 Feb 2020 14:37:46 GMT"}, TZ) == FETCHED
    assert dates.fetch_time({"Date": "not a date"}, TZ) is None
    assert dates.fetch_time(None, TZ) is None


def test_relative_date_on_a_self_media_page_needs_the_fetch_time() -> None:
    text = "".join(
        f"<p>三星今天在旧金山发布了新款手机，售价与上一代相比有所上调。第{i}段。</p>"
        for i in range(5)
    )
    page = (
        "<html><head><meta charset='utf-8'><title>三星新款手机正式发布</title></head><body>"
        "<h1>三星新款手机正式发布</h1><div class='meta'><span>原创</span> <a href='#'>爱否科技</a>"
        f" <em id='publish_time'>昨天</em></div><div class='content'>{text}</div></body></html>"
    ).encode()
    assert extract(page).published is None  # no clock to read 昨天 against: no guess
    served = extract(page, headers={"Date": "Thu, 13 Feb 2020 14:37:46 GMT"}).published
    assert served == datetime(2020, 2, 12, tzinfo=TZ)
