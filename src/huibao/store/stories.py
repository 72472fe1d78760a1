"""Reprint groups and stories: their tables, migration, and `Connector`, which keeps them.

`connect_entries` holds one row per placed article (its MinHash signature, the features story
linking reads, its group and story ids) in arrival order (`seq`), which is all the connect
stage needs to rebuild its in-memory index (`huibao.connect.ReprintIndex.restore`).
`connect_stories` holds a summary per story and, for stories folded into an older one,
`merged_into`, so an id handed out once (to an alert, a report) always resolves.

A `Connector` loads the index once and then places articles one at a time; before each it
reads entries other processes added since (by `seq`), so several crawlers may share a
database. Lineage and alterations are computed when a story is shown, from the stored
articles and enrichments, so they always reflect the articles' current text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from huibao.errors import HuibaoError
from huibao.store.schema import article_aliases, articles, metadata, sources
from huibao.store.types import JSONType, UTCDateTime

if TYPE_CHECKING:
    from huibao.connect import ConnectSettings, Entry, Member, Placement
    from huibao.connect.model import Features
    from huibao.connect.shingles import Signature
    from huibao.connect.views import StorySummary, StoryView
    from huibao.enrich.model import Enrichment
    from huibao.store.records import StoredArticle
    from huibao.store.store import Store

# The connect stage (datasketch, scipy, numpy) and enrich (a segmenter) are imported inside
# the functions that use them: this module is imported with the migrations every time a
# store opens, and most commands never place or show a story.

connect_entries = sa.Table(
    "connect_entries",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, unique=True),
    sa.Column("group_id", sa.Integer, nullable=False),
    sa.Column("story_id", sa.Integer, nullable=False),
    sa.Column("how", sa.String(10), nullable=False),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("shingles", sa.Integer, nullable=False),
    sa.Column("digest", sa.String(32), nullable=False),
    sa.Column("features", JSONType, nullable=False),
    sa.Column("placed_at", UTCDateTime, nullable=False),
    sa.Index("ix_connect_entries_group", "group_id"),
    sa.Index("ix_connect_entries_story", "story_id"),
)

connect_stories = sa.Table(
    "connect_stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("merged_into", sa.Integer),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("first_published", UTCDateTime),
    sa.Column("last_published", UTCDateTime),
    sa.Column("outlets", JSONType, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False, server_default="0"),
    sa.Column("groups", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_connect_stories_last", "last_published"),
)


def add_stories(conn: sa.Connection) -> None:
    """Migration: reprint-group entries and story summaries."""
    connect_entries.create(conn)
    connect_stories.create(conn)


# -- reading -------------------------------------------------------------------------------


def resolve(conn: sa.Connection, story_id: int) -> int | None:
    """The surviving id of a story (following merges), or None when unknown."""
    seen = set()
    while story_id not in seen:
        seen.add(story_id)
        query = sa.select(connect_stories.c.merged_into).where(connect_stories.c.id == story_id)
        row = conn.execute(query).first()
        if row is None:
            return None
        if row.merged_into is None:
            return story_id
        story_id = int(row.merged_into)
    return None


def story_of(store: Store, article_id: int) -> int | None:
    """The story an article was placed in (None before it was placed)."""
    with store.reading() as conn:
        query = sa.select(connect_entries.c.story_id).where(
            connect_entries.c.article_id == article_id
        )
        found = conn.execute(query).scalar()
    return int(found) if found is not None else None


def _summary(row: Any) -> StorySummary:
    from huibao.connect.views import StorySummary

    return StorySummary(
        id=row.id,
        title=row.title,
        first_published=row.first_published,
        last_published=row.last_published,
        outlets=tuple(row.outlets),
        articles=row.articles,
        groups=row.groups,
    )


def list_stories(
    store: Store, *, limit: int = 50, min_articles: int = 1, since: datetime | None = None
) -> list[StorySummary]:
    """Live stories, latest first (by their last article's date)."""
    query = sa.select(connect_stories).where(
        connect_stories.c.merged_into.is_(None), connect_stories.c.articles >= min_articles
    )
    if since is not None:
        query = query.where(connect_stories.c.last_published >= since)
    query = query.order_by(
        connect_stories.c.last_published.desc().nulls_last(), connect_stories.c.id.desc()
    ).limit(limit)
    with store.reading() as conn:
        return [_summary(r) for r in conn.execute(query)]


def _facts(store: Store, stored: StoredArticle) -> Enrichment:
    from huibao.enrich import Enrichment, enrich

    data = store.get_enrichment(stored.id)
    if data is not None:
        try:
            return Enrichment.from_dict(data)
        except (KeyError, TypeError, ValueError):
            pass  # an older or foreign record: compute afresh below
    return enrich(stored.article)


def _member(stored: StoredArticle) -> Member:
    from huibao.connect import Member

    a = stored.article
    return Member(
        stored.id,
        stored.source_name,
        a.published,
        a.source,
        stored.first_seen_at,
        a.title,
        a.url or "",
    )


def show_story(store: Store, story_id: int) -> StoryView | None:
    """A story's summary and, per reprint group, its lineage and alterations."""
    from huibao.connect.views import GroupView, StoryView, group_view

    with store.reading() as conn:
        live = resolve(conn, story_id)
        if live is None:
            return None
        summary = conn.execute(sa.select(connect_stories).where(connect_stories.c.id == live))
        query = sa.select(connect_entries.c.article_id, connect_entries.c.group_id).where(
            connect_entries.c.story_id == live
        )
        summary_row, rows = summary.one(), conn.execute(query.order_by(connect_entries.c.seq)).all()
        copies = _aliases(conn, [r.article_id for r in rows])
    groups: dict[int, list[int]] = {}
    for row in rows:
        groups.setdefault(row.group_id, []).append(row.article_id)
    views: list[GroupView] = []
    for group_id, ids in groups.items():
        found = [s for s in (store.get_article(i) for i in ids) if s is not None]
        if found:
            items = [(_member(s), s.article, _facts(store, s)) for s in found]
            same = tuple((url, outlet) for i in ids for url, outlet in copies.get(i, ()))
            views.append(group_view(group_id, items, same))
    return StoryView(_summary(summary_row), tuple(views))


def _aliases(conn: sa.Connection, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Per article: (url, outlet) of each URL the store found the same text at."""
    found: dict[int, list[tuple[str, str]]] = {}
    query = (
        sa.select(article_aliases.c.article_id, article_aliases.c.url, sources.c.name)
        .join(sources, sources.c.id == article_aliases.c.source_id)
        .where(article_aliases.c.article_id.in_(ids))
        .order_by(article_aliases.c.id)
    )
    for row in conn.execute(query):
        found.setdefault(row.article_id, []).append((row.url, row.name))
    return found


# -- writing -------------------------------------------------------------------------------


def _entry(row: Any) -> Entry:
    from huibao.connect import Entry, Features, Signature

    return Entry(
        row.article_id,
        Signature.from_bytes(row.signature, row.shingles, row.digest),
        Features.from_dict(row.features),
        row.group_id,
        row.story_id,
    )


class Connector:
    """Places stored articles into reprint groups and stories, keeping the tables current.

    One per process: `Connector(store).ingest(article_id)` after each article is saved.
    Loading reads every entry once; later calls only read what other processes added.
    """

    def __init__(self, store: Store, settings: ConnectSettings | None = None) -> None:
        from huibao.connect import ReprintIndex

        self.store = store
        self.index = ReprintIndex(settings)
        self._seq = 0
        self.sync()

    def sync(self) -> int:
        """Read entries other processes added since the last call; how many."""
        with self.store.reading() as conn:
            merges: Sequence[Any] = ()
            if self._seq == 0:  # later merges by this process are already in the index
                merged = connect_stories.c.merged_into
                query = sa.select(connect_stories.c.id, merged).where(merged.is_not(None))
                merges = conn.execute(query).all()
            query = sa.select(connect_entries).where(connect_entries.c.seq > self._seq)
            rows = conn.execute(query.order_by(connect_entries.c.seq)).all()
        fresh = [r for r in rows if r.article_id not in self.index]
        width = 4 * self.index.settings.num_perm
        if fresh and len(fresh[0].signature) != width:
            raise HuibaoError(
                f"stored reprint signatures have {len(fresh[0].signature) // 4} MinHash values, "
                f"these settings make {width // 4}: keep the settings they were made with"
            )
        self.index.restore((_entry(r) for r in fresh), ((m.id, m.merged_into) for m in merges))
        if rows:
            self._seq = rows[-1].seq
        return len(fresh)

    def ingest(self, article_id: int) -> Placement:
        """Place one stored article (again: a no-op returning its place)."""
        self.sync()
        stored = self.store.get_article(article_id)
        if stored is None:
            raise HuibaoError(f"no article {article_id} in the store")
        from huibao.connect import Features
        from huibao.connect.model import features_of

        if article_id in self.index:  # saved again: perhaps now with an alias to count
            placement = self.index.add(article_id, self.index.signer.sign(""), Features())
            with self.store.transaction() as conn:
                _refresh(conn, placement.story_id, datetime.now(UTC))
            return placement
        facts = _facts(self.store, stored)
        signature = self.index.signer.sign(stored.article.body)
        features = features_of(facts, stored.article.published)
        placement = self.index.add(article_id, signature, features)
        self._write(placement, signature, features)
        return placement

    def ingest_pending(self, limit: int | None = None) -> int:
        """Place stored articles not yet placed, in id order; how many were placed."""
        placed = sa.select(connect_entries.c.article_id)
        query = sa.select(articles.c.id).where(articles.c.id.not_in(placed)).order_by(articles.c.id)
        with self.store.reading() as conn:
            pending = list(conn.execute(query.limit(limit)).scalars())
        for article_id in pending:
            self.ingest(article_id)
        return len(pending)

    def _write(self, placement: Placement, signature: Signature, features: Features) -> None:
        now = datetime.now(UTC)
        entries, stories = connect_entries, connect_stories
        with self.store.transaction() as conn:
            result = conn.execute(
                entries.insert().values(
                    article_id=placement.article_id,
                    group_id=placement.group_id,
                    story_id=placement.story_id,
                    how=placement.how,
                    signature=signature.to_bytes(),
                    shingles=signature.size,
                    digest=signature.digest,
                    features=features.to_dict(),
                    placed_at=now,
                )
            )
            if placement.merged_groups:
                conn.execute(
                    entries.update()
                    .where(entries.c.group_id.in_(placement.merged_groups))
                    .values(group_id=placement.group_id)
                )
            if placement.merged_stories:
                merged = placement.merged_stories
                conn.execute(
                    entries.update()
                    .where(entries.c.story_id.in_(merged))
                    .values(story_id=placement.story_id)
                )
                conn.execute(
                    stories.update()
                    .where(stories.c.id.in_(merged))
                    .values(merged_into=placement.story_id, articles=0, groups=0, updated_at=now)
                )
            _refresh(conn, placement.story_id, now)
        key = result.inserted_primary_key
        if key is not None and key[0] == self._seq + 1:
            self._seq = int(key[0])  # ours: no need to read it back


def _refresh(conn: sa.Connection, story_id: int, now: datetime) -> None:
    """Recompute one story's summary row from its entries."""
    e = connect_entries
    rows = conn.execute(
        sa.select(
            e.c.article_id, e.c.group_id, articles.c.title, articles.c.published, sources.c.name
        )
        .join(articles, articles.c.id == e.c.article_id)
        .join(sources, sources.c.id == articles.c.source_id)
        .where(e.c.story_id == story_id)
        .order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)
    ).all()
    dates = [r.published for r in rows if r.published is not None]
    copies = _aliases(conn, [r.article_id for r in rows])
    also = [outlet for found in copies.values() for _, outlet in found]
    values = {
        "title": rows[0].title if rows else "",
        "first_published": min(dates) if dates else None,
        "last_published": max(dates) if dates else None,
        "outlets": list(dict.fromkeys([r.name for r in rows] + also)),
        "articles": len(rows) + len(also),
        "groups": len({r.group_id for r in rows}),
        "updated_at": now,
    }
    updated = conn.execute(
        connect_stories.update().where(connect_stories.c.id == story_id).values(**values)
    )
    if updated.rowcount == 0:
        conn.execute(connect_stories.insert().values(id=story_id, **values))


def iter_entries(store: Store) -> Iterator[Entry]:
    """Every stored entry in arrival order (for exports and checks)."""
    with store.reading() as conn:
        query = sa.select(connect_entries).order_by(connect_entries.c.seq)
        rows = conn.execute(query).all()
    yield from (_entry(r) for r in rows)
