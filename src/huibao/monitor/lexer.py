"""Query tokens: words, quoted phrases, operators, field prefixes, each with its position.

Chinese monitoring tools (e.g. the 舆情 consoles that write `柳州 (警情|通报) -广告`) use
space for AND, `|` for OR and a leading `-` for NOT; search engines use AND/OR/NOT words.
Both are accepted, and so are the full-width forms an IME types (（ ） ｜ “ ” ：).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from huibao.errors import QueryError
from huibao.monitor.nodes import FIELDS

#: Characters that end a bare word (full-width forms typed by Chinese IMEs included).
DELIMITERS = frozenset('()（）|｜"“”')
OPEN_PARENS = frozenset("(（")
CLOSE_PARENS = frozenset(")）")
BARS = frozenset("|｜")
QUOTES = frozenset('"“”')
COLONS = ":："
KEYWORDS = {"AND": "AND", "OR": "OR", "NOT": "NOT"}
NEAR_WORD = re.compile(r"NEAR(?:/(\d{1,9}))?\Z")
#: NEAR without /n means this many characters apart.
DEFAULT_NEAR = 10
#: Unicode category Cc except tab, newline and carriage return (which count as spaces).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: `kind` is TERM, FIELD, NEAR, AND, OR, NOT, LPAREN, RPAREN or EOF."""

    kind: str
    text: str
    pos: int
    number: int = 0


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == "\u3000"


def _check_controls(query: str) -> None:
    found = CONTROL.search(query)
    if found:
        i = found.start()
        raise QueryError(f"control character U+{ord(query[i]):04X} at position {i}", i)


def _phrase(query: str, start: int) -> tuple[Token, int]:
    """Read a quoted phrase starting at the quote `start`; backslash escapes the next char."""
    out: list[str] = []
    i = start + 1
    while i < len(query):
        ch = query[i]
        if ch == "\\" and i + 1 < len(query):
            out.append(query[i + 1])
            i += 2
            continue
        if ch in QUOTES:
            if not out:
                raise QueryError(f"empty phrase at position {start}", start)
            return Token("TERM", "".join(out), start), i + 1
        out.append(ch)
        i += 1
    raise QueryError(f"unclosed quote at position {start}: expected a closing '\"'", start)


def _word(query: str, start: int) -> tuple[list[Token], int]:
    """A bare word, which may be a keyword, NEAR/n, or a `field:` prefix."""
    i = start
    while i < len(query) and not _is_space(query[i]) and query[i] not in DELIMITERS:
        colon = query[i] in COLONS and query[start:i].lower() in FIELDS
        if colon:
            return [Token("FIELD", query[start:i].lower(), start)], i + 1
        i += 1
    word = query[start:i]
    if word in KEYWORDS:
        return [Token(KEYWORDS[word], word, start)], i
    near = NEAR_WORD.match(word)
    if near:
        number = int(near.group(1)) if near.group(1) else DEFAULT_NEAR
        return [Token("NEAR", word, start, number)], i
    return [Token("TERM", word, start)], i


def tokenize(query: str) -> list[Token]:
    """The tokens of `query`, ending with an EOF token; raises QueryError on bad input."""
    _check_controls(query)
    tokens: list[Token] = []
    i = 0
    while i < len(query):
        ch = query[i]
        if _is_space(ch):
            i += 1
        elif ch in OPEN_PARENS:
            tokens.append(Token("LPAREN", ch, i))
            i += 1
        elif ch in CLOSE_PARENS:
            tokens.append(Token("RPAREN", ch, i))
            i += 1
        elif ch in BARS:
            tokens.append(Token("OR", ch, i))
            i += 1
        elif ch in QUOTES:
            token, i = _phrase(query, i)
            tokens.append(token)
        elif ch == "-" and i + 1 < len(query) and not _is_space(query[i + 1]):
            tokens.append(Token("NOT", ch, i))
            i += 1
        else:
            words, i = _word(query, i)
            tokens.extend(words)
    tokens.append(Token("EOF", "", len(query)))
    return tokens
