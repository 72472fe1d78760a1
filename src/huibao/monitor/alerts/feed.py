"""A plan's Atom feed from its alerts: one entry per story, with the story's current size.

Entries come from the plan's outbox (whatever channel queued them: a rule with `atom = true`
and no other channel queues for the feed alone), so the feed follows the same rules as the
messages: one entry per story, reprints raise its count rather than adding entries, and a
digest contributes each story it held.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from huibao.monitor.alerts.atom import FeedEntry, atom_feed
from huibao.monitor.alerts.dispatch import Hit, story_key
from huibao.monitor.alerts.outbox import OutboxMessage
from huibao.monitor.alerts.sqlstore import plan_messages, story_counts
from huibao.monitor.settings import MonitorSettings
from huibao.store import Store


def _urn(*parts: str) -> str:
    return "urn:huibao:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _story_items(message: OutboxMessage) -> list[dict[str, Any]]:
    """The story alerts a message carries: itself, or a digest's items."""
    items = message.payload.get("items")
    if isinstance(items, list):
        return [i for i in items if isinstance(i, dict) and i.get("title") is not None]
    return [message.payload] if "title" in message.payload else []


def _key(plan: str, item: dict[str, Any]) -> str:
    story_id = item.get("story_id")
    return story_key(
        Hit(plan, str(item.get("title", "")), item.get("url") or None, story_id=story_id)
    )


def feed_entries(store: Store, plan: str, limit: int) -> list[FeedEntry]:
    """The plan's newest `limit` alerted stories as feed entries, newest first."""
    counts = story_counts(store, plan)
    entries: dict[str, FeedEntry] = {}
    for message in plan_messages(store, plan, limit * 4):
        for item in _story_items(message):
            story = _key(plan, item)
            if story in entries:
                continue
            entries[story] = FeedEntry(
                id=_urn(plan, story),
                title=str(item.get("title", "")),
                url=str(item.get("url") or "") or None,
                updated=message.created,
                source=str(item.get("source", "")),
                matched=tuple(str(t) for t in item.get("matched", ())),
                story_size=counts.get(story, int(item.get("story_size", 1) or 1)),
            )
    return list(entries.values())[:limit]


def plan_feed(
    store: Store, plan: str, now: datetime, settings: MonitorSettings | None = None
) -> bytes:
    """The Atom feed (UTF-8 XML) of `plan`'s alerted stories."""
    limit = (settings or MonitorSettings()).feed_entries
    return atom_feed(plan, _urn("plan", plan), feed_entries(store, plan, limit), now, limit)
