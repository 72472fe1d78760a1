"""Everything that differs between database backends lives here, and only here.

Callers build statements with SQLAlchemy Core and ask this module for the few constructs that
are dialect-specific: an engine with the right connection settings, and an INSERT that ignores
rows clashing with a unique constraint. SQLite is the backend today; a PostgreSQL backend adds
a branch to each function below (both dialects offer `insert(...).on_conflict_do_nothing`),
and nothing outside this module changes.

SQLite notes: pysqlite opens transactions lazily and never with a write lock, so two writers
can both read and then one fails with "database is locked". We take over transaction control
(`isolation_level = None`) and emit `BEGIN IMMEDIATE` for write transactions and plain
`BEGIN` for reads, as the SQLAlchemy documentation recommends for SQLite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from huibao.errors import ConfigError
from huibao.store.settings import StoreSettings

WRITE_OPTION = "huibao_write"


def normalize_url(url: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a bare file path (a path means a SQLite file)."""
    text = str(url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str | Path, settings: StoreSettings) -> Engine:
    """An engine for `url`, configured for safe concurrent use by several processes."""
    sa_url = sa.make_url(normalize_url(url))
    if sa_url.get_backend_name() != "sqlite":
        raise ConfigError(
            f"store url {sa_url.render_as_string(hide_password=True)}: only SQLite is "
            "supported in this version (PostgreSQL is planned)"
        )
    database = sa_url.database or ""
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    memory = database in {"", ":memory:"}
    engine = sa.create_engine(
        sa_url,
        connect_args={"check_same_thread": False, "timeout": settings.busy_timeout_s},
        # An in-memory database lives in one connection: share it with every thread.
        poolclass=StaticPool if memory else None,
        # CJK as itself, not \uXXXX: half the bytes and 4x faster to decode (docs/benchmarks.md).
        json_serializer=_json_dumps,
    )
    _configure_sqlite(engine, settings)
    return engine


def _configure_sqlite(engine: Engine, settings: StoreSettings) -> None:
    if settings.synchronous.lower() not in {"normal", "full", "extra"}:
        raise ConfigError(f"store synchronous={settings.synchronous!r}: use normal, full or extra")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(settings.busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={settings.synchronous.upper()}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def insert_ignore(conn: sa.Connection, table: sa.Table) -> Any:
    """INSERT for `table` that skips rows violating a unique constraint."""
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(conn.dialect.name)


def new_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the row an INSERT just wrote."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("INSERT returned no primary key")
    return int(key[0])


def integrity_check(conn: sa.Connection) -> list[str]:
    """The backend's own consistency check: an empty list when the database is sound."""
    if conn.dialect.name == "sqlite":
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows
    return []
