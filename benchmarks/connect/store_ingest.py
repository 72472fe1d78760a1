"""Placing stored articles through the store: `Connector.ingest` per article, and reopening.

    .venv/bin/python benchmarks/connect/store_ingest.py [--articles 2000]

Articles from `speed.py`'s set are saved to a fresh SQLite store with an empty enrichment
record (so the time is the connect stage and its writes, not enrichment), then placed one
by one with one `Connector` (which also computes and stores each group's lineage and the
alterations of each new reprint); finally a new `Connector` loads the stored index, and
`refresh` screens every group for out-of-date lineage (what the first `ingest` of each
pipeline pass does). Identical copies are stored as aliases, each with its own date.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import sqlalchemy as sa
from speed import articles

from huibao.model import Article
from huibao.store import Store
from huibao.store.stories import Connector


def _backfill(store: Store) -> tuple[float, int]:
    """Seconds (CPU) for `refresh` to compute every group's lineage and alterations, as after
    an upgrade from schema 4 (which kept none), and how many groups it wrote."""
    with store.transaction() as conn:
        conn.execute(sa.text("DELETE FROM connect_groups"))
        conn.execute(sa.text("DELETE FROM connect_alterations"))
    start = time.process_time()
    relinked = Connector(store).refresh()
    return time.process_time() - start, relinked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    texts = articles(args.articles * 4)[: args.articles]
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "h.db") as store:
        ids = []
        for n, t in enumerate(texts):
            article = Article(
                url=f"https://example.cn/{n}.html",
                title=t.title,
                published=t.published,
                body=t.body,
                paragraphs=list(t.paragraphs),
            )
            ids.append(store.save_article(article, source=t.outlet, enrichment={}))
        connector = Connector(store)
        start, wall = time.process_time(), time.perf_counter()
        for article_id in dict.fromkeys(ids):  # exact copies are one stored article
            connector.ingest(article_id)
        cpu, wall = time.process_time() - start, time.perf_counter() - wall
        start = time.perf_counter()
        again = Connector(store)
        reopen = time.perf_counter() - start
        start = time.perf_counter()
        stale = again.refresh()
        screen = time.perf_counter() - start
        backfill, relinked = _backfill(store)
        aliases = sum(len(store.aliases(i)) for i in set(ids))
    placed = len(set(ids))
    print(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": f"{platform.node()} {platform.machine()} "
                f"python {platform.python_version()}",
                "command": "benchmarks/connect/store_ingest.py " + " ".join(sys.argv[1:]),
                "articles_placed": placed,
                "ms_per_article_cpu": round(1000 * cpu / placed, 2),
                "ms_per_article_wall": round(1000 * wall / placed, 2),
                "reopen_s": round(reopen, 2),
                "aliases_stored": aliases,
                "refresh_screen_s": round(screen, 3),
                "groups_stale_after_ingest": stale,
                "backfill_s": round(backfill, 2),
                "groups_backfilled": relinked,
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
