"""One alerting step over a store: digests due, volume rules, then delivery of the outbox.

`huibao alerts deliver` runs it once; `huibao watch` runs it after each pass through
`run_safely`, which never raises (a dead SMTP server must not stop ingest). Matching and
queueing happen at ingest (`huibao.monitor.ingest.Monitor`); this step only reads the
queue and the clock it is given.
"""

from __future__ import annotations

import logging
import time as clock
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from huibao.errors import ConfigError
from huibao.monitor.alerts.dispatch import Dispatcher
from huibao.monitor.alerts.mail import MailSender
from huibao.monitor.alerts.outbox import OutboxMessage
from huibao.monitor.alerts.ruleconfig import rule_from_dict, rule_to_dict
from huibao.monitor.alerts.rules import AlertRule
from huibao.monitor.alerts.sqlstore import StoreAlerts, match_times, save_rule, stored_rules
from huibao.monitor.alerts.volume import check_fixed, check_spike
from huibao.monitor.alerts.webhook import DeliveryError, WebhookSender, secret_key
from huibao.monitor.alerts.worker import Attempt, DeliveryReport, Sender, deliver_due
from huibao.monitor.settings import MonitorSettings
from huibao.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AlertRun:
    """What one step did: messages it queued (digests, volume) and the deliveries."""

    queued: int = 0
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    attempts: tuple[Attempt, ...] = ()
    problems: tuple[str, ...] = field(default=())


def load_rules(store: Store, settings: MonitorSettings) -> tuple[dict[str, AlertRule], list[str]]:
    """The stored rules by plan, and a note for each stored rule that no longer reads."""
    rules, problems = {}, []
    for plan, table in stored_rules(store).items():
        try:
            rules[plan] = rule_from_dict(plan, table, settings.webhook_allow_hosts, resolve=None)
        except ConfigError as exc:
            problems.append(str(exc))
    return rules, problems


def sync_rules(
    store: Store, tables: Mapping[str, Mapping[str, Any]], settings: MonitorSettings
) -> list[str]:
    """Store the project file's rules (`[[monitor.alerts]]`) where they differ from the
    stored ones, checking each in full (webhook addresses too); notes on those refused."""
    stored = stored_rules(store)
    problems = []
    for plan, table in tables.items():
        try:
            quick = rule_to_dict(rule_from_dict(plan, table, resolve=None))
            if stored.get(plan) == quick:
                continue
            rule = rule_from_dict(plan, table, settings.webhook_allow_hosts)
            save_rule(store, plan, rule_to_dict(rule))
        except ConfigError as exc:
            problems.append(str(exc))
    return problems


def _atom(message: OutboxMessage, now: datetime) -> None:
    """Atom "delivery": the entry is in the plan's feed once the message is sent."""


def secrets_of(rules: Mapping[str, AlertRule]) -> dict[str, str]:
    """`WebhookSender` secrets of every plan's webhooks."""
    return {
        secret_key(p, c.target): c.secret for p, r in rules.items() for c in r.channels if c.secret
    }


def senders_for(
    rules: Mapping[str, AlertRule], settings: MonitorSettings, webhook: WebhookSender
) -> dict[str, Sender]:
    """One sender per channel kind. A message whose plan no longer has that channel (the
    rule was changed or removed after it was queued) fails instead of going out unsigned."""
    live = {(p, c.kind, c.target) for p, r in rules.items() for c in r.channels}
    kinds: dict[str, Sender] = {"webhook": webhook, "email": MailSender(settings), "atom": _atom}

    def checked(kind: str) -> Sender:
        def send(message: OutboxMessage, now: datetime) -> None:
            if (message.plan, kind, message.target) not in live:
                raise DeliveryError(f"plan {message.plan!r} no longer alerts {message.target}")
            kinds[kind](message, now)

        return send

    return {kind: checked(kind) for kind in kinds}


def _period_index(moment: datetime, period: timedelta, zone: str) -> int:
    """Which `period`-long slot of local time `moment` falls in (days start at midnight)."""
    local = moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return int((local - datetime(1970, 1, 1)).total_seconds() // period.total_seconds())


def digest_due(rule: AlertRule, held: list[dict[str, Any]], now: datetime) -> bool:
    """True when items are held and the period the first of them arrived in is over."""
    if rule.digest is None or not held:
        return False
    first = datetime.fromisoformat(str(held[0].get("held_at") or now.isoformat()))
    zone = rule.timezone
    return _period_index(first, rule.digest, zone) < _period_index(now, rule.digest, zone)


def check_volume(store: Store, dispatcher: Dispatcher, rule: AlertRule, now: datetime) -> int:
    """Queue the volume alerts of `rule` that fire at `now`; how many messages."""
    spans = [rule.fixed.window] if rule.fixed else []
    spans += [rule.spike.recent + rule.spike.baseline] if rule.spike else []
    if not spans:
        return 0
    times = match_times(store, rule.plan, now - max(spans))
    fired = [
        check_fixed(rule.fixed, times, now) if rule.fixed else None,
        check_spike(rule.spike, times, now) if rule.spike else None,
    ]
    return sum(len(dispatcher.on_volume(rule.plan, a, now)) for a in fired if a is not None)


def deliver(
    alerts: StoreAlerts,
    senders: Mapping[str, Sender],
    now: datetime,
    settings: MonitorSettings,
) -> DeliveryReport:
    """Deliver everything due at `now`, batch after batch, within `deliver_budget_s`."""
    deadline = clock.monotonic() + settings.deliver_budget_s
    sent = retrying = dead = 0
    attempts: list[Attempt] = []
    while True:
        report = deliver_due(alerts, senders, now, settings)
        sent, retrying, dead = sent + report.sent, retrying + report.retrying, dead + report.dead
        attempts.extend(report.attempts)
        if len(report.attempts) < settings.outbox_batch or clock.monotonic() > deadline:
            return DeliveryReport(sent, retrying, dead, tuple(attempts))


def run_due(store: Store, now: datetime, settings: MonitorSettings | None = None) -> AlertRun:
    """Flush due digests, check volume rules, deliver due messages (retries included)."""
    settings = settings or MonitorSettings()
    rules, problems = load_rules(store, settings)
    alerts = StoreAlerts(store)
    dispatcher = Dispatcher(alerts, rules)
    queued = 0
    for plan, rule in rules.items():
        if digest_due(rule, alerts.held(plan), now):
            queued += len(dispatcher.flush_digest(plan, now))
        queued += check_volume(store, dispatcher, rule, now)
    webhook = WebhookSender(secrets_of(rules), settings)
    try:
        report = deliver(alerts, senders_for(rules, settings, webhook), now, settings)
    finally:
        webhook.close()
    return AlertRun(
        queued, report.sent, report.retrying, report.dead, report.attempts, tuple(problems)
    )


def run_safely(store: Store, now: datetime, project_path: Path | None = None) -> AlertRun | None:
    """`run_due` with the project's [monitor] settings and rules; logs and swallows any
    failure (what `huibao watch` calls after each pass, so alerting never stops ingest)."""
    from huibao.monitor.project import load_monitor_config

    try:
        config = load_monitor_config(project_path)
        problems = sync_rules(store, config.rules, config.settings)
        run = run_due(store, now, config.settings)
    except Exception:  # alerting must never take the crawl down with it
        log.exception("alert step failed; ingest goes on")
        return None
    for problem in (*problems, *run.problems):
        log.warning("alert rule skipped: %s", problem)
    for attempt in run.attempts:
        if attempt.error:
            log.warning("alert to %s (%s) failed: %s", attempt.target, attempt.plan, attempt.error)
    return run
