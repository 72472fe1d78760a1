"""Recursive-descent parser: query text -> `Node`.

Grammar (precedence from loose to tight; juxtaposition means AND)::

    query   := or EOF
    or      := and (("OR" | "|") and)*
    and     := unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | near
    near    := primary ("NEAR/n" primary)*
    primary := "(" or ")" | FIELD ":" value | TERM

Hand-written rather than generated (lark, pyparsing) because the error must name the
position and the expected token in words an analyst reads, and because depth, size and term
caps must hold on hostile input (10,000 nested parentheses is a QueryError, not a
RecursionError).
"""

from __future__ import annotations

from datetime import date

from huibao.errors import QueryError
from huibao.monitor.lexer import Token, tokenize
from huibao.monitor.nodes import (
    DateRange,
    Field,
    Near,
    Node,
    Not,
    Place,
    Term,
    make_and,
    make_or,
)
from huibao.monitor.settings import MonitorSettings

#: Tokens that can start an operand (and so continue an implicit AND).
STARTS_OPERAND = frozenset({"TERM", "FIELD", "LPAREN", "NOT"})
WHAT = "a term, a quoted phrase, a field filter or '('"


class _Parser:
    def __init__(self, tokens: list[Token], settings: MonitorSettings) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.count = 0
        self.settings = settings

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, expected: str, tok: Token | None = None) -> QueryError:
        tok = tok or self.tok
        found = "the end of the query" if tok.kind == "EOF" else repr(tok.text)
        return QueryError(f"position {tok.pos}: expected {expected}, found {found}", tok.pos)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.settings.max_query_depth:
            limit = self.settings.max_query_depth
            raise QueryError(
                f"position {self.tok.pos}: query nested deeper than {limit} levels", self.tok.pos
            )

    def parse(self) -> Node:
        node = self.or_()
        if self.tok.kind != "EOF":
            expected = "an operator or the end of the query"
            if self.tok.kind == "RPAREN":
                expected = "the end of the query (this ')' has no matching '(')"
            raise self.fail(expected)
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while self.tok.kind == "OR":
            self.take()
            items.append(self.and_())
        return make_or(items)

    def and_(self) -> Node:
        items = [self.unary()]
        while self.tok.kind in STARTS_OPERAND or self.tok.kind == "AND":
            if self.tok.kind == "AND":
                self.take()
            items.append(self.unary())
        return make_and(items)

    def unary(self) -> Node:
        if self.tok.kind != "NOT":
            return self.near()
        self.take()
        self.enter()
        node = Not(self.unary())
        self.depth -= 1
        return node

    def near(self) -> Node:
        left = self.primary()
        pairs: list[Node] = []
        while self.tok.kind == "NEAR":
            op = self.take()
            if op.number > self.settings.max_near_distance:
                raise QueryError(f"position {op.pos}: NEAR distance over the limit", op.pos)
            right_tok = self.tok
            right = self.primary()
            if not isinstance(left, Term) or not isinstance(right, Term):
                bad = op if not isinstance(left, Term) else right_tok
                raise self.fail("NEAR/n between two terms or phrases", bad)
            pairs.append(Near(left, right, op.number))
            left = right
        return make_and(pairs) if pairs else left

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind == "LPAREN":
            self.take()
            self.enter()
            node = self.or_()
            if self.tok.kind != "RPAREN":
                raise self.fail(f"')' to close the '(' at position {tok.pos}")
            self.take()
            self.depth -= 1
            return node
        if tok.kind == "FIELD":
            self.take()
            return self.field(tok)
        if tok.kind == "TERM":
            return self.term()
        raise self.fail(WHAT)

    def term(self) -> Term:
        tok = self.take()
        self.count += 1
        if self.count > self.settings.max_query_terms:
            limit = self.settings.max_query_terms
            raise QueryError(f"position {tok.pos}: more than {limit} terms", tok.pos)
        return Term(tok.text)

    def field(self, name: Token) -> Node:
        if name.text == "title":
            if self.tok.kind not in ("TERM", "LPAREN"):
                raise self.fail("a term or '(' after title:")
            return Field("title", self.primary())
        if self.tok.kind != "TERM":
            raise self.fail(f"a value after {name.text}:")
        value_tok = self.tok
        value = self.term().text
        if name.text == "place":
            return Place(value)
        if name.text == "date":
            return parse_date_range(value, value_tok.pos)
        return Field(name.text, Term(value))


def _parse_day(text: str, pos: int) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QueryError(
            f"position {pos}: expected a date like 2011-08-01, found {text!r}", pos
        ) from None


def parse_date_range(value: str, pos: int) -> DateRange:
    """`2011-08-01..2011-08-31`, `2011-08-01..`, `..2011-08-31` or one day `2011-08-01`."""
    start_text, dots, end_text = value.partition("..")
    start = _parse_day(start_text, pos)
    end = _parse_day(end_text, pos + len(start_text) + 2) if dots else start
    if start is None and end is None:
        raise QueryError(f"position {pos}: expected a date range like 2011-08-01..2011-08-31", pos)
    if start and end and end < start:
        raise QueryError(f"position {pos}: the date range ends before it starts", pos)
    return DateRange(start, end)


def parse(query: str, settings: MonitorSettings | None = None) -> Node:
    """Parse `query` into a `Node`; a QueryError names the position and what was expected."""
    settings = settings or MonitorSettings()
    if len(query) > settings.max_query_chars:
        limit = settings.max_query_chars
        raise QueryError(f"query longer than {limit} characters", limit)
    if not query.strip():
        raise QueryError("position 0: expected " + WHAT + ", found an empty query", 0)
    return _Parser(tokenize(query), settings).parse()
