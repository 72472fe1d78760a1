"""The full-text search index and monitoring plans: tables, migration, and the SQL for them.

The index is an SQLite FTS5 table fed with *tokens* the monitor stage prepares
(`huibao.monitor.grams`: CJK bigrams and single characters, Latin words), so this module
never tokenises text itself and a PostgreSQL backend can index the same token columns
(e.g. `to_tsvector('simple', ...)` with a GIN index) behind the same functions.

FTS5 rowids are `search_docs.id`, not article ids: the FTS table is contentless (it keeps
no copy of the text, halving the index), and a contentless table can only delete a row
given its old text. Re-indexing a changed article therefore marks the old `search_docs`
row dead (`live = 0`) and adds a new one; `rebuild_search` starts the index afresh.

Every user string reaches FTS5 only inside a double-quoted token built by the monitor stage
(FTS5 reads `-`, `"`, `:` and `*` as syntax even in bound parameters).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from huibao.store.dialect import insert_ignore
from huibao.store.schema import articles, enrichments, metadata
from huibao.store.types import JSONType, UTCDateTime

FTS = "search_fts"
#: Column weights for bm25(): title bigrams, body bigrams, title chars, body chars.
WEIGHTS = (4.0, 1.0, 0.4, 0.1)

search_docs = sa.Table(
    "search_docs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("live", sa.Boolean, nullable=False),
    sa.Column("published", UTCDateTime),
    sa.Column("source", sa.Text, nullable=False, server_default=""),
    sa.Column("indexed_at", UTCDateTime, nullable=False),
    sa.Index("ix_search_docs_article", "article_id"),
    sa.Index("ix_search_docs_published", "published"),
)

search_places = sa.Table(
    "search_places",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("code", sa.String(12), nullable=False, server_default=""),
    sa.Column("name", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_search_places_article", "article_id"),
    sa.Index("ix_search_places_code", "code"),
    sa.Index("ix_search_places_name", "name"),
)

monitor_plans = sa.Table(
    "monitor_plans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("definition", JSONType, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

plan_matches = sa.Table(
    "plan_matches",
    metadata,
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("monitor_plans.id"), primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("terms", JSONType, nullable=False),
    sa.Column("matched_at", UTCDateTime, nullable=False),
    sa.Index("ix_plan_matches_article", "article_id"),
)

alert_stories = sa.Table(
    "alert_stories",
    metadata,
    sa.Column("plan", sa.String(200), primary_key=True),
    sa.Column("story", sa.String(100), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("first_at", UTCDateTime, nullable=False),
    sa.Column("last_at", UTCDateTime, nullable=False),
)

alert_outbox = sa.Table(
    "alert_outbox",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("plan", sa.String(200), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("payload", JSONType, nullable=False),
    sa.Column("created", UTCDateTime, nullable=False),
    sa.Column("next_at", UTCDateTime, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("state", sa.String(10), nullable=False),
    sa.Column("last_error", sa.Text, nullable=False),
    sa.Index("ix_alert_outbox_due", "state", "next_at"),
)

alert_held = sa.Table(
    "alert_held",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan", sa.String(200), nullable=False),
    sa.Column("item", JSONType, nullable=False),
    sa.Index("ix_alert_held_plan", "plan"),
)

# FTS5 creates these itself (CREATE VIRTUAL TABLE below); they are declared only so the
# schema declared here matches what a migrated database holds. Never create them directly.
_FTS_SHAPE = {
    FTS: ("title_bi", "body_bi", "title_uni", "body_uni"),
    f"{FTS}_config": ("k", "v"),
    f"{FTS}_data": ("id", "block"),
    f"{FTS}_docsize": ("id", "sz"),
    f"{FTS}_idx": ("segid", "term", "pgno"),
}
for _name, _columns in _FTS_SHAPE.items():
    sa.Table(_name, metadata, *(sa.Column(c, sa.Text) for c in _columns), info={"fts": True})

CREATE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5("
    "title_bi, body_bi, title_uni, body_uni, content='', tokenize='unicode61 remove_diacritics 0')"
)


def add_search(conn: sa.Connection) -> None:
    """Migration: the FTS5 index, its document and place tables, plans, matches, alerts."""
    tables = (search_docs, search_places, monitor_plans, plan_matches)
    for table in (*tables, alert_stories, alert_outbox, alert_held):
        table.create(conn)
    conn.exec_driver_sql(CREATE_FTS)


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One article's index entry: token columns (space-separated), facts for filters."""

    article_id: int
    title_bi: str
    body_bi: str
    title_uni: str
    body_uni: str
    published: datetime | None = None
    source: str = ""
    places: tuple[tuple[str, str], ...] = ()  # (division code, bare name)


@dataclass(frozen=True, slots=True)
class Filters:
    """SQL-side filters: published range (UTC, end exclusive), place codes and names."""

    start: datetime | None = None
    end: datetime | None = None
    place_prefixes: tuple[str, ...] = ()
    place_names: tuple[str, ...] = ()


def write_index(conn: sa.Connection, rows: Sequence[IndexRow], now: datetime) -> None:
    """Index `rows`, replacing any live entry of the same articles."""
    ids = [r.article_id for r in rows]
    conn.execute(search_docs.update().where(search_docs.c.article_id.in_(ids)).values(live=False))
    conn.execute(search_places.delete().where(search_places.c.article_id.in_(ids)))
    for row in rows:
        doc_id = conn.execute(
            search_docs.insert().values(
                article_id=row.article_id,
                live=True,
                published=row.published,
                source=row.source,
                indexed_at=now,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        conn.exec_driver_sql(
            f"INSERT INTO {FTS}(rowid, title_bi, body_bi, title_uni, body_uni) VALUES (?,?,?,?,?)",
            (doc_id, row.title_bi, row.body_bi, row.title_uni, row.body_uni),
        )
        if row.places:
            conn.execute(
                search_places.insert(),
                [{"article_id": row.article_id, "code": c, "name": n} for c, n in row.places],
            )


def _code_prefix(column: sa.ColumnElement[str], prefix: str) -> sa.ColumnElement[bool]:
    """`column` starts with `prefix`, as a range the code index serves (a LIKE never uses
    it in SQLite: a place filter over 100,000 articles took 0.15 s against 0.001 s)."""
    if not prefix:
        return sa.true()
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return sa.and_(column >= prefix, column < upper)


def _filtered(query: sa.Select[Any], filters: Filters) -> sa.Select[Any]:
    docs = search_docs.c
    query = query.where(docs.live.is_(True))
    if filters.start is not None:
        query = query.where(docs.published >= filters.start)
    if filters.end is not None:
        query = query.where(docs.published < filters.end)
    if filters.place_prefixes or filters.place_names:
        places = search_places.c
        wanted = [_code_prefix(places.code, p) for p in filters.place_prefixes]
        if filters.place_names:
            wanted.append(places.name.in_(filters.place_names))
        inner = sa.select(places.article_id).where(sa.or_(*wanted))
        query = query.where(docs.article_id.in_(inner))
    return query


def candidates(
    conn: sa.Connection, fts: str | None, filters: Filters, limit: int, offset: int = 0
) -> list[tuple[int, float]]:
    """(article id, rank) of live entries matching `fts` and `filters`, best first.

    Rank is bm25 (smaller is better) when `fts` is given, else 0 with newest first.
    """
    docs = search_docs.c
    if fts is None:
        query = sa.select(docs.article_id, sa.literal(0.0)).order_by(
            docs.published.desc(), docs.id.desc()
        )
    else:
        weights = ", ".join(str(w) for w in WEIGHTS)
        fts_table = sa.table(FTS, sa.column("rowid"))
        rank: sa.ColumnClause[Any] = sa.literal_column(f"bm25({FTS}, {weights})")
        query = (
            sa.select(docs.article_id, rank)
            .select_from(fts_table.join(search_docs, docs.id == fts_table.c.rowid))
            .where(sa.text(f"{FTS} MATCH :fts").bindparams(fts=fts))
            .order_by(rank, docs.id)
        )
    query = _filtered(query, filters).limit(limit).offset(offset)
    return [(int(a), float(r)) for a, r in conn.execute(query)]


def count_candidates(conn: sa.Connection, fts: str | None, filters: Filters) -> int:
    """How many live entries match `fts` and `filters` (before the exact check)."""
    docs = search_docs.c
    query = sa.select(sa.func.count()).select_from(search_docs)
    if fts is not None:
        fts_table = sa.table(FTS, sa.column("rowid"))
        query = (
            sa.select(sa.func.count())
            .select_from(fts_table.join(search_docs, docs.id == fts_table.c.rowid))
            .where(sa.text(f"{FTS} MATCH :fts").bindparams(fts=fts))
        )
    return int(conn.execute(_filtered(query, filters)).scalar_one())


def facet_counts(
    conn: sa.Connection,
    fts: str | None,
    filters: Filters,
    size: int,
    utc_offset_hours: int,
    cap: int,
) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """The `size` commonest sources, places and local days among the live matches.

    One pass over at most `cap` matches (then their places), counted here rather than with
    three GROUP BY queries that would each run the full-text match again. Returns how many
    matches the counts cover (all of them unless the cap was reached).
    """
    docs = search_docs.c
    day = sa.func.date(docs.published, f"{utc_offset_hours:+d} hours")
    query = sa.select(docs.article_id, docs.source, day)
    if fts is not None:
        fts_table = sa.table(FTS, sa.column("rowid"))
        query = query.select_from(fts_table.join(search_docs, docs.id == fts_table.c.rowid)).where(
            sa.text(f"{FTS} MATCH :fts").bindparams(fts=fts)
        )
    counts: dict[str, Counter[str]] = {"source": Counter(), "date": Counter(), "place": Counter()}
    ids = []
    for article_id, source, local_day in conn.execute(_filtered(query, filters).limit(cap)):
        ids.append(article_id)
        counts["source"][source or ""] += 1
        counts["date"][str(local_day or "")] += 1
    for start in range(0, len(ids), 5_000):
        chunk = ids[start : start + 5_000]
        names = sa.select(search_places.c.article_id, search_places.c.name).distinct()
        for _, name in conn.execute(names.where(search_places.c.article_id.in_(chunk))):
            if name:
                counts["place"][name] += 1
    top = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:size] for k, c in counts.items()}
    return len(ids), top


def enrichments_of(conn: sa.Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """article id -> enrichment record, for those of `ids` that have one."""
    query = sa.select(enrichments.c.article_id, enrichments.c.data)
    rows = conn.execute(query.where(enrichments.c.article_id.in_(ids)))
    return {int(a): dict(d) for a, d in rows}


def unindexed(conn: sa.Connection, after_id: int, limit: int, changed: bool = True) -> list[int]:
    """Ids of articles with no live index entry, in id order; with `changed`, also those
    saved again since they were indexed (that check reads every article row: slower)."""
    docs = search_docs.c
    if not changed:
        newest = conn.execute(sa.select(sa.func.max(docs.article_id))).scalar() or 0
        after_id = max(after_id, int(newest))
    current = sa.exists().where(
        docs.article_id == articles.c.id,
        docs.live.is_(True),
        docs.indexed_at >= articles.c.updated_at,
    )
    query = (
        sa.select(articles.c.id)
        .where(articles.c.id > after_id, ~current)
        .order_by(articles.c.id)
        .limit(limit)
    )
    return [int(i) for i in conn.execute(query).scalars()]


def article_rows(conn: sa.Connection, ids: Sequence[int]) -> dict[int, Any]:
    """id -> row (id, url, record, published, source) for `ids`."""
    query = sa.select(
        articles.c.id, articles.c.url, articles.c.record, articles.c.published, articles.c.source
    ).where(articles.c.id.in_(ids))
    return {row.id: row for row in conn.execute(query)}


def places_of(conn: sa.Connection, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """id -> [(code, name)] of the places indexed for `ids`."""
    query = sa.select(search_places.c.article_id, search_places.c.code, search_places.c.name)
    found: dict[int, list[tuple[str, str]]] = {}
    for article_id, code, name in conn.execute(query.where(search_places.c.article_id.in_(ids))):
        found.setdefault(int(article_id), []).append((code, name))
    return found


def rebuild_search(conn: sa.Connection) -> None:
    """Empty the index (re-index afterwards with the monitor stage)."""
    conn.exec_driver_sql(f"DELETE FROM {FTS}")
    conn.execute(search_places.delete())
    conn.execute(search_docs.delete())


# -- plans ------------------------------------------------------------------------------


def save_plan(conn: sa.Connection, name: str, definition: dict[str, Any], now: datetime) -> int:
    """Create or replace plan `name`; its id."""
    found = conn.execute(sa.select(monitor_plans.c.id).where(monitor_plans.c.name == name)).scalar()
    if found is not None:
        conn.execute(
            monitor_plans.update().where(monitor_plans.c.id == found).values(definition=definition)
        )
        conn.execute(plan_matches.delete().where(plan_matches.c.plan_id == found))
        return int(found)
    values = {"name": name, "definition": definition, "created_at": now}
    return int(conn.execute(monitor_plans.insert().values(**values)).inserted_primary_key[0])  # type: ignore[index]


def list_plans(conn: sa.Connection) -> list[tuple[int, str, dict[str, Any]]]:
    """(id, name, definition) of every plan, by name."""
    query = sa.select(monitor_plans.c.id, monitor_plans.c.name, monitor_plans.c.definition)
    return [(int(i), n, dict(d)) for i, n, d in conn.execute(query.order_by(monitor_plans.c.name))]


def delete_plan(conn: sa.Connection, name: str) -> bool:
    """Remove plan `name` and its matches; False if there was none."""
    found = conn.execute(sa.select(monitor_plans.c.id).where(monitor_plans.c.name == name)).scalar()
    if found is None:
        return False
    conn.execute(plan_matches.delete().where(plan_matches.c.plan_id == found))
    conn.execute(monitor_plans.delete().where(monitor_plans.c.id == found))
    return True


def record_matches(
    conn: sa.Connection, plan_id: int, found: Iterable[tuple[int, list[str]]], now: datetime
) -> int:
    """Record (article id, matched terms) for a plan, skipping ones already recorded."""
    rows = [{"plan_id": plan_id, "article_id": a, "terms": t, "matched_at": now} for a, t in found]
    if not rows:
        return 0
    return int(conn.execute(insert_ignore(conn, plan_matches), rows).rowcount)


def plan_match_ids(conn: sa.Connection, plan_id: int, limit: int) -> list[tuple[int, list[str]]]:
    """(article id, terms) recorded for a plan, newest article first."""
    query = (
        sa.select(plan_matches.c.article_id, plan_matches.c.terms)
        .where(plan_matches.c.plan_id == plan_id)
        .order_by(plan_matches.c.article_id.desc())
        .limit(limit)
    )
    return [(int(a), list(t)) for a, t in conn.execute(query)]


# -- alerts (the SQL side of huibao.monitor.alerts.outbox.AlertStore) -----------------------


def bump_story(conn: sa.Connection, plan: str, story: str, now: datetime) -> int:
    """Count one more article of `story` for `plan`; the new count (1 = first)."""
    where = (alert_stories.c.plan == plan, alert_stories.c.story == story)
    count = conn.execute(sa.select(alert_stories.c.count).where(*where)).scalar()
    if count is None:
        values = {"plan": plan, "story": story, "count": 1, "first_at": now, "last_at": now}
        conn.execute(alert_stories.insert().values(**values))
        return 1
    conn.execute(alert_stories.update().where(*where).values(count=count + 1, last_at=now))
    return int(count) + 1


def outbox_add(conn: sa.Connection, row: dict[str, Any]) -> bool:
    """Insert an outbox row unless its key exists; True if inserted."""
    return bool(conn.execute(insert_ignore(conn, alert_outbox).values(**row)).rowcount)


def outbox_due(conn: sa.Connection, now: datetime, limit: int) -> list[dict[str, Any]]:
    """Pending rows whose time has come, oldest first."""
    c = alert_outbox.c
    query = (
        sa.select(alert_outbox)
        .where(c.state == "pending", c.next_at <= now)
        .order_by(c.next_at, c.created)
        .limit(limit)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def outbox_save(conn: sa.Connection, row: dict[str, Any]) -> None:
    """Write back a row's delivery state."""
    fields = {k: row[k] for k in ("next_at", "attempts", "state", "last_error")}
    conn.execute(alert_outbox.update().where(alert_outbox.c.key == row["key"]).values(**fields))


def outbox_rows(conn: sa.Connection, state: str | None) -> list[dict[str, Any]]:
    """Rows in `state` (all when None), oldest first."""
    query = sa.select(alert_outbox).order_by(alert_outbox.c.created, alert_outbox.c.key)
    if state is not None:
        query = query.where(alert_outbox.c.state == state)
    return [dict(r._mapping) for r in conn.execute(query)]


def hold(conn: sa.Connection, plan: str, item: dict[str, Any]) -> None:
    conn.execute(alert_held.insert().values(plan=plan, item=item))


def take_held(conn: sa.Connection, plan: str) -> list[dict[str, Any]]:
    """Remove and return the items held for `plan`, in the order they came."""
    query = sa.select(alert_held.c.item).where(alert_held.c.plan == plan).order_by(alert_held.c.id)
    items = [dict(i) for i in conn.execute(query).scalars()]
    conn.execute(alert_held.delete().where(alert_held.c.plan == plan))
    return items
