"""How a plan alerts: its channels, templates, quiet hours and digest period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from huibao.monitor.alerts.templates import Templates
from huibao.monitor.alerts.volume import FixedRule, SpikeRule

CHANNEL_KINDS = ("webhook", "email", "atom")


@dataclass(frozen=True, slots=True)
class Channel:
    """Where alerts go: kind "webhook" (target = URL, `secret` signs the body), "email"
    (target = address) or "atom" (target = the plan name: entries of the plan's feed)."""

    kind: str
    target: str
    secret: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class AlertRule:
    """Alerting for one plan. Quiet hours are local times (`timezone`); a quiet span may
    cross midnight (22:00-07:00). With `digest` set, stories are collected and sent as one
    message per period instead of one message each."""

    plan: str
    channels: tuple[Channel, ...] = ()
    templates: Templates = field(default_factory=Templates)
    quiet_start: time | None = None
    quiet_end: time | None = None
    digest: timedelta | None = None
    timezone: str = "Asia/Shanghai"
    fixed: FixedRule | None = None
    spike: SpikeRule | None = None


def quiet_until(rule: AlertRule, now: datetime) -> datetime | None:
    """The end of the quiet span `now` falls in, or None when it is not quiet."""
    if rule.quiet_start is None or rule.quiet_end is None or rule.quiet_start == rule.quiet_end:
        return None
    local = now.astimezone(ZoneInfo(rule.timezone))
    start, end, clock = rule.quiet_start, rule.quiet_end, local.time()
    inside = start <= clock < end if start < end else clock >= start or clock < end
    if not inside:
        return None
    release = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if release <= local:
        release += timedelta(days=1)
    return release.astimezone(now.tzinfo)
