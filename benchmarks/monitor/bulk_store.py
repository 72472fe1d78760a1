"""Build a large search benchmark store fast: bulk rows instead of `Store.save_article`.

    .venv/bin/python benchmarks/monitor/bulk_store.py --articles 1000000 --db /tmp/s1m.db

The articles are generated exactly as in `bench_search.py` (a real story title, 3-8 real
paragraphs of the 新闻联播 corpus drawn at random, one of 12 outlets, a time over 2022-2026,
1-3 real counties as the enrich record). What differs is the path into the database:
`save_article` (frontier row, dedup lookups, one transaction per article) took 8 ms an
article, and indexing 7 ms more, i.e. ~4 hours for 1,000,000. Here the rows of `articles`,
`enrichments`, `search_docs`, `search_places` and the FTS5 table are written in batches of
`--batch` articles per transaction, and the index tokens of each body are assembled from the
tokens of its paragraphs (computed once per paragraph with `huibao.monitor.grams`; the
first `--check` articles are compared with `index_text` of the whole text, which must be
identical). The database is the same as ingest would leave it (the FTS5 index is not
`optimize`d, as it is not after ingest), so `Searcher` reads it as is.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))

from bench_search import SOURCES, counties
from corpus import stories

from huibao.model import Article
from huibao.monitor.grams import GAP, bigram_tokens, index_text, unigram_tokens
from huibao.monitor.places import bare_name
from huibao.monitor.text import Folder
from huibao.store import Store
from huibao.store import search as index
from huibao.store.schema import articles, enrichments, sources

START = datetime(2022, 1, 1, tzinfo=UTC)


class Tokens:
    """Index tokens of titles and paragraphs, each computed once."""

    def __init__(self) -> None:
        self.folder = Folder()
        self.cache: dict[str, tuple[str, str]] = {}

    def of(self, text: str) -> tuple[str, str]:
        found = self.cache.get(text)
        if found is None:
            folded = self.folder.fold(text)
            found = (" ".join(bigram_tokens(folded)), " ".join(unigram_tokens(folded)))
            self.cache[text] = found
        return found

    def body(self, paragraphs: list[str]) -> tuple[str, str]:
        parts = [self.of(p) for p in paragraphs]
        bi = f" {GAP} ".join(b for b, _ in parts if b)
        return bi, " ".join(u for _, u in parts if u)


def build(store: Store, count: int, seed: int, batch: int, check: int) -> None:
    rng = random.Random(seed)
    docs = list(stories())
    paragraphs = [p for d in docs for p in d.body.split("\n") if len(p) > 20]
    places = counties()
    tokens = Tokens()
    now = datetime.now(UTC)
    with store.transaction() as conn:
        first = int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())
        conn.execute(sa.insert(sources).values(name="bench", created_at=now))
        source_id = conn.execute(sa.select(sources.c.id).where(sources.c.name == "bench")).scalar()
    started = time.perf_counter()
    for at in range(first, first + count, batch):
        rows = []
        for i in range(at, min(at + batch, first + count)):
            chosen = rng.sample(paragraphs, rng.randint(3, 8))
            article = Article(
                url=f"https://bench.example.cn/{i}.html",
                title=rng.choice(docs).title,
                body="\n".join(chosen),
                source=rng.choice(SOURCES),
                published=START + timedelta(minutes=rng.randrange(4 * 365 * 24 * 60)),
            )
            where = rng.sample(places, rng.randint(1, 3))
            rows.append((i + 1, article, chosen, where))
            if i < check:
                _check(tokens, article, chosen)
        _write(store, rows, tokens, source_id, now)
        done = min(at + batch, first + count) - first
        if done % 50_000 < batch:
            print(f"  {done:,} ({time.perf_counter() - started:.0f} s)", flush=True)


def _check(tokens: Tokens, article: Article, chosen: list[str]) -> None:
    whole = index_text(article.title, article.body, tokens.folder)
    if (whole.body_bi, whole.body_uni) != tokens.body(chosen):
        raise SystemExit(f"token assembly differs from index_text for {article.url}")


def _write(store: Store, rows: list, tokens: Tokens, source_id: int, now: datetime) -> None:
    art, extra, docs, fts, where = [], [], [], [], []
    for article_id, article, chosen, places in rows:
        art.append(
            {
                "id": article_id, "url": article.url, "source_id": source_id,
                "title": article.title, "published": article.published,
                "source": article.source, "record": article.to_dict(), "version": 1,
                "body_hash": hashlib.sha256(article.body.encode()).hexdigest(),
                "first_seen_at": now, "updated_at": now,
            }
        )  # fmt: skip
        record = {"places": [{"text": n, "code": c} for c, n in places]}
        extra.append({"article_id": article_id, "data": record, "updated_at": now})
        docs.append(
            {
                "id": article_id, "article_id": article_id, "live": True,
                "published": article.published, "source": article.source, "indexed_at": now,
            }
        )  # fmt: skip
        title_bi, title_uni = tokens.of(article.title)
        body_bi, body_uni = tokens.body(chosen)
        fts.append((article_id, title_bi, body_bi, title_uni, body_uni))
        names = {(c, bare_name(n)) for c, n in places}
        where.extend({"article_id": article_id, "code": c, "name": n} for c, n in sorted(names))
    with store.transaction() as conn:
        conn.execute(sa.insert(articles), art)
        conn.execute(sa.insert(enrichments), extra)
        conn.execute(sa.insert(index.search_docs), docs)
        conn.execute(sa.insert(index.search_places), where)
        conn.exec_driver_sql(
            f"INSERT INTO {index.FTS}(rowid, title_bi, body_bi, title_uni, body_uni) "
            "VALUES (?,?,?,?,?)",
            fts,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--db", required=True)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--check", type=int, default=2_000, help="articles checked vs index_text")
    args = parser.parse_args()
    if Path(args.db).exists():
        raise SystemExit(f"{args.db} exists; bulk building needs a new database")
    started = time.perf_counter()
    with Store.open(args.db) as store:
        build(store, args.articles, args.seed, args.batch, args.check)
    size = Path(args.db).stat().st_size / 2**20
    print(f"built {args.articles:,} in {time.perf_counter() - started:.0f} s; {size:,.0f} MiB")


if __name__ == "__main__":
    main()
