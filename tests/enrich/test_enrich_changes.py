"""Change rules of the sixth session (helper H10): one real sentence each, failing without it.

Sentences from the heldout-7 batch (tuning data since the sixth session: the 1982 and 2008
State Council work reports, a 新闻联播 CPI story) and from work reports and 新闻联播 stories
outside the quality set; see docs/enrich.md, "How it decides", 3. Changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from huibao.enrich import enrich
from huibao.enrich.model import Change
from huibao.model import Article

MakeArticle = Callable[..., Article]


def _changes(make_article: MakeArticle, body: str, published: str) -> dict[str, Change | None]:
    return {f.text: f.change for f in enrich(make_article(body, published)).figures}


def test_yearly_rate_of_change_is_a_change(make_article: MakeArticle) -> None:
    """递增 is a direction: the figure is itself the yearly change (平均每年递增百分之六)."""
    changes = _changes(
        make_article,
        "全国平均每个农民的纯收入将由一九八○年的一百九十一元增加到一九八五年的二百五十五元，"
        "平均每年递增百分之六。",
        "1982-11-30",
    )
    change = changes["百分之六"]
    assert change is not None and (change.kind, change.direction, change.percent) == (
        "",
        "up",
        6.0,
    )


@pytest.mark.parametrize(
    ("body", "published", "text", "amount"),
    [
        # the years before a span (比前五年) are a base of no kind
        (
            "全国财政用于教育支出五年累计2.43万亿元，比前五年增长1.26倍。",
            "2008-03-05",
            "2.43万亿元",
            (None, 1.26, "倍"),
        ),
        # a year named alone, in Chinese digits …
        (
            "社会商品零售总额一九八五年将达到二千九百亿元，比一九八○年增长百分之四十。",
            "1982-11-30",
            "二千九百亿元",
            (40.0, None, ""),
        ),
        # … or in Arabic ones
        (
            "城镇职工基本养老保险制度不断完善，2007年参保人数突破2亿人，比2002年增加5400多万人。",
            "2008-03-05",
            "2亿人",
            (None, 5.4e7, "人"),
        ),
    ],
)
def test_base_years_of_no_kind(
    make_article: MakeArticle,
    body: str,
    published: str,
    text: str,
    amount: tuple[float | None, float | None, str],
) -> None:
    """The change after such a base belongs to the figure before it (no figure of its own)."""
    changes = _changes(make_article, body, published)
    change = changes[text]
    assert change is not None and change.kind == "" and change.direction == "up"
    assert (change.percent, change.amount, change.unit) == amount
    assert len(changes) == 1


def test_rates_compared_in_points_are_no_change(make_article: MakeArticle) -> None:
    """涨幅比上月扩大1.5个百分点 compares two rates: a figure of its own with no change."""
    changes = _changes(
        make_article,
        "2月份，服务价格上涨1.6%，涨幅比上月扩大1.5个百分点，是带动CPI上涨的主要因素。",
        "2026-03-09",
    )
    assert changes["1.5个百分点"] is None
    assert changes["1.6%"] is not None


def test_a_shares_move_in_points_stays_its_change(make_article: MakeArticle) -> None:
    """比重较上年下降1.1个百分点 is the share's year-on-year change (a level, not a rate)."""
    changes = _changes(
        make_article,
        "2025年，全国高耗能制造业销售收入占制造业比重较上年下降1.1个百分点。",
        "2026-01-22",
    )
    change = changes["1.1个百分点"]
    assert change is not None and (change.kind, change.amount) == ("同比", -1.1)
