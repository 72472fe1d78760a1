"""Sources, crawl runs and the URL frontier. Functions take an open connection in a transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from huibao.store import dialect
from huibao.store.dialect import new_id as _new_id
from huibao.store.records import Claim, NewUrl, Run, Source
from huibao.store.schema import runs, sources, urls

KIND_ORDER = {"feed": 0, "sitemap": 1, "listing": 2, "article": 3, "part": 4}
CHUNK = 500  # rows per IN (...) list: well under SQLite's bound-parameter limit


def _source(row: Any) -> Source:
    return Source(
        id=row.id,
        name=row.name,
        home=row.home,
        status=row.status,
        detail=row.detail,
        last_crawl_at=row.last_crawl_at,
        last_run_id=row.last_run_id,
    )


def ensure_source(conn: sa.Connection, name: str, home: str | None, now: datetime) -> int:
    """The id of source `name`, creating it if new (`home`, when given, is kept current)."""
    conn.execute(
        dialect.insert_ignore(conn, sources).values(name=name, home=home or "", created_at=now)
    )
    if home is not None:
        conn.execute(sources.update().where(sources.c.name == name).values(home=home))
    return int(conn.execute(sa.select(sources.c.id).where(sources.c.name == name)).scalar_one())


def list_sources(conn: sa.Connection) -> list[Source]:
    return [_source(r) for r in conn.execute(sa.select(sources).order_by(sources.c.name))]


def set_source_status(conn: sa.Connection, source_id: int, status: str, detail: str) -> None:
    conn.execute(
        sources.update().where(sources.c.id == source_id).values(status=status, detail=detail)
    )


def existing_urls(conn: sa.Connection, candidates: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(candidates), CHUNK):
        chunk = candidates[start : start + CHUNK]
        found.update(conn.execute(sa.select(urls.c.url).where(urls.c.url.in_(chunk))).scalars())
    return found


def enqueue(
    conn: sa.Connection,
    source_id: int,
    items: Iterable[NewUrl],
    now: datetime,
    limit: int | None = None,
) -> int:
    """Add the URLs not yet in the frontier (at most `limit` of them); returns how many."""
    fresh: dict[str, NewUrl] = {}
    for item in items:
        fresh.setdefault(item.url, item)
    if not fresh:
        return 0
    for url in existing_urls(conn, list(fresh)):
        del fresh[url]
    rows = list(fresh.values())
    if limit is not None:
        rows = rows[: max(0, limit)]
    if not rows:
        return 0
    values = [
        {
            "url": r.url,
            "source_id": source_id,
            "kind": r.kind,
            "state": "queued",
            "depth": r.depth,
            "discovered_from": r.discovered_from,
            "next_fetch_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for r in rows
    ]
    conn.execute(dialect.insert_ignore(conn, urls), values)
    return len(rows)


def requeue(conn: sa.Connection, url_list: Sequence[str], now: datetime, force: bool) -> int:
    """Queue again finished non-article URLs (feeds, listings...) that are due, or all if forced."""
    total = 0
    for start in range(0, len(url_list), CHUNK):
        query = urls.update().where(
            urls.c.url.in_(url_list[start : start + CHUNK]),
            urls.c.state.in_(("done", "failed")),
            urls.c.kind.not_in(("article", "part")),
        )
        if not force:
            query = query.where(urls.c.next_fetch_at <= now)
        result = conn.execute(query.values(state="queued", next_fetch_at=now, updated_at=now))
        total += result.rowcount
    return total


def claim(
    conn: sa.Connection,
    run_id: int,
    limit: int,
    now: datetime,
    source_ids: Sequence[int] | None = None,
    kinds: Sequence[str] | None = None,
) -> list[Claim]:
    """Mark up to `limit` due queued URLs as fetching by `run_id` and return them.

    Discovery pages (feeds, sitemaps, listings) come before articles, shallow before deep.
    """
    rank = sa.case(KIND_ORDER, value=urls.c.kind, else_=9)
    query = sa.select(urls).where(urls.c.state == "queued", urls.c.next_fetch_at <= now)
    if source_ids is not None:
        query = query.where(urls.c.source_id.in_(list(source_ids)))
    if kinds is not None:
        query = query.where(urls.c.kind.in_(list(kinds)))
    rows = conn.execute(query.order_by(rank, urls.c.depth, urls.c.id).limit(limit)).all()
    if not rows:
        return []
    conn.execute(
        urls.update()
        .where(urls.c.id.in_([r.id for r in rows]))
        .values(state="fetching", claimed_by=run_id, updated_at=now)
    )
    return [
        Claim(
            id=r.id,
            url=r.url,
            source_id=r.source_id,
            kind=r.kind,
            depth=r.depth,
            attempts=r.attempts,
            etag=r.etag,
            last_modified=r.last_modified,
        )
        for r in rows
    ]


def release(conn: sa.Connection, run_ids: Sequence[int], now: datetime) -> int:
    """Return the URLs these runs were fetching to the queue (stopped or dead runs)."""
    result = conn.execute(
        urls.update()
        .where(urls.c.state == "fetching", urls.c.claimed_by.in_(list(run_ids)))
        .values(state="queued", claimed_by=None, updated_at=now)
    )
    return int(result.rowcount)


def start_run(conn: sa.Connection, pid: int, host: str, now: datetime) -> int:
    result = conn.execute(
        runs.insert().values(started_at=now, heartbeat_at=now, status="running", pid=pid, host=host)
    )
    return _new_id(result)


def finish_run(
    conn: sa.Connection, run_id: int, status: str, summary: dict[str, Any], now: datetime
) -> None:
    conn.execute(
        runs.update()
        .where(runs.c.id == run_id)
        .values(status=status, summary=summary, finished_at=now)
    )


def heartbeat(conn: sa.Connection, run_id: int, now: datetime) -> None:
    conn.execute(runs.update().where(runs.c.id == run_id).values(heartbeat_at=now))


def list_runs(conn: sa.Connection, status: str | None = None) -> list[Run]:
    query = sa.select(runs).order_by(runs.c.id)
    if status is not None:
        query = query.where(runs.c.status == status)
    return [
        Run(
            id=r.id,
            started_at=r.started_at,
            finished_at=r.finished_at,
            heartbeat_at=r.heartbeat_at,
            status=r.status,
            pid=r.pid,
            host=r.host,
            summary=r.summary,
        )
        for r in conn.execute(query)
    ]


def mark_started(conn: sa.Connection, source_ids: Sequence[int], run_id: int) -> None:
    """Make `run_id` the sources' latest run (what "new articles" in `status` counts)."""
    query = sources.update().where(sources.c.id.in_(list(source_ids)))
    conn.execute(query.values(last_run_id=run_id))


def mark_finished(conn: sa.Connection, source_ids: Sequence[int], now: datetime) -> None:
    query = sources.update().where(sources.c.id.in_(list(source_ids)))
    conn.execute(query.values(last_crawl_at=now))
