"""Read a report's inputs from a store: the I/O edge in front of the pure builder.

Everything is read lean: a line per article of the
period (title, outlet, date, channel, URL, story, the opening of its body; never the body
itself), places and figures picked out of the enrichments by SQL, and counts per crawl
source made by SQL (`huibao.store.summaries`). With a plan or query, each article's body,
places and organisations are read in batches for the matcher, then dropped. Full records
are read only for the articles whose figures and alterations the report cites.

The queries that do not depend on each other run side by side (`query_threads`), each on
its own connection: their snapshots are taken milliseconds apart, so an article stored in
between may be counted by one and not another. `query_threads = 1` reads everything on one
snapshot, one query after another (an in-memory store always does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import TypeVar
from zoneinfo import ZoneInfo

from huibao.monitor.alerts.sqlstore import StoreAlerts
from huibao.monitor.document import Document, enriched_orgs, enriched_places
from huibao.monitor.ingest import stored_plans
from huibao.monitor.match import Matcher
from huibao.monitor.plan import Plan
from huibao.report.connected import connect_inputs
from huibao.report.figures import chosen
from huibao.report.model import (
    AlertInput,
    AlterationInput,
    Item,
    Period,
    Quoted,
    ReportInputs,
    StoryInput,
)
from huibao.report.periods import bounds, previous_period
from huibao.report.settings import ReportSettings
from huibao.report.stories import OPENING_CHARS
from huibao.store import Store
from huibao.store.summaries import (
    ArticleLine,
    FigureMention,
    PlaceCount,
    Scope,
    Summaries,
    shares_one_connection,
)

BATCH = 500  # articles whose texts are read in one query for plan matching
OPENING = OPENING_CHARS * 4  # characters of body read per article (punctuation included)


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What to report on: a kind, a period, and optionally a stored plan or a query."""

    kind: str
    period: Period
    plan: str | None = None
    query: str | None = None
    title: str = ""

    @property
    def scope(self) -> str:
        return self.plan or self.query or ""


def scope_plan(store: Store, request: ReportRequest) -> Plan | None:
    """The stored plan named in `request`, a plan made of its query, or None for everything."""
    if request.plan:
        for plan in stored_plans(store):
            if plan.name == request.plan:
                return plan
        raise KeyError(request.plan)
    if request.query:
        return Plan("query", query=request.query)
    return None


def _item(line: ArticleLine, terms: tuple[str, ...], zone: ZoneInfo) -> Item:
    """The report's item of a line, its time in the report's zone (the store keeps UTC)."""
    published = line.published.astimezone(zone) if line.published else None
    return Item(
        line.id, line.url, line.site, line.title, published,
        line.source, line.channel, line.opening, terms,
    )  # fmt: skip


def _matched(
    q: Summaries, lines: Sequence[ArticleLine], matcher: Matcher
) -> Iterator[tuple[ArticleLine, tuple[str, ...]]]:
    """(line, matched terms) of the lines whose article the plan matches."""
    iterator = iter(lines)
    while batch := list(islice(iterator, BATCH)):
        texts = q.match_texts([line.id for line in batch])
        for line in batch:
            text = texts.get(line.id)
            if text is None:
                continue
            facts = {"places": text.places, "organisations": text.organisations}
            document = Document(
                title=line.title,
                body=text.body,
                source=line.source,
                channel=line.channel,
                places=enriched_places(facts),
                orgs=enriched_orgs(facts),
                published=line.published,
                url=line.url,
            )
            matches = matcher.match(document)
            if matches:
                yield line, matches[0].terms


def _in_scope(
    q: Summaries, scope: Scope, matcher: Matcher | None, opening: int
) -> list[tuple[ArticleLine, tuple[str, ...]]]:
    """(line, matched terms) of every article of `scope` the plan matches (all without one)."""
    lines = q.article_lines(scope, opening)
    if matcher is None:
        return [(line, ()) for line in lines]
    return list(_matched(q, lines, matcher))


@dataclass(frozen=True, slots=True)
class _Read:
    """What one snapshot of the store gives a report."""

    found: list[tuple[ArticleLine, tuple[str, ...]]]
    places: list[PlaceCount]
    mentions: list[FigureMention]
    totals: dict[str, int]
    previous: int


T = TypeVar("T")


class _OneSnapshot:
    """Runs each query at once, in this thread, on one snapshot of the store."""

    def __init__(self, q: Summaries) -> None:
        self.q = q

    def submit(self, task: Callable[[Summaries], T]) -> Future[T]:
        done: Future[T] = Future()
        done.set_result(task(self.q))
        return done


class _Threads:
    """Runs queries side by side, each on a connection (and snapshot) of its own: SQLite
    lets go of the GIL while it steps, so two cores read two queries."""

    def __init__(self, store: Store, pool: ThreadPoolExecutor) -> None:
        self.store, self.pool = store, pool

    def submit(self, task: Callable[[Summaries], T]) -> Future[T]:
        return self.pool.submit(self._run, task)

    def _run(self, task: Callable[[Summaries], T]) -> T:
        with self.store.summaries() as q:
            return task(q)


def _read(runner: _OneSnapshot | _Threads, period: Scope, previous: Scope,
          matcher: Matcher | None) -> _Read:  # fmt: skip
    found = runner.submit(lambda q: _in_scope(q, period, matcher, OPENING))
    narrowed = period
    if matcher is not None:  # places and figures of the matched articles only
        narrowed = Scope(period.since, period.until, [line.id for line, _ in found.result()])
    places = runner.submit(lambda q: q.place_counts(narrowed))
    mentions = runner.submit(lambda q: q.figure_mentions(narrowed))
    totals = runner.submit(lambda q: q.source_counts(period))
    before = runner.submit(
        lambda q: (
            q.count_published(previous)
            if matcher is None
            else len(_in_scope(q, previous, matcher, 0))
        )
    )
    return _Read(
        found.result(), places.result(), mentions.result(), totals.result(), before.result()
    )


def _read_store(store: Store, period: Scope, previous: Scope, matcher: Matcher | None,
                threads: int) -> _Read:  # fmt: skip
    if threads > 1 and not shares_one_connection(store.engine):
        with ThreadPoolExecutor(threads) as pool:
            return _read(_Threads(store, pool), period, previous, matcher)
    with store.summaries() as q:
        return _read(_OneSnapshot(q), period, previous, matcher)


def _alerts(store: Store, plan: str | None, since: datetime, until: datetime) -> list[AlertInput]:
    if not plan:
        return []
    return [
        AlertInput(m.created, m.channel, m.target, m.state, str(m.payload.get("subject", "")))
        for m in StoreAlerts(store).messages()
        if m.plan == plan and since <= m.created < until
    ]


def _quoted(store: Store, ids: Iterable[int]) -> dict[int, Quoted]:
    found: dict[int, Quoted] = {}
    for article_id in dict.fromkeys(ids):
        stored = store.get_article(article_id)
        if stored is not None:
            found[article_id] = Quoted(stored.article, store.get_enrichment(article_id))
    return found


def gather(
    store: Store,
    request: ReportRequest,
    now: datetime,
    settings: ReportSettings | None = None,
    *,
    gazetteer: Mapping[str, Iterable[str]] | None = None,
    stories: Sequence[StoryInput] | None = None,
    alterations: Sequence[AlterationInput] | None = None,
) -> ReportInputs:
    """The inputs of `request` from `store`; stories and alterations come from connect."""
    s = settings or ReportSettings()
    plan = scope_plan(store, request)
    matcher = Matcher([plan], gazetteer) if plan else None
    before, zone = previous_period(request.period), ZoneInfo(s.timezone)
    period = Scope(*bounds(request.period, s.timezone))
    previous = Scope(*bounds(before, s.timezone))
    read = _read_store(store, period, previous, matcher, s.query_threads)
    if stories is None:
        story_of = {line.id: line.story_id for line, _ in read.found}
        connected = connect_inputs(store, story_of, s.top_stories, s.max_alterations)
        if connected is not None:
            stories, alterations = connected
    cited = [m.article_id for m in chosen(read.mentions, s.max_figures)]
    cited += [a.article_id for a in (alterations or ())[: s.max_alterations] if a.span]
    return ReportInputs(
        kind=request.kind,
        period=request.period,
        previous=before,
        items=tuple(_item(line, terms, zone) for line, terms in read.found),
        previous_count=read.previous,
        site_totals=read.totals,
        generated_at=now,
        scope=request.scope,
        title=request.title,
        stories=None if stories is None else tuple(stories),
        alterations=None if alterations is None else tuple(alterations),
        alerts=tuple(_alerts(store, request.plan, period.since, period.until)),
        places=tuple(read.places),
        figures=tuple(read.mentions),
        quoted=_quoted(store, cited),
    )
