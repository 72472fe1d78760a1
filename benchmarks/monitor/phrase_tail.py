"""The slowest phrase searches of `bench_search.py`, with their candidate counts.

    .venv/bin/python benchmarks/monitor/phrase_tail.py /tmp/huibao-bench-100k.db

Runs the same 100 phrase queries as `bench_search.py` (same seed) and prints p50/p95 and, for
the eight slowest, the total, how many candidates the index gave (`COUNT(*)` of the FTS5
expression, and its time) and the FTS5 expression itself.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_search import queries

from huibao.monitor.fts import fts_expression
from huibao.monitor.match import Matcher
from huibao.monitor.plan import Plan
from huibao.monitor.search import Searcher
from huibao.store import Store
from huibao.store import search as index


def main() -> None:
    rng = random.Random(11)
    with Store.open(sys.argv[1]) as store:
        searcher = Searcher(store)
        stored = [s.article.body for s in store.articles(limit=3000)]
        paragraphs = [p for body in stored for p in body.split("\n") if len(p) > 20]
        rows = []
        for query in queries(["会议"], paragraphs, rng)["phrase"]:
            started = time.perf_counter()
            result = searcher.search(query, limit=20)
            took = time.perf_counter() - started
            matcher = Matcher([Plan("q", query=query)], folder=searcher.matcher.folder)
            fts = fts_expression(matcher.plans[0][1], matcher.folder)
            with store.reading() as conn:
                started = time.perf_counter()
                count = index.count_candidates(conn, fts, index.Filters())
                counting = time.perf_counter() - started
            rows.append((took, query, result.total, count, counting, fts))
    rows.sort()
    times = [r[0] * 1000 for r in rows]
    p95 = statistics.quantiles(times, n=20)[18]
    print(f"p50 {statistics.median(times):.0f} ms  p95 {p95:.0f} ms")
    for took, query, total, count, counting, fts in rows[-8:]:
        print(f"{took * 1000:6.0f} ms {query} total={total} candidates={count} "
              f"count={counting * 1000:.0f} ms | {fts}")  # fmt: skip


if __name__ == "__main__":
    main()
