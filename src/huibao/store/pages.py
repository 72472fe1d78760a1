"""Fetches and raw pages: every response kept once per content hash, compressed."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from huibao.store import dialect
from huibao.store.dialect import new_id as _new_id
from huibao.store.records import FetchRecord, StoredResponse
from huibao.store.schema import fetches, raw_pages, urls


def store_raw(conn: sa.Connection, body: bytes, level: int, now: datetime) -> int:
    """The id of the raw page holding `body`, inserting it if this content is new."""
    digest = hashlib.sha256(body).hexdigest()
    found = conn.execute(sa.select(raw_pages.c.id).where(raw_pages.c.sha256 == digest)).scalar()
    if found is not None:
        return int(found)
    conn.execute(
        dialect.insert_ignore(conn, raw_pages).values(
            sha256=digest,
            size=len(body),
            compression="zlib",
            data=zlib.compress(body, level),
            created_at=now,
        )
    )
    query = sa.select(raw_pages.c.id).where(raw_pages.c.sha256 == digest)
    return int(conn.execute(query).scalar_one())


def store_raw_many(
    conn: sa.Connection, bodies: list[bytes | None], level: int, now: datetime
) -> list[int | None]:
    """`store_raw` for many bodies at once (None stays None); ids in the same order."""
    digests = [hashlib.sha256(b).hexdigest() if b is not None else None for b in bodies]
    wanted = {d: b for d, b in zip(digests, bodies, strict=True) if d is not None and b is not None}
    ids = _raw_ids(conn, list(wanted))
    missing = [
        {
            "sha256": d,
            "size": len(b),
            "compression": "zlib",
            "data": zlib.compress(b, level),
            "created_at": now,
        }
        for d, b in wanted.items()
        if d not in ids
    ]
    if missing:
        conn.execute(dialect.insert_ignore(conn, raw_pages), missing)
        ids.update(_raw_ids(conn, [str(row["sha256"]) for row in missing]))
    return [ids[d] if d is not None else None for d in digests]


def _raw_ids(conn: sa.Connection, digests: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(digests), 500):
        query = sa.select(raw_pages.c.sha256, raw_pages.c.id).where(
            raw_pages.c.sha256.in_(digests[start : start + 500])
        )
        found.update({sha: int(i) for sha, i in conn.execute(query).all()})
    return found


def read_raw(conn: sa.Connection, raw_page_id: int) -> bytes | None:
    row = conn.execute(
        sa.select(raw_pages.c.compression, raw_pages.c.data).where(raw_pages.c.id == raw_page_id)
    ).first()
    if row is None:
        return None
    return _decompress(row.compression, row.data)


def _decompress(method: str, data: bytes) -> bytes:
    if method == "zlib":
        return zlib.decompress(data)
    if method == "none":
        return bytes(data)
    raise ValueError(f"unknown raw page compression {method!r}")


def insert_fetch(
    conn: sa.Connection,
    url_id: int,
    run_id: int | None,
    record: FetchRecord,
    level: int,
    now: datetime,
) -> tuple[int, int | None]:
    """Write one fetch (and its body); returns (fetch id, raw page id or None)."""
    raw_id = store_raw(conn, record.body, level, now) if record.body is not None else None
    result = conn.execute(
        fetches.insert().values(
            url_id=url_id,
            run_id=run_id,
            fetched_at=record.fetched_at or now,
            elapsed_s=record.elapsed_s,
            status=record.status,
            error=record.error,
            final_url=record.final_url,
            headers=dict(record.headers),
            raw_page_id=raw_id,
            not_modified=record.not_modified,
            attempts=record.attempts,
        )
    )
    return _new_id(result), raw_id


def responses(conn: sa.Connection, after_id: int, limit: int) -> Iterator[StoredResponse]:
    """Stored responses with bodies, in fetch order, after fetch id `after_id`."""
    query = (
        sa.select(
            fetches.c.id,
            urls.c.url,
            fetches.c.final_url,
            fetches.c.status,
            fetches.c.headers,
            fetches.c.fetched_at,
            raw_pages.c.compression,
            raw_pages.c.data,
        )
        .join(urls, urls.c.id == fetches.c.url_id)
        .join(raw_pages, raw_pages.c.id == fetches.c.raw_page_id)
        .where(fetches.c.id > after_id)
        .order_by(fetches.c.id)
        .limit(limit)
    )
    for row in conn.execute(query):
        yield _response(row)


def _response(row: Any) -> StoredResponse:
    return StoredResponse(
        fetch_id=row.id,
        url=row.url,
        final_url=row.final_url,
        status=row.status,
        headers=dict(row.headers or {}),
        body=_decompress(row.compression, row.data),
        fetched_at=row.fetched_at,
    )
