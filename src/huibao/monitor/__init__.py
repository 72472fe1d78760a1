"""Monitoring: the query language, plans, matching at ingest, search, and alerts.

    from huibao.monitor import Matcher, Plan, Document, parse
    plan = Plan("柳州警情", places=("柳州", "柳南"), events=("警情",), exclusions=("广告",))
    for match in Matcher([plan]).match(Document(title=..., body=...)):
        print(match.plan.name, match.terms, match.highlights)

`Searcher` (full-text search over a `huibao.store.Store`), `Monitor` (matching at ingest
with recorded matches and queued alerts) and `huibao.monitor.alerts` (outbox, webhook,
e-mail, Atom, volume rules) build on the same pieces.
"""

from huibao.monitor.document import Document, Highlight
from huibao.monitor.ingest import Monitor
from huibao.monitor.match import Match, Matcher
from huibao.monitor.nodes import And, DateRange, Field, Near, Node, Not, Or, Place, Term
from huibao.monitor.parser import parse
from huibao.monitor.places import PlaceRef
from huibao.monitor.plan import Plan
from huibao.monitor.render import render
from huibao.monitor.search import Searcher, SearchHit, SearchResult
from huibao.monitor.settings import MonitorSettings

__all__ = [
    "And",
    "DateRange",
    "Document",
    "Field",
    "Highlight",
    "Match",
    "Matcher",
    "Monitor",
    "MonitorSettings",
    "Near",
    "Node",
    "Not",
    "Or",
    "Place",
    "PlaceRef",
    "Plan",
    "SearchHit",
    "SearchResult",
    "Searcher",
    "Term",
    "parse",
    "render",
]
