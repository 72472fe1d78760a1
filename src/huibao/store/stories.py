"""Reprint groups and stories: their tables, migration, and `Connector`, which keeps them.

`connect_entries` holds one row per placed article (its MinHash signature, the features story
linking reads, its group and story ids) in arrival order (`seq`), which is all the connect
stage needs to rebuild its in-memory index (`huibao.connect.ReprintIndex.restore`).
`connect_stories` holds a summary per story and, for stories folded into an older one,
`merged_into`, so an id handed out once (to an alert, a report) always resolves.

A `Connector` loads the index once and then places articles one at a time; before each it
reads entries other processes added since (by `seq`), so several crawlers may share a
database. After placing an article it recomputes its group's lineage and the alterations
that changed (`huibao.store.reprints`), so `show_story` and reports read them stored.

A reprint group's members are URLs: its stored articles and their aliases (second URLs
that served exactly an article's text, with their own outlet, title and date). Stories
count, date and list outlets over all of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from huibao.errors import HuibaoError
from huibao.store import reprints
from huibao.store.schema import article_aliases, articles, metadata
from huibao.store.types import JSONType, UTCDateTime

if TYPE_CHECKING:
    from huibao.connect import ConnectSettings, Entry, Member, Placement
    from huibao.connect.model import Features
    from huibao.connect.shingles import Signature
    from huibao.connect.views import StorySummary, StoryView
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


def show_story(store: Store, story_id: int) -> StoryView | None:
    """A story's summary and, per reprint group, its lineage and alterations."""
    from huibao.connect.views import StoryView

    with store.reading() as conn:
        live = resolve(conn, story_id)
        if live is None:
            return None
        summary = conn.execute(sa.select(connect_stories).where(connect_stories.c.id == live))
        query = sa.select(connect_entries.c.article_id, connect_entries.c.group_id).where(
            connect_entries.c.story_id == live
        )
        summary_row, rows = summary.one(), conn.execute(query.order_by(connect_entries.c.seq)).all()
    groups: dict[int, list[int]] = {}
    for row in rows:
        groups.setdefault(row.group_id, []).append(row.article_id)
    return StoryView(_summary(summary_row), tuple(reprints.group_views(store, groups)))


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
    Loading reads every entry once; later calls only read what other processes added, and
    the aliases stored since (their groups' lineage is recomputed at the next `ingest`).
    The first `ingest` (and `ingest_pending`) first runs `refresh`, which brings every
    out-of-date group up to date (aliases stored while no connector ran, changed texts).
    """

    def __init__(self, store: Store, settings: ConnectSettings | None = None) -> None:
        from huibao.connect import ReprintIndex

        self.store = store
        self.index = ReprintIndex(settings)
        self._seq = 0
        self._alias_mark: int | None = None
        self._touched: set[int] = set()  # articles with aliases stored since the last relink
        self._refreshed = False
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
            self._sync_aliases(conn)
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

    def _sync_aliases(self, conn: sa.Connection) -> None:
        """Note the articles that gained an alias since the last call (first call: none;
        older ones are `refresh`'s)."""
        a = article_aliases
        if self._alias_mark is None:
            self._alias_mark = int(conn.execute(sa.select(sa.func.max(a.c.id))).scalar() or 0)
            return
        query = sa.select(a.c.id, a.c.article_id).where(a.c.id > self._alias_mark)
        rows = conn.execute(query.order_by(a.c.id)).all()
        if rows:
            self._alias_mark = int(rows[-1].id)
            self._touched.update(int(r.article_id) for r in rows)

    def ingest(self, article_id: int) -> Placement:
        """Place one stored article (again: its place, with lineage and summary refreshed).

        One write transaction records the entry, merges, the group's lineage and new
        alterations, and the story summary.
        """
        if not self._refreshed:
            self.refresh()
        self.sync()
        stored = self.store.get_article(article_id)
        if stored is None:
            raise HuibaoError(f"no article {article_id} in the store")
        from huibao.connect import Features
        from huibao.connect.model import features_of

        new = article_id not in self.index
        if new:
            facts = reprints.facts_of(self.store.get_enrichment(article_id), stored.article)
            features = features_of(facts, stored.article.published)
            signature = self.index.signer.sign(stored.article.body)
            placement = self.index.add(article_id, signature, features)
        else:  # saved again: perhaps now with an alias to count
            placement = self.index.add(article_id, self.index.signer.sign(""), Features())
        stories = {placement.story_id}
        stories |= {s for a in self._touched if (s := self.index.story_of(a)) is not None}
        plans = self._plans({article_id, *self._touched})
        self._touched.clear()
        now = datetime.now(UTC)
        with self.store.transaction() as conn:
            if new:
                self._write(conn, placement, signature, features, now)
            for found in plans:
                reprints.write(conn, found, now)
            read = {p.group_id: p.found for p in plans}
            for story_id in stories:
                _refresh(conn, story_id, now, read)
        return placement

    def _plans(self, article_ids: set[int]) -> list[reprints.Relink]:
        """What changed in these articles' groups (read and computed, not yet written)."""
        groups = {self.index.group_of(a): a for a in sorted(article_ids) if a in self.index}
        found = [
            reprints.plan(self.store, group_id, self.index.members(member))
            for group_id, member in groups.items()
            if group_id is not None
        ]
        return [f for f in found if f is not None]

    def ingest_pending(self, limit: int | None = None) -> int:
        """`refresh`, then place stored articles not yet placed, in id order; how many were
        placed."""
        self.refresh()
        placed = sa.select(connect_entries.c.article_id)
        query = sa.select(articles.c.id).where(articles.c.id.not_in(placed)).order_by(articles.c.id)
        with self.store.reading() as conn:
            pending = list(conn.execute(query.limit(limit)).scalars())
        for article_id in pending:
            self.ingest(article_id)
        return len(pending)

    def refresh(self) -> int:
        """Recompute stored lineage, alterations and story summaries that are out of date
        (aliases stored since, changed articles, a database upgraded from schema 4); how
        many groups changed."""
        self._refreshed = True
        self.sync()
        e = connect_entries
        with self.store.reading() as conn:
            stale = reprints.stale_groups(conn, e)
            rows = conn.execute(
                sa.select(e.c.group_id, e.c.article_id, e.c.story_id).where(e.c.group_id.in_(stale))
            ).all()
        groups: dict[int, list[int]] = {}
        stories = set()
        for row in rows:
            groups.setdefault(row.group_id, []).append(row.article_id)
            stories.add(row.story_id)
        now = datetime.now(UTC)
        changed = sum(reprints.relink(self.store, g, ids, now) for g, ids in groups.items())
        self._touched.clear()
        with self.store.transaction() as conn:
            for story_id in stories:
                _refresh(conn, story_id, now)
        return changed

    def _write(
        self,
        conn: sa.Connection,
        placement: Placement,
        signature: Signature,
        features: Features,
        now: datetime,
    ) -> None:
        entries, stories = connect_entries, connect_stories
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
            reprints.forget(conn, placement.merged_groups)
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
        key = result.inserted_primary_key
        if key is not None and key[0] == self._seq + 1:
            self._seq = int(key[0])  # ours: no need to read it back


def _refresh(
    conn: sa.Connection,
    story_id: int,
    now: datetime,
    known: Mapping[int, Sequence[Member]] | None = None,
) -> None:
    """Recompute one story's summary row from its entries and their aliases (`known`: the
    members of groups just read, by group id, so they are not read again)."""
    e = connect_entries
    rows = conn.execute(sa.select(e.c.article_id, e.c.group_id).where(e.c.story_id == story_id))
    groups = {int(r.article_id): int(r.group_id) for r in rows}
    known = {g: m for g, m in (known or {}).items() if g in groups.values()}
    found = [m for g in known.values() for m in g]
    if len(known) < len(set(groups.values())):
        rest = [a for a, g in groups.items() if g not in known]
        found += reprints.members(conn, rest)[0]
    found.sort(
        key=lambda m: (
            m.published is None,
            m.published.timestamp() if m.published else 0.0,
            m.article_id,
            m.alias_id or 0,
        )
    )
    dates = [m.published for m in found if m.published is not None]
    values = {
        "title": found[0].title if found else "",
        "first_published": min(dates) if dates else None,
        "last_published": max(dates) if dates else None,
        "outlets": list(dict.fromkeys(m.outlet for m in found)),
        "articles": len(found),
        "groups": len(set(groups.values())),
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
