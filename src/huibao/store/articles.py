"""Articles: saved once per URL and once per body; changed bodies become new versions."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from huibao.model import Article
from huibao.store.dialect import new_id as _new_id
from huibao.store.records import Saved, StoredArticle
from huibao.store.schema import (
    ALIAS_METADATA,
    article_aliases,
    article_versions,
    articles,
    enrichments,
    sources,
)

WHITESPACE = str.maketrans("", "", " \t\r\n\u3000\xa0")


def body_hash(article: Article) -> str:
    """sha256 of the body with all whitespace removed (so reflowed text still matches).

    An article without body text hashes its URL and title instead, so two different
    title-only pages never collapse into one.
    """
    text = article.body.translate(WHITESPACE)
    if not text:
        text = f"\x00{article.url or ''}\x00{article.title}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article being saved comes from (ids already resolved)."""

    url: str
    source_id: int
    url_id: int | None
    raw_page_id: int | None
    run_id: int | None


def save(conn: sa.Connection, article: Article, where: Placement, now: datetime) -> Saved:
    """Insert, version, alias or leave alone `article`, keeping URL and body unique."""
    digest = body_hash(article)
    row = conn.execute(sa.select(articles).where(articles.c.url == where.url)).first()
    if row is not None:
        return _update(conn, row, article, digest, where, now)
    alias = conn.execute(
        sa.select(article_aliases.c.id, articles.c.id.label("article_id"), articles.c.body_hash)
        .join(articles, articles.c.id == article_aliases.c.article_id)
        .where(article_aliases.c.url == where.url)
    ).first()
    if alias is not None:
        if alias.body_hash == digest:
            _update_alias(conn, alias.id, article, where, now)
            return Saved(alias.article_id, "unchanged")
        # The alias URL now carries a different text: it is an article of its own.
        conn.execute(article_aliases.delete().where(article_aliases.c.id == alias.id))
    twin = conn.execute(
        sa.select(articles.c.id).where(articles.c.body_hash == digest).order_by(articles.c.id)
    ).first()
    if twin is not None:
        conn.execute(
            article_aliases.insert().values(
                url=where.url,
                article_id=twin.id,
                source_id=where.source_id,
                created_at=now,
                **_alias_columns(article, where, now),
            )
        )
        return Saved(twin.id, "alias")
    result = conn.execute(
        articles.insert().values(
            url=where.url,
            source_id=where.source_id,
            url_id=where.url_id,
            body_hash=digest,
            version=1,
            run_id=where.run_id,
            first_seen_at=now,
            **_columns(article, where, now),
        )
    )
    return Saved(_new_id(result), "new")


def _columns(article: Article, where: Placement, now: datetime) -> dict[str, Any]:
    return {
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "record": article.to_dict(),
        "raw_page_id": where.raw_page_id,
        "updated_at": now,
    }


def _alias_columns(article: Article, where: Placement, now: datetime) -> dict[str, Any]:
    """What an identical copy keeps of its own: the body is its article's."""
    return {
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "raw_page_id": where.raw_page_id,
        "updated_at": now,
    }


def _update_alias(
    conn: sa.Connection, alias_id: int, article: Article, where: Placement, now: datetime
) -> None:
    """Same text at an alias URL again: keep its newest metadata (a no-op when unchanged)."""
    fresh = _alias_columns(article, where, now)
    if fresh["raw_page_id"] is None:
        del fresh["raw_page_id"]  # saved without its page: keep the one stored
    row = conn.execute(sa.select(article_aliases).where(article_aliases.c.id == alias_id)).one()
    if any(getattr(row, k) != v for k, v in fresh.items() if k != "updated_at"):
        conn.execute(
            article_aliases.update().where(article_aliases.c.id == alias_id).values(**fresh)
        )


def add_alias_metadata(conn: sa.Connection) -> None:
    """Migration 5 (part): an alias keeps its own title, date, 来源 line and page."""
    for name in ALIAS_METADATA:
        column = sa.schema.CreateColumn(article_aliases.c[name]).compile(dialect=conn.dialect)
        conn.execute(sa.text(f"ALTER TABLE article_aliases ADD COLUMN {column}"))


def _update(
    conn: sa.Connection, row: Any, article: Article, digest: str, where: Placement, now: datetime
) -> Saved:
    record = article.to_dict()
    if row.body_hash == digest:
        if row.record != record:  # same text, better metadata (e.g. a fixed extractor)
            conn.execute(
                articles.update()
                .where(articles.c.id == row.id)
                .values(**_columns(article, where, now))
            )
        return Saved(row.id, "unchanged")
    conn.execute(
        article_versions.insert().values(
            article_id=row.id,
            version=row.version,
            body_hash=row.body_hash,
            record=row.record,
            raw_page_id=row.raw_page_id,
            saved_at=now,
        )
    )
    conn.execute(
        articles.update()
        .where(articles.c.id == row.id)
        .values(body_hash=digest, version=row.version + 1, **_columns(article, where, now))
    )
    # The old text's enrichment no longer holds: the pipeline enriches the new text again.
    conn.execute(enrichments.delete().where(enrichments.c.article_id == row.id))
    return Saved(row.id, "updated")


def set_enrichment(
    conn: sa.Connection, article_id: int, data: Mapping[str, Any], now: datetime
) -> None:
    """Replace the enrichment record of one article."""
    conn.execute(enrichments.delete().where(enrichments.c.article_id == article_id))
    conn.execute(
        enrichments.insert().values(article_id=article_id, data=dict(data), updated_at=now)
    )


def get_enrichment(conn: sa.Connection, article_id: int) -> dict[str, Any] | None:
    query = sa.select(enrichments.c.data).where(enrichments.c.article_id == article_id)
    data = conn.execute(query).scalar()
    return dict(data) if data is not None else None


def stored_query() -> sa.Select[Any]:
    return sa.select(articles, sources.c.name.label("source_name")).join(
        sources, sources.c.id == articles.c.source_id
    )


def stored(row: Any) -> StoredArticle:
    return StoredArticle(
        id=row.id,
        url=row.url,
        source_id=row.source_id,
        source_name=row.source_name,
        version=row.version,
        body_hash=row.body_hash,
        first_seen_at=row.first_seen_at,
        updated_at=row.updated_at,
        article=Article.from_dict(row.record),
    )


def find_id(conn: sa.Connection, url: str) -> int | None:
    """The article stored at `url`, directly or as an alias."""
    found = conn.execute(sa.select(articles.c.id).where(articles.c.url == url)).scalar()
    if found is None:
        query = sa.select(article_aliases.c.article_id).where(article_aliases.c.url == url)
        found = conn.execute(query).scalar()
    return int(found) if found is not None else None


def versions(conn: sa.Connection, article_id: int) -> list[Article]:
    """Earlier versions of an article, oldest first."""
    query = (
        sa.select(article_versions.c.record)
        .where(article_versions.c.article_id == article_id)
        .order_by(article_versions.c.version)
    )
    return [Article.from_dict(r) for r in conn.execute(query).scalars()]


def aliases(conn: sa.Connection, article_id: int) -> list[str]:
    query = (
        sa.select(article_aliases.c.url)
        .where(article_aliases.c.article_id == article_id)
        .order_by(article_aliases.c.id)
    )
    return list(conn.execute(query).scalars())
