"""Lineage and alterations of reprint groups, computed at ingest and kept in the store.

`connect_groups` holds, per reprint group, its members (every URL that carries the text:
stored articles and their aliases, each with its own outlet, title and date), its lineage
and a `basis`: a hash of what they were computed from (each member's `updated_at`, its
enrichment's, and for an alias its own). `connect_alterations` holds one row per reprint:
its structured diff against the group's original, with the basis of that pair.

`relink` recomputes a group after an article joins it, an alias is stored, or a member's
text or metadata changes: lineage every time (cheap: no bodies read), alterations only for
the reprints whose pair basis changed (all of them when the original changed). Readers
(`group_views`) use the stored rows when the basis still matches the members and compute
the group afresh (without writing) when it does not, so what they show is never stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from huibao.store import articles as arts
from huibao.store.articles import add_alias_metadata
from huibao.store.schema import article_aliases, articles, enrichments, metadata, sources
from huibao.store.types import JSONType, UTCDateTime

if TYPE_CHECKING:
    from huibao.connect import Alterations, Lineage, Member
    from huibao.connect.views import GroupView, Item
    from huibao.enrich.model import Enrichment
    from huibao.model import Article
    from huibao.store.store import Store

#: What lineage reads of a stored article (its body is read only for alterations).
ARTICLE_COLUMNS = ("id", "url", "title", "published", "source", "first_seen_at", "updated_at")

#: A member URL: (article id, alias id or None for the article's own URL).
Ref = tuple[int, int | None]

connect_groups = sa.Table(
    "connect_groups",
    metadata,
    sa.Column("group_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("original_article_id", sa.Integer, nullable=False),
    sa.Column("original_alias_id", sa.Integer),
    sa.Column("reason", sa.String(40), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),  # members: articles and aliases
    sa.Column("members", JSONType, nullable=False),
    sa.Column("lineage", JSONType, nullable=False),
    sa.Column("basis", sa.String(40), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

connect_alterations = sa.Table(
    "connect_alterations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("group_id", sa.Integer, nullable=False),
    sa.Column("article_id", sa.Integer, nullable=False),
    sa.Column("alias_id", sa.Integer),
    sa.Column("original_article_id", sa.Integer, nullable=False),
    sa.Column("original_alias_id", sa.Integer),
    sa.Column("changed", sa.Boolean, nullable=False),
    sa.Column("data", JSONType, nullable=False),
    sa.Column("basis", sa.String(40), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_connect_alterations_group", "group_id"),
    sa.Index("ix_connect_alterations_article", "article_id"),
)


def add_lineage(conn: sa.Connection) -> None:
    """Migration 5: aliases keep their own metadata; lineage and alterations are stored."""
    add_alias_metadata(conn)
    connect_groups.create(conn)
    connect_alterations.create(conn)


# -- members -------------------------------------------------------------------------------


def _stamp(*moments: datetime | None) -> str:
    return "/".join(m.isoformat() if m else "" for m in moments)


def members(conn: sa.Connection, ids: Sequence[int]) -> tuple[list[Member], dict[Ref, str]]:
    """The member URLs of articles `ids` (articles, then aliases) and each one's stamp.

    Reads metadata columns only, never bodies: this runs on every ingest.
    """
    from huibao.connect import Member

    found: list[Member] = []
    stamps: dict[Ref, str] = {}
    query = (
        sa.select(
            *(articles.c[k] for k in ARTICLE_COLUMNS),
            sources.c.name,
            enrichments.c.updated_at.label("enriched_at"),
        )
        .join(sources, sources.c.id == articles.c.source_id)
        .outerjoin(enrichments, enrichments.c.article_id == articles.c.id)
        .where(articles.c.id.in_(list(ids)))
        .order_by(articles.c.id)
    )
    for r in conn.execute(query):
        found.append(Member(r.id, r.name, r.published, r.source, r.first_seen_at, r.title, r.url))
        stamps[(r.id, None)] = _stamp(r.updated_at, r.enriched_at)
    a = article_aliases
    query = (
        sa.select(a, sources.c.name)
        .join(sources, sources.c.id == a.c.source_id)
        .where(a.c.article_id.in_([m.article_id for m in found]))
        .order_by(a.c.id)
    )
    for r in conn.execute(query):
        found.append(
            Member(r.article_id, r.name, r.published, r.source, r.created_at, r.title, r.url, r.id)
        )
        stamps[(r.article_id, r.id)] = stamps[(r.article_id, None)] + "/" + _stamp(r.updated_at)
    return found, stamps


def basis(stamps: dict[Ref, str]) -> str:
    """One hash of every member and its stamp: equal when nothing a view reads changed."""
    text = "\n".join(f"{ref}={stamp}" for ref, stamp in sorted(stamps.items(), key=str))
    return hashlib.sha1(text.encode()).hexdigest()


def _pair_basis(stamps: dict[Ref, str], original: Ref, copy: Ref) -> str:
    text = f"{original}={stamps[original]}|{copy}={stamps[copy]}"
    return hashlib.sha1(text.encode()).hexdigest()


# -- texts and facts -------------------------------------------------------------------------


def facts_of(data: dict[str, Any] | None, article: Article) -> Enrichment:
    """The stored enrichment record `data` read back, or one computed now when there is
    none (or it is unreadable)."""
    from huibao.enrich import Enrichment, enrich

    if data is not None:
        try:
            return Enrichment.from_dict(data)
        except (KeyError, TypeError, ValueError):
            pass  # an older or foreign record: compute afresh below
    return enrich(article)


def _items(store: Store, wanted: Iterable[Member]) -> dict[Ref, Item]:
    """(member, text, facts) of each wanted member; an alias's text is its article's body
    under its own title, date, 来源 line and URL."""
    wanted = list(wanted)
    ids = sorted({m.article_id for m in wanted})
    with store.reading() as conn:
        rows = conn.execute(arts.stored_query().where(articles.c.id.in_(ids))).all()
        query = sa.select(enrichments).where(enrichments.c.article_id.in_(ids))
        records = {r.article_id: r.data for r in conn.execute(query)}
    loaded = {}
    for row in rows:
        text = arts.stored(row).article
        loaded[row.id] = (text, facts_of(records.get(row.id), text))
    items: dict[Ref, Item] = {}
    for m in wanted:
        if m.article_id not in loaded:
            continue  # deleted meanwhile
        text, facts = loaded[m.article_id]
        if m.alias_id is not None:
            text = replace(
                text, url=m.url, title=m.title, published=m.published, source=m.attribution
            )
        items[m.ref] = (m, text, facts)
    return items


def fresh_view(store: Store, group_id: int, found: list[Member]) -> GroupView:
    """A group's view computed now from the stored texts (nothing written)."""
    from huibao.connect.views import group_view

    items = _items(store, found)
    return group_view(group_id, [items[m.ref] for m in found if m.ref in items])


# -- reading and writing ---------------------------------------------------------------------


def _stored_alterations(conn: sa.Connection, group_id: int) -> list[Any]:
    query = sa.select(connect_alterations).where(connect_alterations.c.group_id == group_id)
    return list(conn.execute(query.order_by(connect_alterations.c.id)))


def stored_view(conn: sa.Connection, group_id: int, wanted: str) -> GroupView | None:
    """The stored view of a group when its basis is `wanted` (else None: recompute)."""
    from huibao.connect import Alterations, Lineage, Member
    from huibao.connect.views import GroupView

    query = sa.select(connect_groups).where(connect_groups.c.group_id == group_id)
    row = conn.execute(query).first()
    if row is None or row.basis != wanted:
        return None
    line = Lineage.from_dict(row.lineage)
    changes = {
        (r.article_id, r.alias_id): Alterations.from_dict(r.data)
        for r in _stored_alterations(conn, group_id)
    }
    if any(c.ref not in changes for c in line.reprints):
        return None
    ordered = tuple(changes[c.ref] for c in line.reprints)
    return GroupView(group_id, tuple(Member.from_dict(m) for m in row.members), line, ordered)


def group_views(store: Store, groups: dict[int, list[int]]) -> list[GroupView]:
    """Views of these groups (group id -> article ids): stored when current, else fresh."""
    views: list[GroupView] = []
    for group_id, ids in groups.items():
        with store.reading() as conn:
            found, stamps = members(conn, ids)
            view = stored_view(conn, group_id, basis(stamps)) if found else None
        if view is None and found:
            view = fresh_view(store, group_id, found)
        if view is not None:
            views.append(view)
    return views


@dataclass(frozen=True, slots=True)
class Relink:
    """What `plan` decided for one group: its members, lineage and the alterations to
    (re)write; no members means the group is gone."""

    group_id: int
    found: tuple[Member, ...]
    line: Lineage | None
    wanted: str
    fresh: dict[Ref, Alterations]
    known: dict[Ref, Any]
    stamps: dict[Ref, str]


def plan(store: Store, group_id: int, ids: Sequence[int]) -> Relink | None:
    """Read a group and compute what changed: None when the stored rows are current."""
    from huibao.connect import lineage

    with store.reading() as conn:
        found, stamps = members(conn, ids)
        wanted = basis(stamps)
        query = sa.select(connect_groups.c.basis).where(connect_groups.c.group_id == group_id)
        if found and conn.execute(query).scalar() == wanted:
            return None
        known = {(r.article_id, r.alias_id): r for r in _stored_alterations(conn, group_id)}
    if not found:
        return Relink(group_id, (), None, wanted, {}, known, stamps)
    line = lineage(found)
    fresh = _recompute(store, found, line, known, stamps)
    return Relink(group_id, tuple(found), line, wanted, fresh, known, stamps)


def write(conn: sa.Connection, relinked: Relink, now: datetime) -> None:
    """Store what `plan` computed (in the caller's transaction)."""
    if relinked.line is None:
        forget(conn, [relinked.group_id])
        return
    _write(conn, relinked, now)
    _write_alterations(
        conn,
        relinked.group_id,
        relinked.line,
        relinked.fresh,
        relinked.known,
        relinked.stamps,
        now,
    )


def relink(store: Store, group_id: int, ids: Sequence[int], now: datetime) -> bool:
    """Recompute and store a group's lineage and the alterations that changed; False when
    the stored rows were current already (see the module doc)."""
    found = plan(store, group_id, ids)
    if found is not None:
        with store.transaction() as conn:
            write(conn, found, now)
    return found is not None


def _recompute(
    store: Store,
    found: list[Member],
    line: Lineage,
    known: dict[Ref, Any],
    stamps: dict[Ref, str],
) -> dict[Ref, Alterations]:
    """Alterations of the reprints whose stored pair is missing or out of date."""
    from huibao.connect.views import copy_alterations

    origin = line.original_ref
    stale = [
        c.ref
        for c in line.reprints
        if c.ref not in known or known[c.ref].basis != _pair_basis(stamps, origin, c.ref)
    ]
    if not stale:
        return {}
    by_ref = {m.ref: m for m in found}
    items = _items(store, [by_ref[origin], *(by_ref[r] for r in stale)])
    if origin not in items:
        return {}
    return {r: copy_alterations(items[origin], items[r]) for r in stale if r in items}


def _write(conn: sa.Connection, relinked: Relink, now: datetime) -> None:
    assert relinked.line is not None
    line, table = relinked.line, connect_groups
    values = {
        "original_article_id": line.original,
        "original_alias_id": line.original_alias,
        "reason": line.reason,
        "size": len(relinked.found),
        "members": [m.to_dict() for m in relinked.found],
        "lineage": line.to_dict(),
        "basis": relinked.wanted,
        "updated_at": now,
    }
    # one statement whether the row exists or not (SQLite is the only backend)
    conn.execute(
        table.insert()
        .prefix_with("OR REPLACE", dialect="sqlite")
        .values(group_id=relinked.group_id, **values)
    )


def _write_alterations(
    conn: sa.Connection,
    group_id: int,
    line: Lineage,
    fresh: dict[Ref, Alterations],
    known: dict[Ref, Any],
    stamps: dict[Ref, str],
    now: datetime,
) -> None:
    table = connect_alterations
    current = {c.ref for c in line.reprints}
    gone = [r.id for ref, r in known.items() if ref not in current or ref in fresh]
    if gone:
        conn.execute(table.delete().where(table.c.id.in_(gone)))
    for ref, alt in fresh.items():
        conn.execute(
            table.insert().values(
                group_id=group_id,
                article_id=ref[0],
                alias_id=ref[1],
                original_article_id=line.original,
                original_alias_id=line.original_alias,
                changed=alt.changed,
                data=alt.to_dict(),
                basis=_pair_basis(stamps, line.original_ref, ref),
                updated_at=now,
            )
        )


def forget(conn: sa.Connection, group_ids: Iterable[int]) -> None:
    """Drop the stored lineage of groups that no longer exist (merged into another)."""
    ids = list(group_ids)
    conn.execute(connect_groups.delete().where(connect_groups.c.group_id.in_(ids)))
    conn.execute(connect_alterations.delete().where(connect_alterations.c.group_id.in_(ids)))


def stale_groups(conn: sa.Connection, entries: sa.Table) -> list[int]:
    """Groups whose stored lineage is missing, counts another number of members (an alias
    stored or gone), or is older than a member's article, alias or enrichment: a screen in
    one query; `relink` then compares bases exactly."""
    g, e, a = connect_groups, entries, article_aliases
    since = sa.func.max(g.c.updated_at)
    size = sa.func.count(sa.distinct(e.c.article_id)) + sa.func.count(sa.distinct(a.c.id))
    query = (
        sa.select(e.c.group_id)
        .join(articles, articles.c.id == e.c.article_id)
        .outerjoin(g, g.c.group_id == e.c.group_id)
        .outerjoin(a, a.c.article_id == e.c.article_id)
        .outerjoin(enrichments, enrichments.c.article_id == e.c.article_id)
        .group_by(e.c.group_id)
        .having(
            sa.or_(
                since.is_(None),
                size != sa.func.max(g.c.size),
                sa.func.max(articles.c.updated_at) > since,
                sa.func.max(sa.func.coalesce(a.c.updated_at, a.c.created_at)) > since,
                sa.func.max(enrichments.c.updated_at) > since,
            )
        )
        .order_by(e.c.group_id)
    )
    return [int(i) for i in conn.execute(query).scalars()]
