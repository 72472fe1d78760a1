"""The crawl loop against the sample news network (real servers on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from huibao.discover.crawl import crawl_once, crawl_pass, dead_runs, watch_loop
from huibao.discover.crawl_settings import CrawlSettings
from huibao.discover.progress import JsonLog
from huibao.discover.settings import DiscoverSettings, FetchSettings
from huibao.discover.tally import CrawlSummary
from huibao.extract import extract
from huibao.project import Listing, Project, SourceSpec
from huibao.samplenet import Network, Outlet, serve
from huibao.store import Store

FAST = FetchSettings(
    host_delay_s=0.0,
    allowed_networks=("127.0.0.0/8",),
    deadline_s=5.0,
    max_retries=1,
    backoff_base_s=0.05,
    max_crawl_delay_s=0.1,  # gbkcms asks for Crawl-delay; honoured, but kept short here
)
OUTLETS = ("xinwen", "gbkcms", "portal", "county", "norobots", "blocked")


def spec_of(outlet: Outlet, **changes: object) -> SourceSpec:
    spec = SourceSpec(
        name=outlet.name,
        home=outlet.base_url + "/",
        feeds=outlet.feeds,
        sitemaps=outlet.sitemaps,
        listings=tuple(Listing(u) for u in outlet.listings),
    )
    return dataclasses.replace(spec, **changes)  # type: ignore[arg-type]


def project_of(net: Network, db: Path, names: tuple[str, ...] = OUTLETS, **kw: object) -> Project:
    sources = tuple(spec_of(net.outlets[n]) for n in names)
    return Project(sources=sources, store_url=str(db), fetch=FAST, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def net() -> Iterator[Network]:
    with serve() as running:
        yield running


@pytest.fixture(scope="module")
def crawled(
    net: Network, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Project, Store, CrawlSummary]]:
    db = tmp_path_factory.mktemp("crawl") / "huibao.db"
    project = project_of(net, db)
    with Store.open(db) as store:
        yield project, store, crawl_once(project, store)


def _stored_urls(store: Store) -> set[str]:
    urls = set()
    for stored in store.articles():
        urls.add(stored.url)
        urls.update(store.aliases(stored.id))
    return urls


def test_every_reachable_article_is_stored_once(
    net: Network, crawled: tuple[Project, Store, CrawlSummary]
) -> None:
    _, store, summary = crawled
    assert summary.status == "finished"
    expected = {a.url for n in OUTLETS for a in net.outlets[n].articles if a.reachable}
    stored = _stored_urls(store)
    assert expected <= stored
    assert stored <= {a.url for n in OUTLETS for a in net.outlets[n].articles}
    with store.reading() as conn:
        hashes = conn.execute(sa.text("SELECT body_hash FROM articles")).scalars().all()
    assert len(hashes) == len(set(hashes)) == store.count_articles()
    assert store.url_counts().get("fetching", 0) == 0


def test_identical_reprints_become_aliases(
    net: Network, crawled: tuple[Project, Store, CrawlSummary]
) -> None:
    _, store, summary = crawled
    reachable = [a for n in OUTLETS for a in net.outlets[n].articles if a.reachable]
    assert store.count_articles() < len(reachable)
    assert summary.new_articles == store.count_articles()
    assert sum(t.duplicates for t in summary.sources.values()) == (
        len(reachable) - store.count_articles()
    )


def test_multi_page_articles_are_stitched(
    net: Network, crawled: tuple[Project, Store, CrawlSummary]
) -> None:
    _, store, _ = crawled
    multi = [a for a in net.outlets["gbkcms"].articles if len(a.pages) > 1]
    assert multi
    for expected in multi:
        stored = store.find_article(expected.url)
        assert stored is not None
        if stored.url == expected.url:  # else an identical one-page reprint was stored first
            assert stored.article.next_pages == list(expected.pages[1:])
        last = httpx.get(expected.pages[-1])
        tail = extract(last.content, url=expected.pages[-1], headers=dict(last.headers))
        assert tail.paragraphs and tail.paragraphs[-1] in stored.article.paragraphs
        for page in expected.pages[1:]:
            assert store.find_article(page) is None  # never a separate article
            assert store.url_state(page) == "done"


def test_blocked_and_robots_protected_sources(
    net: Network, crawled: tuple[Project, Store, CrawlSummary]
) -> None:
    _, store, summary = crawled
    stats = {s.name: s for s in store.stats()}
    assert stats["blocked"].status == "blocked" and stats["blocked"].articles == 0
    assert summary.sources["blocked"].status == "blocked"
    assert stats["norobots"].status == "error" and stats["norobots"].articles == 0
    assert "robots_unavailable" in stats["norobots"].error_kinds
    assert net.outlets["norobots"].requests("/content_") == 0
    assert stats["xinwen"].status == "ok" and stats["xinwen"].errors == 0


def test_a_second_pass_finds_nothing_new(
    net: Network, crawled: tuple[Project, Store, CrawlSummary]
) -> None:
    project, store, first = crawled
    before = store.count_articles()
    article_requests = net.outlets["xinwen"].requests("/20")
    again = crawl_once(project, store, sources=["xinwen", "portal"])
    assert again.new_articles == 0 and store.count_articles() == before
    assert again.fetched < first.sources["xinwen"].fetched + first.sources["portal"].fetched
    assert net.outlets["xinwen"].requests("/20") == article_requests  # articles not refetched
    stats = {s.name: s for s in store.stats()}
    assert stats["xinwen"].new_articles == 0 and stats["gbkcms"].new_articles > 0


def test_url_cap_per_source(net: Network, tmp_path: Path) -> None:
    project = project_of(
        net, tmp_path / "c.db", ("xinwen",), discover=DiscoverSettings(max_urls_per_source=5)
    )
    with Store.open(tmp_path / "c.db") as store:
        summary = crawl_once(project, store)
        assert summary.sources["xinwen"].discovered <= 5
        assert sum(store.url_counts().values()) <= 5 + len(project.sources[0].entry_urls)


def test_fetch_and_store_only(net: Network, tmp_path: Path) -> None:
    project = project_of(net, tmp_path / "r.db", ("xinwen",), crawl=CrawlSettings(extract=False))
    with Store.open(tmp_path / "r.db") as store:
        summary = crawl_once(project, store)
        assert store.count_articles() == 0
        assert summary.fetched >= len(net.outlets["xinwen"].articles)
        bodies = [r.body for r in store.responses()]
        assert len(bodies) == summary.fetched and all(bodies)


def test_encoding_override_is_recorded(net: Network, tmp_path: Path) -> None:
    gbk = net.outlets["county"]
    project = Project(sources=(spec_of(gbk, encoding="gb18030"),), store_url="", fetch=FAST)
    with Store.open(tmp_path / "e.db") as store:
        crawl_once(project, store)
        found = list(store.articles())
        assert found
        assert {s.article.encoding_signal for s in found} == {"override"}
        seed = store.find_article(gbk.articles[0].url)
        assert seed is not None and seed.article.title == gbk.articles[0].title


def test_stop_releases_claims_and_a_rerun_finishes(net: Network, tmp_path: Path) -> None:
    project = project_of(net, tmp_path / "s.db", ("xinwen", "portal"))

    async def stopped_early(store: Store) -> CrawlSummary:
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(0.05, stop.set)
        return await crawl_pass(project, store, stop=stop)

    with Store.open(tmp_path / "s.db") as store:
        first = asyncio.run(stopped_early(store))
        assert first.status == "stopped"
        assert store.url_counts().get("fetching", 0) == 0
        assert store.runs()[0].status == "stopped"
        crawl_once(project, store)
        expected = {a.url for n in ("xinwen", "portal") for a in net.outlets[n].articles}
        assert expected <= _stored_urls(store)


def test_a_dead_runs_claims_are_taken_back(net: Network, tmp_path: Path) -> None:
    project = project_of(net, tmp_path / "d.db", ("portal",))
    with Store.open(tmp_path / "d.db") as store:
        sid = store.add_source("portal")
        store.enqueue(sid, [a.url for a in net.outlets["portal"].articles])
        ghost = store.start_run([sid])
        store.claim_batch(ghost, 10)
        with store.transaction() as conn:  # a process that no longer exists
            conn.execute(sa.text("UPDATE runs SET pid = 999999999 WHERE id = :id"), {"id": ghost})
        assert dead_runs(store, store.runs()[0].started_at) == [ghost]
        crawl_once(project, store)
        assert store.runs()[0].status == "aborted"
        assert {a.url for a in net.outlets["portal"].articles} <= _stored_urls(store)


def test_json_log_lines(net: Network, tmp_path: Path) -> None:
    project = project_of(net, tmp_path / "j.db", ("county", "blocked"))
    out = io.StringIO()
    with Store.open(tmp_path / "j.db") as store:
        crawl_once(project, store, reporter=JsonLog(out))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    events = {r["event"] for r in records}
    assert {"article", "blocked", "summary"} <= events
    summary = records[-1]
    assert summary["event"] == "summary" and summary["sources"]["county"]["new"] == 1


def test_watch_crawls_what_is_due_and_stops_on_request(net: Network, tmp_path: Path) -> None:
    project = project_of(net, tmp_path / "w.db", ("county",))

    async def watch_briefly(store: Store) -> list[CrawlSummary]:
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(1.5, stop.set)
        return await watch_loop(project, store, stop)

    with Store.open(tmp_path / "w.db") as store:
        summaries = asyncio.run(watch_briefly(store))
        assert [s.new_articles for s in summaries] == [1]  # the hourly source is not due again
        assert store.runs()[-1].status == "finished"


def test_a_failing_store_ends_the_pass_instead_of_hanging(
    net: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_of(net, tmp_path / "f.db", ("xinwen",))
    with Store.open(tmp_path / "f.db") as store:

        def broken(*args: object, **kwargs: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(store, "complete", broken)
        with pytest.raises(OSError, match="disk full"):
            crawl_once(project, store)
        monkeypatch.undo()
        assert [r.status for r in store.runs()] == ["failed"]
        assert "fetching" not in store.url_counts()


@pytest.mark.parametrize("trap", ["endless_pages", "calendar", "repeating_path"])
def test_listing_traps_stop_early(net: Network, tmp_path: Path, trap: str) -> None:
    faults = net.outlets["faults"]
    spec = SourceSpec(
        name="trap", home=faults.base_url + "/", listings=(Listing(faults.endpoints[trap]),)
    )
    project = Project(sources=(spec,), store_url="", fetch=FAST)
    with Store.open(tmp_path / "t.db") as store:
        summary = crawl_once(project, store)
    barren = DiscoverSettings().max_barren_listings
    assert summary.fetched <= barren + 1, summary.to_dict()
    assert summary.new_articles == 0


def test_a_second_pass_asks_conditionally(net: Network, tmp_path: Path) -> None:
    faults = net.outlets["faults"]
    page = faults.endpoints["conditional"]
    spec = SourceSpec(name="cond", home=faults.base_url + "/", listings=(Listing(page),))
    project = Project(sources=(spec,), store_url="", fetch=FAST)
    with Store.open(tmp_path / "c.db") as store:
        first = crawl_once(project, store)
        second = crawl_once(project, store)
        responses = len(list(store.responses()))
    assert first.sources["cond"].not_modified == 0
    assert second.sources["cond"].not_modified == 1
    assert responses == 1  # the 304 kept no body
