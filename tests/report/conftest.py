"""Fixtures for report tests: a store crawled from the sample news network and enriched."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from huibao.discover.crawl import crawl_once
from huibao.discover.settings import FetchSettings
from huibao.enrich import enrich
from huibao.model import Article
from huibao.project import Listing, Project, SourceSpec
from huibao.report import ReportInputs, ReportRequest, make_report, parse_period
from huibao.report.gather import gather
from huibao.report.model import Period, ReportData
from huibao.samplenet import Outlet, serve
from huibao.store import Store

OUTLETS = ("xinwen", "gbkcms", "portal", "county")
FAST = FetchSettings(
    host_delay_s=0.0,
    allowed_networks=("127.0.0.0/8",),
    deadline_s=5.0,
    max_retries=1,
    backoff_base_s=0.05,
    max_crawl_delay_s=0.1,
)
# The week the seed report (a police bureau's work report) was published and reprinted.
SEED_WEEK = "2011-08-22..2011-08-28"
NOW = datetime(2011, 8, 29, 1, 0, tzinfo=UTC)


def _spec(outlet: Outlet) -> SourceSpec:
    return SourceSpec(
        name=outlet.name,
        home=outlet.base_url + "/",
        feeds=outlet.feeds,
        sitemaps=outlet.sitemaps,
        listings=tuple(Listing(u) for u in outlet.listings),
    )


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the crawled sample network, every article enriched."""
    db = tmp_path_factory.mktemp("report") / "huibao.db"
    with serve() as net, Store.open(db) as store:
        sources = tuple(_spec(net.outlets[name]) for name in OUTLETS)
        crawl_once(Project(sources=sources, store_url=str(db), fetch=FAST), store)
        for stored in store.articles():
            store.set_enrichment(stored.id, enrich(stored.article).to_dict())
    return db


@pytest.fixture
def sample_store(sample_db: Path) -> Iterator[Store]:
    with Store.open(sample_db) as store:
        yield store


@pytest.fixture(scope="session")
def seed_report(sample_db: Path) -> ReportData:
    """The weekly report of the seed week over the whole sample network."""
    with Store.open(sample_db) as store:
        return make_report(store, ReportRequest("weekly", parse_period(SEED_WEEK)), NOW)


@dataclass(frozen=True)
class Entry:
    """An article to store for a test, with its crawl source and (default: enrich's) facts."""

    article: Article
    site: str = "s"
    facts: Mapping[str, Any] | None = None


def gathered(entries: Sequence[Entry], period: Period, now: datetime, **kw: Any) -> ReportInputs:
    """The inputs of a weekly report of `period` over a fresh in-memory store holding
    `entries` (ids 1, 2, ... in order); `kw` goes to `gather` (stories, alterations)."""
    with Store.open("sqlite://") as store:
        for e in entries:
            facts = e.facts if e.facts is not None else enrich(e.article).to_dict()
            store.save_article(e.article, source=e.site, enrichment=facts)
        return gather(store, ReportRequest("weekly", period), now, **kw)
