"""`Node` -> canonical query text; `parse(render(node)) == node` for every parsed node."""

from __future__ import annotations

from huibao.monitor.lexer import COLONS, DELIMITERS, KEYWORDS, NEAR_WORD
from huibao.monitor.nodes import (
    FIELDS,
    And,
    Field,
    Near,
    Node,
    Not,
    Or,
    Place,
    Term,
)

#: Binding strength, loose to tight, to decide where parentheses are needed.
_LEVEL = {Or: 1, And: 2, Not: 3, Near: 4}


def quote(text: str) -> str:
    """`text` as a bare word when it would lex back to itself, else as a quoted phrase."""
    bare = (
        text
        and not any(ch.isspace() or ch in DELIMITERS or ch == "\\" for ch in text)
        and not text.startswith("-")
        and text not in KEYWORDS
        and not NEAR_WORD.match(text)
        and not any(text.lower().startswith(f + c) for f in FIELDS for c in COLONS)
        and not any(ch in COLONS for ch in text)
    )
    if bare:
        return text
    return '"' + "".join("\\" + ch if ch in '"“”\\' else ch for ch in text) + '"'


def _level(node: Node) -> int:
    return _LEVEL.get(type(node), 5)


def _child(node: Node, parent_level: int) -> str:
    text = render(node)
    return f"({text})" if _level(node) <= parent_level else text


def render(node: Node) -> str:
    """Canonical query text for `node` (explicit AND/OR/NOT, minimal parentheses)."""
    if isinstance(node, Term):
        return quote(node.text)
    if isinstance(node, Or):
        return " OR ".join(_child(item, 1) for item in node.items)
    if isinstance(node, And):
        return " AND ".join(_child(item, 2) for item in node.items)
    if isinstance(node, Not):
        return "NOT " + _child(node.item, 2)
    if isinstance(node, Near):
        return f"{quote(node.left.text)} NEAR/{node.distance} {quote(node.right.text)}"
    if isinstance(node, Field):
        value = node.value
        inner = quote(value.text) if isinstance(value, Term) else f"({render(value)})"
        return f"{node.name}:{inner}"
    if isinstance(node, Place):
        return f"place:{quote(node.value)}"
    start = node.start.isoformat() if node.start else ""
    end = node.end.isoformat() if node.end else ""
    return f"date:{start}..{end}"
