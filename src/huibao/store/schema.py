"""The current schema, as SQLAlchemy Core tables: what queries are written against.

The database itself is created and upgraded by `huibao.store.migrations`, never by
`metadata.create_all`; a test checks that migrating an empty database yields exactly these
tables, columns and indexes. Change both together.

States of a frontier URL (`urls.state`): queued -> fetching -> done | failed. A URL whose
fetch failed for a passing reason (timeout, 5xx, 429) goes back to queued with a later
`next_fetch_at` until `attempts` reaches the crawl's cap.
"""

from __future__ import annotations

import sqlalchemy as sa

from huibao.store.types import JSONType, UTCDateTime

metadata = sa.MetaData()

URL_STATES = ("queued", "fetching", "done", "failed")
URL_KINDS = ("feed", "sitemap", "listing", "article", "part")

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("home", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.String(20), nullable=False, server_default="ok"),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
    sa.Column("last_run_id", sa.Integer),
    sa.Column("last_crawl_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("heartbeat_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("host", sa.String(255), nullable=False),
    sa.Column("summary", JSONType),
)

urls = sa.Table(
    "urls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("state", sa.String(20), nullable=False),
    sa.Column("depth", sa.Integer, nullable=False, server_default="0"),
    sa.Column("discovered_from", sa.Integer, sa.ForeignKey("urls.id")),
    sa.Column("next_fetch_at", UTCDateTime, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_status", sa.Integer),
    sa.Column("last_error", sa.String(40)),
    sa.Column("claimed_by", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("article_id", sa.Integer),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_urls_state_due", "state", "next_fetch_at"),
    sa.Index("ix_urls_source_state", "source_id", "state"),
    sa.Index("ix_urls_claimed_by", "claimed_by"),
)

raw_pages = sa.Table(
    "raw_pages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("compression", sa.String(10), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

fetches = sa.Table(
    "fetches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url_id", sa.Integer, sa.ForeignKey("urls.id"), nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("fetched_at", UTCDateTime, nullable=False),
    sa.Column("elapsed_s", sa.Float, nullable=False, server_default="0"),
    sa.Column("status", sa.Integer),
    sa.Column("error", sa.String(40)),
    sa.Column("final_url", sa.Text, nullable=False),
    sa.Column("headers", JSONType, nullable=False),
    sa.Column("raw_page_id", sa.Integer, sa.ForeignKey("raw_pages.id")),
    sa.Column("not_modified", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
    sa.Index("ix_fetches_url", "url_id"),
    sa.Index("ix_fetches_run", "run_id"),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("url_id", sa.Integer, sa.ForeignKey("urls.id")),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("published", UTCDateTime),
    sa.Column("source", sa.Text, nullable=False, server_default=""),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("record", JSONType, nullable=False),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("raw_page_id", sa.Integer, sa.ForeignKey("raw_pages.id")),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_articles_published", "published"),
    sa.Index("ix_articles_source", "source"),
    sa.Index("ix_articles_source_id", "source_id"),
    sa.Index("ix_articles_body_hash", "body_hash"),
)

article_aliases = sa.Table(
    "article_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    # added by migration 5: an identical copy keeps its own metadata (lineage dates it)
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("published", UTCDateTime),
    sa.Column("source", sa.Text, nullable=False, server_default=""),
    sa.Column("raw_page_id", sa.Integer),
    sa.Column("updated_at", UTCDateTime),
    sa.Index("ix_article_aliases_article", "article_id"),
)

#: The columns migration 5 adds to `article_aliases` (migration 1 creates the table without).
ALIAS_METADATA = ("title", "published", "source", "raw_page_id", "updated_at")

# -- added by migration 2 ------------------------------------------------------------------

article_versions = sa.Table(
    "article_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("record", JSONType, nullable=False),
    sa.Column("raw_page_id", sa.Integer, sa.ForeignKey("raw_pages.id")),
    sa.Column("saved_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("article_id", "version", name="uq_article_versions"),
)

enrichments = sa.Table(
    "enrichments",
    metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("data", JSONType, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
