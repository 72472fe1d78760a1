"""Evaluate a query `Node` against one document, given where each term occurs.

The caller (the matcher, or search's verification step) finds the occurrences of every term
once, with an Aho-Corasick automaton; evaluation here is then pure set logic over them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from huibao.monitor.document import Document
from huibao.monitor.nodes import And, DateRange, Field, Near, Node, Not, Or, Place, Term
from huibao.monitor.places import PlaceFilter
from huibao.monitor.text import Folder

#: Zone in which `date:` filters read publication times (the sites' own zone).
LOCAL_ZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class Context:
    """One document ready for evaluation.

    The folded text is `title + "\\x00" + body`. `hits` maps each folded term to the
    (inclusive) end offsets of its occurrences there; `keys` maps a term as written in a
    query to (folded term, length). A span ending at or before `title_len` lies in the title.
    """

    doc: Document
    hits: Mapping[str, list[int]]
    keys: Mapping[str, tuple[str, int]]
    title_len: int
    folder: Folder
    places: Mapping[str, PlaceFilter]

    def spans(self, term: str, title_only: bool = False) -> list[tuple[int, int]]:
        """(start, end) of each occurrence of `term` (end exclusive)."""
        folded, length = self.keys[term]
        ends = self.hits.get(folded, ())
        limit = self.title_len if title_only else len(self.doc.title) + len(self.doc.body) + 1
        return [(end + 1 - length, end + 1) for end in ends if end < limit]


def local_day(moment: datetime | None) -> date | None:
    """The calendar day of `moment` in the sites' zone (naive times are taken as local)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(LOCAL_ZONE).date()


def _present(ctx: Context, term: Term, title_only: bool) -> bool:
    ends = ctx.hits.get(ctx.keys[term.text][0])
    if not ends or not title_only:
        return bool(ends)
    return ends[0] < ctx.title_len


def _near(ctx: Context, node: Near, title_only: bool) -> bool:
    lefts = ctx.spans(node.left.text, title_only)
    rights = ctx.spans(node.right.text, title_only)
    return any(max(b[0] - a[1], a[0] - b[1]) <= node.distance for a in lefts for b in rights)


def _field(ctx: Context, node: Field) -> bool:
    if node.name == "title":
        return evaluate(node.value, ctx, title_only=True)
    assert isinstance(node.value, Term)
    want = ctx.folder.fold(node.value.text)
    if node.name == "source":
        return want in ctx.folder.fold(ctx.doc.source)
    values = ctx.doc.channel if node.name == "channel" else ctx.doc.orgs
    return any(want in ctx.folder.fold(v) for v in values)


def _date(ctx: Context, node: DateRange) -> bool:
    day = local_day(ctx.doc.published)
    if day is None:
        return False
    return (node.start is None or node.start <= day) and (node.end is None or day <= node.end)


def evaluate(node: Node, ctx: Context, title_only: bool = False) -> bool:
    """True if `node` matches the document in `ctx`."""
    if isinstance(node, Term):
        return _present(ctx, node, title_only)
    if isinstance(node, And):
        return all(evaluate(item, ctx, title_only) for item in node.items)
    if isinstance(node, Or):
        return any(evaluate(item, ctx, title_only) for item in node.items)
    if isinstance(node, Not):
        return not evaluate(node.item, ctx, title_only)
    if isinstance(node, Near):
        return _near(ctx, node, title_only)
    if isinstance(node, Field):
        return _field(ctx, node)
    if isinstance(node, Place):
        return ctx.places[node.value].accepts(ctx.doc.places)
    return _date(ctx, node)
