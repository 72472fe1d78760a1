"""The pure builder: counts, change, stories, attention, places, figures, summary."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from huibao.model import Article
from huibao.report import ReportInputs, StoryInput, build_report
from huibao.report.build import NOTE_GROUPED
from huibao.report.model import AlterationInput, Period
from huibao.samplenet.pages import seed_article

from .conftest import Entry, gathered

CST = timezone(timedelta(hours=8))
WEEK = Period(date(2011, 8, 15), date(2011, 8, 21))
NOW = datetime(2011, 8, 22, tzinfo=UTC)
SEED = seed_article()
SEED_BODY = "\n".join(SEED.paragraphs)


def entry(n: int, title: str, body: str, day: int, site: str = "s", source: str = "") -> Entry:
    article = Article(
        url=f"https://{site}.example.cn/{n}.html",
        title=title,
        published=datetime(2011, 8, day, 9, n % 60, tzinfo=CST),
        source=source,
        channel=["首页", "要闻"],
        body=body,
        paragraphs=body.split("\n"),
    )
    return Entry(article, site)


def inputs(entries: list[Entry], previous: int = 0, **kw: Any) -> ReportInputs:
    """The inputs gathered from a store holding `entries` (saved in order: ids 1, 2, ...)."""
    totals = kw.pop("site_totals", None)
    scope = kw.pop("scope", "")
    found = gathered(entries, WEEK, NOW, **kw)
    found = replace(found, previous_count=previous, scope=scope)
    return replace(found, site_totals=totals) if totals is not None else found


@pytest.fixture(scope="module")
def seed_items() -> list[Entry]:
    return [
        entry(1, SEED.title, SEED_BODY, 16, "fazhi", "中国法制新闻网"),
        # A reprint: the same text with a line of its own (an identical body would be stored
        # as an alias of the first article, not as an article).
        entry(
            2,
            "柳南警方三大举措打造亲民公安新形象",
            SEED_BODY + "\n（转自中国法制新闻网）",
            17,
            "county",
        ),
        entry(
            3,
            "另一条消息：柳州举办读书节",
            "柳州市图书馆举办读书节，共有市民3000余人参加。",
            18,
            "county",
        ),
    ]


def test_counts_change_and_outlets(seed_items: list[Entry]) -> None:
    data = build_report(inputs(seed_items, previous=2, site_totals={"county": 10, "fazhi": 1}))
    assert data.totals.articles == 3
    assert data.totals.change == pytest.approx(0.5)
    assert {c.name: c.count for c in data.outlets} == {"中国法制新闻网": 1, "county": 2}
    assert [d.count for d in data.volume] == [0, 1, 1, 1, 0, 0, 0]
    assert "较上一周期" in data.summary and "增加50.0%" in data.summary


def test_attention_is_normalised_by_what_each_source_published(seed_items: list[Entry]) -> None:
    data = build_report(inputs(seed_items, site_totals={"county": 10, "fazhi": 1}))
    share = {a.site: (a.matched, a.total, a.share) for a in data.attention}
    assert share["fazhi"] == (1, 1, 1.0)
    assert share["county"] == (2, 10, 0.2)
    assert data.attention[0].site == "fazhi"  # a larger share ranks first, not a larger count


def test_reprints_group_into_one_story_with_first_publisher(seed_items: list[Entry]) -> None:
    data = build_report(inputs(seed_items))
    top = data.stories[0]
    assert top.articles == 2 and top.reprints == 1
    assert top.first.outlet == "中国法制新闻网"
    assert [s.article_id for s in top.spread] == [1, 2]
    assert any("connect" in note for note in data.notes)


def test_stories_from_connect_replace_the_stand_in(seed_items: list[Entry]) -> None:
    stories = (StoryInput("s9", (3, 2)), StoryInput("s1", (1,)))
    data = build_report(inputs(seed_items, stories=stories))
    assert data.stories[0].id == "s9"
    assert [s.article_id for s in data.stories[0].spread] == [2, 3]
    assert NOTE_GROUPED not in data.notes


def test_every_figure_cites_its_sentence(seed_items: list[Entry]) -> None:
    data = build_report(inputs(seed_items))
    assert data.figures
    by_id = {n: e for n, e in enumerate(seed_items, 1)}
    for row in data.figures:
        body = by_id[row.cite.article_id].article.body
        assert body[row.cite.start : row.cite.end] == row.cite.text
        assert row.amount in row.cite.text
    first = data.figures[0]
    assert (first.amount, first.change) == ("4321起", "同比下降6.2%")
    assert first.cite.article_id == 1  # the reprint's copy of the figure is not listed again
    assert sum(r.amount == "4321起" for r in data.figures) == 1


def test_places_by_province_and_prefecture(seed_items: list[Entry]) -> None:
    data = build_report(inputs(seed_items))
    assert data.provinces[0].name == "广西壮族自治区"
    assert data.provinces[0].count == 3
    assert data.prefectures[0].name == "广西壮族自治区柳州市"


def test_alterations_from_connect_are_cited(seed_items: list[Entry]) -> None:
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


def test_plan_scope_lists_matches_newest_first(seed_items: list[Entry]) -> None:
    found = inputs(seed_items[:2], scope="柳南公安")
    matched = tuple(replace(i, terms=("柳南",)) for i in found.items)
    data = build_report(replace(found, items=matched))
    assert data.title == "柳南公安舆情周报"
    assert [m.article_id for m in data.matches] == [2, 1]
    assert "围绕“柳南公安”" in data.summary


def test_to_dict_is_json_ready(seed_items: list[Entry]) -> None:
    import json

    data = build_report(inputs(seed_items))
    loaded = json.loads(json.dumps(data.to_dict(), ensure_ascii=False))
    assert loaded["totals"]["articles"] == 3
    assert len(loaded["citations"]) == len(data.figures)
    assert loaded["period"] == {"start": "2011-08-15", "end": "2011-08-21"}


def test_times_are_read_in_the_report_time_zone() -> None:
    late = datetime(2011, 8, 16, 0, 30, tzinfo=CST)  # 15 August in UTC, as the store keeps it
    first = entry(1, "深夜发布的消息", "柳州市图书馆举办读书节，共有市民3000余人参加。", 16)
    data = build_report(inputs([Entry(replace(first.article, published=late), "s")]))
    assert data.stories[0].first.published == late
    assert data.stories[0].first.published.utcoffset() == timedelta(hours=8)
    assert "（8月16日）" in data.summary
    assert [d.count for d in data.volume] == [0, 1, 0, 0, 0, 0, 0]


def test_alterations_past_the_cap_are_counted_not_listed(seed_items: list[Entry]) -> None:
    from huibao.report import ReportSettings

    alts = tuple(AlterationInput("s", 2, 1, "value", f"改动{n}") for n in range(5))
    data = build_report(inputs(seed_items, alterations=alts), ReportSettings(max_alterations=2))
    assert data.alterations is not None
    assert [a.description for a in data.alterations] == ["改动0", "改动1"]
    assert "另有3处转载改动未列出。" in data.notes
