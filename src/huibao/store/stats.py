"""Per-source figures for `huibao status`, computed with a handful of grouped queries."""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa

from huibao.store.records import SourceStats
from huibao.store.schema import articles, fetches, sources, urls


def source_stats(conn: sa.Connection) -> list[SourceStats]:
    srcs = conn.execute(sa.select(sources).order_by(sources.c.name)).all()
    total: dict[int, int] = dict(
        conn.execute(
            sa.select(articles.c.source_id, sa.func.count()).group_by(articles.c.source_id)
        ).all()
    )
    new: dict[int, int] = dict(
        conn.execute(
            sa.select(articles.c.source_id, sa.func.count())
            .join(sources, sources.c.id == articles.c.source_id)
            .where(articles.c.run_id == sources.c.last_run_id)
            .group_by(articles.c.source_id)
        ).all()
    )
    states: dict[int, Counter[str]] = defaultdict(Counter)
    for source_id, state, n in conn.execute(
        sa.select(urls.c.source_id, urls.c.state, sa.func.count()).group_by(
            urls.c.source_id, urls.c.state
        )
    ):
        states[source_id][state] = n
    fetched: Counter[int] = Counter()
    errors: dict[int, Counter[str]] = defaultdict(Counter)
    for source_id, error, n in conn.execute(
        sa.select(urls.c.source_id, fetches.c.error, sa.func.count())
        .join(urls, urls.c.id == fetches.c.url_id)
        .join(sources, sources.c.id == urls.c.source_id)
        .where(fetches.c.run_id == sources.c.last_run_id)
        .group_by(urls.c.source_id, fetches.c.error)
    ):
        fetched[source_id] += n
        if error:
            errors[source_id][error] = n
    return [
        SourceStats(
            name=s.name,
            status=s.status,
            detail=s.detail,
            last_crawl_at=s.last_crawl_at,
            articles=int(total.get(s.id, 0)),
            new_articles=int(new.get(s.id, 0)),
            fetches=fetched[s.id],
            errors=sum(errors[s.id].values()),
            error_kinds=dict(errors[s.id]),
            queued=states[s.id]["queued"] + states[s.id]["fetching"],
            failed=states[s.id]["failed"],
        )
        for s in srcs
    ]
