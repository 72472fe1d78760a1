"""Text basics: length-preserving normalisation, paragraphs, sentences and word segmentation.

Matching runs on a *normalised copy* of the body that has exactly the same length as the
original, so every offset found in the copy is a valid offset into `Article.body`:
full-width ASCII becomes half-width (１２３ -> 123, ％ -> %), and Traditional characters become
Simplified through OpenCC (t2s). OpenCC's pure-Python converter costs 7-10 ms on an average
article, so it runs only when the text holds characters OpenCC would change (checked first
against OpenCC's own character table), and its output is used only when it keeps the length
(it always has on our pages; otherwise the character table is applied one character at a time).

Segmentation uses rjieba (jieba's dictionary and algorithm in Rust): 99.6% of jieba's tokens on
the dev pages at about 1/25 of the time (docs/benchmarks.md). Part-of-speech tags come with it.
"""

from __future__ import annotations

import functools
import operator
import re
from importlib import resources
from itertools import accumulate
from typing import NamedTuple

import rjieba
from opencc import OpenCC  # type: ignore[import-untyped]

from huibao.enrich.model import Span

# Sentence ends. The seed page ends clauses of one list with ；(一是…；二是…；) so it is an end too.
SENTENCE_END = re.compile(r"[。！？；!?;…]+[”」』\"]?|\n+")
# Full-width forms U+FF01..U+FF5E map to ASCII by a fixed offset; U+3000 is the CJK space.
TRADITIONAL_MIN = 3
# Lone surrogates (broken input) cannot be encoded for the segmenter; U+FFFD keeps the length.
SURROGATES = re.compile("[\ud800-\udfff]")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


class Token(NamedTuple):
    """One word from segmentation, with its offsets and jieba part-of-speech tag.

    A named tuple rather than a dataclass: an article has thousands and they are made in the
    hot path (a frozen dataclass costs several times more to build)."""

    word: str
    start: int
    end: int
    tag: str


@functools.cache
def _t2s() -> tuple[OpenCC, dict[int, str], frozenset[str]]:
    """OpenCC's t2s converter and its one-character table, built once per process.

    The table is immutable package data of opencc; caching the loader is the only state.
    """
    table: dict[int, str] = {}
    source = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in source.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else key
        if len(key) == 1 and len(first) == 1 and first != key:
            table[ord(key)] = first
    return OpenCC("t2s"), table, frozenset(map(chr, table))


def has_traditional(text: str) -> bool:
    """True when OpenCC's character table would change at least `TRADITIONAL_MIN` distinct
    characters of `text`: a Simplified page often holds one or two (乾隆, 藉此, a quoted name),
    a Traditional one hundreds."""
    return len(_t2s()[2].intersection(text)) >= TRADITIONAL_MIN


def normalise(text: str) -> str:
    """A copy of `text` of the same length, half-width and Simplified, for matching."""
    out = SURROGATES.sub("\ufffd", text.translate(_FULLWIDTH))
    if not has_traditional(out):
        return out
    converter, table, _ = _t2s()
    converted: str = converter.convert(out)
    if len(converted) == len(out):
        return converted
    return out.translate(table)


def paragraphs(text: str) -> list[Span]:
    """Spans of the non-blank lines of `text`, trimmed of surrounding whitespace."""
    spans: list[Span] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def sentences(text: str) -> list[Span]:
    """Spans of the sentences of `text` (ending punctuation included, whitespace trimmed)."""
    spans: list[Span] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        _append_trimmed(spans, text, start, match.end())
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = start + len(piece) - len(piece.lstrip())
        spans.append((lead, lead + len(stripped)))


_make_token = functools.partial(tuple.__new__, Token)  # builds Tokens in C, no Python __new__
_first, _second = operator.itemgetter(0), operator.itemgetter(1)


def segment(text: str) -> list[Token]:
    """Words of `text` with offsets and part-of-speech tags (rjieba)."""
    pairs = rjieba.tag(text)
    words = list(map(_first, pairs))
    lengths = list(map(len, words))
    ends = list(accumulate(lengths))
    if ends and ends[-1] != len(text):  # jieba returns every character; guard the offsets anyway
        return [Token(w, s, e, "x") for w, s, e in rjieba.tokenize(text)]
    starts = list(map(operator.sub, ends, lengths))
    tags = list(map(_second, pairs))
    return list(map(_make_token, zip(words, starts, ends, tags, strict=True)))
