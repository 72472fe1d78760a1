from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from huibao.cli import main
from huibao.connect import ingest
from huibao.errors import HuibaoError
from huibao.model import Article
from huibao.store import Store
from huibao.store.stories import Connector, list_stories, show_story, story_of

from .conftest import Labelled, Story


def _save_all(store: Store, sample: list[Labelled]) -> dict[int, Labelled]:
    saved = {}
    for item in sample:
        saved[store.save_article(item.article, source=item.outlet)] = item
    return saved


@pytest.mark.slow
def test_sample_network_reprints_form_groups_with_lineage_and_alterations(
    store: Store, sample_articles: list[Labelled]
) -> None:
    saved = _save_all(store, sample_articles)
    connector = Connector(store)
    placements = {i: connector.ingest(i) for i in saved}
    seed = {placements[i].group_id for i, s in saved.items() if s.expected.story == "seed"}
    assert len(seed) == 1
    by_group = defaultdict(set)
    for i, p in placements.items():
        by_group[p.group_id].add(saved[i].expected.story)
    # every group holds one labelled text (gne-thepaper-2 and -4 are one real article)
    assert all(
        len(labels) == 1 or labels == {"gne-thepaper-2.html", "gne-thepaper-4.html"}
        for labels in by_group.values()
    )
    story = story_of(store, next(i for i, s in saved.items() if s.outlet == "county"))
    assert story is not None
    view = show_story(store, story)
    assert view is not None and view.summary.articles == 3
    (group,) = [g for g in view.groups if len(g.members) == 3]
    outlets = {m.ref: m.outlet for m in group.members}
    assert outlets[group.lineage.original_ref] == "gbkcms"
    assert group.lineage.attributed_to == ("中国法制新闻网",)
    # the portal's copy has exactly the original's body: the store keeps it as an alias URL
    # with its own outlet, title and date, and lineage dates it like any reprint
    (portal,) = [m for m in group.members if m.alias_id is not None]
    assert portal.outlet == "portal" and portal.article_id == group.lineage.original
    copies = {outlets[c.ref]: c for c in group.lineage.reprints}
    assert set(copies) == {"county", "portal"}
    assert copies["county"].delay is not None and copies["county"].delay.days == 2
    assert copies["portal"].delay is not None and 0 < copies["portal"].delay.days < 2
    county = group.alterations_of(copies["county"].ref)
    assert county is not None and county.alias_id is None
    assert county.paragraphs_dropped and county.figures and not county.title_changed
    headline = group.alterations_of(portal.ref)
    assert headline is not None and headline.title_changed and not headline.figures
    assert not headline.paragraphs_dropped and headline.alias_id == portal.alias_id


def _article(n: int, story: Story, source: str = "") -> Article:
    return Article(
        url=f"https://news.example.cn/{n}.html",
        title=story.title,
        body=story.body,
        paragraphs=story.paragraphs,
        source=source,
    )


def test_connector_state_survives_reopening_and_merges_resolve(
    store: Store, stories: list[Story]
) -> None:
    a, b = stories[3], stories[4]
    first = ingest(store, store.save_article(_article(1, a)))
    second = ingest(store, store.save_article(_article(2, b)))
    again = Connector(store)  # a fresh process: loads the stored index
    joined = Story("合编", a.paragraphs + b.paragraphs)
    bridge = again.ingest(store.save_article(_article(3, joined)))
    assert bridge.merged_stories == (second.story_id,)
    view = show_story(store, second.story_id)  # the merged id still resolves
    assert view is not None and view.summary.id == first.story_id
    assert view.summary.articles == 3 and len(view.groups) == 1
    assert [s.id for s in list_stories(store)] == [first.story_id]
    other = Connector(store)
    edited = Story(a.title, [*a.paragraphs, "责任编辑：李四"])
    fourth = store.save_article(_article(4, edited))
    assert other.ingest(fourth).story_id == first.story_id
    assert again.ingest_pending() == 0  # learnt from the other connector's entry
    assert again.ingest(fourth).group_id == bridge.group_id


def test_unknown_article_and_story(store: Store) -> None:
    with pytest.raises(HuibaoError):
        ingest(store, 12345)
    assert show_story(store, 7) is None and story_of(store, 1) is None


def test_story_commands(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "h.db"
    with Store.open(path) as store:
        for n, story in enumerate(stories[:3]):
            store.save_article(_article(n, story), source="央视网")
        copy = Story(stories[0].title, [*stories[0].paragraphs, "责任编辑：王五"])
        store.save_article(_article(9, copy, source="央视网"), source="转载网")
    runner = CliRunner()
    result = runner.invoke(main, ["story", "update", "--store", str(path)])
    assert result.exit_code == 0 and "placed 4" in result.output
    result = runner.invoke(main, ["story", "list", "--store", str(path), "--format", "json"])
    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert sorted(s["articles"] for s in listed) == [1, 1, 2]
    big = next(s for s in listed if s["articles"] == 2)
    assert big["outlets"] == ["央视网", "转载网"]
    shown = runner.invoke(main, ["story", "show", str(big["id"]), "--store", str(path)])
    assert shown.exit_code == 0 and "named by 来源" in shown.output and "unchanged" in shown.output
    missing = runner.invoke(main, ["story", "show", "999", "--store", str(path)])
    assert missing.exit_code != 0 and "no story 999" in missing.output


def test_signatures_made_with_other_settings_are_refused(
    store: Store, stories: list[Story]
) -> None:
    from huibao.connect import ConnectSettings

    ingest(store, store.save_article(_article(1, stories[0])))
    with pytest.raises(HuibaoError, match="MinHash values"):
        Connector(store, ConnectSettings(num_perm=64))
