"""What a figure counts, and which numbers are no figures: real sentences from 新闻联播
transcripts, a State Council work report and news pages (the tuning part of the quality set)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from huibao.enrich import enrich
from huibao.enrich.periods import find_periods
from huibao.enrich.text import normalise, sentences
from huibao.model import Article


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # (text of the figure, subject it must contain)
        (
            "自去年7月结束负利率政策以来，欧洲央行一度连续10次加息，累计加息450个基点。",
            "2023-12-15",
            [("10次", "加息"), ("450个基点", "累计加息")],
        ),
        (
            "根据携程旅行网发布的数据，全国约有6亿人次可能在黄金周期间出行。",
            "2020-10-04",
            [("6亿人次", "出行")],
        ),
        (
            "俄国防部还称，过去一天，乌军对俄能源设施进行了11次袭击。",
            "2025-04-11",
            [("11次", "袭击")],
        ),
        (
            "巴黎大众运输公司说，全巴黎16条地铁线路有10条停运。",
            "2019-12-10",
            [("16条", "地铁线路"), ("10条", "停运")],
        ),
        (
            "甘肃临夏州积石山县6.2级地震已造成当地113人遇难，青海省海东市23人遇难。",
            "2023-12-21",
            [("113人", "遇难"), ("23人", "遇难")],
        ),
        (
            "高铁通达性不断延展，半径500公里城市群形成交通圈。",
            "2025-12-26",
            [("500公里", "半径")],
        ),
        (
            "贵州省9个市（州）、88个县（市、区）等相继举办了读书班。",
            "2024-05-12",
            [("88个", "县(市、区)")],
        ),
        (
            "国家卫生健康委、市场监管总局近日联合发布了85项新食品安全国家标准。",
            "2023-10-01",
            [("85项", "食品安全国家标准")],
        ),
        (
            "在公安部、广东省公安厅的工作机制下，江门市公安局对公安部下发的156条涉电信网络诈骗线索成功实施抓捕。",
            "2019-09-11",
            [("156条", "诈骗线索")],
        ),
        (
            "广东东莞的这家电子科技企业就获得126万元的留工培训补助。",
            "2022-09-25",
            [("126万元", "留工培训")],
        ),
        (
            "受益企业和返还资金分别是去年全年的1.8倍和1.9倍。",
            "2022-09-25",
            [("1.8倍", "受益企业"), ("1.9倍", "返还资金")],
        ),
        (
            "汽车、电气机械行业也分别增长8.4%和9.8%。",
            "2025-09-18",
            [("8.4%", "汽车"), ("9.8%", "电气机械行业")],
        ),
        (
            "为了适应市场的快速增长，今年在冷链设施方面的投入，将超过5000万元。",
            "2023-08-13",
            [("超过5000万元", "冷链设施方面的投入")],
        ),
        ("2018年进口继续扩大，突破3000亿美元", "2019-09-07", [("3000亿美元", "进口")]),
        (
            "2018年销售收入为2519.3亿元，比2017年的2073.5亿元增长21.5%。",
            "2019-09-07",
            [("2519.3亿元", "销售收入"), ("2073.5亿元", "销售收入")],
        ),
        (
            "工业企业利润由上年下降2.3%转为增长8.5%。",
            "2017-03-05",
            [("2.3%", "工业企业利润"), ("8.5%", "工业企业利润")],
        ),
        (
            "471495亿元！这是2023年我国社会消费品零售总额，同比增长7.2%。",
            "2024-01-21",
            [("471495亿元", "社会消费品零售总额")],
        ),
        (
            "制造业方面，预计约50% 由外资和台资在大陆的企业贡献。",
            "2019-09-07",
            [("约50%", "外资和台资")],
        ),
        ("“但在埃塞，工人工资一般只有100美元左右。", "2019-09-07", [("100美元左右", "工人工资")]),
        (
            "69个渔港中有50个出现受损情况。",
            "2024-01-09",
            [("69个", "渔港"), ("50个", "出现受损情况")],
        ),
        (
            "像这样，为科创企业提供的产品应用场景，今年深圳已经发布了30个。",
            "2025-03-30",
            [("30个", "产品应用场景")],
        ),
    ],
)
def test_subjects(
    make_article: Callable[..., Article],
    sentence: str,
    published: str,
    expected: list[tuple[str, str]],
) -> None:
    figures = {f.text: f for f in enrich(make_article(sentence, published)).figures}
    for text, subject in expected:
        assert subject in figures[text].subject, (text, figures[text].subject)


def test_change_skips_the_base_of_a_comparison(make_article: Callable[..., Article]) -> None:
    body = "2018年销售收入为2519.3亿元，比2017年的2073.5亿元增长21.5%。"
    figures = enrich(make_article(body, "2019-09-07")).figures
    assert [f.change.percent if f.change else None for f in figures] == [21.5, None]


@pytest.mark.parametrize(
    "sentence",
    [
        "未来10天，东北和华北地区多阵雨。",  # a span ahead
        "一次性留工培训补助政策实施4个月来，成效明显。",  # how long a policy has run
        "经过60多个小时的救援，搜救工作结束。",
        "安排医务人员24小时提供医疗救治服务。",  # round the clock
        "13亿多人口的发展中大国，就业比较充分。",  # 人口 is a noun
    ],
)
def test_not_figures(make_article: Callable[..., Article], sentence: str) -> None:
    assert enrich(make_article(sentence, "2024-01-01")).figures == ()


def test_base_of_a_rate_is_no_figure(make_article: Callable[..., Article]) -> None:
    body = "日元对美元汇率跌破162日元兑换1美元关口。"
    assert [f.text for f in enrich(make_article(body, "2026-06-30")).figures] == ["162日元"]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "approx"),
    [
        ("全国在线旅游销售额增长两倍多。", 2, "倍", "多"),
        ("洋浦即将增长约一倍的货物。", 1, "倍", "约"),
        ("警方接到报警，事主被诈骗上百万元。", 1e6, "元", "上"),
        ("公共型冷库库容新增1043万立方。", 1043e4, "立方", ""),
        ("青海共调配发放帐篷4500顶。", 4500, "顶", ""),
        ("海河流域102眼干涸的泉眼实现复涌。", 102, "眼", ""),
        ("汇集了上百道冶炼工序的实时数据。", 100, "道", "上"),
        ("指数连续运行在50%及以上的水平。", 50, "%", "及以上"),
    ],
)
def test_more_quantities(
    make_article: Callable[..., Article], sentence: str, value: float, unit: str, approx: str
) -> None:
    figures = enrich(make_article(sentence, "2024-01-01")).figures
    assert [(f.value, f.unit, f.approx) for f in figures] == [(value, unit, approx)]


def test_upper_range_bound_is_no_figure(make_article: Callable[..., Article]) -> None:
    body = "塌方体在8000立方米至10000立方米之间，最深处达10米左右。"
    assert [f.text for f in enrich(make_article(body, "2026-07-07")).figures] == ["10米左右"]


def test_until_today_with_the_date_in_brackets(make_article: Callable[..., Article]) -> None:
    body = "截至今天（12月21日）上午9时，地震已造成当地113人遇难。"
    period = enrich(make_article(body, "2023-12-21")).figures[0].period
    assert period is not None and (period.start, period.end) == (None, period.end)
    assert period.end is not None and period.end.isoformat() == "2023-12-21"


def test_year_range() -> None:
    (period,) = find_periods("2020—2023年年均增速为6.9%", date(2025, 7, 22))
    assert (period.start, period.end) == (date(2020, 1, 1), date(2023, 12, 31))


def test_until_carries_over_the_paragraph(make_article: Callable[..., Article]) -> None:
    body = "截至8月25日，全市立案件1187宗，同比下降25%；刑拘314人，同比下降12.3%。"
    figures = enrich(make_article(body, "2019-09-11")).figures
    assert all(f.period is not None and f.period.end is not None for f in figures)


@pytest.mark.parametrize(
    "text",
    ["第一句。第二句；", "  a \n\n b。”c", "。。x", "", "\n", "x…！y\n  z  "],
)
def test_sentences_are_trimmed_pieces(text: str) -> None:
    for start, end in sentences(text):
        assert text[start:end] == text[start:end].strip() and end > start


def test_normalise_character_by_character() -> None:
    assert normalise("乾淨的於是後來") == "干净的于是后来"  # Traditional: ambiguous ones too
    assert normalise("西安交通大學") == "西安交通大学"  # one stray character
    assert normalise("金锺国乾隆") == "金锺国乾隆"
