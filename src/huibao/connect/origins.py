"""Lineage: which member of a reprint group is the original, and how late each copy came.

The evidence, strongest first (this is how the seed page reads: a 柳州 site carries
"来源：中国法制新闻网", naming the outlet that published first):

1. an outlet that other members' 来源 lines name is the original (the earliest of them);
2. otherwise the earliest *reliable* date (a date that is not after the moment huibao first
   saw the page, give or take a day: CMSs that stamp "now" on old pages fail this);
   among equal dates the member without a 来源 line (or one naming itself) wins;
3. with no reliable date at all, the first member without an attribution, then the first seen.

Outlets named by 来源 lines but absent from the group are kept in `attributed_to`: the true
original may be a site huibao does not crawl.

A member is a URL: an article the store keeps, or an *alias* (`alias_id`), a second URL
that served exactly that article's text, with its own outlet, title, date and 来源 line.
Identical copies are ordered by their own dates like any other reprint.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

#: How far a page's stated date may run ahead of the moment it was first stored.
RELIABLE_SLACK = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Member:
    """One article of a group as lineage sees it."""

    article_id: int
    outlet: str  # the site that serves it (the crawl source's name)
    published: datetime | None = None
    attribution: str = ""  # Article.source: the outlet its 来源 line names
    seen: datetime | None = None  # when huibao first stored it
    title: str = ""
    url: str = ""
    alias_id: int | None = None  # set when this URL is an alias of `article_id`'s text

    @property
    def ref(self) -> tuple[int, int | None]:
        """Which URL this is: (article id, alias id or None for the article's own URL)."""
        return (self.article_id, self.alias_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "alias_id": self.alias_id,
            "outlet": self.outlet,
            "published": _iso(self.published),
            "attribution": self.attribution,
            "seen": _iso(self.seen),
            "title": self.title,
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Member:
        return cls(
            data["article_id"],
            data["outlet"],
            _when(data.get("published")),
            data.get("attribution", ""),
            _when(data.get("seen")),
            data.get("title", ""),
            data.get("url", ""),
            data.get("alias_id"),
        )

    @property
    def reliable(self) -> bool:
        if self.published is None:
            return False
        return self.seen is None or self.published <= self.seen + RELIABLE_SLACK

    @property
    def self_attributed(self) -> bool:
        return not self.attribution or same_outlet(self.attribution, self.outlet)


@dataclass(frozen=True, slots=True)
class Copy:
    """A reprint: its outlet, its 来源 line and how long after the original it appeared."""

    article_id: int
    outlet: str
    attribution: str
    delay: timedelta | None
    alias_id: int | None = None

    @property
    def ref(self) -> tuple[int, int | None]:
        return (self.article_id, self.alias_id)

    def to_dict(self) -> dict[str, Any]:
        delay = self.delay.total_seconds() if self.delay is not None else None
        return {**_fields(self), "alias_id": self.alias_id, "delay_seconds": delay}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Copy:
        seconds = data.get("delay_seconds")
        delay = timedelta(seconds=seconds) if seconds is not None else None
        return cls(
            data["article_id"], data["outlet"], data["attribution"], delay, data.get("alias_id")
        )


@dataclass(frozen=True, slots=True)
class Lineage:
    """The original of a group (`reason` says which evidence chose it) and its copies."""

    original: int
    reason: str  # "named by 来源", "earliest date", "no attribution", "first seen"
    reprints: tuple[Copy, ...] = ()
    attributed_to: tuple[str, ...] = ()
    original_alias: int | None = None  # the original is this alias URL of `original`'s text

    @property
    def original_ref(self) -> tuple[int, int | None]:
        return (self.original, self.original_alias)

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": self.original,
            "original_alias": self.original_alias,
            "reason": self.reason,
            "reprints": [c.to_dict() for c in self.reprints],
            "attributed_to": list(self.attributed_to),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lineage:
        return cls(
            data["original"],
            data["reason"],
            tuple(Copy.from_dict(c) for c in data.get("reprints", ())),
            tuple(data.get("attributed_to", ())),
            data.get("original_alias"),
        )


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _order(member: Member) -> tuple[int, int]:
    """Tie-break: the stored article before its aliases, aliases in the order stored."""
    return (member.article_id, member.alias_id or 0)


def _fields(copy: Copy) -> dict[str, Any]:
    return {"article_id": copy.article_id, "outlet": copy.outlet, "attribution": copy.attribution}


def same_outlet(a: str, b: str) -> bool:
    """Whether two outlet names name one outlet (equal, or one contains the other)."""
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _earliest(members: list[Member]) -> Member:
    return min(
        members,
        key=lambda m: (
            not m.reliable,
            _sort_key(m) if m.reliable else float("inf"),
            not m.self_attributed,
            _order(m),
        ),
    )


def _choose(members: list[Member]) -> tuple[Member, str]:
    named = {m.attribution for m in members if not m.self_attributed}
    candidates = [m for m in members if any(same_outlet(n, m.outlet) for n in named)]
    if candidates:
        return _earliest(candidates), "named by 来源"
    if any(m.reliable for m in members):
        return _earliest(members), "earliest date"
    unattributed = [m for m in members if m.self_attributed]
    if unattributed:
        return min(unattributed, key=_order), "no attribution"
    return min(members, key=_order), "first seen"


def lineage(members: list[Member]) -> Lineage:
    """The original of a reprint group and each reprint's delay (see the module doc)."""
    if not members:
        raise ValueError("lineage of an empty group")
    original, reason = _choose(members)
    copies = []
    for m in sorted(members, key=lambda m: (m.published is None, _sort_key(m), _order(m))):
        if m is original:
            continue
        delay = None
        if m.reliable and original.reliable and m.published and original.published:
            delay = m.published - original.published
        copies.append(Copy(m.article_id, m.outlet, m.attribution, delay, m.alias_id))
    outlets = [m.outlet for m in members]
    named = Counter(m.attribution for m in members if not m.self_attributed)
    absent = tuple(n for n, _ in named.most_common() if not any(same_outlet(n, o) for o in outlets))
    return Lineage(original.article_id, reason, tuple(copies), absent, original.alias_id)


def _sort_key(member: Member) -> float:
    return member.published.timestamp() if member.published else 0.0
