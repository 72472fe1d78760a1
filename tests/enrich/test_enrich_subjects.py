"""What a figure counts, and which numbers are no figures: real sentences from 新闻联播
transcripts, a State Council work report and news pages (the tuning part of the quality set)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from huibao.enrich import enrich
from huibao.enrich.periods import find_periods
from huibao.enrich.subjects import clean
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


# Session 5 (H1): subjects that follow the grammar around the number, each case the sentence
# that taught its rule (docs/enrich.md, "How it decides", 5). The subject must equal the one
# given; each was named otherwise before its rule.
@pytest.mark.parametrize(
    ("sentence", "published", "text", "subject"),
    [
        # people counted by what they do after where they are (was 待命备勤, the figure before)
        ("其中，500人在现场参加活动。", "2024-01-01", "500人", "参加活动"),
        ("有10人在事故中死亡。", "2024-01-01", "10人", "死亡"),
        # a share of people is named by what they do (was 人, 人报告)
        ("在检测呈阳性的13863人中， 71.5%的人表示发烧或咳嗽。", "2020-06-06", "71.5%",
         "表示发烧或咳嗽"),
        ("这13863名患者中，64.5%的人报告说他们失去了嗅觉和味觉。", "2020-06-06", "64.5%",
         "报告说他们失去了嗅觉和味觉"),
        # 中 after a count makes it a whole, naming nothing (was 中)
        ("76260人中，13863检测呈阳性。", "2020-06-06", "76260人", ""),
        # a rate's denominator before the number (was 兆瓦时) or after it (was 每小时)
        ("上海、江苏和浙江省电厂的超发电价将分别提高至每兆瓦时280元、300元和338元。",
         "2005-01-14", "280元", "超发电价"),
        ("全国夏粮单产实现每亩375.2公斤，比上年每亩增加9公斤，增长2.5%。", "2024-07-12",
         "375.2公斤", "全国夏粮单产"),
        ("在高消费场所，租金甚至高达15元甚至20元每小时。", "2019-09-24", "20元", "租金"),
        # …and a verb of change alone is no subject (was 提高)
        ("电价由原来的0.328元／千瓦时（含税）提高至0.338元／千瓦时（含税）。", "2005-01-14",
         "0.338元", "电价"),
        ("价格从每吨300元提高到每吨500元。", "2024-01-01", "500元", "价格"),
        ("全社会研发经费投入年均增长10%以上。", "2026-03-01", "10%以上", "全社会研发经费投入"),
        # a preposition before the number: the noun after 的 is measured (was 个人购买…减按)
        ("对个人购买保障性住房减按1%的税率征收契税。", "2023-10-01", "1%", "税率"),
        # 占 and comparatives link a share or level to its subject (were kept in it)
        ("自主创新、结构调整、节能减排和生态建设占16%，重大基础设施建设占23%。", "2010-03-05",
         "23%", "重大基础设施建设"),
        ("国内生产总值比上年增长7.8％，虽然略低于8％的预定目标。", "1999-03-05", "8％",
         "预定目标"),
        # a scope word before the share is no possessor (was the clause before)
        ("我国造船业新接订单不断，超大型油轮拿下了全球超九成的新船订单。", "2026-05-24",
         "超九成", "新船订单"),
        # a numeral with its classifier before a noun does not make the noun a unit
        ("不久前，一座投资超36亿元的煤炭铁水联运储配基地投产运营。", "2025-07-06", "超36亿元",
         "一座投资"),
        # a class between classifier and noun (was empty)
        ("大连造船船坞内这两艘30万吨级超大型油轮，长330多米。", "2026-05-24", "两艘",
         "超大型油轮"),
        # a figure in brackets is an aside (were 预计订单量…占, 仅占)
        ("预计订单量“没有影响的”占24.6%，“略有下滑（10%以内）”占34.3%，严重下滑（超过30%）仅占"
         "6.5%。", "2019-09-07", "34.3%", "略有下滑"),
        ("“略有下滑（10%以内）”占34.3%，严重下滑（超过30%）仅占6.5%。", "2019-09-07", "6.5%",
         "严重下滑"),
        # an apposition with 即, a qualifying clause (were the explaining or qualifying words)
        ("全国社会物流总额，即物流运行中的实物商品价值总和为171.3万亿元，同比增长5.6%。",
         "2025-07-29", "171.3万亿元", "全国社会物流总额"),
        ("农村居民人均纯收入，考虑价格下降因素，比上年实际增长4·3％。", "1999-03-05", "4·3％",
         "农村居民人均纯收入"),
        # adverbs, a verb of change, 同 of 同比, a time word are no part of a subject
        ("指数连续4个月运行在50%及以上的水平。", "2026-06-30", "50%及以上", "指数"),
        ("日本政府今天称，将参与救灾的自卫队员数量增加到4600人。", "2024-01-09", "4600人",
         "自卫队员数量"),
        ("其中，3个月、6个月、一年期定期存款下调0.1个百分点。", "2023-12-22", "0.1个百分点",
         "定期存款"),
        ("今年3月，国内机票预订量同比去年增长80%以上。", "2025-04-01", "80%以上",
         "国内机票预订量"),
        ("年度用电量首次突破10万亿千瓦时。", "2026-01-17", "10万亿千瓦时", "年度用电量"),
        ("每个项目奖补金额不超过3亿元。", "2025-02-01", "不超过3亿元", "项目奖补金额"),
        ("查摆各类问题3175个，目前已整改完成3091个。", "2024-01-01", "3091个", "已整改"),
        # a list of nouns after the unit (was 政), a list word is no attribute (was 及大流量…)
        ("来自90多个国家和地区的1700余名政、商、学、媒体界代表将出席。", "2025-06-23",
         "1700余名", "政、商、学、媒体界代表"),
        ("紧急调运编织袋64万条、复膜编织布25万平方米及大流量排水泵等物资。", "2023-08-01",
         "25万平方米", "复膜编织布"),
        # 基础 opens a noun phrase (was empty), …的基础上 frames an adverbial (was 基础上再)
        ("三家基础电信企业的固定宽带用户总数达6.94亿户。", "2024-01-01", "三家", "基础电信企业"),
        ("在去年新开工改造小区355个的基础上再增加300个。", "2024-01-22", "300个", "新开工改造小区"),
        # a noun jieba cut with a zg character (was empty)
        ("经港珠澳大桥珠海公路口岸通关的港澳单牌车突破150万辆次", "2025-01-01", "150万辆次",
         "经港珠澳大桥珠海公路口岸通关的港澳单牌车"),
        # comparatives, modals and 却 around the link (news pages of 2019, 163.com and
        # sina.com.cn: were …不能小于, 收益率可能低, 收益率可能会跌破, …增幅仅约, …增幅却)
        ("室外新风口与污染物排放口的距离不能小于1.5米。", "2019-09-07", "1.5米",
         "污染物排放口的距离"),
        ("收益率可能低至1.25%，区间大概率在1.35-1.5%之间。", "2019-09-09", "1.25%", "收益率"),
        ("如果美国经济陷入衰退，收益率可能会跌破1%。", "2019-09-09", "1%", "收益率"),
        ("三年来，龙湖土地储备平均成本的增幅仅约为29.2%。", "2019-09-07", "29.2%",
         "龙湖土地储备平均成本的增幅"),
        ("在此三年间的营业成本和营业支出增幅却分别高达100.5%和149%。", "2019-09-07", "149%",
         "营业支出增幅"),
        # a move from some years before (was 年产值从10年前), a base year (was …较前一年)
        ("企业，年产值从10年前的18亿元增长到现在的340多亿元。", "2024-01-01", "340多亿元",
         "年产值"),
        ("不过，2022年全年食品价格指数较前一年上涨超过14%。", "2023-01-10", "超过14%",
         "食品价格指数"),
        # 过 links a share, adverbs of pace are no part of a subject (were empty, …比重进一步)
        ("目前，全国麦收进度过九成，夏粮丰收已成定局。", "2024-06-01", "九成", "全国麦收进度"),
        ("占我国进出口总值的比重进一步提升至57.3%。", "2024-01-01", "57.3%",
         "进出口总值的比重"),
        # a count after a preposition names the noun after it (was 完成), adverbs may open it
        # (was 江苏获批); a locative ends it (was 展车中)
        ("今年一季度，我国完成对17个自然保护地、103个水流的监测。", "2024-04-01", "17个",
         "自然保护地"),
        ("江苏获批超8亿元超长期特别国债资金，支持全省约2万家企业。", "2025-04-11", "超8亿元",
         "超长期特别国债资金"),
        ("近1300辆展车中，新能源车占比超过七成。", "2025-04-23", "近1300辆", "展车"),
        ("近1300辆展车中，新能源车占比超过七成。", "2025-04-23", "超过七成", "新能源车占比"),
        # votes are named by the verb after them (was 联合国大会以)
        ("19日，第80届联合国大会以145票赞成、5票反对的投票结果通过决议。", "2025-11-20",
         "145票", "赞成"),
        # a rate written 每秒 after the figure before (was 每秒)
        ("入海水道泄洪流量将从2270立方米每秒提高至7000立方米每秒。", "2024-07-01",
         "7000立方米", "入海水道泄洪流量"),
        # a temperature below zero (was a positive 35 named 体感温度达到零下)
        ("在波士顿，体感温度达到零下35摄氏度。", "2026-01-25", "零下35摄氏度", "体感温度"),
        # 变为 links a level, an adverb before it is no part of the subject (was 搜索结果迅速变)
        ("10月初该搜索结果迅速变为5950个。", "2005-01-01", "5950个", "搜索结果"),
        # nouns that frame a figure (were 量级, 情况)
        ("单月货邮运输量连续3个月达到80万吨量级。", "2024-01-01", "80万吨", "单月货邮运输量"),
        ("在我国经济增速年均5.5%的情况下，全国用水总量实现零增长。", "2025-10-22", "5.5%",
         "经济增速"),
        # the start of a word jieba glued to the approximation (was the clause before), the end
        # of one it glued to a year (was the clause before)
        ("线路终至河北唐山，全长约148.7公里，设计时速350公里。", "2025-12-26", "约148.7公里",
         "全长"),
        ("全国粮食连续四年增产，2007年产量达到50150万吨。", "2008-03-05", "50150万吨", "产量"),
        # the base year or stage of a move, the base of a comparison or a multiple (were
        # …由2002年, …由首届, …就比首届, …是2016年)
        ("城镇居民人均可支配收入由2002年7703元增加到2007年13786元。", "2008-03-05", "7703元",
         "城镇居民人均可支配收入"),
        ("本届链博会，展览面积由首届的10万平方米增加到12万平方米。", "2025-07-16", "12万平方米",
         "展览面积"),
        ("其中，世界500强企业就比首届增加了42%。", "2025-07-16", "42%", "世界500强企业"),
        ("如今的神山村，常住人口是2016年的10倍。", "2026-01-01", "10倍", "常住人口"),
        # two denominators of a rate (was …达到每人), 或 as "may" (was …损失或), a list closed
        # by 等 (was empty)
        ("低保平均标准达到每人每年6848元。", "2025-02-01", "6848元", "低保平均标准"),
        ("美国在此方面损失或超13亿美元。", "2026-05-01", "超13亿美元", "方面损失"),
        ("截至目前，共发掘清理出陶俑、陶马、兵器等千余件（组）。", "2025-06-01", "千余件",
         "发掘清理出陶俑、陶马、兵器"),
    ],
)  # fmt: skip
def test_subjects_session5(
    make_article: Callable[..., Article], sentence: str, published: str, text: str, subject: str
) -> None:
    figures = {f.text: f for f in enrich(make_article(sentence, published)).figures}
    assert figures[text].subject == subject, (text, figures[text].subject)


@pytest.mark.parametrize(
    ("sentence", "text", "not_in"),
    [
        # a quantifier with a modal verb is no subject (was 少数能)
        ("用户的数据成本普遍在2元—10元之间，少数能达到20元左右。", "20元左右", "少数"),
        # 钱 after 块 and a postposition name nothing (were 钱, 后)
        ("企业生产最普通的扫地刷，一个只能卖出3块钱。", "3块", "钱"),
        ("在连续5个月运行在50%以下后，3月份，制造业采购经理指数升至50.8%。", "50%以下", "后"),
        # (jieba cuts this place 处高 / 危重 / 点火 / 险区: the verb phrase is found all the same)
        (
            "全国森林消防队伍2万人待命备勤，其中，4200人在96处高危重点火险区靠前驻防。",
            "4200人",
            "待命备勤",
        ),
        # the verb of a move names neither end (were 增加到去年)
        ("此项支出从2006年20.5亿元增加到去年的98亿元。", "20.5亿元", "增加"),
        ("此项支出从2006年20.5亿元增加到去年的98亿元。", "98亿元", "增加"),
    ],
)
def test_no_fragment_subjects(
    make_article: Callable[..., Article], sentence: str, text: str, not_in: str
) -> None:
    figures = {f.text: f for f in enrich(make_article(sentence, "2024-01-01")).figures}
    assert not_in not in figures[text].subject, (text, figures[text].subject)


@pytest.mark.parametrize(
    "sentence",
    [
        "资金周转困难，她不得不四处筹借。",  # 四处 before a verb: everywhere
        "他们可能会四处活动并能够传播疾病。",
        "共推出“文明探源”三部曲。",  # a trilogy
        "总台与2026米兰冬奥会组织委员会签约。",  # Milan
        "贯彻执行了党的“一个中心、两个基本点”的基本路线。",  # a slogan
        "7纳米目前的良率大约五到六成。",  # a range of shares (163.com 2019)
        "突然被4、5名不明人士殴打。",  # four or five: vague (a zh-extract-dev page)
        "如图41所示的那样。",  # 所示 is a word
        "我将压岁钱分成两部分。",  # 部分 is a word
    ],
)
def test_not_counts_session5(make_article: Callable[..., Article], sentence: str) -> None:
    assert enrich(make_article(sentence, "2024-01-01")).figures == ()


def test_a_count_of_places_is_still_a_count(make_article: Callable[..., Article]) -> None:
    figures = enrich(make_article("他在四处景点拍照。", "2024-01-01")).figures
    assert [(f.text, f.subject) for f in figures] == [("四处", "景点")]


def test_below_zero_is_negative(make_article: Callable[..., Article]) -> None:
    figures = enrich(make_article("部分地区气温达到零下50摄氏度。", "2026-01-25")).figures
    assert [(f.value, f.unit) for f in figures] == [(-50.0, "℃")]


# Session 5, second round (helper H6): rules from the grammar of the heldout-6 sentences once
# they were tuning data (docs/enrich.md); each case fails without its rule (was: in comments).
DEBT = (
    "美国财政部12日发布的数据显示，截至11日，美国联邦政府债务总额首次超过37万亿美元，"
    "这一数字约为2024年美国国内生产总值的1.27倍。"
)
DEBT_RISE = (
    "美国联邦政府债务增长近年呈加速态势，在2024年1月、7月和11月接连突破34万亿美元、"
    "35万亿美元和36万亿美元。"
)
VERDICT = "白所成、白应苍、杨立强等5人被判处死刑，李福寿等16人分别被判处死缓、无期徒刑。"
GRAIN = "2023年全国粮食总产量达13908.2亿斤，再创历史新高，连续9年稳定在1.3万亿斤以上。"


@pytest.mark.parametrize(
    ("sentence", "published", "text", "subject"),
    [
        # a conversion in brackets restates the figure before it (was 约合人民币)
        ("每个奖项的单项奖金100万美元（约合人民币711万元）。", "2019-09-07", "711万元",
         "奖项的单项奖金"),
        ("新品名为iPhone 11，售价699美元（约合人民币4971元）。", "2019-09-11", "4971元", "售价"),
        # X是Y的N倍 is X's multiple; 这一数字 is the figure before (was 美国国内生产总值)
        (DEBT, "2025-08-13", "1.27倍", "美国联邦政府债务总额"),
        # names listed before a count of people: what happened to them (was the names)
        (VERDICT, "2025-11-04", "5人", "判处死刑"),
        (VERDICT, "2025-11-04", "16人", "判处死缓"),
        # the place of people ends at its postposition (was 抢险救灾)
        ("此轮强降雨已经造成11人遇难，其中2人在抢险救灾中因公殉职。", "2023-08-01", "2人",
         "因公殉职"),
        # a word tagged a numeral after a classifier is the thing counted (was 共开展)
        ("在所有比赛日里，共开展了40个大项61个分项5000余场比赛。", "2023-10-08", "40个", "大项"),
        ("在所有比赛日里，共开展了40个大项61个分项5000余场比赛。", "2023-10-08", "61个", "分项"),
        # money and the verb it is spent on: the agent names it (was 实施小麦)
        ("中央财政安排16亿元实施小麦“一喷三防”全覆盖。", "2023-12-11", "16亿元", "中央财政安排"),
        # an adverb of sequence names nothing and a predicate's object is no topic (was 接连,
        # then 呈加速态势)
        (DEBT_RISE, "2025-08-13", "34万亿美元", "美国联邦政府债务"),
        (DEBT_RISE, "2025-08-13", "36万亿美元", "美国联邦政府债务"),
        (GRAIN, "2023-12-11", "1.3万亿斤以上", "全国粮食总产量"),  # was 再创历史新高
        # a frame of time between the subject and its verb (was 2030财年后)
        ("美国国会预算办公室曾预测，美联邦政府债务将在2030财年后突破37万亿美元。", "2025-08-13",
         "37万亿美元", "美联邦政府债务"),
        # a length, a size adjective and 的: what it measures (was 实验大厅)
        ("核心探测器位于地下700米实验大厅44米深的水池中央。", "2025-08-27", "44米", "水池深"),
        # a depth below ground, a share before the number (were the noun phrases after 的)
        ("经过十年建设，位于广东江门地下700米的江门中微子实验大科学装置昨天正式运行。",
         "2025-08-27", "700米", "位于广东江门地下"),
        ("他在苗族人口占比98%的“天下苗族第一县”任教。", "2018-09-10", "98%", "苗族人口占比"),
        # people after a count of places named after its classifier (was 乡镇)
        ("河北涿州转移安置3个乡镇4.2万名群众，廊坊市转移安置19个乡镇20多万人。", "2023-08-01",
         "20多万人", "廊坊市转移安置"),
        # a target frames the count (was 任务目标)
        ("超额完成了“十四五”期间改造110万户的任务目标。", "2025-07-22", "110万户", "超额改造"),
        # a relative clause and its head after a verb's count (was 将有助于追踪)
        ("因为它将有助于追踪近16%可能被遗漏的病例。", "2020-05-13", "近16%", "可能被遗漏的病例"),
        # after 有, a noun and a verb: the things that did it (was 企业)
        ("573家金融风控企业中，有192家企业获得投资。", "2019-08-20", "192家", "企业获得投资"),
    ],
)  # fmt: skip
def test_subjects_h6(
    make_article: Callable[..., Article], sentence: str, published: str, text: str, subject: str
) -> None:
    figures = {f.text: f for f in enrich(make_article(sentence, published)).figures}
    assert figures[text].subject == subject, (text, figures[text].subject)


@pytest.mark.parametrize(
    ("sentence", "text", "subject"),
    [
        # money after a place and a verb is named by its purpose, as before
        ("在霍邱县，当地统筹817万元用于绿色综合防治。", "817万元", "用于绿色综合"),
        # a 的 makes the clause before a noun phrase: its nouns still name the figure
        ("由此产生的贸易逆差创下历史新高，达到2275亿美元。", "2275亿美元", "贸易逆差创下历史新高"),
        ("我国再添四处世界灌溉工程。", "四处", "世界灌溉工程"),  # a count of four places
    ],
)  # fmt: skip
def test_subjects_h6_unchanged(
    make_article: Callable[..., Article], sentence: str, text: str, subject: str
) -> None:
    figures = {f.text: f for f in enrich(make_article(sentence, "2024-01-01")).figures}
    assert figures[text].subject == subject, (text, figures[text].subject)


# Session 6 (helper H9): a subject stated once at the head of a sentence of old work reports,
# with years in Chinese numerals and rates (平均每年递增) between it and its figures; each case of
# test_subjects_h9 fails without its rule (was: in comments).
LEVELS = (
    "其中，城镇居民的消费水平平均每年递增百分之三点二，农村居民的消费水平平均每年递增百分之四点二。"
)


@pytest.mark.parametrize(
    ("sentence", "published", "text", "subject"),
    [
        # a rate adverb between the subject and its verb of change (was 城镇居民的消费水平平)
        (LEVELS, "1982-12-10", "百分之三点二", "城镇居民的消费水平"),
        (LEVELS, "1982-12-10", "百分之四点二", "农村居民的消费水平"),
        # 每年 before a linking verb (was empty)
        ("脱贫人口务工就业规模每年都稳定在3000万人以上。", "2025-11-30", "3000万人以上",
         "脱贫人口务工就业规模"),
        # a year after the subject is cut from it (was 社会商品零售总额一九八五年)
        ("社会商品零售总额一九八五年将达到二千九百亿元。", "1982-12-10", "二千九百亿元",
         "社会商品零售总额"),
        # a determiner inside the noun phrase (was the noun phrase of the clause before)
        ("建立健全国家奖学金助学金制度，中央财政此项支出从2006年20.5亿元增加到去年的98亿元。",
         "2008-03-05", "20.5亿元", "中央财政此项支出"),
        # jieba's 占本 is 占 and the 本 of 本年 (was empty)
        ("其中国防支出占本年支出的22.15%。", "1956-06-15", "22.15%", "国防支出占本年支出"),
        # a difference is named by its comparison, from the 比 after 比重 (was 比重比2022年提高)
        ("高技术产业销售收入保持较快增长，占全国企业销售收入比重比2022年提高0.5个百分点。",
         "2024-01-18", "0.5个百分点", "比2022年提高"),
    ],
)  # fmt: skip
def test_subjects_h9(
    make_article: Callable[..., Article], sentence: str, published: str, text: str, subject: str
) -> None:
    figures = {f.text: f for f in enrich(make_article(sentence, published)).figures}
    assert figures[text].subject == subject, (text, figures[text].subject)


# Sentences of the 1982 and 2008 work reports that the stage names right through the periods
# and changes of the same session (years in Chinese numerals and 五年 are periods, 递增 is a
# change: periods.py and changes.py); kept so that the subjects do not fall back to empty.
WAGES = (
    "全国职工的工资总额一九八○年为七百七十三亿元，一九八五年将达到九百八十三亿元，"
    "平均每年增加四十二亿元，增长百分之四点九。"
)
INCOME = (
    "全国平均每个农民的纯收入将由一九八○年的一百九十一元增加到一九八五年的二百五十五元，"
    "平均每年递增百分之六。"
)


@pytest.mark.parametrize(
    ("sentence", "published", "text", "subject"),
    [
        (WAGES, "1982-12-10", "七百七十三亿元", "全国职工的工资总额"),
        (WAGES, "1982-12-10", "九百八十三亿元", "全国职工的工资总额"),
        (WAGES, "1982-12-10", "百分之四点九", "全国职工的工资总额"),
        (INCOME, "1982-12-10", "一百九十一元", "农民的纯收入"),
        (INCOME, "1982-12-10", "百分之六", "农民的纯收入"),
        ("全国财政用于教育支出五年累计2.43万亿元。", "2008-03-05", "2.43万亿元",
         "全国财政用于教育支出"),
        # 每天 after a verb of action is no rate of a move: the people after the unit
        ("根据协议，哈马斯将每天释放10名被扣押人员。", "2023-11-28", "10名", "扣押人员"),
    ],
)  # fmt: skip
def test_subjects_h9_unchanged(
    make_article: Callable[..., Article], sentence: str, published: str, text: str, subject: str
) -> None:
    figures = {f.text: f for f in enrich(make_article(sentence, published)).figures}
    assert figures[text].subject == subject, (text, figures[text].subject)


def test_a_base_year_is_cut_with_its_comparison() -> None:
    # the year-tail rule leaves a comparison's base year to COMPARED_TAIL (not 比重比, 较前)
    assert clean("占全国企业销售收入比重比2022年") == "占全国企业销售收入比重"
    assert clean("食品价格指数较前一年") == "食品价格指数"
    assert clean("社会商品零售总额一九八五年") == "社会商品零售总额"
