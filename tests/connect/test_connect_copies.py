"""Identical copies at other URLs (store aliases) in lineage, and alterations kept in the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from click.testing import CliRunner

from huibao.cli import main
from huibao.connect.views import group_view
from huibao.model import Article
from huibao.store import Store
from huibao.store.reprints import (
    basis,
    connect_alterations,
    connect_groups,
    fresh_view,
    members,
    stored_view,
)
from huibao.store.stories import Connector, list_stories, show_story

from .conftest import Story

CST = timezone(timedelta(hours=8))


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2022, 9, day, hour, tzinfo=CST)


def _copy(story: Story, n: int, day: int, source: str = "", title: str = "") -> Article:
    return Article(
        url=f"https://site{n}.example.cn/{n}.html",
        title=title or story.title,
        published=_at(day),
        body=story.body,
        paragraphs=story.paragraphs,
        source=source,
    )


def _changed(story: Story) -> Story:
    """The story with its first number changed (a reprint that altered a figure)."""
    text = story.body
    at = next(i for i, ch in enumerate(text) if ch.isdigit())
    digit = "1" if text[at] != "1" else "2"
    body = text[:at] + digit + text[at + 1 :]
    return Story(story.title, body.split("\n"))


def _numbered(stories: list[Story]) -> Story:
    return next(s for s in stories if any(ch.isdigit() for ch in s.body) and len(s.body) > 200)


def test_an_earlier_identical_copy_is_the_original_with_its_own_date(
    store: Store, stories: list[Story]
) -> None:
    story = _numbered(stories)
    first = store.save(_copy(story, 1, 24), source="甲网")
    mirror = store.save(_copy(story, 2, 23, title="新标题：" + story.title), source="乙网")
    again = store.save(_copy(story, 2, 23, title="新标题：" + story.title), source="乙网")
    assert mirror.outcome == "alias" and mirror.article_id == first.article_id
    assert again.outcome == "unchanged" and len(store.aliases(first.article_id)) == 1
    placement = Connector(store).ingest(first.article_id)
    view = show_story(store, placement.story_id)
    assert view is not None and view.summary.articles == 2
    assert view.summary.first_published == _at(23)
    assert view.summary.outlets == ("乙网", "甲网")
    (group,) = view.groups
    line = group.lineage
    assert (line.reason, line.original_alias) == ("earliest date", 1)
    (copy,) = line.reprints
    assert copy.ref == (first.article_id, None) and copy.delay == timedelta(days=1)
    changes = group.alterations_of(copy.ref)
    assert changes is not None and changes.original_alias_id == 1
    assert changes.title_changed and not changes.figures and not changes.paragraphs_dropped


def test_laiyuan_and_no_attribution_rules_apply_to_identical_copies(
    store: Store, stories: list[Story]
) -> None:
    story = _numbered(stories)
    # the copy dated first names the other outlet in its 来源 line: that outlet is original
    first = store.save(_copy(story, 1, 23, source="中国法制新闻网"), source="柳州网")
    store.save(_copy(story, 2, 24), source="中国法制新闻网")
    store.save(_copy(story, 3, 24, source="人民网"), source="县区网")
    view = show_story(store, Connector(store).ingest(first.article_id).story_id)
    assert view is not None
    (group,) = view.groups
    outlets = {m.ref: m.outlet for m in group.members}
    assert group.lineage.reason == "named by 来源"
    assert outlets[group.lineage.original_ref] == "中国法制新闻网"
    assert group.lineage.attributed_to == ("人民网",)


def test_same_date_prefers_the_copy_without_attribution(store: Store, stories: list[Story]) -> None:
    story = _numbered(stories)
    first = store.save(_copy(story, 1, 23, source="新华社"), source="甲网")
    store.save(_copy(story, 2, 23), source="乙网")
    view = show_story(store, Connector(store).ingest(first.article_id).story_id)
    assert view is not None
    (group,) = view.groups
    assert group.lineage.original_alias is not None
    assert {m.outlet for m in group.members if m.ref == group.lineage.original_ref} == {"乙网"}


def _stored(store: Store) -> tuple[list[Any], list[Any]]:
    with store.reading() as conn:
        groups = list(conn.execute(sa.select(connect_groups)))
        alts = list(conn.execute(sa.select(connect_alterations)))
    return groups, alts


def test_alterations_are_stored_at_ingest_and_recomputed_when_the_original_changes(
    store: Store, stories: list[Story]
) -> None:
    story = _numbered(stories)
    connector = Connector(store)
    a = connector.ingest(store.save_article(_copy(story, 1, 24), source="甲网"))
    b = connector.ingest(store.save_article(_copy(_changed(story), 2, 25), source="乙网"))
    assert b.group_id == a.group_id
    groups, alts = _stored(store)
    (row,) = [g for g in groups if g.group_id == a.group_id]
    assert row.original_article_id == a.article_id
    (alt,) = alts
    assert (alt.article_id, alt.original_article_id) == (b.article_id, a.article_id)
    assert alt.changed and any(f["kind"] in {"value", "number"} for f in alt.data["figures"])
    # an earlier copy arrives: it becomes the original and every alteration is recomputed
    c = connector.ingest(store.save_article(_copy(_changed(story), 3, 23), source="丙网"))
    groups, alts = _stored(store)
    (row,) = [g for g in groups if g.group_id == a.group_id]
    assert row.original_article_id == c.article_id
    by_article = {r.article_id: r for r in alts}
    assert set(by_article) == {a.article_id, b.article_id}
    assert {r.original_article_id for r in alts} == {c.article_id}
    assert by_article[a.article_id].changed and not by_article[b.article_id].changed
    # what story show reads is the stored view, and it equals a fresh computation
    view = show_story(store, a.story_id)
    assert view is not None
    (group,) = view.groups
    with store.reading() as conn:
        found, stamps = members(conn, [a.article_id, b.article_id, c.article_id])
        assert stored_view(conn, group.id, basis(stamps)) == group
    assert fresh_view(store, group.id, found) == group


def test_an_alias_stored_later_joins_the_group_and_diverging_leaves_it(
    store: Store, stories: list[Story]
) -> None:
    story = _numbered(stories)
    connector = Connector(store)
    first = connector.ingest(store.save_article(_copy(story, 1, 24), source="甲网"))
    store.save(_copy(story, 2, 25), source="乙网")  # an alias, while nobody places
    view = show_story(store, first.story_id)  # computed afresh: the stored view is stale
    assert view is not None and len(view.groups[0].members) == 2
    other = stories[0] if stories[0] is not story else stories[1]
    connector.ingest(store.save_article(_copy(other, 3, 24), source="丙网"))
    groups, alts = _stored(store)  # the next ingest stored the alias's lineage
    (row,) = [g for g in groups if g.group_id == first.group_id]
    assert len(row.members) == 2 and [r.alias_id for r in alts] == [1]
    assert list_stories(store, min_articles=2)[0].outlets == ("甲网", "乙网")
    # the mirror now serves another text: it is an article of its own, no longer a copy
    store.save(_copy(other, 2, 25), source="乙网")
    view = show_story(store, first.story_id)
    assert view is not None and len(view.groups[0].members) == 1
    assert Connector(store).refresh() >= 1
    groups, alts = _stored(store)
    (row,) = [g for g in groups if g.group_id == first.group_id]
    assert len(row.members) == 1 and not [r for r in alts if r.group_id == first.group_id]


def test_story_show_lists_identical_copies_with_their_delay(
    tmp_path: Path, stories: list[Story]
) -> None:
    path = tmp_path / "h.db"
    story = _numbered(stories)
    with Store.open(path) as store:
        store.save_article(_copy(story, 1, 23), source="甲网")
        store.save_article(_copy(story, 2, 25, title="转：" + story.title), source="乙网")
    runner = CliRunner()
    assert runner.invoke(main, ["story", "update", "--store", str(path)]).exit_code == 0
    shown = runner.invoke(main, ["story", "show", "1", "--store", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "reprint #1~1 乙网 +2.0 d" in shown.output
    assert "same text as #1 at https://site2.example.cn/2.html" in shown.output
    assert f"title: {story.title} -> 转：{story.title}" in shown.output


def test_group_view_of_pure_members_matches_lineage_order(stories: list[Story]) -> None:
    from huibao.connect import Member
    from huibao.enrich import Enrichment

    story = _numbered(stories)
    base = _copy(story, 1, 24)
    facts = Enrichment()
    items = [
        (Member(1, "甲网", _at(24), "", _at(26), base.title, base.url), base, facts),
        (
            Member(1, "乙网", _at(22), "", _at(26), "别题", "https://b.cn/1", 7),
            replace(base, title="别题", url="https://b.cn/1", published=_at(22)),
            facts,
        ),
    ]
    view = group_view(5, items)
    assert view.lineage.original_ref == (1, 7)
    (alt,) = view.alterations
    assert (alt.article_id, alt.alias_id, alt.original_alias_id) == (1, None, 7)
    assert (alt.title_before, alt.title_after) == ("别题", base.title)
