"""One crawl pass's machinery: worker tasks claim and process URLs, one writer commits them.

`huibao.discover.crawl` sets a pass up (sources, run, entry points, Fetcher) and hands it to
`CrawlPass`; this module is the loop itself. Store calls go through `ctx.io` (the store's own
thread), so the event loop never waits on the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from huibao.discover.articles import ArticleReader
from huibao.discover.crawl_settings import CrawlSettings
from huibao.discover.fetch import Fetcher, FetchResult
from huibao.discover.guard import TrapGuard
from huibao.discover.progress import Reporter
from huibao.discover.steps import DISCOVERY_KINDS, after_error, discover, next_due, record_of
from huibao.discover.tally import SourceTally
from huibao.project import Project, SourceSpec
from huibao.store import Claim, Completed, Completion, FetchRecord, Store

log = logging.getLogger(__name__)
HEARTBEAT_S = 10.0  # how often a running pass shows it is alive


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class PassContext:
    project: Project
    store: Store
    specs: dict[int, SourceSpec]  # by source id
    run_id: int
    fetcher: Fetcher
    reporter: Reporter
    stop: asyncio.Event
    io: Callable[..., Awaitable[Any]]  # run a store call in the store thread


class CrawlPass:
    """One crawl pass: workers claim, fetch and process URLs; one writer commits them."""

    def __init__(self, ctx: PassContext, reader: ArticleReader) -> None:
        self.ctx = ctx
        self.reader = reader
        self.settings: CrawlSettings = ctx.project.crawl
        self.tallies = {sid: SourceTally() for sid in ctx.specs}
        self.names = {sid: spec.name for sid, spec in ctx.specs.items()}
        self.queue: deque[Claim] = deque()
        self.claim_lock = asyncio.Lock()
        self.pending = 0  # claimed URLs not yet committed
        self.changed = asyncio.Event()
        self.writes: asyncio.Queue[Completion | None] = asyncio.Queue(
            maxsize=max(1, self.settings.write_batch * 4)
        )
        self.blocked: set[int] = set()
        self.fresh_links = False  # a commit added feeds, sitemaps or listing pages
        self.admitted = dict.fromkeys(ctx.specs, 0)
        self.guards = {sid: TrapGuard(ctx.project.discover) for sid in ctx.specs}
        self.started = time.monotonic()

    async def run(self) -> str:
        writer = asyncio.create_task(self._writer())
        beat = asyncio.create_task(self._heartbeat())
        workers = [asyncio.create_task(self._worker()) for _ in range(self.settings.workers)]
        stopper: asyncio.Future[Any] = asyncio.create_task(self.ctx.stop.wait())
        everyone: asyncio.Future[Any] = asyncio.gather(*workers)
        try:
            await asyncio.wait([everyone, stopper, writer], return_when=asyncio.FIRST_COMPLETED)
            if writer.done():  # the store failed: nothing more can be kept
                writer.result()
            if not everyone.done():  # stopping: give in-flight URLs a grace period
                await asyncio.wait(workers, timeout=self.settings.stop_grace_s)
                for task in workers:
                    task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await everyone
            await self.writes.put(None)
            await writer
        finally:
            leftovers: list[asyncio.Future[Any]] = [*workers, stopper, beat, writer]
            for leftover in leftovers:
                leftover.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await everyone
        return "stopped" if self.ctx.stop.is_set() else "finished"

    # -- claiming ----------------------------------------------------------------------------

    async def _next_claim(self) -> Claim | None:
        async with self.claim_lock:
            while not self.ctx.stop.is_set():
                if self.fresh_links:  # new pagination first: it is the crawl's critical path
                    self.fresh_links = False
                    await self._refill(kinds=DISCOVERY_KINDS)
                while self.queue:
                    claim = self.queue.popleft()
                    if claim.source_id not in self.blocked:
                        self.pending += 1
                        return claim
                if await self._refill():
                    continue
                if self.pending == 0:
                    return None
                self.changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.changed.wait(), timeout=1.0)
            return None

    async def _refill(self, kinds: frozenset[str] | None = None) -> bool:
        """Claim a round of URLs, shared fairly between the sources still crawling; claims
        of `kinds` only (new feeds, sitemaps, listing pages) jump the local queue."""
        active = [sid for sid in self.ctx.specs if sid not in self.blocked]
        if not active:
            return False
        share = max(1, self.settings.claim_size // len(active))
        store, run_id = self.ctx.store, self.ctx.run_id

        def claim_round() -> list[list[Claim]]:
            return [
                store.claim_batch(run_id, share, [sid], sorted(kinds) if kinds else None)
                for sid in active
            ]

        rounds = await self.ctx.io(claim_round)
        fair = [r[i] for i in range(max(map(len, rounds), default=0)) for r in rounds if i < len(r)]
        if kinds:
            self.queue.extendleft(reversed(fair))
        else:
            self.queue.extend(fair)
        return bool(fair)

    # -- processing --------------------------------------------------------------------------

    async def _worker(self) -> None:
        while (claim := await self._next_claim()) is not None:
            try:
                completion = await self._process(claim)
            except Exception as exc:
                log.exception("processing %s failed", claim.url)
                failure = FetchRecord(claim.url, None, error="internal")
                completion = Completion(claim, "failed", failure)
                self.ctx.reporter.event("internal_error", url=claim.url, detail=repr(exc))
            await self.writes.put(completion)

    async def _process(self, claim: Claim) -> Completion:
        spec = self.ctx.specs[claim.source_id]
        kind = claim.kind if claim.kind in {"feed", "sitemap"} else "page"
        validators = claim.kind in DISCOVERY_KINDS
        result = await self.ctx.fetcher.fetch(
            claim.url,
            etag=claim.etag if validators else None,
            last_modified=claim.last_modified if validators else None,
            kind=kind,
        )
        record, now = record_of(result), _now()
        if result.error is not None:
            return self._failed(claim, result, record, now)
        if result.not_modified:
            return Completion(claim, "done", record, next_due(spec, now, self.settings))
        if claim.kind in DISCOVERY_KINDS:
            return await self._discovered(claim, result, record, spec, now)
        if not self.settings.extract:
            return Completion(claim, "done", record)
        article, parts = await self.reader.read(claim, result, spec)
        return Completion(claim, "done", record, parts=parts, article=article)

    async def _discovered(
        self,
        claim: Claim,
        result: FetchResult,
        record: FetchRecord,
        spec: SourceSpec,
        now: datetime,
    ) -> Completion:
        """A feed, sitemap or listing page: its new links through the source's trap guard."""
        settings = (self.ctx.project.discover, self.settings)
        found = await asyncio.to_thread(
            discover, claim, result.body, result.final_url, spec, settings
        )
        tally = self.tallies[claim.source_id]
        tally.refused.update(found.refused)
        due = next_due(spec, now, self.settings)
        if found.error:
            self.ctx.reporter.event("source_error", source=spec.name, detail=found.error)
            return Completion(claim, "done", record, due, source_status=("error", found.error))
        known = await self.ctx.io(self.ctx.store.known, [u.url for u in found.urls])
        guard = self.guards[claim.source_id]
        fresh, refused = [], Counter[str]()
        for item in found.urls:
            if item.url not in known:
                reason = guard.admit(item.url)
                if reason is None:
                    fresh.append(item)
                else:
                    refused[reason] += 1
        if claim.kind == "listing":
            new_articles = sum(1 for item in fresh if item.kind == "article")
            if not guard.listing_yield(new_articles):  # pages bring nothing new: stop paging
                refused["barren_listing"] += sum(1 for i in fresh if i.kind == "listing")
                fresh = [item for item in fresh if item.kind != "listing"]
        tally.refused.update(refused)
        again = tuple(u.url for u in found.urls if u.url in known and u.kind in DISCOVERY_KINDS)
        return Completion(claim, "done", record, due, tuple(fresh), refresh=again)

    def _failed(
        self, claim: Claim, result: FetchResult, record: FetchRecord, now: datetime
    ) -> Completion:
        error = result.error or "unknown"
        state, due = after_error(claim, error, result.retry_after_s, now, self.settings)
        name = self.names[claim.source_id]
        status = None
        if error == "blocked":
            self.blocked.add(claim.source_id)
            status = ("blocked", f"anti-bot challenge at {claim.url}")
            self.ctx.reporter.event("blocked", source=name, detail=status[1])
        elif claim.kind in DISCOVERY_KINDS and claim.depth == 0:
            status = ("error", f"{claim.kind} {claim.url}: {error}")
            self.ctx.reporter.event("source_error", source=name, detail=status[1])
        else:
            self.ctx.reporter.event("fetch_error", source=name, url=claim.url, error=error)
        return Completion(claim, state, record, due, source_status=status)

    # -- writing -----------------------------------------------------------------------------

    async def _writer(self) -> None:
        loop = asyncio.get_running_loop()
        finished = False
        while not finished:
            item = await self.writes.get()
            batch = [item] if item is not None else []
            finished = item is None
            deadline = loop.time() + self.settings.write_interval_s
            while not finished and len(batch) < self.settings.write_batch:
                if any(c.claim.kind in DISCOVERY_KINDS for c in batch):
                    while not self.writes.empty() and len(batch) < self.settings.write_batch:
                        item = self.writes.get_nowait()
                        if item is None:
                            finished = True
                            break
                        batch.append(item)
                    break  # new links: write now, they are the crawl's critical path
                try:
                    item = await asyncio.wait_for(self.writes.get(), deadline - loop.time())
                except TimeoutError:
                    break
                if item is None:
                    finished = True
                else:
                    batch.append(item)
            if batch:
                await self._commit(batch)

    async def _commit(self, batch: list[Completion]) -> None:
        cap = self.ctx.project.discover.max_urls_per_source
        limits = {sid: cap - n for sid, n in self.admitted.items()}
        results = await self.ctx.io(self.ctx.store.complete, batch, self.ctx.run_id, limits)
        for done, result in zip(batch, results, strict=True):
            self._count(done, result)
        self.pending -= len(batch)
        pairs = zip(batch, results, strict=True)
        if any(c.claim.kind in DISCOVERY_KINDS and r.enqueued for c, r in pairs):
            self.fresh_links = True
        self.changed.set()
        self.ctx.reporter.update(self.named_tallies(), time.monotonic() - self.started)

    def _count(self, done: Completion, result: Completed) -> None:
        sid = done.claim.source_id
        tally = self.tallies[sid]
        self.admitted[sid] += result.enqueued
        tally.discovered += result.enqueued
        if done.fetch is not None:
            tally.fetched += 1 + len(done.parts)
            tally.not_modified += done.fetch.not_modified
            for record in (done.fetch, *(rec for _url, rec in done.parts)):
                if record.error:
                    tally.errors[record.error] += 1
        if done.source_status is not None:
            tally.status, tally.detail = done.source_status
        if result.saved is not None:
            outcome = {"alias": "duplicates"}.get(result.saved.outcome, result.saved.outcome)
            setattr(tally, outcome, getattr(tally, outcome) + 1)
            if result.saved.outcome == "new":
                self.ctx.reporter.event(
                    "article",
                    source=self.names[sid],
                    url=done.claim.url,
                    id=result.saved.article_id,
                )
        elif done.claim.kind == "article" and done.state == "done" and self.settings.extract:
            tally.not_article += 1

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            await self.ctx.io(self.ctx.store.heartbeat, self.ctx.run_id)

    def named_tallies(self) -> dict[str, SourceTally]:
        return {self.names[sid]: t for sid, t in self.tallies.items()}
