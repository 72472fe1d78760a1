"""Crawl orchestration: one pass over a project's sources, resumable after any crash.

    summary = crawl_once(project, store)   # what `huibao crawl` runs
    watch(project, store)                  # what `huibao watch` runs, until SIGINT/SIGTERM

The frontier lives in the store, so a pass killed at any moment (kill -9 included) resumes
where it stopped: URLs claimed by a dead run go back to the queue, and every finished URL is
written with everything learnt from it (fetch, raw page, new links, article) in one
transaction. The pass itself (workers, the batching writer) is `huibao.discover.passes`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

import httpx

from huibao.discover.articles import ArticleReader
from huibao.discover.fetch import Fetcher
from huibao.discover.passes import CrawlPass, PassContext
from huibao.discover.progress import Reporter, Silent
from huibao.discover.steps import entry_points
from huibao.discover.tally import CrawlSummary, SourceTally
from huibao.discover.urls import origin_of
from huibao.project import Project, SourceSpec
from huibao.store import Store

T = TypeVar("T")
STALE_RUN_S = 120.0  # a run silent this long is dead (its host may be another machine)


def _now() -> datetime:
    return datetime.now(UTC)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def dead_runs(store: Store, now: datetime) -> list[int]:
    """Runs marked running whose process is gone (same machine) or silent too long."""
    host = socket.gethostname()
    dead = []
    for run in store.runs("running"):
        gone = run.host == host and not _alive(run.pid)
        if gone or now - run.heartbeat_at > timedelta(seconds=STALE_RUN_S):
            dead.append(run.id)
    return dead


def select_sources(project: Project, names: Sequence[str] | None) -> list[SourceSpec]:
    """The project's sources, or the named ones (unknown names raise KeyError)."""
    if not names:
        return list(project.sources)
    return [project.source(name) for name in names]


def _prepare(store: Store, specs: list[SourceSpec]) -> tuple[int, dict[int, SourceSpec]]:
    """Register sources, requeue a dead run's URLs, start a run, queue the entry points."""
    by_id = {store.add_source(spec.name, spec.home): spec for spec in specs}
    dead = dead_runs(store, _now())
    if dead:
        store.abandon_runs(dead)
    run_id = store.start_run(list(by_id))
    for sid, spec in by_id.items():
        store.set_source_status(sid, "ok", "")
        entries = entry_points(spec)
        store.enqueue(sid, entries)
        store.requeue([e.url for e in entries], force=True)
    return run_id, by_id


def _apply_rates(fetcher: Fetcher, specs: Sequence[SourceSpec]) -> None:
    """A source's `rate` spaces requests to its origins (never faster than [fetch] allows)."""
    for spec in specs:
        if spec.rate:
            for url in {spec.home, *spec.entry_urls} - {""}:
                fetcher.gate.set_delay(origin_of(url), 1.0 / spec.rate)


async def crawl_pass(
    project: Project,
    store: Store,
    *,
    sources: Sequence[str] | None = None,
    reporter: Reporter | None = None,
    stop: asyncio.Event | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CrawlSummary:
    """One pass over `sources` (default: all) inside a running event loop."""
    specs = select_sources(project, sources)
    reporter = reporter or Silent()
    stop = stop or asyncio.Event()
    started_at, started = _now(), time.monotonic()
    loop = asyncio.get_running_loop()
    with (
        ThreadPoolExecutor(1, "huibao-store") as io_pool,
        ThreadPoolExecutor(max(1, project.crawl.extract_threads), "huibao-extract") as cpu,
    ):

        def io(fn: Callable[..., T], *args: Any) -> Awaitable[T]:
            return loop.run_in_executor(io_pool, partial(fn, *args))

        run_id, by_id = await io(_prepare, store, specs)
        status, crawl = "failed", None
        try:
            async with Fetcher(project.fetch, transport=transport) as fetcher:
                _apply_rates(fetcher, specs)
                ctx = PassContext(project, store, by_id, run_id, fetcher, reporter, stop, io)
                reader = ArticleReader(fetcher, project, loop, cpu)
                crawl = CrawlPass(ctx, reader)
                status = await crawl.run()
        finally:
            tallies = crawl.named_tallies() if crawl else {s.name: SourceTally() for s in specs}
            summary = CrawlSummary(run_id, status, started_at, time.monotonic() - started, tallies)
            await io(store.finish_run, run_id, status, summary.to_dict(), list(by_id))
    reporter.finish(summary)
    return summary


def crawl_once(
    project: Project,
    store: Store,
    *,
    sources: Sequence[str] | None = None,
    reporter: Reporter | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CrawlSummary:
    """One pass over the project's sources (what `huibao crawl` and `make demo` run).

    Ctrl-C (SIGINT) or SIGTERM stops it cleanly: in-flight URLs get
    `crawl.stop_grace_s` seconds, everything finished is written, the rest stays queued.
    """
    return asyncio.run(
        _with_signals(
            lambda stop: crawl_pass(
                project, store, sources=sources, reporter=reporter, stop=stop, transport=transport
            )
        )
    )


async def _with_signals(body: Callable[[asyncio.Event], Awaitable[T]]) -> T:
    """Run `body(stop)` with SIGINT/SIGTERM setting `stop` (main thread only)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
        except (ValueError, RuntimeError, NotImplementedError):  # not the main thread
            pass
    try:
        return await body(stop)
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


def due_in(
    spec: SourceSpec, last_crawl_at: datetime | None, now: datetime, default: float
) -> float:
    """Seconds until `spec` should be crawled again (0 or less: now)."""
    if last_crawl_at is None:
        return 0.0
    interval = spec.interval_s or default
    return (last_crawl_at + timedelta(seconds=interval) - now).total_seconds()


async def watch_loop(
    project: Project,
    store: Store,
    stop: asyncio.Event,
    *,
    sources: Sequence[str] | None = None,
    reporter: Reporter | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    after_pass: Callable[[], object] | None = None,
) -> list[CrawlSummary]:
    """Crawl each source whenever its interval has passed, until `stop` is set.

    `after_pass` runs (in a thread) after every pass: the command line uses it for the stages
    after the store and for scheduled reports, which discovery does not import.
    """
    specs = select_sources(project, sources)
    default = project.crawl.default_interval_s
    summaries: list[CrawlSummary] = []
    if not specs:
        return summaries
    while not stop.is_set():
        last = {s.name: s.last_crawl_at for s in await asyncio.to_thread(store.sources)}
        now = _now()
        waits = {spec.name: due_in(spec, last.get(spec.name), now, default) for spec in specs}
        due = [name for name, wait in waits.items() if wait <= 0]
        if due:
            summaries.append(
                await crawl_pass(
                    project, store, sources=due, reporter=reporter, stop=stop, transport=transport
                )
            )
            if after_pass is not None:
                await asyncio.to_thread(after_pass)
            continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=max(1.0, min(waits.values())))
    return summaries


def watch(
    project: Project,
    store: Store,
    *,
    sources: Sequence[str] | None = None,
    reporter: Reporter | None = None,
    after_pass: Callable[[], object] | None = None,
) -> list[CrawlSummary]:
    """Keep crawling on each source's interval until SIGINT/SIGTERM (`huibao watch`)."""
    return asyncio.run(
        _with_signals(
            lambda stop: watch_loop(
                project, store, stop, sources=sources, reporter=reporter, after_pass=after_pass
            )
        )
    )
