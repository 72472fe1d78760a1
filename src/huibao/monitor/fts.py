"""Compile a query `Node` into what the index can answer: an FTS5 expression and filters.

The FTS5 expression is a *necessary* condition (every real match satisfies it); the search
then checks each candidate against the full query, so parts FTS5 cannot express exactly
(NOT, NEAR distances, source:/org:, punctuation inside phrases) are still honoured.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta

from huibao.monitor.evaluate import LOCAL_ZONE
from huibao.monitor.grams import is_exact, term_query
from huibao.monitor.nodes import And, DateRange, Field, Near, Node, Or, Place, Term
from huibao.monitor.places import compile_place
from huibao.monitor.text import Folder
from huibao.store.search import Filters


def fts_expression(node: Node, folder: Folder, title_only: bool = False) -> str | None:
    """An FTS5 MATCH expression implied by `node`, or None when nothing useful is implied."""
    if isinstance(node, Term):
        return term_query(node.text, folder, title_only)
    if isinstance(node, Near):
        parts = [term_query(t.text, folder, title_only) for t in (node.left, node.right)]
        return _join(" AND ", [p for p in parts if p])
    if isinstance(node, Field) and node.name == "title":
        return fts_expression(node.value, folder, title_only=True)
    if isinstance(node, And):
        found = [fts_expression(item, folder, title_only) for item in node.items]
        return _join(" AND ", [f for f in found if f])
    if isinstance(node, Or):
        found = [fts_expression(item, folder, title_only) for item in node.items]
        return None if any(f is None for f in found) else _join(" OR ", found)  # type: ignore[arg-type]
    return None  # NOT, source:, channel:, org:, place:, date: are checked, not searched


def _exact_text(node: Node, folder: Folder) -> bool:
    if isinstance(node, Term):
        return is_exact(node.text, folder)
    if isinstance(node, And | Or):
        return all(_exact_text(item, folder) for item in node.items)
    if isinstance(node, Field) and node.name == "title":
        return _exact_text(node.value, folder)
    return False


def is_exact_query(node: Node, folder: Folder) -> bool:
    """True when the FTS5 expression and SQL filters select exactly the matches of `node`,
    so totals and facets can be counted in SQL without checking each article."""
    items = node.items if isinstance(node, And) else (node,)
    places = [i for i in items if isinstance(i, Place)]
    return len(places) <= 1 and all(
        isinstance(i, DateRange | Place) or _exact_text(i, folder) for i in items
    )


def _join(op: str, parts: list[str]) -> str | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else op.join(f"({p})" for p in parts)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), LOCAL_ZONE)


def sql_filters(node: Node, gazetteer: Mapping[str, Iterable[str]] | None = None) -> Filters:
    """Filters every match must pass: the top-level (AND-ed) date ranges and first place.

    `gazetteer` (bare place name -> division codes) lets `place:柳州` cover 柳南区 too.
    """
    items = node.items if isinstance(node, And) else (node,)
    starts = [_day_start(i.start) for i in items if isinstance(i, DateRange) and i.start]
    ends = [
        _day_start(i.end) + timedelta(days=1) for i in items if isinstance(i, DateRange) and i.end
    ]
    places = [i for i in items if isinstance(i, Place)]
    prefixes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    if places:
        compiled = compile_place(places[0].value, gazetteer)
        prefixes, names = compiled.prefixes, compiled.names
    return Filters(max(starts, default=None), min(ends, default=None), prefixes, names)
