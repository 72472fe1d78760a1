"""The pure builder: counts, change, stories, attention, places, figures, summary."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from huibao.enrich import enrich
from huibao.model import Article
from huibao.report import Item, ReportInputs, StoryInput, build_report
from huibao.report.build import NOTE_GROUPED
from huibao.report.model import AlterationInput, Period
from huibao.samplenet.pages import seed_article

CST = timezone(timedelta(hours=8))
WEEK = Period(date(2011, 8, 15), date(2011, 8, 21))
BEFORE = Period(date(2011, 8, 8), date(2011, 8, 14))
NOW = datetime(2011, 8, 22, tzinfo=UTC)
SEED = seed_article()
SEED_BODY = "\n".join(SEED.paragraphs)


def item(n: int, title: str, body: str, day: int, site: str = "s", source: str = "") -> Item:
    article = Article(
        url=f"https://{site}.example.cn/{n}.html",
        title=title,
        published=datetime(2011, 8, day, 9, n % 60, tzinfo=CST),
        source=source,
        channel=["首页", "要闻"],
        body=body,
        paragraphs=body.split("\n"),
    )
    return Item(n, article.url or "", site, article, enrich(article).to_dict())


def inputs(items: list[Item], previous: int = 0, **kw: object) -> ReportInputs:
    totals = kw.pop("site_totals", {})
    return ReportInputs(
        "weekly",
        WEEK,
        BEFORE,
        tuple(items),
        previous,
        totals,
        NOW,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def seed_items() -> list[Item]:
    return [
        item(1, SEED.title, SEED_BODY, 16, "fazhi", "中国法制新闻网"),
        item(2, "柳南警方三大举措打造亲民公安新形象", SEED_BODY, 17, "county"),
        item(
            3,
            "另一条消息：柳州举办读书节",
            "柳州市图书馆举办读书节，共有市民3000余人参加。",
            18,
            "county",
        ),
    ]


def test_counts_change_and_outlets(seed_items: list[Item]) -> None:
    data = build_report(inputs(seed_items, previous=2, site_totals={"county": 10, "fazhi": 1}))
    assert data.totals.articles == 3
    assert data.totals.change == pytest.approx(0.5)
    assert {c.name: c.count for c in data.outlets} == {"中国法制新闻网": 1, "county": 2}
    assert [d.count for d in data.volume] == [0, 1, 1, 1, 0, 0, 0]
    assert "较上一周期" in data.summary and "增加50.0%" in data.summary


def test_attention_is_normalised_by_what_each_source_published(seed_items: list[Item]) -> None:
    data = build_report(inputs(seed_items, site_totals={"county": 10, "fazhi": 1}))
    share = {a.site: (a.matched, a.total, a.share) for a in data.attention}
    assert share["fazhi"] == (1, 1, 1.0)
    assert share["county"] == (2, 10, 0.2)
    assert data.attention[0].site == "fazhi"  # a larger share ranks first, not a larger count


def test_reprints_group_into_one_story_with_first_publisher(seed_items: list[Item]) -> None:
    data = build_report(inputs(seed_items))
    top = data.stories[0]
    assert top.articles == 2 and top.reprints == 1
    assert top.first.outlet == "中国法制新闻网"
    assert [s.article_id for s in top.spread] == [1, 2]
    assert any("connect" in note for note in data.notes)


def test_stories_from_connect_replace_the_stand_in(seed_items: list[Item]) -> None:
    stories = (StoryInput("s9", (3, 2)), StoryInput("s1", (1,)))
    data = build_report(inputs(seed_items, stories=stories))
    assert data.stories[0].id == "s9"
    assert [s.article_id for s in data.stories[0].spread] == [2, 3]
    assert NOTE_GROUPED not in data.notes


def test_every_figure_cites_its_sentence(seed_items: list[Item]) -> None:
    data = build_report(inputs(seed_items))
    assert data.figures
    by_id = {i.id: i for i in seed_items}
    for row in data.figures:
        body = by_id[row.cite.article_id].article.body
        assert body[row.cite.start : row.cite.end] == row.cite.text
        assert row.amount in row.cite.text
    first = data.figures[0]
    assert (first.amount, first.change) == ("4321起", "同比下降6.2%")
    assert first.cite.article_id == 1  # the reprint's copy of the figure is not listed again
    assert sum(r.amount == "4321起" for r in data.figures) == 1


def test_places_by_province_and_prefecture(seed_items: list[Item]) -> None:
    data = build_report(inputs(seed_items))
    assert data.provinces[0].name == "广西壮族自治区"
    assert data.provinces[0].count == 3
    assert data.prefectures[0].name == "广西壮族自治区柳州市"


def test_alterations_from_connect_are_cited(seed_items: list[Item]) -> None:
    span = (SEED_BODY.index("4321"), SEED_BODY.index("4321") + 4)
    alts = (AlterationInput("s", 2, 1, "value", "4321起 → 4312起", span),)
    data = build_report(inputs(seed_items, alterations=alts))
    assert data.alterations is not None
    (row,) = data.alterations
    assert row.cite is not None and row.cite.text == "4321"
    assert row.cite in data.citations()


def test_empty_period_gives_a_short_report_that_says_so() -> None:
    data = build_report(inputs([], previous=4))
    assert data.empty
    assert "未监测到相关报道" in data.summary
    assert "4篇" in data.summary
    assert data.stories == () and data.figures == () and data.appendix == ()


def test_plan_scope_lists_matches_newest_first(seed_items: list[Item]) -> None:
    matched = [Item(i.id, i.url, i.site, i.article, i.facts, ("柳南",)) for i in seed_items[:2]]
    data = build_report(inputs(matched, scope="柳南公安"))
    assert data.title == "柳南公安舆情周报"
    assert [m.article_id for m in data.matches] == [2, 1]
    assert "围绕“柳南公安”" in data.summary


def test_to_dict_is_json_ready(seed_items: list[Item]) -> None:
    import json

    data = build_report(inputs(seed_items))
    loaded = json.loads(json.dumps(data.to_dict(), ensure_ascii=False))
    assert loaded["totals"]["articles"] == 3
    assert len(loaded["citations"]) == len(data.figures)
    assert loaded["period"] == {"start": "2011-08-15", "end": "2011-08-21"}
