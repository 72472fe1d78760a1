"""A synthetic corpus for report benchmarks: the sample network's articles, copied N times.

Each copy keeps its template's text (plus a line that makes its body unique, after every
cited span) and its template's enrichment, gets its own URL, one of `SITES` crawl sources,
and a publication time spread over the benchmark week (2011-08-15..21).
"""

from __future__ import annotations

import dataclasses
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from huibao.model import Article
from huibao.store import Store
from huibao.store import articles as arts

CST = timezone(timedelta(hours=8))
WEEK_START = datetime(2011, 8, 15, tzinfo=CST)  # the benchmark week: 2011-08-15..21
SITES = 20


def templates(sample_db: Path) -> list[tuple[Article, dict[str, object]]]:
    with Store.open(sample_db) as store:
        return [
            (s.article, store.get_enrichment(s.id) or {})
            for s in store.articles()
            if s.article.body
        ]


def build(db: Path, sample_db: Path, n: int, batch: int = 2_000) -> float:
    """Write `n` articles (with enrichments) into `db`; seconds taken."""
    started = time.perf_counter()
    pairs = templates(sample_db)
    span = timedelta(days=7).total_seconds()
    with Store.open(db) as store:
        site_ids = [store.add_source(f"site{k:02d}") for k in range(SITES)]
        for first in range(0, n, batch):
            with store.transaction() as conn:
                now = datetime.now(CST)
                for i in range(first, min(n, first + batch)):
                    article, facts = pairs[i % len(pairs)]
                    url = f"https://site{i % SITES:02d}.example.cn/a/{i}.html"
                    when = WEEK_START + timedelta(seconds=span * i / n)
                    copy = dataclasses.replace(
                        article, url=url, published=when, body=article.body + f"\n（编号{i}）"
                    )
                    source_id = site_ids[i % SITES]
                    where = arts.Placement(url, source_id, None, None, None)
                    saved = arts.save(conn, copy, where, now)
                    arts.set_enrichment(conn, saved.article_id, facts, now)
    return time.perf_counter() - started


if __name__ == "__main__":
    target, sample, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    seconds = build(target, sample, count)
    print(f"built {count} articles in {seconds:.1f} s")
