"""One small real sentence per period and change rule of the fifth session: each fails without it.

Sentences from 新闻联播 transcripts, State Council work reports and news pages of the quality
set (the heldout-5 batch, tuning data since its final score); see docs/enrich.md, "How it
decides", 4. Periods."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from huibao.enrich import EnrichSettings, enrich
from huibao.enrich.model import Change, Figure
from huibao.model import Article

MakeArticle = Callable[..., Article]
Dates = tuple[date | None, date | None] | None


def _periods(make_article: MakeArticle, body: str, published: str) -> dict[str, Dates]:
    """Each figure's text -> (start, end) of its period, or None."""
    figures: list[Figure] = list(enrich(make_article(body, published)).figures)
    return {f.text: (f.period.start, f.period.end) if f.period else None for f in figures}


def _year(year: int) -> Dates:
    return date(year, 1, 1), date(year, 12, 31)


@pytest.mark.parametrize(
    ("body", "published", "text", "want"),
    [
        # a whole day of statistics (0—24时) in a daily bulletin, not the day of the report,
        # and shared by the bulletin's later sentences
        (
            "国家卫生健康委今天（10月15日）通报，10月14日0—24时，31个省（自治区、直辖市）和新疆"
            "生产建设兵团报告新增新冠肺炎确诊病例361例。新增无症状感染者1003例。",
            "2022-10-15",
            "1003例",
            (date(2022, 10, 14), date(2022, 10, 14)),
        ),
        # a start with a running total (自去年开始已累计) is a span up to the article's date
        (
            "江西省自去年开始已累计拨付见习补贴资金6948万元。",
            "2023-03-18",
            "6948万元",
            (date(2022, 1, 1), date(2023, 3, 18)),
        ),
        # 过去一年 opening a report of the year's first quarter is the year before
        (
            "过去一年，我国经济发展遇到多重超预期因素冲击。城镇新增就业1206万人。",
            "2023-03-05",
            "1206万人",
            _year(2022),
        ),
        # 全年 is the year of the period before it, here the second half of 1998
        (
            "下半年国有单位固定资产投资增长显著加快，全年增长19·5％。",
            "1999-03-05",
            "19·5％",
            _year(1998),
        ),
        # … across paragraphs: 过去一年 opens the first (which, holding a figure, is read)
        (
            "过去一年，全年国内生产总值增长3%。\n针对企业生产经营困难加剧，加大纾困支持力度。"
            "全年增值税留抵退税超过2.4万亿元。",
            "2023-03-05",
            "超过2.4万亿元",
            _year(2022),
        ),
        # a year opening a sentence is its topic, for the later sentences of the paragraph
        (
            "去年终端消费直接受到冲击，投资也受到影响。分两期投放政策性开发性金融工具7400亿元。",
            "2023-03-05",
            "7400亿元",
            _year(2022),
        ),
        # a bare year carries across a semicolon when a figure follows it in its clause
        (
            "2018年中国进口集成电路4176亿块，价值3121亿美元；出口集成电路2171亿块，价值846亿美元。",
            "2019-09-07",
            "2171亿块",
            _year(2018),
        ),
        # the base of a plan keeps its year inside its frame …
        (
            "今年，北京将深化城市更新行动，在去年新开工改造小区355个的基础上再增加300个小区。",
            "2024-01-22",
            "355个",
            _year(2023),
        ),
        # … and the figure after the frame takes the sentence's period before it
        (
            "今年，北京将深化城市更新行动，在去年新开工改造小区355个的基础上再增加300个小区。",
            "2024-01-22",
            "300个",
            _year(2024),
        ),
        # a range of years spread over a list of as many figures after 分别
        (
            "同盾科技2016年-2018年的营业收入分别为6066万元、2.61亿元、5.42亿元。",
            "2019-09-23",
            "2.61亿元",
            _year(2017),
        ),
        # 中旬 ends on the 20th
        (
            "截止8月中旬，一份对东莞587家重点企业的调研显示。",
            "2019-09-07",
            "587家",
            (None, date(2019, 8, 20)),
        ),
        # a month's end in the article's month is until now, not a target
        (
            "截至8月，全省城镇新增就业10万人。",
            "2023-08-15",
            "10万人",
            (None, date(2023, 8, 31)),
        ),
        # 截至当时: until the end of the period just named in the sentence
        (
            "根据亿欧智库2018年11月发布的《2018中国智能风控研究报告》显示，截至当时，金融风控企业"
            "已经达到573家。",
            "2019-09-23",
            "573家",
            (None, date(2018, 11, 30)),
        ),
        # two years in a row joined by 和 are a range
        (
            "德国大众近期宣布削减投资，将2005和2006年投资削减为21亿欧元。",
            "2005-05-13",
            "21亿欧元",
            (date(2005, 1, 1), date(2006, 12, 31)),
        ),
        # guard: a semicolon does not carry a year that is a comparison's backdrop
        (
            "今年前八个月，工业机器人累计产量达到51.2万套，已接近去年全年水平；"
            "电动装载机销量超过1.8万台。",
            "2025-09-18",
            "超过1.8万台",
            (date(2025, 1, 1), date(2025, 8, 31)),
        ),
        # guard: 今天 without an event still dates what was done today
        (
            "今天，国家发展改革委紧急安排中央预算内投资3000万元。",
            "2026-07-07",
            "3000万元",
            (date(2026, 7, 7), date(2026, 7, 7)),
        ),
    ],
)
def test_periods(
    make_article: MakeArticle, body: str, published: str, text: str, want: Dates
) -> None:
    assert _periods(make_article, body, published)[text] == want


def test_two_years_apart_are_no_range(make_article: MakeArticle) -> None:
    periods = _periods(make_article, "该公司2016和2018年的投资为21亿欧元。", "2019-05-13")
    assert periods["21亿欧元"] != (date(2016, 1, 1), date(2018, 12, 31))


@pytest.mark.parametrize(
    ("body", "published", "text"),
    [
        # 今天/昨天 in a sentence about an event held or happening dates the event
        (
            "昨天（3月17日），“千家单位万名学子2023年春季综合类招聘会”在陕西西安举行，"
            "提供岗位超过56000个。",
            "2023-03-18",
            "超过56000个",
        ),
        (
            "日本气象厅称，当地时间今天下午，日本新潟县佐渡岛附近海域发生6.0级地震，震源深度10公里。",
            "2024-01-09",
            "10公里",
        ),
        # 过去一年 later in the year is not resolved
        ("过去一年，全省城镇新增就业10万人。", "2023-09-05", "10万人"),
        # 全年 with no year before it in the excerpt
        ("全年城镇新增就业1314万人。", "2017-03-05", "1314万人"),
        # a target's date: 到2025年底 in 2024, "十四五"末 before the plan's end …
        (
            "今年，北京将深化城市更新行动，并力争到2025年底，完成1.6亿平方米老旧小区改造任务。",
            "2024-01-22",
            "1.6亿平方米",
        ),
        (
            "“十四五”期间，我国建成9.5万座水库。“十四五”末全国农村自来水普及率将达96%。",
            "2025-10-22",
            "96%",
        ),
        # … also when carried to a later sentence of its paragraph (the plan goes on)
        (
            "今年一季度，全省新建5G基站1万个；预计到今年年底，全省5G基站将超过10万个。"
            "同时建成2个示范区。",
            "2024-05-05",
            "2个",
        ),
        # 如今 after an earlier year: now, not that year
        (
            "2017年，华容县28个贫困村全部摘帽。如今，华容县现代农业产业产值突破430亿元。",
            "2025-07-06",
            "430亿元",
        ),
    ],
)
def test_no_period(make_article: MakeArticle, body: str, published: str, text: str) -> None:
    assert _periods(make_article, body, published)[text] is None


def _changes(make_article: MakeArticle, body: str, published: str) -> dict[str, Change | None]:
    return {f.text: f.change for f in enrich(make_article(body, published)).figures}


@pytest.mark.parametrize(
    ("body", "published", "text", "direction", "amount", "unit"),
    [
        # 增产 is a direction: the 74亿斤 is the change of the harvest, not a figure of its own
        ("粮食产量1.37万亿斤，增产74亿斤。", "2023-03-05", "1.37万亿斤", "up", 7.4e9, "斤"),
        # 多/少 with a verb after a year-on-year base
        (
            "该厂前5个月发电42.3亿千瓦时，比去年同期多发2.1亿千瓦时。",
            "2005-01-14",
            "42.3亿千瓦时",
            "up",
            2.1e8,
            "千瓦时",
        ),
    ],
)
def test_change_amounts(
    make_article: MakeArticle,
    body: str,
    published: str,
    text: str,
    direction: str,
    amount: float,
    unit: str,
) -> None:
    changes = _changes(make_article, body, published)
    change = changes[text]
    assert change is not None and (change.direction, change.amount, change.unit) == (
        direction,
        amount,
        unit,
    )
    assert len(changes) == 1  # the amount is no figure of its own


def test_growth_rate_after_a_verb_of_cause_is_the_things_own(make_article: MakeArticle) -> None:
    changes = _changes(
        make_article, "全年基础设施投资增长9.4%，带动固定资产投资增长5.1%。", "2023-03-05"
    )
    change = changes["5.1%"]
    assert change is not None and (change.direction, change.percent) == ("up", 5.1)


def test_contribution_in_points_stays_someone_elses(make_article: MakeArticle) -> None:
    changes = _changes(
        make_article, "高技术制造业拉动全部规模以上工业增长2.6个百分点。", "2024-06-17"
    )
    assert all(c is None for c in changes.values())


def test_more_without_a_base_is_no_change(make_article: MakeArticle) -> None:
    changes = _changes(make_article, "当地200多人参加，多发3000份传单。", "2024-06-17")
    assert all(c is None for c in changes.values())


@pytest.mark.parametrize(
    "unit",
    ["过去一年，全年1个，", "今天举行1个，", "在去年1个的基础上再增加2个，", "2018年1个；",
     "2016年-2018年分别为1个、2个、3个，", "比去年同期多发1个，", "到2025年底1个，", "多1",
     "五年累计1个，", "一九八○年为1个，一九八五年将达到2个，", "2月份由上月的1%扩大至2%，",
     "2024年的1.2倍，", "规定的10%的目标，"],
)  # fmt: skip
def test_hostile_repetition_of_period_patterns_stays_bounded(unit: str) -> None:
    """Long runs of the fifth session's patterns, in a dated article (periods are resolved)."""
    published = datetime(2023, 3, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    body = unit * (15_000 // len(unit))
    e = enrich(Article(body=body, published=published), EnrichSettings(max_figures=300))
    assert len(e.figures) <= 300


# Sixth session (helper H10): rules from the heldout-7 batch once it was tuning data, each
# written for the grammar of a kind of sentence and checked on 新闻联播 stories and the State
# Council work reports (docs/enrich.md, "How it decides", 4. Periods).


@pytest.mark.parametrize(
    ("body", "published", "text", "want"),
    [
        # a work report's span of years: 五年累计 in a report of March, and later sentences of
        # its paragraph
        (
            "全国财政用于教育支出五年累计2.43万亿元，比前五年增长1.26倍。"
            "远程教育已覆盖36万所农村中小学。",
            "2008-03-05",
            "36万所",
            (date(2003, 1, 1), date(2007, 12, 31)),
        ),
        # 过去三年 in any month: the three whole years before the article's
        (
            "自2016年成立到现在，未来科学大奖已经走过了四个年头，过去三年有12人获奖。",
            "2019-09-08",
            "12人",
            (date(2016, 1, 1), date(2018, 12, 31)),
        ),
        # years in Chinese digits, alone and as a range
        (
            "全国职工的工资总额一九八○年为七百七十三亿元。",
            "1982-11-30",
            "七百七十三亿元",
            _year(1980),
        ),
        (
            "这个速度高于一九五五年至一九八○年二十六年中平均每年递增百分之四点三的水平。",
            "1982-11-30",
            "百分之四点三",
            (date(1955, 1, 1), date(1980, 12, 31)),
        ),
        # 由 + a year + its value starts a move in that year (由上年下降 stays a base)
        (
            "全村人均可支配收入由2014年的4653元增加到2025年的24500元。",
            "2026-06-22",
            "4653元",
            _year(2014),
        ),
        # the base of a plan's frame holding a number right after its year
        (
            "在去年23项助企纾困帮扶措施基础上，海关总署今年推出16条措施。",
            "2023-03-20",
            "23项",
            _year(2022),
        ),
        # a multiple of a thing of another year: the period stated before it in the sentence
        (
            "截至11日，美国联邦政府债务总额首次超过37万亿美元，这一数字约为2024年美国国内生产"
            "总值的1.27倍。",
            "2025-08-13",
            "1.27倍",
            (None, date(2025, 8, 11)),
        ),
        # 上月的 before a value: the month before the sentence's month
        (
            "2月份，全国居民消费价格指数（CPI）涨幅由上月的0.2%扩大至1.3%，为近三年来最高。",
            "2026-03-09",
            "0.2%",
            (date(2026, 1, 1), date(2026, 1, 31)),
        ),
        # … and a record's reach (近三年来最高, in March) is no period: 1.3% keeps 2月份
        (
            "2月份，全国居民消费价格指数（CPI）涨幅由上月的0.2%扩大至1.3%，为近三年来最高。",
            "2026-03-09",
            "1.3%",
            (date(2026, 2, 1), date(2026, 2, 28)),
        ),
        # 到 + a year opening a clause is until its end; a target's year (…年的指标) no period
        (
            "列入第六个五年计划的六十五种主要产品的产量，到1984年已有四十三种提前达到1985年的指标。",
            "1985-03-27",
            "四十三种",
            (None, date(1984, 12, 31)),
        ),
        # 今年内 is a deadline: 全年 is the year named before it (1984), not 1985
        (
            "1984年，我国重点建设取得了新的进展。炼钢可望在今年内陆续投产。"
            "全年施工的更新改造项目七万四千个。",
            "1985-03-27",
            "七万四千个",
            _year(1984),
        ),
        # 前两个月
        (
            "开年以来，前两个月，全国新设立外商投资企业7574家，同比增长5.8%。",
            "2025-04-12",
            "7574家",
            (date(2025, 1, 1), date(2025, 2, 28)),
        ),
    ],
)
def test_periods_session6(
    make_article: MakeArticle, body: str, published: str, text: str, want: Dates
) -> None:
    assert _periods(make_article, body, published)[text] == want


@pytest.mark.parametrize(
    ("body", "published", "text"),
    [
        # 十年来 later in the year is vague (since an event)
        (
            "“好记者讲好故事”活动开展10年来，先后有10万多名新闻工作者报名参加这项活动。",
            "2023-11-08",
            "10万多名",
        ),
        # a year after the article's named as a time before the figure: a plan's figure, not
        # the figure of the year before it in the sentence
        (
            "全国职工的工资总额1980年为773亿元，1985年将达到983亿元。",
            "1982-11-30",
            "983亿元",
        ),
        # … and not carried from an earlier sentence either
        (
            "1953年至1980年平均每年递增2.6%。社会商品零售总额1985年将达到2900亿元。",
            "1982-11-30",
            "2900亿元",
        ),
        # X的N倍 with nothing stated before the base's years
        (
            "全国城镇五年合计建成住宅3.1亿平方米，等于1953年到1980年二十八年中"
            "平均每年建成住宅面积的2.6倍。",
            "1982-11-30",
            "2.6倍",
        ),
        # a target or a norm set by someone
        (
            "今年1—7月，全国地表水水质优良断面比例为88.9%，优于“十四五”提出的85%的目标。",
            "2025-09-06",
            "85%",
        ),
        ("8月份，这超过了中国劳动法规定的10%的比例。", "2019-09-09", "10%"),
        # a year before a season or holiday (春运) names it
        (
            "今年春运期间，22个空铁联运枢纽实现与城市轨道交通安检互认。",
            "2026-02-01",
            "22个",
        ),
        # 今天（…）起: a starting point
        (
            "财政部、税务总局今天（10月1日）起执行保障性住房有关税费政策，"
            "对个人购买保障性住房减按1%的税率征收契税。",
            "2023-10-01",
            "1%",
        ),
        # the year something was founded in
        (
            "中国人文地理学术年会创办于2011年，近年来先后在多地成功举办了8次会议。",
            "2019-05-18",
            "8次",
        ),
        # a year followed by an age is no period (a number may follow a year otherwise)
        ("今年48岁的商户王淑华开了3家店。", "2026-07-23", "3家"),
    ],
)
def test_no_period_session6(
    make_article: MakeArticle, body: str, published: str, text: str
) -> None:
    assert _periods(make_article, body, published)[text] is None
