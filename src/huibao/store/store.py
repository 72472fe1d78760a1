"""`Store`: the one object other stages use to read and write huibao's database."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from huibao.model import Article
from huibao.store import articles as arts
from huibao.store import completion, dialect, frontier, pages, stats
from huibao.store.migrations import migrate
from huibao.store.records import (
    Claim,
    Completed,
    Completion,
    FetchRecord,
    NewUrl,
    Run,
    Saved,
    Source,
    SourceStats,
    StoredArticle,
    StoredResponse,
)
from huibao.store.schema import articles, enrichments, sources, urls
from huibao.store.settings import StoreSettings
from huibao.store.summaries import Summaries


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """huibao's database: sources, the crawl frontier, fetches, raw pages, articles.

    Open with `Store.open("huibao.db")` (a path or a SQLAlchemy URL); the schema is created
    or upgraded on open. Every method runs in its own transaction; `transaction()` groups
    several writes into one. Safe to share between threads and processes (SQLite WAL).
    """

    def __init__(self, engine: sa.Engine, settings: StoreSettings) -> None:
        self.engine = engine
        self.settings = settings

    @classmethod
    def open(cls, url: str | Path, settings: StoreSettings | None = None) -> Store:
        settings = settings or StoreSettings()
        engine = dialect.make_engine(url, settings)
        migrate(engine)
        return cls(engine, settings)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """A write transaction: commits on success, rolls back on any exception."""
        options = {dialect.WRITE_OPTION: True}
        with self.engine.connect().execution_options(**options) as conn, conn.begin():
            yield conn

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A read-only snapshot (no write lock taken)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # -- sources and runs ------------------------------------------------------------------

    def add_source(self, name: str, home: str | None = None) -> int:
        """The id of source `name`, created if new; `home` updates its home URL when given."""
        with self.transaction() as conn:
            return frontier.ensure_source(conn, name, home, _now())

    def sources(self) -> list[Source]:
        with self.reading() as conn:
            return frontier.list_sources(conn)

    def set_source_status(self, source_id: int, status: str, detail: str = "") -> None:
        with self.transaction() as conn:
            frontier.set_source_status(conn, source_id, status, detail)

    def start_run(self, source_ids: Sequence[int] = ()) -> int:
        """Record the start of a crawl run by this process over `source_ids`."""
        with self.transaction() as conn:
            run_id = frontier.start_run(conn, os.getpid(), socket.gethostname(), _now())
            frontier.mark_started(conn, source_ids, run_id)
            return run_id

    def finish_run(
        self, run_id: int, status: str, summary: Mapping[str, Any], source_ids: Sequence[int] = ()
    ) -> None:
        """Close a run, hand back what it still had claimed, and stamp its sources."""
        now = _now()
        with self.transaction() as conn:
            frontier.release(conn, [run_id], now)
            frontier.finish_run(conn, run_id, status, dict(summary), now)
            frontier.mark_finished(conn, source_ids, now)

    def runs(self, status: str | None = None) -> list[Run]:
        with self.reading() as conn:
            return frontier.list_runs(conn, status)

    def abandon_runs(self, run_ids: Sequence[int]) -> int:
        """Mark dead runs aborted and requeue the URLs they were fetching."""
        now = _now()
        with self.transaction() as conn:
            released = frontier.release(conn, run_ids, now)
            for run_id in run_ids:
                frontier.finish_run(conn, run_id, "aborted", {}, now)
            return released

    # -- the frontier ----------------------------------------------------------------------

    def enqueue(
        self, source_id: int, items: Iterable[NewUrl | str], limit: int | None = None
    ) -> int:
        """Add URLs not yet known (at most `limit` of them); returns how many were new."""
        new = [NewUrl(i) if isinstance(i, str) else i for i in items]
        self._check_lengths(u.url for u in new)
        with self.transaction() as conn:
            return frontier.enqueue(conn, source_id, new, _now(), limit)

    def requeue(self, url_list: Sequence[str], force: bool = False) -> int:
        """Queue finished feeds/sitemaps/listings again (when due, or always if forced)."""
        with self.transaction() as conn:
            return frontier.requeue(conn, url_list, _now(), force)

    def claim_batch(
        self,
        run_id: int,
        limit: int,
        source_ids: Sequence[int] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Claim]:
        """Hand up to `limit` due URLs (of these sources and kinds) to run `run_id`."""
        with self.transaction() as conn:
            return frontier.claim(conn, run_id, limit, _now(), source_ids, kinds)

    def complete(
        self,
        done: Sequence[Completion],
        run_id: int | None,
        limits: Mapping[int, int] | None = None,
    ) -> list[Completed]:
        """Write the outcomes of several claims in one transaction (all or nothing).

        `limits` caps the new frontier URLs per source id over the whole batch.
        """
        now, level = _now(), self.settings.compression_level
        with self.transaction() as conn:
            results = completion.write_batch(conn, done, run_id, limits or {}, level, now)
            if run_id is not None:
                frontier.heartbeat(conn, run_id, now)
        return results

    def heartbeat(self, run_id: int) -> None:
        """Show that run `run_id` is alive (see `runs()`: a stale heartbeat means dead)."""
        with self.transaction() as conn:
            frontier.heartbeat(conn, run_id, _now())

    def record_fetch(self, url_id: int, record: FetchRecord, run_id: int | None = None) -> int:
        """Store one fetch of a frontier URL (body kept once per content hash)."""
        with self.transaction() as conn:
            level = self.settings.compression_level
            return pages.insert_fetch(conn, url_id, run_id, record, level, _now())[0]

    def known(self, url_list: Sequence[str]) -> set[str]:
        """Which of these URLs are already in the frontier."""
        with self.reading() as conn:
            return frontier.existing_urls(conn, list(url_list))

    def url_state(self, url: str) -> str | None:
        with self.reading() as conn:
            return conn.execute(sa.select(urls.c.state).where(urls.c.url == url)).scalar()

    def url_counts(self) -> dict[str, int]:
        """How many frontier URLs are in each state."""
        with self.reading() as conn:
            query = sa.select(urls.c.state, sa.func.count()).group_by(urls.c.state)
            return {state: int(n) for state, n in conn.execute(query).all()}

    # -- articles ----------------------------------------------------------------------------

    def save_article(
        self,
        article: Article,
        raw: FetchRecord | None = None,
        *,
        source: str = "local",
        enrichment: Mapping[str, Any] | None = None,
    ) -> int:
        """Store `article` (its `url` is required) with the response it came from; its id.

        Saving the same URL again is a no-op unless the body changed (then a new version);
        a body already stored under another URL becomes an alias of that article, keeping
        its own title, date, 来源 line, source and page (`huibao.connect` dates it).
        """
        return self.save(article, raw, source=source, enrichment=enrichment).article_id

    def save(
        self,
        article: Article,
        raw: FetchRecord | None = None,
        *,
        source: str = "local",
        enrichment: Mapping[str, Any] | None = None,
    ) -> Saved:
        """`save_article`, also saying what happened: new, updated, unchanged or alias."""
        if not article.url:
            raise ValueError("save_article needs an article with a url")
        self._check_lengths([article.url])
        now = _now()
        with self.transaction() as conn:
            source_id = frontier.ensure_source(conn, source, None, now)
            frontier.enqueue(conn, source_id, [NewUrl(article.url)], now)
            url_id = int(
                conn.execute(sa.select(urls.c.id).where(urls.c.url == article.url)).scalar_one()
            )
            raw_id = None
            if raw is not None:
                level = self.settings.compression_level
                raw_id = pages.insert_fetch(conn, url_id, None, raw, level, now)[1]
            where = arts.Placement(article.url, source_id, url_id, raw_id, None)
            saved = arts.save(conn, article, where, now)
            conn.execute(
                urls.update()
                .where(urls.c.id == url_id)
                .values(state="done", article_id=saved.article_id, updated_at=now)
            )
            if enrichment is not None:
                arts.set_enrichment(conn, saved.article_id, enrichment, now)
            return saved

    def get_article(self, article_id: int) -> StoredArticle | None:
        with self.reading() as conn:
            row = conn.execute(arts.stored_query().where(articles.c.id == article_id)).first()
            return arts.stored(row) if row is not None else None

    def find_article(self, url: str) -> StoredArticle | None:
        """The article stored at `url`, directly or as an alias of an identical text."""
        with self.reading() as conn:
            found = arts.find_id(conn, url)
        return self.get_article(found) if found is not None else None

    def articles(
        self,
        *,
        source: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        after_id: int = 0,
        limit: int | None = None,
        unenriched: bool = False,
    ) -> Iterator[StoredArticle]:
        """Stored articles in id order, optionally by crawl source, published range, and only
        those the enrich stage has not yet done (`unenriched`).

        Reads in pages of `settings.page_rows` rows, each in its own short transaction, so
        the caller may write to the store while iterating.
        """
        query = arts.stored_query()
        if source is not None:
            query = query.where(sources.c.name == source)
        if since is not None:
            query = query.where(articles.c.published >= since)
        if until is not None:
            query = query.where(articles.c.published < until)
        if unenriched:  # new, or whose text changed (saving a new text drops the old record)
            query = query.where(~sa.exists().where(enrichments.c.article_id == articles.c.id))
        left = limit
        while left is None or left > 0:
            size = self.settings.page_rows if left is None else min(left, self.settings.page_rows)
            with self.reading() as conn:
                page = [
                    arts.stored(r)
                    for r in conn.execute(
                        query.where(articles.c.id > after_id).order_by(articles.c.id).limit(size)
                    )
                ]
            yield from page
            if len(page) < size:
                return
            after_id = page[-1].id
            left = None if left is None else left - len(page)

    def count_articles(self) -> int:
        with self.reading() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())

    def versions(self, article_id: int) -> list[Article]:
        """Earlier versions of an article whose text changed, oldest first."""
        with self.reading() as conn:
            return arts.versions(conn, article_id)

    def aliases(self, article_id: int) -> list[str]:
        """Other URLs that served exactly this article's text."""
        with self.reading() as conn:
            return arts.aliases(conn, article_id)

    def raw_page(self, article_id: int) -> bytes | None:
        """The raw bytes the article was extracted from (page 1 of a multi-page article)."""
        with self.reading() as conn:
            query = sa.select(articles.c.raw_page_id).where(articles.c.id == article_id)
            raw_id = conn.execute(query).scalar()
            return pages.read_raw(conn, raw_id) if raw_id is not None else None

    def set_enrichment(self, article_id: int, data: Mapping[str, Any]) -> None:
        """Replace the enrich stage's JSON record for one article."""
        with self.transaction() as conn:
            arts.set_enrichment(conn, article_id, data, _now())

    def get_enrichment(self, article_id: int) -> dict[str, Any] | None:
        with self.reading() as conn:
            return arts.get_enrichment(conn, article_id)

    # -- reports ---------------------------------------------------------------------------

    def stats(self) -> list[SourceStats]:
        """Per source: status, last crawl, articles, new articles and errors of the last run."""
        with self.reading() as conn:
            return stats.source_stats(conn)

    @contextmanager
    def summaries(self) -> Iterator[Summaries]:
        """Read-only queries for reports, on one snapshot (`huibao.store.summaries`)."""
        with self.reading() as conn:
            yield Summaries(conn)

    def responses(self) -> Iterator[StoredResponse]:
        """Every stored response with its body, in fetch order (for WARC export)."""
        after = 0
        while True:
            with self.reading() as conn:
                page = list(pages.responses(conn, after, self.settings.page_rows))
            yield from page
            if not page:
                return
            after = page[-1].fetch_id

    def integrity_check(self) -> list[str]:
        """Problems the database engine finds in its own files (empty when sound)."""
        with self.reading() as conn:
            return dialect.integrity_check(conn)

    # -- internals ---------------------------------------------------------------------------

    def _check_lengths(self, url_list: Iterable[str]) -> None:
        for url in url_list:
            if len(url) > self.settings.max_url_chars:
                raise ValueError(f"URL longer than {self.settings.max_url_chars} characters")
