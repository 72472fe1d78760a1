"""Read a report's inputs from a store: the I/O edge in front of the pure builder.

One pass over the articles published in the period (and one over the previous period, to
count), matching each against the plan or query when there is one. Enrichments are read in
batches; articles without one are still counted, they only add no places or figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from huibao.monitor.alerts.sqlstore import StoreAlerts
from huibao.monitor.ingest import document_of, stored_plans
from huibao.monitor.match import Matcher
from huibao.monitor.plan import Plan
from huibao.report.connected import connect_inputs
from huibao.report.model import AlertInput, AlterationInput, Item, Period, ReportInputs, StoryInput
from huibao.report.periods import bounds, previous_period
from huibao.report.settings import ReportSettings
from huibao.store import Store, StoredArticle
from huibao.store import search as tables

BATCH = 500  # articles whose enrichments are read in one query


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


def _batches(found: Iterable[StoredArticle]) -> Iterator[list[StoredArticle]]:
    iterator = iter(found)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _scan(
    store: Store, period: Period, matcher: Matcher | None, zone: str
) -> Iterator[tuple[StoredArticle, dict[str, Any] | None, tuple[str, ...] | None]]:
    """(article, enrichment, matched terms or None when out of scope) for the period."""
    since, until = bounds(period, zone)
    for batch in _batches(store.articles(since=since, until=until)):
        with store.reading() as conn:
            found = tables.enrichments_of(conn, [a.id for a in batch])
        for stored in batch:
            data = found.get(stored.id)
            if matcher is None:
                yield stored, data, ()
                continue
            matches = matcher.match(document_of(stored.article, data))
            yield stored, data, (matches[0].terms if matches else None)


def _alerts(store: Store, plan: str | None, since: datetime, until: datetime) -> list[AlertInput]:
    if not plan:
        return []
    return [
        AlertInput(m.created, m.channel, m.target, m.state, str(m.payload.get("subject", "")))
        for m in StoreAlerts(store).messages()
        if m.plan == plan and since <= m.created < until
    ]


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
    items, totals = [], Counter[str]()
    for stored, data, terms in _scan(store, request.period, matcher, s.timezone):
        totals[stored.source_name] += 1
        if terms is not None:
            items.append(
                Item(stored.id, stored.url, stored.source_name, stored.article, data, terms)
            )
    if stories is None:
        connected = connect_inputs(store, items, s.top_stories)
        if connected is not None:
            stories, alterations = connected
    previous = previous_period(request.period)
    before = sum(t is not None for _, _, t in _scan(store, previous, matcher, s.timezone))
    return ReportInputs(
        kind=request.kind,
        period=request.period,
        previous=previous,
        items=tuple(items),
        previous_count=before,
        site_totals=dict(totals),
        generated_at=now,
        scope=request.scope,
        title=request.title,
        stories=None if stories is None else tuple(stories),
        alterations=None if alterations is None else tuple(alterations),
        alerts=tuple(_alerts(store, request.plan, *bounds(request.period, s.timezone))),
    )
