"""`AlertStore` on the huibao database: alerts survive restarts and crashes of the worker."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

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

    def messages(self, state: str | None = None) -> list[OutboxMessage]:
        with self.store.reading() as conn:
            return [_message(r) for r in tables.outbox_rows(conn, state)]
