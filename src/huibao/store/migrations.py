"""Versioned schema migrations: the database is created and upgraded only through here.

`schema_version` holds one row per applied migration (version, name, applied_at). Opening a
store applies every migration newer than the database, each in its own transaction, so an
interrupted upgrade resumes where it stopped.

Adding a migration (later stages do: search tables, reprint groups, stories): write a
function `(conn) -> None` in the module that owns the tables (for example
`huibao.store.search.add_search`) and append ONE line to `MIGRATIONS` below with the next
version number. Never edit or reorder a released migration. A migration that alters a table
created earlier must first freeze that table's old definition into the earlier migration
(they build tables from `schema.py`); `tests/store/test_migrations.py` fails otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from huibao.errors import HuibaoError
from huibao.store import dialect, reprints, schema, search, stories
from huibao.store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema's history."""

    version: int
    name: str
    apply: Callable[[sa.Connection], None]


_version_meta = sa.MetaData()
schema_version = sa.Table(
    "schema_version",
    _version_meta,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("applied_at", UTCDateTime, nullable=False),
)


def _aliases_v1(meta: sa.MetaData) -> sa.Table:
    """`article_aliases` as migration 1 made it (migration 5 adds its metadata columns)."""
    return sa.Table(
        "article_aliases",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Index("ix_article_aliases_article", "article_id"),
    )


def _create(conn: sa.Connection, *tables: sa.Table) -> None:
    meta = sa.MetaData()
    for table in schema.metadata.sorted_tables:  # every table, so foreign keys resolve
        if table.name != "article_aliases":
            table.to_metadata(meta)
    _aliases_v1(meta)
    meta.create_all(conn, tables=[meta.tables[t.name] for t in tables])


def discovery_tables(conn: sa.Connection) -> None:
    """Version 1: sources, crawl runs, the frontier, fetches, raw pages, articles, aliases."""
    _create(
        conn,
        schema.sources,
        schema.runs,
        schema.urls,
        schema.raw_pages,
        schema.fetches,
        schema.articles,
        schema.article_aliases,
    )


def versions_and_enrichments(conn: sa.Connection) -> None:
    """Version 2: earlier versions of changed articles, and the enrich stage's output."""
    _create(conn, schema.article_versions, schema.enrichments)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "discovery tables", discovery_tables),
    Migration(2, "article versions and enrichments", versions_and_enrichments),
    Migration(3, "search index and monitoring plans", search.add_search),
    Migration(4, "reprint groups and stories", stories.add_stories),
    Migration(5, "alias metadata, stored lineage and alterations", reprints.add_lineage),
)


def current_version(conn: sa.Connection) -> int:
    """The highest applied migration, 0 for an empty database."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(value or 0)


def migrate(
    engine: sa.Engine,
    target: int | None = None,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> int:
    """Apply pending migrations up to `target` (default: all); returns the new version."""
    _check_sequence(migrations)
    target = migrations[-1].version if target is None else target
    with engine.connect().execution_options(**{dialect.WRITE_OPTION: True}) as conn:
        with conn.begin():
            _version_meta.create_all(conn)
            version = current_version(conn)
        if version > migrations[-1].version:
            raise HuibaoError(
                f"the database is at schema version {version}, newer than this huibao "
                f"({migrations[-1].version}): upgrade huibao"
            )
        for step in migrations:
            if version < step.version <= target:
                with conn.begin():
                    if current_version(conn) >= step.version:  # another process did it
                        continue
                    step.apply(conn)
                    conn.execute(
                        schema_version.insert().values(
                            version=step.version, name=step.name, applied_at=datetime.now(UTC)
                        )
                    )
                version = step.version
    return version


def _check_sequence(migrations: tuple[Migration, ...]) -> None:
    numbers = [m.version for m in migrations]
    if numbers != list(range(1, len(numbers) + 1)):
        raise HuibaoError(f"migration versions must be 1, 2, 3, ... in order; got {numbers}")
