"""Search latency over a store of N generated articles (default 100,000).

    .venv/bin/python benchmarks/monitor/bench_search.py --articles 100000 --db /tmp/s100k.db

How the articles are generated: each is built from the real 新闻联播 transcripts
(`corpus.stories`): a real story's title, and a body of 3-8 real paragraphs drawn at random
from the whole corpus (so word and character frequencies are real), a source drawn from 12
outlet names, a publication time spread over 2022-2026, and 1-3 places drawn from the
real county list (admin-divisions areas.csv) stored as the enrich stage's record. The
store is built through `Store.save_article` and indexed through `Searcher.index_pending`,
the same path ingest takes. Reusing an existing --db skips the build.

A store of 1,000,000 is built much faster by `bulk_store.py` (same articles, bulk rows);
this script then finds it complete and only measures.

Queries: one-term (a random 2-3 character word of the corpus), two-term (two of them),
phrase (a random 4-6 character piece of a stored paragraph that starts and ends on a
Chinese character, quoted; about half contain punctuation), place filter
(`place:<province code> <term>`). Latency is for the first page (20 hits) including the
exact check of up to `search_scan` candidates, facets and the total.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import DIVISIONS, stories, vocabulary

from huibao.model import Article
from huibao.monitor.render import quote
from huibao.monitor.search import Searcher
from huibao.store import Store

SOURCES = ["新华社", "人民日报", "央视网", "中国新闻网", "光明日报", "经济日报", "广西日报",
           "柳州日报", "南方日报", "澎湃新闻", "新京报", "中国青年报"]  # fmt: skip


def counties() -> list[tuple[str, str]]:
    with open(DIVISIONS / "areas.csv", encoding="utf-8") as handle:
        return [(row["code"], row["name"]) for row in csv.DictReader(handle)]


def build(store: Store, count: int, rng: random.Random) -> None:
    docs = list(stories())
    paragraphs = [p for d in docs for p in d.body.split("\n") if len(p) > 20]
    places = counties()
    start = datetime(2022, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    for i in range(count):
        body = "\n".join(rng.sample(paragraphs, rng.randint(3, 8)))
        article = Article(
            url=f"https://bench.example.cn/{i}.html",
            title=rng.choice(docs).title,
            body=body,
            source=rng.choice(SOURCES),
            published=start + timedelta(minutes=rng.randrange(4 * 365 * 24 * 60)),
        )
        chosen = rng.sample(places, rng.randint(1, 3))
        record = {"places": [{"text": n, "code": c} for c, n in chosen]}
        store.save_article(article, source="bench", enrichment=record)
        if i % 10_000 == 9_999:
            print(f"  stored {i + 1} ({time.perf_counter() - started:.0f} s)", flush=True)


def queries(words: list[str], paragraphs: list[str], rng: random.Random) -> dict[str, list[str]]:
    def phrase() -> str:
        while True:  # a piece that starts and ends on a Chinese character
            text = rng.choice(paragraphs)
            size = rng.randint(4, 6)
            at = rng.randrange(len(text) - size)
            piece = text[at : at + size]
            if not piece[0].isascii() and not piece[-1].isascii():
                return quote(piece)

    provinces = [str(c) for c in range(11, 66) if c % 10 <= 7]
    return {
        "one-term": [rng.choice(words) for _ in range(100)],
        "two-term": [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(100)],
        "phrase": [phrase() for _ in range(100)],
        "place-filter": [f"place:{rng.choice(provinces)} {rng.choice(words)}" for _ in range(100)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/huibao-bench-search.db")
    parser.add_argument("--kinds", default="one-term,two-term,phrase,place-filter")
    args = parser.parse_args()
    rng = random.Random(11)
    with Store.open(args.db) as store:
        if store.count_articles() < args.articles:
            build(store, args.articles - store.count_articles(), rng)
        searcher = Searcher(store)
        started = time.perf_counter()
        indexed = searcher.index_pending()
        print(f"indexed {indexed} in {time.perf_counter() - started:.0f} s")
        docs = list(stories(3000))
        words = [w for w in vocabulary(docs) if 2 <= len(w) <= 3][:3000]
        stored = [s.article.body for s in store.articles(limit=3000)]
        paragraphs = [p for body in stored for p in body.split("\n") if len(p) > 20]
        size = Path(args.db).stat().st_size / 2**20
        print(f"machine: {platform.machine()}, python {platform.python_version()}, "
              f"articles: {store.count_articles()}, db: {size:,.0f} MiB")  # fmt: skip
        for kind, batch in queries(words, paragraphs, rng).items():
            if kind not in args.kinds.split(","):
                continue
            times, totals = [], []
            for query in batch:
                t = time.perf_counter()
                result = searcher.search(query, limit=20)
                times.append((time.perf_counter() - t) * 1000)
                totals.append(result.total)
            q = statistics.quantiles(times, n=20)
            print(f"{kind:>12}: p50 {statistics.median(times):7.1f} ms  p95 {q[18]:7.1f} ms  "
                  f"median total {statistics.median(totals):,.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
