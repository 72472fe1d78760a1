"""The delivery worker: takes due messages from the outbox and sends them, with retries.

Runs apart from ingest (a thread or `huibao alerts deliver` process), so ingest never
waits on a webhook or SMTP server.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from huibao.monitor.alerts.outbox import DEAD, SENT, AlertStore, OutboxMessage, after_failure
from huibao.monitor.settings import MonitorSettings

Sender = Callable[[OutboxMessage, datetime], None]


@dataclass(frozen=True, slots=True)
class Attempt:
    """One delivery attempt: the message after it (state sent, pending = retrying, dead)."""

    plan: str
    channel: str
    target: str
    subject: str
    state: str
    attempts: int
    error: str = ""

    @classmethod
    def of(cls, message: OutboxMessage) -> Attempt:
        subject = str(message.payload.get("subject", ""))
        return cls(
            message.plan, message.channel, message.target, subject, message.state,
            message.attempts, message.last_error,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one `deliver_due` pass did."""

    sent: int = 0
    retrying: int = 0
    dead: int = 0
    attempts: tuple[Attempt, ...] = ()


def deliver_due(
    store: AlertStore,
    senders: Mapping[str, Sender],
    now: datetime,
    settings: MonitorSettings | None = None,
) -> DeliveryReport:
    """Send every message due at `now`; failures are rescheduled or dead-lettered."""
    settings = settings or MonitorSettings()
    sent = retrying = dead = 0
    attempts: list[Attempt] = []
    for message in store.due(now, settings.outbox_batch):
        sender = senders.get(message.channel)
        try:
            if sender is None:
                raise LookupError(f"no sender for channel {message.channel!r}")
            sender(message, now)
        except Exception as exc:  # any failure of one message must not stop the others
            failed = after_failure(message, now, f"{type(exc).__name__}: {exc}", settings)
            store.save(failed)
            attempts.append(Attempt.of(failed))
            dead += failed.state == DEAD
            retrying += failed.state != DEAD
            continue
        done = dataclasses.replace(message, state=SENT, attempts=message.attempts + 1)
        store.save(done)
        attempts.append(Attempt.of(done))
        sent += 1
    return DeliveryReport(sent, retrying, dead, tuple(attempts))
