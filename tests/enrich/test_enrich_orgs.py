"""Organisations and the main organisation on real sentences (新闻联播 transcripts, work
reports, the seed page). Each case names the rule in src/huibao/enrich/orgs.py or mainorg.py
that it guards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from huibao.enrich import Enrichment, enrich
from huibao.enrich.orgs import ANAPHORA_HEADS
from huibao.model import Article

DATELINE = "央视网消息（新闻联播）："


def _names(make_article: Callable[..., Article], body: str) -> list[str]:
    return [o.name for o in enrich(make_article(body)).organisations]


def _enrich(title: str, body: str) -> Enrichment:
    when = datetime(2024, 9, 14, tzinfo=ZoneInfo("Asia/Shanghai"))
    return enrich(Article(title=title, published=when, body=body))


@pytest.mark.parametrize(
    "body",
    [
        "要为发展谋篇布局，奋力开新局，自觉服务大局。",  # NOT_HEAD_ENDINGS: idioms ending in 局
        "广大干部、村干部和10多名党员干部赶到现场。",  # people ending in 部
        "一家银行的工作人员介绍了情况。",  # a count before a suffix is no name
        "中央政府充分肯定本届特别行政区政府的工作。\n",  # 行政区政府: no proper part
        "缉捕电信网络诈骗集团重大头目。",  # a field and a suffix: generic
        "在全国开展消费金融公司试点。",
        "依据《中国共产党问责条例》等有关规定。",  # BOOK_TITLE: a body inside a document title
        "各级党委要加强领导，党和政府高度重视。",  # 各级党委 (one word), GENERIC_NAMES
        "做出战略部署，涉及两部委。",  # 部署, 部委
        "柳南区辖区派出所和柳州市全市派出所开展工作。",  # STOPS: qualifiers end a name
        "当地人民法院和人民检察院依法审理。",  # _is_named: a suffix alone is no name
    ],
)
def test_generic_words_are_not_organisations(
    make_article: Callable[..., Article], body: str
) -> None:
    names = _names(make_article, body)
    assert names in ([], ["中央政府"]), names


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        # the leftmost full name
        ("澳门特别行政区政府发布公告。", ["澳门特别行政区政府"]),
        (
            "政协第十四届全国委员会常务委员会第十次会议在京举行。",
            ["政协第十四届全国委员会常务委员会"],
        ),
        # jieba's nt tag with a body word at its end (NT_HEADS) and media suffixes
        ("新华社今天受权全文播发。", ["新华社"]),
        ("该书近日由外文出版社出版。", ["外文出版社"]),
        # FIELD_HEADS: a ministry named by its field alone, even split by jieba
        ("公安部有关负责人介绍了情况。", ["公安部"]),
        ("记者从应急管理部了解到。", ["应急管理部"]),
        ("生态环境部答复，将会同相关部门。", ["生态环境部"]),
        (
            "人力资源社会保障部、最高人民检察院近日追授称号。",
            ["人力资源社会保障部", "最高人民检察院"],
        ),
        # JOINS: 和 inside a name, not before a bare head nor after a body
        ("工业和信息化部发布通知。", ["工业和信息化部"]),
        ("新疆各族群众和新疆生产建设兵团报告新增病例。", ["新疆生产建设兵团"]),
        # OFFICE_IN_WORD: a title glued to its body
        ("贵州省委常委、贵阳市委书记胡忠雄。", ["贵州省委", "贵阳市委"]),
        ("俄罗斯文化部长柳比莫娃等嘉宾表示。", ["俄罗斯文化部"]),
        ("外交部副部长会见了代表团。", ["外交部"]),
        # NATIONAL: 中央纪委|国家监委 are two bodies side by side
        ("中央纪委国家监委对其进行了立案审查调查。", ["中央纪委", "国家监委"]),
        # …and a national body's name starts the name of one of its parts
        ("经中央纪委常委会会议研究。", ["中央纪委常委会"]),
        # NT_LEFT_TAGS: a body jieba knows whole takes only proper words before it (and
        # ordinals: 第十九届中央委员会)
        ("部分民众抗议日本政府的决定。", ["日本政府"]),
        ("各方全力支持联合国发挥作用。", ["联合国"]),
        ("习近平代表第十九届中央委员会作报告。", ["第十九届中央委员会"]),
        ("新时代新征程中国共产党的使命任务。", ["中国共产党"]),
        # NAME_TAGS without nr: a person's name before a body is not part of it
        ("全国政协委员石磊政协第十四届全国委员会委员。", ["全国政协", "政协第十四届全国委员会"]),
        # quoted names inside a name
        ("塔吉克斯坦“霍瓦尔”国家通讯社进行了报道。", ["塔吉克斯坦“霍瓦尔”国家通讯社"]),
        # 总队; the outlet filing the story is no body in it (_is_dateline)
        ("青海消防救援总队投入605名救援人员。", ["青海消防救援总队"]),
        ("证券时报e公司讯，浙江证监局发出行政监管措施决定书。", ["浙江证监局"]),
        # _outermost: 中国广核集团 inside 中国广核集团有限公司 is no second body
        ("中国广核集团有限公司签署了倡议。", ["中国广核集团有限公司"]),
    ],
)
def test_names(make_article: Callable[..., Article], body: str, wanted: list[str]) -> None:
    assert _names(make_article, body) == wanted


def test_kinds(make_article: Callable[..., Article]) -> None:
    orgs = {
        o.name: o.kind for o in enrich(make_article("新华社报道，最高人民法院发布。")).organisations
    }
    assert orgs == {"新华社": "media", "最高人民法院": "court"}


def test_national_bodies_and_companies_take_no_default_place(
    make_article: Callable[..., Article],
) -> None:
    body = (
        "广西柳州市柳南区召开会议，西环派出所、应急管理部、共青团中央、国家森防指办公室、"
        "农业银行负责人出席。"
    )
    orgs = {o.name: o.place_code for o in enrich(make_article(body)).organisations}
    assert orgs["西环派出所"] == "450204"
    assert orgs["应急管理部"] is None and orgs["共青团中央"] is None
    assert orgs["国家森防指办公室"] is None
    assert orgs["农业银行"] is None


def test_bare_head_inside_a_clause_is_no_anaphor(make_article: Callable[..., Article]) -> None:
    """大学毕业进入检察院 speaks of any procuratorate (新闻联播 2024-12-02)."""
    body = "最高人民检察院近日追授其称号。1996年大学毕业进入检察院后，他扎根办案一线。"
    (org,) = enrich(make_article(body)).organisations
    assert len(org.mentions) == 1


def test_anaphora_of_each_head(make_article: Callable[..., Article]) -> None:
    """该分局 and 本公司 count for the bodies named with those heads; the scan looks only for
    the heads of bodies named (a 法院 there finds nothing to refer to)."""
    body = (
        "柳州市柳南公安分局破获案件。该分局民警走访法院。中国石油集团有限公司表示，本公司将增产。"
    )
    orgs = {o.name: o for o in enrich(make_article(body)).organisations}
    assert len(orgs["柳州市柳南公安分局"].mentions) == 2
    assert len(orgs["中国石油集团有限公司"].mentions) == 2


def test_anaphora_heads_never_overlap() -> None:
    """A scan for some heads finds what a scan for all finds of them (orgs.ANAPHORA_HEADS)."""
    for one in ANAPHORA_HEADS:
        for other in ANAPHORA_HEADS:
            assert one == other or one not in other
            assert not any(one.endswith(other[:size]) for size in range(1, len(other)))


@pytest.mark.parametrize(
    ("title", "body", "main"),
    [
        # the headline's first body is the subject
        ("新华社全文播发习近平在中国共产党第二十次全国代表大会上的报告",
         DATELINE + "新华社今天受权全文播发报告。报告共分15个部分。", "新华社"),
        ("公安部、最高人民法院联合发布意见",
         DATELINE + "近日，意见发布。最高人民法院有关负责人表示，公安部将配合。"
         "最高人民法院将加强指导。", "公安部"),
        # …but not one after a preposition: the lead's subject then
        ("我国在世贸组织就美国加征关税提起诉讼",
         DATELINE + "商务部新闻发言人今天宣布，中方在世贸组织争端解决机制下起诉。", "商务部"),
        # the body opening the first sentence after the dateline and time words
        ("最新疫情", DATELINE + "国家卫生健康委今天（10月15日）通报，新增确诊病例361例。",
         "国家卫生健康委"),
        ("防汛救灾", DATELINE + "近日，中央组织部划拨专项资金1.28亿元。", "中央组织部"),
        # a host of a briefing gives way to the next sentence's subject
        ("卫生健康事业发展取得积极成效",
         DATELINE + "国务院新闻办12日举行新闻发布会，介绍有关情况。\n"
         "国家卫生健康委相关负责人介绍，经费提升至94元。", "国家卫生健康委"),
        # the approval before the actor (PREAMBLES)
        ("4名中管干部被问责",
         DATELINE + "日前，经中共中央批准，中央纪委国家监委对4人进行了立案审查调查。", "中央纪委"),
        # …nor one naming a person's office, nor a host whose verb follows a bracketed date
        ("李强会见联合国秘书长", "李强会见联合国秘书长。商务部有关负责人陪同。", None),
        ("2025年市场监管取得明显成效",
         DATELINE + "国务院新闻办公室今天（2月5日）举行新闻发布会，全国新设经营主体2574.5万户。",
         None),
        # no body stands out: sources named once each
        ("各地加强森林草原火灾防控",
         DATELINE + "记者从国家森林草原防灭火指挥部、应急管理部了解到，形势严峻。", None),
        # the body mentioned most often, when at least twice and alone at the top
        ("中缅联合打击跨国电信诈骗",
         DATELINE + "昨天晚上，10名犯罪嫌疑人被押解回国。当天，公安部组织民警赴缅甸执行任务。"
         "据了解，公安部与缅甸警方持续开展合作。", "公安部"),
    ],
)  # fmt: skip
def test_main_organisation(title: str, body: str, main: str | None) -> None:
    got = _enrich(title, body).main_organisation
    assert (got.name if got else None) == main
