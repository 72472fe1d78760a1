"""Golden test: the seed page (柳南警方三大举措打造亲民公安新形象, 2011-08-21)."""

from __future__ import annotations

from datetime import date

import pytest

from huibao.enrich import Enrichment, Figure


def _find(e: Enrichment, value: float, unit: str) -> Figure:
    matches = [f for f in e.figures if f.value == value and f.unit == unit]
    assert len(matches) == 1, (value, unit, [(f.value, f.unit) for f in e.figures])
    return matches[0]


@pytest.mark.parametrize(
    ("value", "unit", "approx", "subject_part"),
    [
        (4321, "起", "", "110接报警"),
        (2768, "起", "", "刑事案件"),
        (1453, "起", "", "治安案件"),
        (80, "次", "余", "平安讲堂"),
        (3000, "人", "余", "受教育群众"),
        (50, "名", "", "平安志愿者"),
        (1260, "起", "", "求助咨询"),
        (500, "件", "余", "好事实事"),
        (20000, "元", "余", "慰问金"),
        (35, "面", "", "锦旗"),
        (687, "起", "", '"两抢一盗"侵财案件'),
        (24, "个", "", "犯罪团伙"),
        (78, "人", "", "犯罪团伙"),
        (31, "起", "", "信访投诉"),
        (28, "起", "", ""),
        (3, "起", "", ""),
    ],
)
def test_every_figure_of_the_issue(
    seed_enrichment: Enrichment, value: float, unit: str, approx: str, subject_part: str
) -> None:
    figure = _find(seed_enrichment, value, unit)
    assert figure.approx == approx
    assert subject_part in figure.subject


def test_no_other_figures(seed_enrichment: Enrichment) -> None:
    # dates (6月12日, 4月28日), the age 17岁, 一项 / 四项要求 / 八字方针 are not statistics
    assert len(seed_enrichment.figures) == 16


@pytest.mark.parametrize(("value", "percent"), [(4321, -6.2), (2768, -5.3), (1453, -7.9)])
def test_year_on_year_changes(seed_enrichment: Enrichment, value: float, percent: float) -> None:
    change = _find(seed_enrichment, value, "起").change
    assert change is not None
    assert (change.kind, change.direction, change.percent) == ("同比", "down", percent)


def test_part_of_links(seed_enrichment: Enrichment) -> None:
    figures = seed_enrichment.figures
    total = figures.index(_find(seed_enrichment, 4321, "起"))
    assert _find(seed_enrichment, 2768, "起").part_of == total
    assert _find(seed_enrichment, 1453, "起").part_of == total
    complaints = figures.index(_find(seed_enrichment, 31, "起"))
    assert _find(seed_enrichment, 28, "起").part_of == complaints
    assert _find(seed_enrichment, 3, "起").part_of == complaints
    assert _find(seed_enrichment, 4321, "起").part_of is None
    assert _find(seed_enrichment, 78, "人").part_of is None


def test_periods(seed_enrichment: Enrichment) -> None:
    period = _find(seed_enrichment, 4321, "起").period
    assert period is not None
    assert (period.start, period.end) == (date(2011, 1, 1), date(2011, 6, 10))
    assert period.text == "今年1至6月10日"
    may = _find(seed_enrichment, 687, "起").period
    assert may is not None and (may.start, may.end) == (date(2011, 1, 1), date(2011, 5, 31))
    until = _find(seed_enrichment, 80, "次").period
    assert until is not None and (until.start, until.end) == (None, date(2011, 6, 10))


def test_spans_point_into_the_body(seed_article, seed_enrichment: Enrichment) -> None:  # type: ignore[no-untyped-def]
    body = seed_article.body
    for figure in seed_enrichment.figures:
        assert body[figure.span[0] : figure.span[1]] == figure.text
        assert figure.sentence[0] <= figure.span[0] < figure.span[1] <= figure.sentence[1]
    for place in seed_enrichment.places:
        assert body[place.span[0] : place.span[1]] == place.text


def test_places(seed_enrichment: Enrichment) -> None:
    codes = {p.code for p in seed_enrichment.places}
    assert {"45", "4502", "450204"} <= codes
    assert None not in codes
    names = {p.text for p in seed_enrichment.places}
    assert {"广西", "柳州市", "柳南区", "柳南"} <= names
    main = seed_enrichment.main_place
    assert main is not None and main.code == "450204"
    assert main.path == ("广西壮族自治区", "柳州市", "柳南区")


def test_organisations(seed_enrichment: Enrichment) -> None:
    main = seed_enrichment.main_organisation
    assert main is not None
    assert main.name == "柳州市柳南公安分局"
    assert main.place_code == "450204"
    assert "柳南公安分局" in main.aliases
    station = next(o for o in seed_enrichment.organisations if o.name == "西环派出所")
    assert station.place_code == "450204"
    assert station.kind == "police"


def test_outline_shape(seed_enrichment: Enrichment) -> None:
    outline = seed_enrichment.outline
    assert [n.marker for n in outline] == ["一、", "二、"]
    assert [c.marker for c in outline[0].children] == ["(一)", "(二)", "(三)"]
    assert [c.marker for c in outline[1].children] == ["(一)", "(二)"]
    assert outline[0].children[1].title.startswith('开展"平安讲堂"活动')
    assert all(c.level == 2 and c.paragraphs for n in outline for c in n.children)


def test_initiatives(seed_enrichment: Enrichment) -> None:
    by_name = {i.name: i for i in seed_enrichment.initiatives}
    assert by_name["平安讲堂"].count >= 4
    assert "平安讲堂" in by_name["平安讲堂"].heading
    assert "平安志愿者" in by_name["平安志愿者"].heading


def test_round_trip(seed_enrichment: Enrichment) -> None:
    import json

    data = json.loads(json.dumps(seed_enrichment.to_dict(), ensure_ascii=False))
    assert Enrichment.from_dict(data) == seed_enrichment


def test_keywords_and_summary(seed_enrichment: Enrichment) -> None:
    words = [k.word for k in seed_enrichment.keywords]
    assert len(words) == 10
    assert "民警" in words
    assert seed_enrichment.summary
