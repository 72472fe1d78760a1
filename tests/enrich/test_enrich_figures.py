"""Figures, periods and changes over real sentences (新闻联播 transcripts, work reports)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.enrich import Enrichment, enrich
from huibao.enrich.numbers import parse_number
from huibao.enrich.periods import find_periods
from huibao.model import Article


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三千", 3000),
        ("两万", 20000),
        ("六点二", 6.2),
        ("十五", 15),
        ("三千二百零五", 3205),
        # Sections add up (the 1985 work report: 粮食产量四亿零七百多万吨).
        ("四亿零七百", 400000700),
        ("四亿零七百万", 407000000),
        ("一亿一千四百万", 114000000),
        ("十二万三千四百五十六", 123456),
        ("三万亿", 3 * 10**12),
        ("一万二千", 12000),
        ("4,321", 4321),
        ("134.9", 134.9),
    ],
)
def test_numerals(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_multiplier_after_a_numeral_with_sections() -> None:
    # 粮食产量四亿零七百多万吨 (the 1985 work report): 万 scales the part after 亿 only.
    assert parse_number("四亿零七百", "万") == 407_000_000
    assert parse_number("一亿一千四百", "万") == 114_000_000
    assert parse_number("三", "万") == 30_000


@pytest.mark.parametrize("text", ["二〇一一", "千万", "", "点"])
def test_not_numerals(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # (value, unit, approx, subject fragment, change percent or None)
        (
            "1至4月，我国邮政行业寄递业务量累计完成674亿件，同比增长18.3%。",
            "2025-05-18",
            [(674e8, "件", "", "寄递业务量", 18.3)],
        ),
        (  # concentrations and data volumes are units (新闻联播)
            "今年上半年，全国地级及以上城市PM2.5平均浓度为30微克/立方米。",
            "2024-09-25",
            [(30.0, "微克/立方米", "", "PM2.5平均浓度", None)],
        ),
        (
            "空间站已下传科学数据110TB，各口岸截获有害生物58万种次。",
            "2025-08-25",
            [(110.0, "TB", "", "科学数据", None), (580000.0, "种次", "", "有害生物", None)],
        ),
        (  # 人民币 after the number is the currency, not 人 (新闻联播 2023-10-08)
            "本届赛会的票务收入达6.18亿人民币。",
            "2023-10-08",
            [(6.18e8, "元", "", "票务收入", None)],
        ),
        (
            "国内生产总值达到134.9万亿元、增长5%。",
            "2025-03-05",
            [(134.9e12, "元", "", "国内生产总值", 5.0)],
        ),
        (
            "退化草原面积缩减近2.8亿亩，年均防治草原有害生物超1亿亩。",
            "2025-12-26",
            [
                (2.8e8, "亩", "近", "退化草原面积", None),
                (1e8, "亩", "超", "防治草原有害生物", None),
            ],
        ),
        (
            "1月份，汽车产销量分别为241万辆和243.9万辆，同比分别增长51.2%和47.9%。",
            "2024-02-27",
            [(241e4, "辆", "", "汽车产量", 51.2), (243.9e4, "辆", "", "汽车销量", 47.9)],
        ),
        ("受教育群众达三千余人。", "2011-08-21", [(3000, "人", "余", "受教育群众", None)]),
        (
            "规模以上工业增加值同比增长4.4%。",
            "2023-08-15",
            [(4.4, "%", "", "规模以上工业增加值", 4.4)],
        ),
    ],
)
def test_figures_in_real_sentences(
    make_article: Callable[..., Article], sentence: str, published: str, expected: list[tuple]
) -> None:
    figures = enrich(make_article(sentence, published)).figures
    got = [(f.value, f.unit, f.approx) for f in figures]
    assert got == [(v, u, a) for v, u, a, _, _ in expected]
    for figure, (_, _, _, subject, percent) in zip(figures, expected, strict=True):
        assert subject in figure.subject
        assert (figure.change.percent if figure.change else None) == percent


@pytest.mark.parametrize(
    "sentence",
    [
        "该分局辖区17岁的女孩余某，于今年4月28日为余某补办了户口。",  # age and date (seed page)
        "日本无条件投降78周年，第四届中国经济学年会在南开大学举行。",  # anniversary, ordinal
        "一把手直属专用:01056292228转800。",  # phone number (seed page header)
        "对民警提出了服务工作四项要求，按照八字方针，把这项工作作为一项基本功来抓。",
        "统一部署，十一五期间，千万不要。",
    ],
)
def test_not_statistics(make_article: Callable[..., Article], sentence: str) -> None:
    assert enrich(make_article(sentence, "2011-08-21")).figures == ()


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("今年1至6月10日", date(2011, 1, 1), date(2011, 6, 10)),
        ("今年1—7月", date(2011, 1, 1), date(2011, 7, 31)),
        ("7月份", date(2011, 7, 1), date(2011, 7, 31)),
        ("上半年", date(2011, 1, 1), date(2011, 6, 30)),
        ("今年前5个月", date(2011, 1, 1), date(2011, 5, 31)),
        ("2010年", date(2010, 1, 1), date(2010, 12, 31)),
        ("截至6月10日", None, date(2011, 6, 10)),
        ("今年以来", date(2011, 1, 1), date(2011, 8, 21)),
        ("12月", date(2010, 12, 1), date(2010, 12, 31)),  # after the article's month: last year
    ],
)
def test_periods(text: str, start: date | None, end: date) -> None:
    periods = find_periods(text, date(2011, 8, 21))
    assert [(p.start, p.end) for p in periods] == [(start, end)]


@pytest.mark.parametrize("text", ["与去年同期相比下降6.2%", "比上年增长5%"])
def test_comparison_bases_are_not_periods(text: str) -> None:
    assert find_periods(text, date(2011, 8, 21)) == []


FRAGMENTS_TEXT = (
    "4321起 ， 。 ； 其中 同比 分别 下降 增长 持平 6.2% 和 2万余元 今年1至6月10日 截至 "
    "前三季度 比上年 增加 120人 该分局 柳南 广西柳州市 朝阳区 公安分局 派出所 一、 （一） 1. "
    '"平安讲堂" 三千余人 个百分点 0.5 达 约 近 超过 以上 第 年 月 日'
)
FRAGMENTS = [*FRAGMENTS_TEXT.split(" "), "\n"]
ALPHABET = list(
    '0123456789.,%万亿余近约起人元个同比增长下降其中今年1至6月日（一）一、\n"“”柳州市广西朝阳区公司局'
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_enrich_never_crashes_on_report_fragments(text: str) -> None:
    enrichment = enrich(Article(body=text, published=None), today=date(2011, 8, 21))
    assert Enrichment.from_dict(enrichment.to_dict()) == enrichment
    for figure in enrichment.figures:
        assert text[figure.span[0] : figure.span[1]] == figure.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET) | st.characters(), max_size=300))
def test_enrich_never_crashes(text: str) -> None:
    enrichment = enrich(Article(body=text))
    for figure in enrichment.figures:
        assert 0 <= figure.span[0] < figure.span[1] <= len(text)
        if figure.part_of is not None:
            assert 0 <= figure.part_of < len(enrichment.figures)


@pytest.mark.parametrize("today", [date(1, 1, 1), date(9999, 12, 31)])
def test_nonsense_reference_dates_resolve_nothing(today: date) -> None:
    e = enrich(Article(body="昨天今天去年1至6月，案件3起。"), today=today)
    assert [(f.value, f.period) for f in e.figures] == [(3, None)]
