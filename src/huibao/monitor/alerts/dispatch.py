"""From matches to outbox messages: one alert per story, quiet hours, digests, volume.

Pure over an `AlertStore`: nothing here opens a socket or reads the clock. Ingest calls
`Dispatcher.on_match` for each match (in the same transaction that stores the match, when
the store implements `AlertStore`); a scheduler calls `flush_digest` at each period end and
`on_volume` when `check_fixed`/`check_spike` fire; the worker delivers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from huibao.monitor.alerts.outbox import AlertStore, OutboxMessage
from huibao.monitor.alerts.rules import AlertRule, quiet_until
from huibao.monitor.alerts.templates import DIGEST_SUBJECT, DIGEST_TEXT, Renderer
from huibao.monitor.alerts.volume import VolumeAlert


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched article as alerting sees it; `story_id` comes from the connect stage."""

    plan: str
    title: str
    url: str | None
    source: str = ""
    published: datetime | None = None
    matched: tuple[str, ...] = ()
    story_id: str | int | None = None


def story_key(hit: Hit) -> str:
    """The story `hit` belongs to; an article without a story is a story of its own."""
    if hit.story_id is not None:
        return f"story:{hit.story_id}"
    ident = hit.url or hit.title
    return "article:" + hashlib.sha256(ident.encode()).hexdigest()[:24]


def values_of(hit: Hit, story_size: int) -> dict[str, Any]:
    """Template variables (and webhook fields) for `hit`."""
    return {
        "plan": hit.plan,
        "title": hit.title,
        "url": hit.url or "",
        "source": hit.source,
        "published": hit.published.isoformat() if hit.published else "",
        "matched": list(hit.matched),
        "story_id": hit.story_id,
        "story_size": story_size,
    }


class Dispatcher:
    """Turns hits into outbox messages for the plans in `rules` (plan name -> rule)."""

    def __init__(self, store: AlertStore, rules: Mapping[str, AlertRule]) -> None:
        self.store = store
        self.rules = rules
        self.renderer = Renderer()

    def on_match(self, hit: Hit, now: datetime) -> list[OutboxMessage]:
        """Record `hit`; queue its alerts if it is the first article of its story."""
        rule = self.rules.get(hit.plan)
        if rule is None:
            return []  # the plan does not alert: nothing to count either
        story = story_key(hit)
        count = self.store.bump_story(hit.plan, story, now)
        if count > 1:
            return []  # a reprint: the story's count went up, nobody is told again
        values = values_of(hit, count)
        if rule.digest is not None:
            self.store.hold(hit.plan, {**values, "held_at": now.isoformat()})
            return []
        t = rule.templates
        content = {
            "subject": self.renderer.render(t.subject, values),
            "text": self.renderer.render(t.text, values),
            "html": self.renderer.render(t.html, values, html=True),
        }
        return self._queue(rule, f"{hit.plan}|{story}", {**values, **content}, now)

    def flush_digest(self, plan: str, now: datetime) -> list[OutboxMessage]:
        """Queue one message with everything held for `plan` since the last flush."""
        rule = self.rules.get(plan)
        items = self.store.take_held(plan)
        if rule is None or not items:
            return []
        values = {"plan": plan, "items": items}
        content = {
            "subject": self.renderer.render(DIGEST_SUBJECT, values),
            "text": self.renderer.render(DIGEST_TEXT, values),
        }
        return self._queue(rule, f"{plan}|digest|{now.isoformat()}", {**values, **content}, now)

    def on_volume(self, plan: str, alert: VolumeAlert, now: datetime) -> list[OutboxMessage]:
        """Queue a volume alert, at most once per rule per window-long time bucket."""
        rule = self.rules.get(plan)
        if rule is None:
            return []
        text = f"{plan}: {alert.count} 篇 (预期 {alert.expected:.1f}) since {alert.since:%H:%M}"
        values = {"plan": plan, "rule": alert.rule, "count": alert.count}
        content = {"subject": f"[{plan}] 信息量异常", "text": text, "expected": alert.expected}
        window = max((now - alert.since).total_seconds(), 1.0)
        key = f"{plan}|volume|{alert.rule}|{int(now.timestamp() // window)}"
        return self._queue(rule, key, {**values, **content}, now)

    def _queue(
        self, rule: AlertRule, key: str, payload: dict[str, Any], now: datetime
    ) -> list[OutboxMessage]:
        send_at = quiet_until(rule, now) or now
        queued = []
        for channel in rule.channels:
            message = OutboxMessage(
                key=f"{key}|{channel.kind}|{channel.target}",
                plan=rule.plan,
                channel=channel.kind,
                target=channel.target,
                payload=payload,
                created=now,
                next_at=send_at,
            )
            if self.store.enqueue(message):
                queued.append(message)
        return queued
