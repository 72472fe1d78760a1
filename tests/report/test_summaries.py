"""The store's lean report queries (`huibao.store.summaries`): lines, places, figures, counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from huibao.enrich.model import Change, Enrichment, Figure, Period, Place
from huibao.model import Article
from huibao.store import Store
from huibao.store.stories import connect_entries, connect_stories
from huibao.store.summaries import Scope

CST = timezone(timedelta(hours=8))
WEEK = Scope(datetime(2011, 8, 15, tzinfo=CST), datetime(2011, 8, 22, tzinfo=CST))
BODY = "柳州市柳南区今年接报警4321起，同比下降6.2%。鹿寨县、南宁市青秀区也有报道。" * 3
LIUNAN = Place("柳南区", (3, 6), "450204", "district", ("广西壮族自治区", "柳州市", "柳南区"))
LUZHAI = Place("鹿寨县", (25, 28), "450223", "county", ("广西壮族自治区", "柳州市", "鹿寨县"))
QINGXIU = Place("青秀区", (31, 34), "450103", "district", ("广西壮族自治区", "南宁市", "青秀区"))
AMBIGUOUS = Place("城关区", (0, 3), None, "district", (), ("540102", "620102"))


def figure(change: float | None, period: bool = False) -> Figure:
    stated = Change("同比", "down", (18, 25), percent=change) if change is not None else None
    when = Period("今年", (6, 8), date(2011, 1, 1), None) if period else None
    return Figure(4321.0, "起", "接报警", "4321起", (11, 16), (0, 26), period=when, change=stated)


def save(store: Store, n: int, day: int | None, facts: Enrichment, site: str = "s") -> int:
    when = datetime(2011, 8, day, 9, tzinfo=CST) if day else None
    article = Article(
        url=f"https://{site}.example.cn/{n}.html",
        title=f"标题{n}",
        published=when,
        source="柳州日报",
        channel=["首页", "要闻"],
        body=BODY + str(n),  # each body its own: identical ones are stored as aliases
    )
    return store.save_article(article, source=site, enrichment=facts.to_dict())


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open("sqlite://") as opened:
        yield opened


def test_lines_carry_no_body_but_its_opening(store: Store) -> None:
    first = save(store, 1, 16, Enrichment())
    save(store, 2, 23, Enrichment())  # the next week
    with store.summaries() as q:
        (line,) = q.article_lines(WEEK, opening=10)
    assert line.id == first and line.title == "标题1" and line.site == "s"
    assert line.opening == BODY[:10]
    assert line.channel == ("首页", "要闻")
    assert line.published == datetime(2011, 8, 16, 1, tzinfo=UTC)
    assert line.story_id is None


def test_lines_give_the_story_an_article_was_merged_into(store: Store) -> None:
    article = save(store, 1, 16, Enrichment())
    now = datetime.now(UTC)
    with store.transaction() as conn:
        for story, merged in ((7, 9), (9, None)):
            conn.execute(
                connect_stories.insert().values(
                    id=story, merged_into=merged, outlets=[], updated_at=now
                )
            )
        conn.execute(
            connect_entries.insert().values(
                article_id=article, group_id=1, story_id=7, how="new", signature=b"",
                shingles=0, digest="", features={}, placed_at=now,
            )
        )  # fmt: skip
    with store.summaries() as q:
        assert q.article_lines(WEEK)[0].story_id == 9


def test_places_count_each_article_once_per_division(store: Store) -> None:
    both = save(store, 1, 16, Enrichment(places=(LIUNAN, LUZHAI, LIUNAN, AMBIGUOUS)))
    other = save(store, 2, 17, Enrichment(places=(QINGXIU,)))
    save(store, 3, 25, Enrichment(places=(QINGXIU,)))  # outside the week
    with store.summaries() as q:
        counts = {(p.code, p.province, p.prefecture): p.articles for p in q.place_counts(WEEK)}
        narrowed = q.place_counts(Scope(WEEK.since, WEEK.until, [other]))
    assert counts == {
        ("45", "广西壮族自治区", ""): 2,
        ("45", "广西壮族自治区", "柳州市"): 1,
        ("45", "广西壮族自治区", "南宁市"): 1,
    }
    assert {(p.prefecture, p.articles) for p in narrowed} == {("", 1), ("南宁市", 1)}
    assert both != other


def test_a_figure_is_listed_once_from_its_first_mention(store: Store) -> None:
    later = save(store, 1, 18, Enrichment(figures=(figure(-6.2), figure(None))))
    first = save(store, 2, 16, Enrichment(figures=(figure(-6.2, period=True),)))
    undated = save(store, 3, None, Enrichment(figures=(figure(-5.0),)))
    save(store, 4, 17, Enrichment(figures=(figure(-7.0),)), site="t")
    in_week = Scope(WEEK.since, WEEK.until)
    with store.summaries() as q:
        mentions = q.figure_mentions(in_week)
        narrowed = q.figure_mentions(Scope(WEEK.since, WEEK.until, [later]))
    changes = [(m.article_id, (m.change or {}).get("percent")) for m in mentions]
    assert changes == [(first, -6.2), (4, -7.0), (later, None)]
    assert mentions[0].has_period and mentions[0].index == 0
    assert mentions[2].index == 1 and mentions[2].change is None
    assert [(m.article_id, m.index) for m in narrowed] == [(later, 0), (later, 1)]
    assert undated not in {m.article_id for m in mentions}  # no date: not in any period


def test_counts_per_source_and_match_texts(store: Store) -> None:
    one = save(store, 1, 16, Enrichment(places=(LIUNAN,)), site="a")
    save(store, 2, 16, Enrichment(), site="b")
    save(store, 3, 17, Enrichment(), site="b")
    with store.summaries() as q:
        assert q.source_counts(WEEK) == {"a": 1, "b": 2}
        assert q.count_published(WEEK) == 3
        texts = q.match_texts([one, 999])
    assert list(texts) == [one]
    assert texts[one].body == BODY + "1"
    assert texts[one].places[0]["code"] == "450204" and texts[one].organisations == ()


def test_queries_side_by_side_read_what_one_snapshot_reads(sample_store: Store) -> None:
    from huibao.report import ReportRequest, ReportSettings, make_report, parse_period

    from .conftest import NOW, SEED_WEEK

    request = ReportRequest("weekly", parse_period(SEED_WEEK))
    one = make_report(sample_store, request, NOW, ReportSettings(query_threads=1))
    three = make_report(sample_store, request, NOW, ReportSettings(query_threads=3))
    assert one == three and one.totals.articles > 0 and one.regions
