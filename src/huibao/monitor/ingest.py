"""Matching at ingest: each stored article is matched against every plan in the store.

`Monitor.on_article` is what the ingest pipeline calls after `Store.save_article` (and after
enrich and connect, which provide places, organisations and the story id): matches are
recorded with their terms in `plan_matches`, and alerts are queued through the outbox
(never sent here) by the plans' stored alert rules (or the dispatcher given).
`Monitor.backfill` runs a plan added later over everything stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from huibao.model import Article
from huibao.monitor.alerts.dispatch import Dispatcher, Hit
from huibao.monitor.alerts.run import load_rules
from huibao.monitor.alerts.sqlstore import StoreAlerts
from huibao.monitor.document import Document, enriched_orgs, enriched_places
from huibao.monitor.match import Match, Matcher
from huibao.monitor.plan import Plan
from huibao.monitor.search import Searcher
from huibao.monitor.settings import MonitorSettings
from huibao.store import Store
from huibao.store import search as tables

LISTS = ("places", "subjects", "events", "exclusions")


def plan_from_definition(name: str, definition: Mapping[str, Any], plan_id: int | None) -> Plan:
    """A `Plan` from its stored JSON definition."""
    lists = {k: tuple(str(w) for w in definition.get(k, ())) for k in LISTS}
    return Plan(name, query=str(definition.get("query", "")), id=plan_id, **lists)


def stored_plans(store: Store) -> list[Plan]:
    """Every plan in the store, by name."""
    with store.reading() as conn:
        return [plan_from_definition(n, d, i) for i, n, d in tables.list_plans(conn)]


def stored_dispatcher(store: Store, settings: MonitorSettings) -> Dispatcher:
    """A dispatcher over the store's outbox with the alert rules stored with the plans."""
    return Dispatcher(StoreAlerts(store), load_rules(store, settings)[0])


def document_of(article: Article, enrichment: Mapping[str, Any] | None) -> Document:
    """A matcher document for `article` with the places and organisations enrich found."""
    return Document.from_article(article, enriched_places(enrichment), enriched_orgs(enrichment))


class Monitor:
    """Matches new articles against the store's plans, records matches, queues alerts."""

    def __init__(
        self,
        store: Store,
        dispatcher: Dispatcher | None = None,
        gazetteer: Mapping[str, Iterable[str]] | None = None,
        settings: MonitorSettings | None = None,
    ) -> None:
        self.store = store
        self.gazetteer = gazetteer
        self.settings = settings or MonitorSettings()
        self._own_dispatcher = dispatcher is None
        self.dispatcher = dispatcher or stored_dispatcher(store, self.settings)
        self.matcher = Matcher(stored_plans(store), gazetteer, self.settings)
        self.searcher = Searcher(store, self.settings, gazetteer)

    def reload(self) -> None:
        """Pick up plans (and their stored alert rules) added, changed or removed since."""
        self.matcher = Matcher(stored_plans(self.store), self.gazetteer, self.settings)
        if self._own_dispatcher:
            self.dispatcher = stored_dispatcher(self.store, self.settings)

    def on_article(
        self,
        article_id: int,
        article: Article,
        now: datetime,
        enrichment: Mapping[str, Any] | None = None,
        story_id: str | int | None = None,
    ) -> list[Match]:
        """Index one stored article for search, match it, record and alert its matches."""
        self.searcher.index_article(article_id, article, enrichment)
        matches = self.matcher.match(document_of(article, enrichment))
        with self.store.transaction() as conn:
            for match in matches:
                assert match.plan.id is not None  # plans come from the store
                tables.record_matches(conn, match.plan.id, [(article_id, list(match.terms))], now)
        for match in matches:
            hit = Hit(
                match.plan.name, article.title, article.url, article.source,
                article.published, match.terms, story_id,
            )  # fmt: skip
            self.dispatcher.on_match(hit, now)
        return matches

    def backfill(self, name: str, now: datetime) -> int:
        """Match plan `name` against every stored article; how many matches were recorded."""
        plans = [p for p in stored_plans(self.store) if p.name == name]
        if not plans:
            raise KeyError(name)
        matcher = Matcher(plans, self.gazetteer, self.settings)
        plan_id = plans[0].id
        assert plan_id is not None
        recorded = 0
        for stored in self.store.articles():
            found = matcher.match(document_of(stored.article, self.store.get_enrichment(stored.id)))
            if found:
                with self.store.transaction() as conn:
                    pair = [(stored.id, list(found[0].terms))]
                    recorded += tables.record_matches(conn, plan_id, pair, now)
        return recorded

    def matches_of(self, name: str, limit: int = 100) -> list[tuple[int, list[str]]]:
        """(article id, terms) recorded for plan `name`, newest article first."""
        plans = {p.name: p.id for p in stored_plans(self.store)}
        if name not in plans or plans[name] is None:
            raise KeyError(name)
        with self.store.reading() as conn:
            return tables.plan_match_ids(conn, plans[name], limit)  # type: ignore[arg-type]
