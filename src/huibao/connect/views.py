"""What `huibao story show` and reports read: a story's groups, lineage and alterations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from huibao.connect.diffing import Alterations, alterations
from huibao.connect.origins import Lineage, Member, lineage
from huibao.enrich.model import Enrichment
from huibao.model import Article


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story at a glance: title (of its earliest article), dates, outlets, sizes."""

    id: int
    title: str
    first_published: datetime | None
    last_published: datetime | None
    outlets: tuple[str, ...]
    articles: int
    groups: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
            "outlets": list(self.outlets),
            "articles": self.articles,
            "groups": self.groups,
        }


@dataclass(frozen=True, slots=True)
class GroupView:
    """One reprint group: its members, which is the original, and what each copy changed.

    `aliases` are (url, outlet) pairs where the store found exactly a member's text again and
    kept only the URL (the store stores one text once), so they have no date or title.
    """

    id: int
    members: tuple[Member, ...]
    lineage: Lineage
    alterations: tuple[Alterations, ...]
    aliases: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "members": [_member(m) for m in self.members],
            "lineage": self.lineage.to_dict(),
            "alterations": [a.to_dict() for a in self.alterations],
            "aliases": [{"url": u, "outlet": o} for u, o in self.aliases],
        }


@dataclass(frozen=True, slots=True)
class StoryView:
    summary: StorySummary
    groups: tuple[GroupView, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary.to_dict(), "reprint_groups": [g.to_dict() for g in self.groups]}


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _member(m: Member) -> dict[str, Any]:
    return {
        "article_id": m.article_id,
        "outlet": m.outlet,
        "published": _iso(m.published),
        "attribution": m.attribution,
        "title": m.title,
        "url": m.url,
    }


def group_view(
    group_id: int,
    items: list[tuple[Member, Article, Enrichment]],
    aliases: tuple[tuple[str, str], ...] = (),
) -> GroupView:
    """Lineage of a group and the alterations of each reprint against its original."""
    members = [m for m, _, _ in items]
    line = lineage(members)
    by_id = {m.article_id: (m.article_id, a, f) for m, a, f in items}
    original = by_id[line.original]
    changes = tuple(alterations(original, by_id[c.article_id]) for c in line.reprints)
    return GroupView(group_id, tuple(members), line, changes, aliases)
