"""What `huibao story show` and reports read: a story's groups, lineage and alterations."""

from __future__ import annotations

from dataclasses import dataclass, replace
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

    Members are URLs: stored articles and their aliases (a second URL that served exactly
    an article's text, with its own outlet, title and date; `Member.alias_id` is set).
    """

    id: int
    members: tuple[Member, ...]
    lineage: Lineage
    alterations: tuple[Alterations, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "members": [_member(m) for m in self.members],
            "lineage": self.lineage.to_dict(),
            "alterations": [a.to_dict() for a in self.alterations],
        }

    def alterations_of(self, ref: tuple[int, int | None]) -> Alterations | None:
        """The alterations of one reprint, by (article id, alias id)."""
        return next((a for a in self.alterations if (a.article_id, a.alias_id) == ref), None)


@dataclass(frozen=True, slots=True)
class StoryView:
    summary: StorySummary
    groups: tuple[GroupView, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary.to_dict(), "reprint_groups": [g.to_dict() for g in self.groups]}


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _member(m: Member) -> dict[str, Any]:
    data = m.to_dict()
    del data["seen"]
    return data


#: A member with what its alterations are computed from: (member, its text, its facts).
Item = tuple[Member, Article, Enrichment]


def copy_alterations(original: Item, copy: Item) -> Alterations:
    """What `copy` changed against `original` (either may be an alias URL)."""
    (old, old_text, old_facts), (new, new_text, new_facts) = original, copy
    found = alterations(
        (old.article_id, old_text, old_facts), (new.article_id, new_text, new_facts)
    )
    return replace(found, alias_id=new.alias_id, original_alias_id=old.alias_id)


def group_view(group_id: int, items: list[Item]) -> GroupView:
    """Lineage of a group and the alterations of each reprint against its original."""
    members = [m for m, _, _ in items]
    line = lineage(members)
    by_ref = {m.ref: (m, a, f) for m, a, f in items}
    original = by_ref[line.original_ref]
    changes = tuple(copy_alterations(original, by_ref[c.ref]) for c in line.reprints)
    return GroupView(group_id, tuple(members), line, changes)
