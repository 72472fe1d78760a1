"""One small real sentence per figures rule of the fourth session: each fails without its rule.

Sentences from 新闻联播 transcripts, State Council work reports and news pages (the tuning part
of the quality set, or pages outside it); see docs/enrich.md, "How it decides"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from huibao.enrich import enrich
from huibao.enrich.model import Figure
from huibao.model import Article

MakeArticle = Callable[..., Article]


def _figures(make_article: MakeArticle, body: str, published: str) -> dict[str, Figure]:
    return {f.text: f for f in enrich(make_article(body, published)).figures}


@pytest.mark.parametrize(
    ("sentence", "published", "text", "subject"),
    [
        # a party between the verb of cause and the count
        ("以色列媒体称，巴武装人员袭击造成以方700多人死亡。", "2023-10-09", "700多人", "死亡"),
        # 带动 leads to what the people counted do
        ("冰雪经济带动了当地400多人就业。", "2025-02-01", "400多人", "就业"),
        # a verb and its aspect particle before the count
        ("以军战机已在加沙地带摧毁了约800个目标。", "2023-10-09", "约800个", "目标"),
        # 地 of 地(市) is tagged a particle
        ("目前，民航干支连接，铁路干线贯通5个地（市）。", "2025-03-29", "5个", "地(市)"),
        # modifiers (a, v) before the head noun of a relative clause
        ("从今早7时开始搭建的130间简易过渡房每间房间18平方米。", "2023-12-21", "130间", "过渡房"),
        (
            "试点高校梳理并促成1000多项可转化科技成果与企业对接。",
            "2026-03-28",
            "1000多项",
            "科技成果",
        ),
        # the extreme point measured, before a linking word
        (
            "塌方体在8000立方米至10000立方米之间，最深处达10米左右。",
            "2026-07-07",
            "10米左右",
            "最深处",
        ),
        # after 、 a figure names itself (带动超37万人、增收6.7亿余元)
        ("牦牛全产业链已带动超37万人、增收6.7亿余元。", "2025-03-29", "6.7亿余元", "增收"),
        (
            "调度指挥中心的大屏幕上，汇集了十多个生产车间、上百道冶炼工序的实时数据。",
            "2025-06-08",
            "上百道",
            "冶炼工序",
        ),
        # a noun jieba splits in two (国际 n + 组织 v)
        (
            "已有150多个国家和30多个国际组织加入了共建“一带一路”大家庭。",
            "2023-12-18",
            "30多个",
            "国际组织",
        ),
        # 规模以上 opens the noun phrase
        (
            "已有超过15万家规模以上工业企业开展中试活动。",
            "2025-03-27",
            "超过15万家",
            "规模以上工业企业",
        ),
        # a difference named by its comparison with another period is no change of the figure before
        (
            "全国企业采购机械设备金额同比增长8.5%，比二季度提高2.8个百分点。",
            "2024-08-18",
            "2.8个百分点",
            "比二季度提高",
        ),
        # a number leaving its unit to the next one
        (
            "“三农”贷款增速比各项贷款平均增速分别高4.2和0.7个百分点。",
            "2015-03-05",
            "4.2",
            "比各项贷款",
        ),
    ],
)
def test_subjects(
    make_article: MakeArticle, sentence: str, published: str, text: str, subject: str
) -> None:
    figures = _figures(make_article, sentence, published)
    assert text in figures, list(figures)
    assert subject in figures[text].subject, (text, figures[text].subject)


@pytest.mark.parametrize(
    ("sentence", "published", "text", "subject"),
    [
        # nothing before the number: the noun phrase after the unit, not the whole clause
        (
            "随着2025年底前启动全岛封关运作的倒计时临近，31个封关硬件项目主体工程也即将完工。",
            "2023-12-10",
            "31个",
            "封关硬件项目主体工程",
        ),
        # 全部 after the counted noun is an adverb
        ("三河村200多户村民全部搬入通水通电的新居。", "2023-01-24", "200多户", "村民"),
        # trailing adverbs and a comparison's base are no part of a subject
        (
            "目前，我国工业互联网核心产业规模已经超过1.2万亿元。",
            "2023-07-13",
            "超过1.2万亿元",
            "工业互联网核心产业规模",
        ),
        (
            "2022年，我国数字经济规模已经达到50.2万亿元，连续数年稳居世界第二，占国内生产总值比重提升至41.5%。",
            "2023-07-13",
            "41.5%",
            "占国内生产总值比重",
        ),
        (
            "新设备的投入不仅提高了人员的安全，生产效率也比过去提高了20%。",
            "2025-04-13",
            "20%",
            "生产效率",
        ),
        (
            "经济日报创刊于1983年1月1日，目前拥有下属报刊社网16家。",
            "2023-01-01",
            "16家",
            "下属报刊社网",
        ),
        ("限制措施由最初的93项压减到31项。", "2023-12-18", "93项", "限制措施"),
    ],
)
def test_subjects_exactly(
    make_article: MakeArticle, sentence: str, published: str, text: str, subject: str
) -> None:
    assert _figures(make_article, sentence, published)[text].subject == subject


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("魏少军指出，全球每生产3块集成电路就有2块运到中国来。", ["3块", "2块"]),  # a ratio's terms
        ("拍摄视频方面，iPhone 11支持更好的电子防抖。", ["11支"]),  # a model number
        ("他获得第1和2名。", ["1", "2名"]),  # an ordinal's second term (guards the next rule)
        ("推广玉米单产提升5项打包技术。", []),  # no change: 5项 counts the techniques
        ("航、摩根大通(115.395, 2.79, 2.47%)等。", ["2.47%"]),  # a stock quote
        ("“714”高炮是指期限在7天或14天的包含砍头息的超利贷。", ["7天", "14天"]),  # a term
        ("据了解，平头哥用7个月完成了前端设计。", ["7个月"]),  # how long a task took
    ],
)
def test_not_figures_or_not_changes(
    make_article: MakeArticle, sentence: str, absent: list[str]
) -> None:
    figures = _figures(make_article, sentence, "2024-10-10")
    assert not set(absent) & set(figures), list(figures)
    assert all(f.change is None for f in figures.values())


def test_middle_dot_decimal_point(make_article: MakeArticle) -> None:
    figures = _figures(make_article, "国有单位固定资产投资全年增长19·5％。", "1999-03-05")
    assert [(f.value, f.unit) for f in figures.values()] == [(19.5, "%")]


@pytest.mark.parametrize(
    ("sentence", "published", "text", "kind", "amount"),
    [
        ("其中电子信息制造业同比增长高达17.8%。", "2019-09-09", "17.8%", "同比", 17.8),
        (
            "销售收入为2519.3亿元，比2017年的2073.5亿元增长21.5%。",
            "2019-09-07",
            "2519.3亿元",
            "同比",
            21.5,
        ),
        (
            "全国民航日均飞行航班18674班，较去年春运同期增长8.38%。",
            "2025-02-12",
            "18674班",
            "同比",
            8.38,
        ),
        # a same-period base keeps the change (guards the difference rule below)
        (
            "龙湖的盈利能力却在走下坡路，其上半年销售毛利率和净利率分别较去年同期下滑4.51个百分点和3.26个百分点。",
            "2019-09-07",
            "4.51个百分点",
            "同比",
            -4.51,
        ),
    ],
)
def test_changes(
    make_article: MakeArticle, sentence: str, published: str, text: str, kind: str, amount: float
) -> None:
    change = _figures(make_article, sentence, published)[text].change
    assert change is not None
    assert (change.kind, change.percent if change.percent is not None else change.amount) == (
        kind,
        amount,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "装备制造业同比增长7.5%，拉动全部规模以上工业增长2.6个百分点。",  # someone else's growth
        "增速比上年的26.1%回落4.6个百分点。",  # a difference from a base figure
    ],
)
def test_differences_carry_no_change(make_article: MakeArticle, sentence: str) -> None:
    figures = _figures(make_article, sentence, "2024-06-17")
    assert [f for f in figures.values() if f.unit == "个百分点" and f.change is not None] == []


@pytest.mark.parametrize(
    ("sentence", "published", "text", "start", "end"),
    [
        (
            "截至当地时间今天（3月30日）中午，缅甸中部强烈地震已导致约1700人遇难。",
            "2025-03-30",
            "约1700人",
            None,
            date(2025, 3, 30),
        ),
        (
            "日本农林水产省今天（1月9日）表示，受地震影响，截至当天上午，石川县有120多艘渔船倾覆或沉没。",
            "2024-01-09",
            "120多艘",
            None,
            date(2024, 1, 9),
        ),
        (
            "截至今年上半年，全国县级城市黑臭水体消除比例超过90%。",
            "2025-09-06",
            "超过90%",
            None,
            date(2025, 6, 30),
        ),
        (
            "截至8日，石川县能登半岛已观测到的有感地震超过1200次。",
            "2024-01-09",
            "超过1200次",
            None,
            date(2024, 1, 8),
        ),
        (
            "截至2025年底，我国新型储能装机比2024年底增长84%。",
            "2026-01-30",
            "84%",
            None,
            date(2025, 12, 31),
        ),
        (
            "自2022年启动实施母亲河复苏行动以来，截至2025年9月底，88条母亲河复苏。",
            "2025-10-22",
            "88条",
            date(2022, 1, 1),
            date(2025, 9, 30),
        ),
        (
            "自1月19日春运火车票开始发售至今天16时，已累计发售春运期间火车票6461万张。",
            "2026-02-01",
            "6461万张",
            date(2026, 1, 19),
            date(2026, 2, 1),
        ),
        (
            "今年截至7月底，全国新办涉税经营主体户数同比增长7.3%。",
            "2024-08-18",
            "7.3%",
            date(2024, 1, 1),
            date(2024, 7, 31),
        ),
    ],
)
def test_periods(
    make_article: MakeArticle,
    sentence: str,
    published: str,
    text: str,
    start: date | None,
    end: date,
) -> None:
    period = _figures(make_article, sentence, published)[text].period
    assert period is not None
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "published", "text"),
    [
        (
            "8月13日，72岁的徐阿婆由家属陪同向江门警方报案，称被诈骗了139万元。",
            "2019-09-11",
            "139万元",
        ),  # an event
        (
            "预计今年年底实现全部机组投产发电，每年可节约标准煤约220万吨。",
            "2024-05-12",
            "约220万吨",
        ),
        (
            "（税委会公告2025年第5号）规定的加征关税税率，将原产于美国的所有进口商品的加征关税税率由84%提高至125%。",
            "2025-04-11",
            "125%",
        ),
        (
            "这位优秀企业家从2011年开始到埃塞俄比亚投资办厂，已获园区用地1.38平方公里。",
            "2019-09-09",
            "1.38平方公里",
        ),
        ("工业企业利润由上年下降2.3%转为增长8.5%。", "2017-03-05", "2.3%"),  # 上年 is a base
        (
            "而在重庆，今年计划新开工改造老旧小区1227个，目前已开工改造937个。",
            "2025-07-07",
            "937个",
        ),
    ],
)
def test_no_period(make_article: MakeArticle, sentence: str, published: str, text: str) -> None:
    assert _figures(make_article, sentence, published)[text].period is None


# Rules of H4 (fourth session, second helper): counts with a one-character numeral, units,
# names that hold a number, changes stated before their figure, subjects and periods.


@pytest.mark.parametrize(
    ("sentence", "published", "text", "value", "unit", "approx"),
    [
        # a one-character numeral with a classifier counts (docs/enrich.md, counts policy)
        ("美国首都华盛顿里根国家机场发生两架客机机翼碰撞事故。", "2025-04-11", "两架", 2, "架", ""),
        # units found by the frequency count over the corpora
        (
            "截至9月30日，各地累计报告接种新冠病毒疫苗343691.1万剂次。",
            "2022-10-01",
            "343691.1万剂次",
            3436911000,
            "剂次",
            "",
        ),
        (
            "相关地方商务主管部门已向受灾地区调运方便面等食品15.3万箱。",
            "2025-01-10",
            "15.3万箱",
            153000,
            "箱",
            "",
        ),
        ("2018年街电最高日订单量达180万单，用户破亿。", "2019-09-24", "180万单", 1800000, "单", ""),
        (
            "江西传统产业占工业比重近七成，当地深入实施制造业基础再造。",
            "2025-06-08",
            "近七成",
            7,
            "成",
            "近",
        ),
        # a bare 百 with an approximation word
        (
            "在福建福州的上下杭历史文化街区，近百个摊位集结。",
            "2026-02-10",
            "近百个",
            100,
            "个",
            "近",
        ),
    ],
)
def test_quantities_found(
    make_article: MakeArticle,
    sentence: str,
    published: str,
    text: str,
    value: float,
    unit: str,
    approx: str,
) -> None:
    figure = _figures(make_article, sentence, published)[text]
    assert (figure.value, figure.unit, figure.approx) == (value, unit, approx)


@pytest.mark.parametrize(
    ("sentence", "published", "absent"),
    [
        # one-character counts that are names, ordinals, widths or characters of a slogan
        ("深刻领悟“两个确立”的决定性意义，增强“四个意识”。", "2023-03-05", ["两个", "四个"]),
        ("对民警提出了服务工作四项要求，即：", "2011-08-21", ["四项"]),
        ("热烈祝贺十四届全国人大二次会议、全国政协十四届二次会议开幕；", "2024-03-05", ["二次"]),
        ("全国限额以上住宿业单位客房收入保持两位数增长。", "2024-01-21", ["两位"]),
        ("按照“敏感、认真、细致、落实”八字方针。", "2011-08-21", ["八字"]),
        ("位列三县两区第二，三次产业投资占比调整为0.7:50.7:48.6。", "2016-11-22", ["三次"]),
        # a unit glued to the next character makes another word
        ("上午9时30分许，习近平来到78集团军机关。", "2023-09-10", ["78集"]),
        # a range of Chinese numerals, and a vague range's upper bound
        ("一般规律是，对于小商家，会给四成到五成的流水。", "2019-09-24", ["四成", "五成"]),
        ("充电宝的入场费从几万元、几十万元到100多万元不等。", "2019-09-24", ["100多万元"]),
        # a price inside a topic's name, or an era's name
        ("“部分充电宝8元每小时”的话题在新浪微博阅读量已经达5600多万。", "2019-09-24", ["8元"]),
        ("共享充电宝告别1元时代", "2019-09-24", ["1元"]),
        # the length of a trip, and a duration after 长达
        ("旅客还可以选择11月30日出发，到岘港体验东南亚风情，全程为4晚5天。", "2019-08-13", ["5天"]),
        ("小电在上线初期，做了长达3个月的拉新活动。", "2019-09-24", ["3个月"]),
        # a bare 千 without an approximation word is a name
        ("贵州雷山西江千户苗寨景区迎来游客。", "2024-02-10", ["千户"]),
    ],
)
def test_not_quantities(
    make_article: MakeArticle, sentence: str, published: str, absent: list[str]
) -> None:
    figures = _figures(make_article, sentence, published)
    assert not set(absent) & set(figures), list(figures)


def test_change_stated_before_its_figure(make_article: MakeArticle) -> None:
    body = "经济快速发展。国内生产总值比上年增长9.1%，达到11.67万亿元。"
    figures = _figures(make_article, body, "2004-03-05")
    assert list(figures) == ["11.67万亿元"]
    change = figures["11.67万亿元"].change
    assert change is not None and (change.kind, change.percent) == ("同比", 9.1)


def test_count_change_after_a_rate_is_a_figure(make_article: MakeArticle) -> None:
    body = "全国普通高校毕业生就业率去年底达到 83%，比上年增加60万人。"
    figures = _figures(make_article, body, "2004-03-05")
    assert figures["83%"].change is None
    assert "就业率" in figures["83%"].subject  # the space before 83% is stepped over
    assert figures["60万人"].change is not None
    period = figures["83%"].period  # 去年底: a level at last year's end
    assert period is not None and (period.start, period.end) == (None, date(2003, 12, 31))


def test_change_amounts_stop_at_a_count(make_article: MakeArticle) -> None:
    body = "5月份规模以上工业增加值同比增长5.6%，九成地区、八成行业实现增长。"
    figures = _figures(make_article, body, "2024-06-17")
    change = figures["5.6%"].change
    assert change is not None and change.percent == 5.6
    assert figures["九成"].subject == "地区"


@pytest.mark.parametrize(
    ("sentence", "published", "text", "subject"),
    [
        # a one-character count names what it counts after the classifier
        (
            "叙利亚东南部坦夫地区和鲁克班地区两处驻有美军的军事基地发生爆炸。",
            "2023-12-15",
            "两处",
            "驻有美军",
        ),
        # 已过 links a share to its subject
        ("陕西全省小麦收获已过七成，当地投入各类农机具。", "2023-06-11", "七成", "小麦收获"),
        # a space in a headline parts two phrases
        ("美国纽约发生直升机坠河事故 6人死亡\n机上人员全部遇难。", "2025-04-11", "6人", "死亡"),
    ],
)
def test_subjects_h4(
    make_article: MakeArticle, sentence: str, published: str, text: str, subject: str
) -> None:
    figures = _figures(make_article, sentence, published)
    assert subject in figures[text].subject, (text, figures[text].subject)


def test_base_year_of_a_move_is_no_subject(make_article: MakeArticle) -> None:
    body = "其中用于城市居民最低生活保障的补助资金由上年46亿元增加到92亿元。"
    subject = _figures(make_article, body, "2004-03-05")["46亿元"].subject
    assert subject.endswith("补助资金"), subject


@pytest.mark.parametrize(
    ("body", "published", "text", "start", "end"),
    [
        # 到今天 at a clause's start is until today
        (
            "到今天（1月10日）下午，定日县已建成活动板房1000多套，累计出动各类应急救援力量1.5万余人。",
            "2025-01-10",
            "1000多套",
            None,
            date(2025, 1, 10),
        ),
        # a sentence opening with 其中 takes the period of the sentence before
        (
            "2019年共享充电宝市场全年的用户规模已经达到1.5亿人次。其中，街电、小电、怪兽、来电4家"
            "头部企业的市场份额占比分别为28.6%、27%、25.1%和15.6%。",
            "2019-09-24",
            "28.6%",
            date(2019, 1, 1),
            date(2019, 12, 31),
        ),
    ],
)
def test_periods_h4(
    make_article: MakeArticle,
    body: str,
    published: str,
    text: str,
    start: date | None,
    end: date | None,
) -> None:
    period = _figures(make_article, body, published)[text].period
    assert period is not None and (period.start, period.end) == (start, end)


def test_a_date_of_history_does_not_carry(make_article: MakeArticle) -> None:
    body = (
        "1943年12月，新四军第五师派遣江南挺进支队进入湘鄂边区，建立了以桃花山为中心的石公华抗日"
        "根据地。随后，石公华县委广泛动员当地群众参加抗日战争，江南挺进支队由原来的1个连扩建到"
        "5个主力连。"
    )
    figures = _figures(make_article, body, "2025-07-06")
    assert figures["1个"].period is None


def test_a_long_run_of_joined_amounts_is_no_recursion_error() -> None:
    # Hostile text: 同比增长 followed by thousands of "1和" once recursed once per amount
    # (RecursionError out of enrich); it must end with figures, not a crash.
    facts = enrich(Article(body="同比增长" + "1和" * 3000 + "2%"))
    assert len(facts.figures) > 100


# Session 5, second round (helper H6): adverbs and names that look like counts, and spans of
# time that the labelling rules leave out (durations), by their grammar.
@pytest.mark.parametrize(
    ("sentence", "published", "absent"),
    [
        ("四处借贷困境还是招来祸事。", "2020-06-17", ["四处"]),  # everywhere, opening a sentence
        ("原先像是四处撒欢儿野马驹的学生。", "2018-09-10", ["四处"]),  # 撒欢儿 tagged a name
        ("那是一所教室用木板钉起来、四面通风的老旧小学。", "2018-09-10", ["四面"]),  # all sides
        ("新西兰也“一时间无法赞同”，五眼变四眼。", "2019-01-01", ["五眼", "四眼"]),  # Five Eyes
        ("还有教师迟到早退，45分钟的课20分钟讲完就走了。", "2018-09-10", ["45分钟"]),  # 的
        ("苏银霞曾把于欢送到农村，由姑姑于秀荣养了11个月。", "2020-06-17", ["11个月"]),  # 了
        ("医护人员只用了20分钟就把患者送到了县中心医院。", "2023-01-10", ["20分钟"]),
        ("距离那个晚上已经过去1678个日夜。", "2020-06-17", ["1678个"]),  # 个 + a noun of time
        ("自2016年成立到现在，未来科学大奖已经走过了四个年头。", "2019-09-07", ["四个"]),
        ("美国总统签署行政令，该行政令将于7天后生效。", "2025-07-31", ["7天"]),  # a time point
        ("人员释放将在以色列政府批准协议后的72小时内进行。", "2025-10-09", ["72小时"]),
        ("今天，第九届进博会进入倒计时100天。", "2026-07-27", ["100天"]),  # a count down
        ("北京和雄安新区间的“1小时交通圈”又多了新选择。", "2023-01-05", ["1小时"]),  # a name
    ],
)
def test_not_figures_h6(
    make_article: MakeArticle, sentence: str, published: str, absent: list[str]
) -> None:
    figures = _figures(make_article, sentence, published)
    assert not set(absent) & set(figures), list(figures)


def test_units_h6(make_article: MakeArticle) -> None:
    # inches, pixels and tenths off a price (sina.com.cn 2019 on the iPhone 11); 折合 is a word
    body = "新品采用6.1英寸显示屏，后置1200万像素广角相机，回购价格打5折，折合人民币。"
    figures = _figures(make_article, body, "2019-09-11")
    assert [(f.value, f.unit) for f in figures.values()] == [
        (6.1, "英寸"),
        (12000000.0, "像素"),
        (5.0, "折"),
    ]


@pytest.mark.parametrize(
    ("sentence", "present"),
    [
        ("还有教师迟到早退，45分钟的课20分钟讲完就走了。", "20分钟"),  # not before 的
        ("列车运行时间缩短了2小时。", "2小时"),  # the amount of a change, after 了
        ("我国再添四处世界灌溉工程。", "四处"),  # a noun after it, inside a clause
    ],
)
def test_still_figures_h6(make_article: MakeArticle, sentence: str, present: str) -> None:
    assert present in _figures(make_article, sentence, "2024-01-01")


# Session 6 (helper H9): lengths that name a sporting event and spans an action lasted are no
# measurements (labelling rules: durations are not figures).
@pytest.mark.parametrize(
    ("sentence", "published", "absent"),
    [
        ("在10米气步枪混合团体决赛中，中国队获得冠军。", "2023-08-02", ["10米"]),  # event after
        ("下午进行的跳水男子3米板决赛，张文澳包揽了冠亚军。", "2023-08-02", ["3米"]),
        ("女子10000米的金牌被夏雨雨夺得。", "2023-08-02", ["10000米"]),  # a sex before
        ("中国队获得女子4×200米自由泳接力铜牌。", "2024-08-02", ["200米"]),  # a relay's legs
        ("5月10日起，江阴大桥将半幅封闭施工22天！", "2019-05-09", ["22天"]),  # a verb's length
        ("长江部分航段中断航运1个多月。", "1999-03-05", ["1个多月"]),
        ("再坐烧着柴油的小船45分钟，最后走路半个小时。", "2018-09-10", ["45分钟"]),
        ("全国森林消防队伍2万人24小时待命备勤。", "2023-04-22", ["24小时"]),  # round the clock
        ("往年，台江中考前100名的学生中。", "2018-09-10", ["100名"]),  # a rank's cut-off
        ("我国进出口规模前500位的企业中，民营企业占多数。", "2025-07-14", ["500位"]),
        ("新开工改造城镇老旧小区5.6万个，惠及近千万家庭。", "2022-03-05", ["近千万家"]),  # 家庭
    ],
)  # fmt: skip
def test_not_figures_h9(
    make_article: MakeArticle, sentence: str, published: str, absent: list[str]
) -> None:
    figures = _figures(make_article, sentence, published)
    assert not set(absent) & set(figures), list(figures)


@pytest.mark.parametrize(
    ("sentence", "present"),
    [
        ("跨江大桥主跨长1088米。", "1088米"),  # a length with no event word
        ("忙碌的工人告诉笔者，每天工作10小时左右。", "10小时左右"),  # a rate
        ("落实中小学生每天综合体育活动不少于2小时。", "不少于2小时"),  # 每 further back
        ("截至目前，赛会志愿者已累计服务336万小时。", "336万小时"),  # a total
        (
            "该线路全长41.25公里，单程运行时间57分钟，运营后与上海轨道交通11号线连接换乘。",
            "57分钟",
        ),  # a noun measuring time (新闻联播)
        ("现在距离秋粮大面积收获还有20天左右。", "20天左右"),  # after 还有, no action
        ("通行时间从过去1个多小时缩短到30分钟左右。", "30分钟左右"),  # a level after a move
        ("目前三名航天员完成了各项准备。", "三名"),  # 前 of 目前, no rank
    ],
)
def test_still_figures_h9(make_article: MakeArticle, sentence: str, present: str) -> None:
    assert present in _figures(make_article, sentence, "2024-01-01")


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "approx"),
    [
        # a bare 千 or 百 with a multiplier after a threshold crossed (was no figure)
        ("横琴口岸年内客流量突破千万人次。", 1e7, "人次", "突破"),
        ("今年全国电影票房破百亿元。", 1e10, "元", "破"),
        # and with an approximation word (was no figure)
        ("全省粮食产量近千万吨。", 1e7, "吨", "近"),
    ],
)
def test_bare_rounds_h9(
    make_article: MakeArticle, sentence: str, value: float, unit: str, approx: str
) -> None:
    figures = list(_figures(make_article, sentence, "2024-01-01").values())
    assert [(f.value, f.unit, f.approx) for f in figures] == [(value, unit, approx)]


@pytest.mark.parametrize(
    "sentence",
    ["浙江“千万工程”经验。", "实施新一轮千亿斤粮食产能提升行动。", "建设百万千瓦级核电机组。"],
)
def test_bare_rounds_names_h9(make_article: MakeArticle, sentence: str) -> None:
    assert _figures(make_article, sentence, "2024-01-01") == {}
