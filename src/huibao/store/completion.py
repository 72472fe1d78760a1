"""Writing a batch of finished frontier URLs in one transaction, with few statements.

A crawl finishes hundreds of URLs a second; writing each with its own statements spends most
of the time building SQL. Here the statements are built once (with bind parameters) and run
with executemany over the whole batch; only articles, continuation pages and discovered
links, which need lookups, go row by row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from huibao.store import articles as arts
from huibao.store import frontier, pages
from huibao.store.records import Claim, Completed, Completion, FetchRecord, NewUrl, Saved
from huibao.store.schema import fetches, urls
from huibao.store.types import UTCDateTime


def _param(name: str, kind: Any) -> Any:
    return sa.bindparam(name, type_=kind)


def _keep_unless(flag: str, value: Any, column: Any) -> Any:
    return sa.case((_param(flag, sa.Boolean) == sa.true(), value), else_=column)


URL_FINISH = (
    urls.update()
    .where(urls.c.id == _param("b_id", sa.Integer))
    .values(
        state=_param("b_state", sa.String),
        next_fetch_at=_param("b_due", UTCDateTime),
        claimed_by=None,
        updated_at=_param("b_now", UTCDateTime),
        attempts=urls.c.attempts + _param("b_inc", sa.Integer),
        last_status=_keep_unless("b_fetched", _param("b_status", sa.Integer), urls.c.last_status),
        last_error=_keep_unless("b_fetched", _param("b_error", sa.String), urls.c.last_error),
        etag=_keep_unless("b_fresh", _param("b_etag", sa.Text), urls.c.etag),
        last_modified=_keep_unless("b_fresh", _param("b_lm", sa.Text), urls.c.last_modified),
        article_id=sa.func.coalesce(_param("b_article", sa.Integer), urls.c.article_id),
    )
)


def _fetch_row(
    url_id: int, run_id: int | None, rec: FetchRecord, raw_id: int | None, now: datetime
) -> dict[str, Any]:
    return {
        "url_id": url_id,
        "run_id": run_id,
        "fetched_at": rec.fetched_at or now,
        "elapsed_s": rec.elapsed_s,
        "status": rec.status,
        "error": rec.error,
        "final_url": rec.final_url,
        "headers": dict(rec.headers),
        "raw_page_id": raw_id,
        "not_modified": rec.not_modified,
        "attempts": rec.attempts,
    }


def _finish_row(c: Completion, now: datetime, article_id: int | None) -> dict[str, Any]:
    rec = c.fetch
    fresh = rec is not None and rec.error is None and not rec.not_modified
    return {
        "b_id": c.claim.id,
        "b_state": c.state,
        "b_due": c.next_fetch_at or now,
        "b_now": now,
        "b_inc": 1 if rec is not None else 0,
        "b_fetched": rec is not None,
        "b_status": rec.status if rec else None,
        "b_error": rec.error if rec else None,
        "b_fresh": fresh,
        "b_etag": rec.headers.get("etag") if rec and fresh else None,
        "b_lm": rec.headers.get("last-modified") if rec and fresh else None,
        "b_article": article_id,
    }


def write_batch(
    conn: sa.Connection,
    done: Sequence[Completion],
    run_id: int | None,
    limits: Mapping[int, int],
    level: int,
    now: datetime,
) -> list[Completed]:
    """Write every completion in `done`; `limits` caps new URLs per source id."""
    left = dict(limits)
    bodies = [c.fetch.body if c.fetch else None for c in done]
    raw_ids = pages.store_raw_many(conn, bodies, level, now)
    rows = [
        _fetch_row(c.claim.id, run_id, c.fetch, raw_id, now)
        for c, raw_id in zip(done, raw_ids, strict=True)
        if c.fetch is not None
    ]
    if rows:
        conn.execute(fetches.insert(), rows)
    results, finish = [], []
    for c, raw_id in zip(done, raw_ids, strict=True):
        sid = c.claim.source_id
        enqueued = 0
        if c.discovered:
            enqueued = frontier.enqueue(conn, sid, c.discovered, now, left.get(sid))
            if sid in left:
                left[sid] -= enqueued
        if c.refresh:
            frontier.requeue(conn, c.refresh, now, force=False)
        saved = _save_article(conn, c, raw_id, run_id, level, now) if c.article else None
        if c.source_status is not None:
            frontier.set_source_status(conn, sid, *c.source_status)
        finish.append(_finish_row(c, now, saved.article_id if saved else None))
        results.append(Completed(c.claim.id, enqueued, saved))
    conn.execute(URL_FINISH, finish)
    return results


def _save_article(
    conn: sa.Connection,
    c: Completion,
    raw_id: int | None,
    run_id: int | None,
    level: int,
    now: datetime,
) -> Saved:
    assert c.article is not None
    claim = c.claim
    part_ids = [write_part(conn, claim, url, rec, run_id, level, now) for url, rec in c.parts]
    where = arts.Placement(claim.url, claim.source_id, claim.id, raw_id, run_id)
    saved = arts.save(conn, c.article, where, now)
    if part_ids:
        conn.execute(
            urls.update().where(urls.c.id.in_(part_ids)).values(article_id=saved.article_id)
        )
    return saved


def write_part(
    conn: sa.Connection,
    claim: Claim,
    url: str,
    record: FetchRecord,
    run_id: int | None,
    level: int,
    now: datetime,
) -> int:
    """Record a continuation page of a multi-page article as a finished frontier URL."""
    frontier.enqueue(conn, claim.source_id, [NewUrl(url, "part", claim.depth, claim.id)], now)
    url_id = int(conn.execute(sa.select(urls.c.id).where(urls.c.url == url)).scalar_one())
    pages.insert_fetch(conn, url_id, run_id, record, level, now)
    conn.execute(
        urls.update()
        .where(urls.c.id == url_id)
        .values(state="done", last_status=record.status, claimed_by=None, updated_at=now)
    )
    return url_id
