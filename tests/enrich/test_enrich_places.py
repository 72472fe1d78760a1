"""Places, organisations and outline on real sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from huibao.enrich import EnrichSettings, division, enrich
from huibao.enrich.text import normalise
from huibao.model import Article


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "西延高铁起自陕西省西安市，经渭南市、铜川市，接入延安市延安站。",
            {"61", "6101", "6105", "6102", "6106"},
        ),
        ("北京市朝阳区人民法院审结一起案件。", {"11", "110105"}),
        ("吉林省长春市朝阳区发布通知。", {"22", "2201", "220104"}),
        ("在山东菏泽定陶区，66万亩玉米进入灌浆后期。", {"37", "3717", "371703"}),
        ("内蒙古通辽是我国重要的玉米优势产区。", {"15", "1505"}),
        # jieba cuts 湖南岳阳 as 湖|南岳|阳: the nested pair is still two places.
        ("湖南岳阳今年新增就业3万人。", {"43", "4306"}),
        # Everyday words as counties only beside a place: after the place that holds them,
        # or listed with 、 beside a place of the same province.
        ("覆盖湖北石首、公安两县。", {"42", "421081", "421022"}),
        ("辽宁沈阳和平区、沈阳和平街道。", {"21", "2101", "210102"}),
        ("广西壮族自治区召开会议，要把资源优势转化为发展优势。", {"45"}),
        ("沈阳市坚持和平发展，公安机关加强巡逻。", {"2101"}),
        # Teams are named after their places, and jieba keeps 北京队 as one word.
        ("北京队9比5战胜天津队夺冠，四川队力克河北队。", {"11", "12", "51", "13"}),
        # A province beside a province-level city that has a county of the same name
        # (天津's 河北区) is still the province.
        ("天津和河北两地联合执法。", {"12", "13"}),
        ("天津市河北区发布通知。", {"12", "120105"}),
        # A city's short name is the city, though a county elsewhere shares it and that
        # county's city is named (牡丹江's 西安区); right after the place that holds it, the
        # county (北京朝阳 is Beijing's 朝阳区, 朝阳 alone 朝阳市).
        ("牡丹江市举办冰雪节，西安的游客纷纷前来。", {"2310", "6101"}),
        ("首届北京朝阳国际灯光节启动。", {"11", "110105"}),
        # Autonomous counties written with their kind only (民和回族土族自治县).
        ("青海搜救工作集中在民和县中川乡。", {"63", "630222"}),
    ],
)
def test_places_resolve(
    make_article: Callable[..., Article], body: str, expected: set[str]
) -> None:
    places = enrich(make_article(body)).places
    assert {p.code for p in places} == expected


def test_ambiguous_name_is_left_with_candidates(make_article: Callable[..., Article]) -> None:
    places = enrich(make_article("朝阳区举行运动会。")).places
    assert len(places) == 1
    assert places[0].code is None
    assert {"110105", "220104"} <= set(places[0].candidates)


@pytest.mark.parametrize(
    "body",
    [
        "维护社会长治久安。",
        "省、市和县三级联动。",
        "城区道路畅通，和平发展。",
        "北京时间6月24日12时，天宫一号与神舟九号完成交会对接。",  # China's clock
    ],
)
def test_words_are_not_places(make_article: Callable[..., Article], body: str) -> None:
    assert enrich(make_article(body)).places == ()


def test_words_of_policy_are_not_counties(make_article: Callable[..., Article]) -> None:
    """惠民, 金山 and 青山 are counties of Shandong, Shanghai and Baotou/Wuhan, and words
    (新闻联播): a province or city named elsewhere in the story does not make them places."""
    body = "上海推进生态建设，绿水青山就是金山银山。山东出台一系列惠民政策。"
    assert {p.code for p in enrich(make_article(body)).places} == {"31", "37"}
    assert "310116" in {p.code for p in enrich(make_article("上海金山举办活动。")).places}


def test_division_lookup() -> None:
    liunan = division("450204")
    assert liunan is not None
    assert liunan.path == ("广西壮族自治区", "柳州市", "柳南区")
    beijing = division("110105")
    assert beijing is not None and beijing.path == ("北京市", "朝阳区")


def test_traditional_text_matches_and_keeps_spans(make_article: Callable[..., Article]) -> None:
    body = "廣西柳州市柳南區警方破獲案件１２起。"
    assert len(normalise(body)) == len(body)
    e = enrich(make_article(body))
    assert {p.code for p in e.places} == {"45", "4502", "450204"}
    assert [(f.value, f.unit, f.text) for f in e.figures] == [(12, "起", "１２起")]


def test_outline_levels_follow_first_use(make_article: Callable[..., Article]) -> None:
    body = (
        "一、总体情况\n1.经济运行\n正文。\n2.社会民生\n二、下一步工作\n（一）稳增长\n（二）保民生"
    )
    outline = enrich(make_article(body)).outline
    assert [n.title for n in outline] == ["总体情况", "下一步工作"]
    assert [c.marker for c in outline[0].children] == ["1.", "2."]
    assert [c.marker for c in outline[1].children] == ["（一）", "（二）"]


def test_settings_cap_figures(make_article: Callable[..., Article]) -> None:
    body = "，".join(f"案件{i}起" for i in range(1, 30))
    assert len(enrich(make_article(body), EnrichSettings(max_figures=5)).figures) == 5


def test_traditional_period_keeps_the_original_words(make_article: Callable[..., Article]) -> None:
    body = "今年１至６月，該分局破獲案件１２起。"
    figure = enrich(make_article(body, "2011-08-21")).figures[0]
    assert figure.period is not None
    assert figure.period.text == "今年１至６月"
    assert body[figure.period.span[0] : figure.period.span[1]] == figure.period.text


def test_everyday_words_list_is_current() -> None:
    # The shipped list is made from jieba's dictionary; a new jieba or new divisions data
    # must regenerate it (see huibao.enrich.divisions.everyday_words).
    from importlib import resources

    from huibao.enrich.divisions import EVERYDAY_FILE, everyday_words

    shipped = resources.files("huibao") / "data" / "admin_divisions" / EVERYDAY_FILE
    assert shipped.read_text(encoding="utf-8").split() == everyday_words()
    assert {"资源", "和平", "公安"} <= set(everyday_words())
    assert not {"潜江", "义乌", "柳南"} & set(everyday_words())
