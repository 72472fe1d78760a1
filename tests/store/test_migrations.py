from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from huibao.errors import HuibaoError
from huibao.model import Article
from huibao.store import MIGRATIONS, Migration, Store, StoreSettings, migrate
from huibao.store.dialect import make_engine
from huibao.store.schema import metadata


def _shape(engine: sa.Engine) -> dict[str, tuple[set[str], set[str]]]:
    inspector = sa.inspect(engine)
    return {
        name: (
            {c["name"] for c in inspector.get_columns(name)},
            {str(i["name"]) for i in inspector.get_indexes(name) if i["name"]},
        )
        for name in inspector.get_table_names()
        if name != "schema_version"
    }


def test_migrating_an_empty_database_gives_the_declared_schema(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "a.db", StoreSettings())
    assert migrate(engine) == MIGRATIONS[-1].version
    declared = {
        t.name: ({c.name for c in t.columns}, {str(i.name) for i in t.indexes})
        for t in metadata.sorted_tables
    }
    assert _shape(engine) == declared


def test_upgrade_from_the_first_schema_keeps_data(
    tmp_path: Path, make_article: Callable[..., Article]
) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(path, StoreSettings())
    assert migrate(engine, target=1) == 1
    assert "enrichments" not in sa.inspect(engine).get_table_names()
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO sources (name, home, created_at) VALUES ('旧源', '', :now)"),
            {"now": now.replace(tzinfo=None)},
        )
    engine.dispose()

    with Store.open(path) as store:
        assert [s.name for s in store.sources()] == ["旧源"]
        article_id = store.save_article(make_article(1), source="旧源", enrichment={"k": 1})
        assert store.get_enrichment(article_id) == {"k": 1}
        with store.reading() as conn:
            versions = conn.execute(sa.text("SELECT version FROM schema_version")).scalars()
            assert list(versions) == [m.version for m in MIGRATIONS]


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    for _ in range(3):
        Store.open(path).close()
    with Store.open(path) as store, store.reading() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM schema_version")).scalar() == len(
            MIGRATIONS
        )


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "a.db", StoreSettings())
    extra = Migration(len(MIGRATIONS) + 1, "future", lambda conn: None)
    migrate(engine, migrations=(*MIGRATIONS, extra))
    with pytest.raises(HuibaoError, match="newer than this huibao"):
        migrate(engine)


def test_migrations_must_be_numbered_in_order(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "a.db", StoreSettings())
    bad = (*MIGRATIONS, Migration(len(MIGRATIONS) + 2, "gap", lambda conn: None))
    with pytest.raises(HuibaoError, match="in order"):
        migrate(engine, migrations=bad)


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "a.db", StoreSettings())

    def broken(conn: sa.Connection) -> None:
        conn.execute(sa.text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(engine, migrations=(*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "x", broken)))
    assert "half_done" not in sa.inspect(engine).get_table_names()
    assert migrate(engine) == MIGRATIONS[-1].version


def test_non_sqlite_urls_get_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(HuibaoError, match="only SQLite"):
        Store.open("postgresql://user@localhost/db")


def test_upgrade_from_schema_4_gives_aliases_their_own_metadata(
    tmp_path: Path, make_article: Callable[..., Article]
) -> None:
    path = tmp_path / "v4.db"
    engine = make_engine(path, StoreSettings())
    assert migrate(engine, target=4) == 4
    old = Store(engine, StoreSettings())  # a huibao of schema 4 writing its tables
    first = make_article(1)
    article_id = old.save_article(first, source="柳州")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO article_aliases (url, article_id, source_id, created_at) "
                "VALUES ('https://mirror.cn/1.html', :a, 1, :now)"
            ),
            {"a": article_id, "now": datetime.now(UTC).replace(tzinfo=None)},
        )
    engine.dispose()

    with Store.open(path) as store:
        with store.reading() as conn:
            assert conn.execute(sa.text("SELECT max(version) FROM schema_version")).scalar() == 5
            row = conn.execute(sa.text("SELECT title, published FROM article_aliases")).one()
        assert tuple(row) == ("", None)  # schema 4 kept no metadata for aliases
        assert store.aliases(article_id) == ["https://mirror.cn/1.html"]
        mirror = replace(first, url="https://mirror.cn/1.html", title="镜像标题")
        assert store.save(mirror, source="镜像").outcome == "unchanged"  # metadata filled in
        with store.reading() as conn:
            row = conn.execute(sa.text("SELECT title, published FROM article_aliases")).one()
        assert row[0] == "镜像标题" and row[1] is not None
        assert store.aliases(article_id) == ["https://mirror.cn/1.html"]
