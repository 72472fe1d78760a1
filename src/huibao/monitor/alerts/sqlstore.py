"""`AlertStore` on the huibao database: alerts survive restarts and crashes of the worker.

Also the SQL of alert rules (stored in each plan's definition under "alert", so adding a
rule needs no schema change and removing a plan removes its rule), of story counts for
the Atom feed, and of match times for volume rules.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from huibao.errors import ConfigError
from huibao.monitor.alerts.outbox import OutboxMessage
from huibao.store import Store
from huibao.store import search as tables


def _message(row: dict[str, Any]) -> OutboxMessage:
    return OutboxMessage(**{k: row[k] for k in OutboxMessage.__dataclass_fields__})


class StoreAlerts:
    """The outbox, story counts and digest items kept in the store (one transaction each)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def bump_story(self, plan: str, story: str, now: datetime) -> int:
        with self.store.transaction() as conn:
            return tables.bump_story(conn, plan, story, now)

    def enqueue(self, message: OutboxMessage) -> bool:
        with self.store.transaction() as conn:
            return tables.outbox_add(conn, asdict(message))

    def due(self, now: datetime, limit: int) -> list[OutboxMessage]:
        with self.store.reading() as conn:
            return [_message(r) for r in tables.outbox_due(conn, now, limit)]

    def save(self, message: OutboxMessage) -> None:
        with self.store.transaction() as conn:
            tables.outbox_save(conn, asdict(message))

    def hold(self, plan: str, item: dict[str, Any]) -> None:
        with self.store.transaction() as conn:
            tables.hold(conn, plan, item)

    def take_held(self, plan: str) -> list[dict[str, Any]]:
        with self.store.transaction() as conn:
            return tables.take_held(conn, plan)

    def held(self, plan: str) -> list[dict[str, Any]]:
        c = tables.alert_held.c
        with self.store.reading() as conn:
            rows = conn.execute(sa.select(c.item).where(c.plan == plan).order_by(c.id))
            return [dict(i) for i in rows.scalars()]

    def messages(self, state: str | None = None) -> list[OutboxMessage]:
        with self.store.reading() as conn:
            return [_message(r) for r in tables.outbox_rows(conn, state)]


# -- rules: kept in the plan's stored definition under "alert" (no table of their own) ------

RULE_KEY = "alert"


def _definition(conn: sa.Connection, plan: str) -> tuple[int, dict[str, Any]]:
    plans = tables.monitor_plans
    row = conn.execute(
        sa.select(plans.c.id, plans.c.definition).where(plans.c.name == plan)
    ).first()
    if row is None:
        raise ConfigError(f"no plan named {plan!r} (add it with `huibao plan add`)")
    return int(row[0]), dict(row[1])


def save_rule(store: Store, plan: str, rule: dict[str, Any] | None) -> None:
    """Store (or with None remove) the alert rule table of `plan`; its matches are kept."""
    with store.transaction() as conn:
        plan_id, definition = _definition(conn, plan)
        definition.pop(RULE_KEY, None)
        if rule is not None:
            definition[RULE_KEY] = rule
        plans = tables.monitor_plans
        conn.execute(plans.update().where(plans.c.id == plan_id).values(definition=definition))


def stored_rules(store: Store) -> dict[str, dict[str, Any]]:
    """plan name -> stored alert rule table, for every plan that has one."""
    with store.reading() as conn:
        found = tables.list_plans(conn)
    return {name: dict(d[RULE_KEY]) for _, name, d in found if d.get(RULE_KEY)}


def story_counts(store: Store, plan: str) -> dict[str, int]:
    """story key -> matching articles counted for `plan` (reprints included)."""
    c = tables.alert_stories.c
    with store.reading() as conn:
        rows = conn.execute(sa.select(c.story, c.count).where(c.plan == plan))
        return {str(story): int(count) for story, count in rows}


def match_times(store: Store, plan: str, since: datetime) -> list[datetime]:
    """When each article recorded for `plan` after `since` was matched (volume rules)."""
    plans, matches = tables.monitor_plans.c, tables.plan_matches.c
    query = (
        sa.select(matches.matched_at)
        .join_from(tables.plan_matches, tables.monitor_plans, plans.id == matches.plan_id)
        .where(plans.name == plan, matches.matched_at > since)
    )
    with store.reading() as conn:
        return [t for t in conn.execute(query).scalars()]


def plan_messages(store: Store, plan: str, limit: int) -> list[OutboxMessage]:
    """The newest `limit` outbox messages of `plan` (any channel, any state), newest first."""
    c = tables.alert_outbox.c
    query = (
        sa.select(tables.alert_outbox)
        .where(c.plan == plan)
        .order_by(c.created.desc(), c.key)
        .limit(limit)
    )
    with store.reading() as conn:
        return [_message(dict(r._mapping)) for r in conn.execute(query)]
