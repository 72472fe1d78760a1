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
class DeliveryReport:
    """What one `deliver_due` pass did."""

    sent: int = 0
    retrying: int = 0
    dead: int = 0


def deliver_due(
    store: AlertStore,
    senders: Mapping[str, Sender],
    now: datetime,
    settings: MonitorSettings | None = None,
) -> DeliveryReport:
    """Send every message due at `now`; failures are rescheduled or dead-lettered."""
    settings = settings or MonitorSettings()
    sent = retrying = dead = 0
    for message in store.due(now, settings.outbox_batch):
        sender = senders.get(message.channel)
        try:
            if sender is None:
                raise LookupError(f"no sender for channel {message.channel!r}")
            sender(message, now)
        except Exception as exc:  # any failure of one message must not stop the others
            failed = after_failure(message, now, f"{type(exc).__name__}: {exc}", settings)
            store.save(failed)
            dead += failed.state == DEAD
            retrying += failed.state != DEAD
            continue
        store.save(dataclasses.replace(message, state=SENT, attempts=message.attempts + 1))
        sent += 1
    return DeliveryReport(sent, retrying, dead)
