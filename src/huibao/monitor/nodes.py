"""The query syntax tree: frozen, slotted records the parser builds and the matcher reads.

A query is one `Node`. Quoted and bare words both become `Term`: quoting is only syntax, it
lets a term hold spaces, operators or a colon. Terms match as substrings of the folded text
(Chinese has no spaces between words, so substring is the only complete choice); a term made
of Latin letters or digits must also stand on word boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Field filters that take a text value and look only at that part of the article.
TEXT_FIELDS = ("title", "source", "channel", "org")
#: Every field name the query language knows.
FIELDS = (*TEXT_FIELDS, "place", "date")


@dataclass(frozen=True, slots=True)
class Term:
    """A word or quoted phrase, matched as a substring of the folded text."""

    text: str


@dataclass(frozen=True, slots=True)
class And:
    """Every item must match."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one item must match."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The item must not match."""

    item: Node


@dataclass(frozen=True, slots=True)
class Near:
    """Both terms occur with at most `distance` characters between the two occurrences."""

    left: Term
    right: Term
    distance: int


@dataclass(frozen=True, slots=True)
class Field:
    """`name:value`: `title:` takes any query; `source:`, `channel:`, `org:` take a term."""

    name: str
    value: Node


@dataclass(frozen=True, slots=True)
class Place:
    """`place:`: a place name or a division code; a code also covers every code beneath it."""

    value: str


@dataclass(frozen=True, slots=True)
class DateRange:
    """`date:start..end`, both ends inclusive, either end may be open (None)."""

    start: date | None
    end: date | None


Node = Term | And | Or | Not | Near | Field | Place | DateRange


def make_and(items: list[Node]) -> Node:
    """An `And` of `items`, flattening nested `And`s; one item is returned as is."""
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, And) else (item,))
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def make_or(items: list[Node]) -> Node:
    """An `Or` of `items`, flattening nested `Or`s; one item is returned as is."""
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, Or) else (item,))
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def terms(node: Node, *, negated: bool = False) -> list[tuple[Term, bool]]:
    """Every text term (not field values) under `node`, with whether it sits under a NOT."""
    if isinstance(node, Term):
        return [(node, negated)]
    if isinstance(node, And | Or):
        return [pair for item in node.items for pair in terms(item, negated=negated)]
    if isinstance(node, Not):
        return terms(node.item, negated=not negated)
    if isinstance(node, Near):
        return [(node.left, negated), (node.right, negated)]
    if isinstance(node, Field) and node.name == "title":
        return terms(node.value, negated=negated)
    return []
