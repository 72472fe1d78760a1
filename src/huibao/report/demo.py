"""The report stage of `make demo`: the sample network's weekly report in every format.

`demo_report(store, out)` writes the report of the store's busiest week (the week with the
most stored articles); `python -m huibao.report.demo [OUT]` first crawls the sample news
network into OUT/demo.db and enriches it, for a demo that has no store of its own yet.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from huibao.report.api import FORMATS, make_report, write_report
from huibao.report.gather import ReportRequest
from huibao.report.model import Period
from huibao.report.settings import ReportSettings
from huibao.store import Store

SAMPLE_OUTLETS = ("xinwen", "gbkcms", "portal", "county")


def busiest_week(store: Store, zone: str) -> Period:
    """The Monday..Sunday week in which the most stored articles were published."""
    tz = ZoneInfo(zone)
    weeks: Counter[date] = Counter()
    for stored in store.articles():
        if stored.article.published:
            day = stored.article.published.astimezone(tz).date()
            weeks[day - timedelta(days=day.weekday())] += 1
    monday = max(weeks, key=lambda w: (weeks[w], w)) if weeks else date.today()
    return Period(monday, monday + timedelta(days=6))


def demo_report(
    store: Store, out: Path, period: Period | None = None, settings: ReportSettings | None = None
) -> dict[str, Path]:
    """Write the weekly report of `period` (default: the busiest week) in every format."""
    s = settings or ReportSettings()
    week = period or busiest_week(store, s.timezone)
    now = datetime.now(UTC)
    data = make_report(store, ReportRequest("weekly", week), now, s)
    return write_report(data, FORMATS, out, s)


def crawl_sample(db: Path, enrich_too: bool = True) -> None:
    """Crawl the sample news network into `db` (and enrich every article)."""
    from huibao.discover.crawl import crawl_once
    from huibao.discover.progress import Silent
    from huibao.discover.settings import FetchSettings
    from huibao.enrich import enrich
    from huibao.project import Listing, Project, SourceSpec
    from huibao.samplenet import serve

    fetch = FetchSettings(  # the sample network is local: no politeness delays needed
        host_delay_s=0.0, allowed_networks=("127.0.0.0/8",), max_crawl_delay_s=0.1
    )
    with serve() as net, Store.open(db) as store:
        sources = tuple(
            SourceSpec(o.name, o.base_url + "/", o.feeds, o.sitemaps,
                       tuple(Listing(u) for u in o.listings))
            for o in (net.outlets[name] for name in SAMPLE_OUTLETS)
        )  # fmt: skip
        crawl_once(
            Project(sources=sources, store_url=str(db), fetch=fetch), store, reporter=Silent()
        )
        for stored in store.articles() if enrich_too else ():
            store.set_enrichment(stored.id, enrich(stored.article).to_dict())


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["out"])[0]) / "report"
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    db.unlink(missing_ok=True)
    crawl_sample(db)
    with Store.open(db) as store:
        written = demo_report(store, out)
    for path in written.values():
        print(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
