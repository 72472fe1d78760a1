"""The alert outbox: messages waiting to be delivered, and what a store must do to keep them.

Ingest only *enqueues* (a row written in the same transaction as the match); a separate
worker delivers (`huibao.monitor.alerts.worker`), so a slow or dead webhook never holds up
ingest. Every message has an idempotency key (plan, story, channel, target): enqueueing the
same key twice is a no-op, so re-running ingest after a crash never queues an alert twice,
and the key travels with the message (`Idempotency-Key` header, e-mail `Message-ID`) so a
receiver can drop the one duplicate a crash between "sent" and "marked sent" can cause.

`AlertStore` is the interface the database implements (`huibao.store`); `MemoryAlertStore`
is the same contract in memory, for tests and one-off runs. Time is always passed in.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from huibao.monitor.settings import MonitorSettings

PENDING, SENT, DEAD = "pending", "sent", "dead"


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One alert for one channel target; `payload` is JSON-ready data."""

    key: str
    plan: str
    channel: str
    target: str
    payload: dict[str, Any]
    created: datetime
    next_at: datetime
    attempts: int = 0
    state: str = PENDING
    last_error: str = ""

    @property
    def token(self) -> str:
        """The key as 32 hex digits, for headers (`Idempotency-Key`, `Message-ID`)."""
        return hashlib.sha256(self.key.encode()).hexdigest()[:32]


def retry_delay(attempts: int, settings: MonitorSettings) -> timedelta:
    """Exponential backoff after `attempts` failures: base, 2×base, 4×base ... up to the cap."""
    seconds = settings.retry_base_s * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.retry_max_s))


def after_failure(
    message: OutboxMessage, now: datetime, error: str, settings: MonitorSettings
) -> OutboxMessage:
    """The message after one more failed attempt: rescheduled, or dead after the last one."""
    attempts = message.attempts + 1
    if attempts >= settings.webhook_max_attempts:
        return dataclasses.replace(
            message, attempts=attempts, state=DEAD, last_error=error, next_at=now
        )
    return dataclasses.replace(
        message,
        attempts=attempts,
        last_error=error,
        next_at=now + retry_delay(attempts, settings),
    )


class AlertStore(Protocol):
    """What alerting needs from storage; each method is one transaction."""

    def bump_story(self, plan: str, story: str, now: datetime) -> int:
        """Count one more matching article of `story` for `plan`; the new count (1 = new)."""

    def enqueue(self, message: OutboxMessage) -> bool:
        """Add `message` unless its key exists; True if it was added."""

    def due(self, now: datetime, limit: int) -> list[OutboxMessage]:
        """Pending messages whose `next_at` has come, oldest first."""

    def save(self, message: OutboxMessage) -> None:
        """Write back a message's state after a delivery attempt."""

    def hold(self, plan: str, item: dict[str, Any]) -> None:
        """Keep an item for `plan`'s next digest."""

    def take_held(self, plan: str) -> list[dict[str, Any]]:
        """Remove and return the items held for `plan`'s digest."""

    def held(self, plan: str) -> list[dict[str, Any]]:
        """The items held for `plan`'s digest, left in place."""

    def messages(self, state: str | None = None) -> list[OutboxMessage]:
        """Messages (in one state, or all), oldest first: the dead letters are `DEAD`."""


@dataclass
class MemoryAlertStore:
    """`AlertStore` in memory (tests, `huibao plan test`); not shared between processes."""

    stories: dict[tuple[str, str], int] = field(default_factory=dict)
    outbox: dict[str, OutboxMessage] = field(default_factory=dict)
    held_items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def bump_story(self, plan: str, story: str, now: datetime) -> int:
        count = self.stories.get((plan, story), 0) + 1
        self.stories[(plan, story)] = count
        return count

    def enqueue(self, message: OutboxMessage) -> bool:
        if message.key in self.outbox:
            return False
        self.outbox[message.key] = message
        return True

    def due(self, now: datetime, limit: int) -> list[OutboxMessage]:
        ready = [m for m in self.outbox.values() if m.state == PENDING and m.next_at <= now]
        return sorted(ready, key=lambda m: (m.next_at, m.created))[:limit]

    def save(self, message: OutboxMessage) -> None:
        self.outbox[message.key] = message

    def hold(self, plan: str, item: dict[str, Any]) -> None:
        self.held_items.setdefault(plan, []).append(item)

    def take_held(self, plan: str) -> list[dict[str, Any]]:
        return self.held_items.pop(plan, [])

    def held(self, plan: str) -> list[dict[str, Any]]:
        return list(self.held_items.get(plan, []))

    def messages(self, state: str | None = None) -> list[OutboxMessage]:
        found = [m for m in self.outbox.values() if state is None or m.state == state]
        return sorted(found, key=lambda m: m.created)
