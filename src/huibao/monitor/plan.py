"""Monitoring plans: the four-list form of Chinese 舆情 tools, or a query, or both.

A plan in the four-list form (地域词 places × 主体词 subjects × 事件词 events − 排除词
exclusions) means: some place word AND some subject word AND some event word AND none of the
exclusion words. It compiles to the same `Node` a query parses to, so one matcher serves both.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from huibao.errors import QueryError
from huibao.monitor.nodes import Node, Not, Term, make_and, make_or
from huibao.monitor.parser import parse
from huibao.monitor.render import render
from huibao.monitor.settings import MonitorSettings


@dataclass(frozen=True, slots=True)
class Plan:
    """A named monitoring plan. Word lists hold literal words; `query` is query language."""

    name: str
    places: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    query: str = ""
    id: int | None = None

    def compile(self, settings: MonitorSettings | None = None) -> Node:
        """The plan as one query `Node`; raises QueryError if it is empty or invalid."""
        return compile_plan(self, settings)

    def query_text(self, settings: MonitorSettings | None = None) -> str:
        """The plan written in the query language (what `huibao plan show` prints)."""
        return render(self.compile(settings))


def _words(label: str, words: tuple[str, ...]) -> list[Node]:
    nodes: list[Node] = []
    for word in words:
        text = word.strip()
        if not text:
            continue
        bad = [ch for ch in text if unicodedata.category(ch) == "Cc"]
        if bad:
            raise QueryError(f"{label} word {word!r} holds a control character", 0)
        nodes.append(Term(text))
    return nodes


def compile_plan(plan: Plan, settings: MonitorSettings | None = None) -> Node:
    """places × subjects × events − exclusions, AND the plan's query if it has one."""
    parts: list[Node] = []
    for label, words in (
        ("place", plan.places),
        ("subject", plan.subjects),
        ("event", plan.events),
    ):
        nodes = _words(label, words)
        if nodes:
            parts.append(make_or(nodes))
    if plan.query.strip():
        parts.append(parse(plan.query, settings))
    if not parts:
        raise QueryError(f"plan {plan.name!r} has no words and no query", 0)
    excluded = _words("exclusion", plan.exclusions)
    if excluded:
        parts.append(Not(make_or(excluded)))
    return make_and(parts)
