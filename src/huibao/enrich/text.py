"""Text basics: length-preserving normalisation, paragraphs, sentences and word segmentation.

Matching runs on a *normalised copy* of the body that has exactly the same length as the
original, so every offset found in the copy is a valid offset into `Article.body`:
full-width ASCII becomes half-width (１２３ -> 123, ％ -> %), and Traditional characters become
Simplified through OpenCC's own t2s character table, character by character (OpenCC's
pure-Python phrase converter cost 7-10 ms on an article of Traditional text, more than the
rest of the stage; phrase rules matter for display, not for finding place names and units).

Segmentation uses rjieba (jieba's dictionary and algorithm in Rust): 99.6% of jieba's tokens on
the dev pages at about 1/25 of the time (docs/benchmarks.md). Part-of-speech tags come with it.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from itertools import accumulate
from typing import NamedTuple, TypeAlias, overload

import rjieba

from huibao.enrich.model import Span

# A line trimmed of surrounding whitespace (group 1), found in one pass.
PARAGRAPH = re.compile(r"[^\S\n]*(\S(?:[^\n]*\S)?)")
# Sentence ends. The seed page ends clauses of one list with ；(一是…；二是…；) so it is an end too.
SENTENCE_END = re.compile(r"[。！？；!?;…]+[”」』\"]?|\n+")
# A sentence without the whitespace around it, in one pass: up to and including the next
# SENTENCE_END, or up to its last visible character before a line break or the end.
SENTENCE = re.compile(
    r"(?:[^\s。！？；!?;…][^。！？；!?;…\n]*+)?[。！？；!?;…]+[”」』\"]?"
    r"|[^\s。！？；!?;…](?:[^。！？；!?;…\n]*[^\s。！？；!?;…])?"
)
# Distinct Traditional-only characters that make a text Traditional (a Simplified page holds a
# name or two: 金锺国 on a zh-extract-dev page).
TRADITIONAL_MIN = 3
# Lone surrogates (broken input) cannot be encoded for the segmenter; U+FFFD keeps the length.
SURROGATES = re.compile("[\ud800-\udfff]")
SURROGATE_MIN, SURROGATE_MAX = "\ud800", "\udfff"
# Full-width forms U+FF01..U+FF5E map to ASCII by a fixed offset; U+3000 is the CJK space.
FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
CHAR_REFERENCE = re.compile(rb"&#(\d{1,7});")
# The only characters of OpenCC's t2s table that GB2312 encodes (counted with the codec).
GB2312_TRADITIONAL = "吒後捱摺榘甯菸醣麴"
_FULLWIDTH_CHARS = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {0x3000: " "}


class Token(NamedTuple):
    """One word from segmentation, with its offsets and jieba part-of-speech tag.

    A named tuple rather than a dataclass: an article has thousands and they are made in the
    hot path (a frozen dataclass costs several times more to build)."""

    word: str
    start: int
    end: int
    tag: str


class _Tables(NamedTuple):
    sure: dict[int, str]  # characters with one Simplified form, and full-width forms
    both: dict[int, str]  # those and the characters that may also stand as they are (乾)
    traditional: frozenset[str]  # the characters of `sure` that are not full-width forms
    every: re.Pattern[str]  # finds the characters of `both` (and any outside the BMP)


@functools.cache
def _tables() -> _Tables:
    """Translate tables built once per process from OpenCC's own t2s character table
    (`TSCharacters.txt`, immutable package data of opencc), with full-width folding: the
    table of characters that have one Simplified form, that table with those that may also
    stand as they are (乾 in 乾隆, 於 as a surname, 藉) added, the set of the first kind, and
    a regex finding the characters of the second. No value of the tables is a key of them,
    so one pass of the second does what a pass of the first and then of the added characters
    did."""
    sure: dict[int, str] = dict(_FULLWIDTH_CHARS)
    either: dict[int, str] = {}
    source = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in source.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        options = values.split(" ") if values else []
        if len(key) != 1 or not options or len(options[0]) != 1 or options[0] == key:
            continue
        (either if key in options else sure)[ord(key)] = options[0]
    traditional = frozenset(chr(c) for c in sure if c not in _FULLWIDTH_CHARS)
    both = sure | either
    # One class of the table's characters in the BMP, which the regex engine keeps as a
    # bitmap; the 354 outside it would be tried one by one at every character, so any
    # character outside the BMP is found instead and looked up.
    inside = "".join(re.escape(chr(c)) for c in sorted(both) if c <= 0xFFFF)
    every = re.compile(f"[{inside}\U00010000-\U0010ffff]")
    return _Tables(sure, both, traditional, every)


def _outside_gb2312(text: str) -> set[str]:
    """Characters of `text` outside GB2312, found by the C codec, and the nine Traditional
    characters GB2312 holds (GB2312 is otherwise Simplified, so every Traditional character
    of `text` is among them). Much faster than a set of the whole text; a literal "&#123;" in
    the text only adds a character to check."""
    data = text.encode("gb2312", "xmlcharrefreplace")
    found = {chr(int(n)) for n in CHAR_REFERENCE.findall(data) if int(n) < 0x110000}
    return found.union(c for c in GB2312_TRADITIONAL if c in text)


def has_traditional(text: str) -> bool:
    """True when at least `TRADITIONAL_MIN` distinct characters of `text` exist only in
    Traditional script: a Simplified page often holds one or two (a name such as 金锺国),
    a Traditional one hundreds."""
    return len(_tables().traditional.intersection(_outside_gb2312(text))) >= TRADITIONAL_MIN


def normalise(text: str) -> str:
    """A copy of `text` of the same length, half-width and Simplified, for matching.

    Character by character through OpenCC's t2s table (phrase rules are left out: they can
    change lengths and the pure-Python converter costs 7-10 ms an article). Characters that are
    also Simplified (乾, 於) are converted only when the text is Traditional."""
    tables = _tables()
    sure, traditional = tables.sure, tables.traditional
    out = text
    position = 0
    while hit := FULLWIDTH.search(out, position):  # a handful of distinct ones: ，（）：
        out = out.replace(hit.group(), sure[ord(hit.group())])
        position = hit.start() + 1
    outside = _outside_gb2312(text)  # lone surrogates are outside too (&#55296;)
    found = traditional.intersection(outside)
    if len(found) >= TRADITIONAL_MIN:  # a Traditional text: one pass folds every kind
        out = _fold(out)
    elif found:  # a name or two in a Simplified text: only the Traditional-only characters
        out = _replace(out, found, sure)
    if any(SURROGATE_MIN <= c <= SURROGATE_MAX for c in outside):
        out = SURROGATES.sub("\ufffd", out)
    return out


def _fold(text: str) -> str:
    """`text` with every character of the t2s table (`both`) folded, in one pass of the regex
    built from that table, which calls back only at its characters: str.translate looks every
    character up (1.2-2.4 against 0.2 ms on a 16,000-character Traditional dev page)."""
    tables = _tables()
    table = tables.both
    return tables.every.sub(lambda m: table.get(ord(m.group()), m.group()), text)


def _replace(text: str, chars: Iterable[str], table: dict[int, str]) -> str:
    """`text` with the few `chars` folded (cheaper than `_fold`'s large class when the regex
    of these characters is in the re module's cache, as a recurring name's is)."""
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    return pattern.sub(lambda m: table[ord(m.group())], text)


_Trie: TypeAlias = dict[str, "_Trie"]  # character -> the rest; "" marks a word's end


def longest_word_pattern(words: Iterable[str]) -> str:
    """Regex source that matches, at a position, the longest of `words` starting there (as
    an alternation of the words sorted longest first does), written as a trie: the regex
    engine then tries one branch per distinct next character instead of every word in turn
    (the organisation endings: 0.76 -> 0.60 million instructions per dev page)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_source(trie)


def _trie_source(node: _Trie) -> str:
    branches = [
        re.escape(char) + _trie_source(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    grouped = len(branches) > 1
    source = "(?:" + "|".join(branches) + ")" if grouped else branches[0]
    if "" not in node:
        return source
    # a word ends here too: the longer words are tried first (greedy ?), then this one
    return source + "?" if grouped or len(source) == 1 else f"(?:{source})?"


def paragraphs(text: str) -> list[Span]:
    """Spans of the non-blank lines of `text`, trimmed of surrounding whitespace."""
    return [m.span(1) for m in PARAGRAPH.finditer(text)]


def sentences(text: str) -> list[Span]:
    """Spans of the sentences of `text` (ending punctuation included, whitespace trimmed)."""
    return [match.span() for match in SENTENCE.finditer(text)]


_new_tuple = tuple.__new__
_make_token = functools.partial(_new_tuple, Token)  # builds a Token in C, no Python __new__


class Tokens(Sequence[Token]):
    """The words of a text as four parallel lists (word, start, end, tag), built in C.

    An article has thousands of words and most stages look at a few of them; a `Token` is
    made only when one is indexed. Hot loops read the lists directly (`words`, `tags`)."""

    __slots__ = ("_made", "ends", "starts", "tags", "words")

    def __init__(self, words: list[str], starts: list[int], ends: list[int], tags: list[str]):
        self.words, self.starts, self.ends, self.tags = words, starts, ends, tags
        self._made: dict[int, Token] = {}  # the subject walks index the same tokens again

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if index.__class__ is int:  # the hot path: subjects index a few hundred an article
            token = self._made.get(index)
            if token is None:
                fields = (self.words[index], self.starts[index], self.ends[index], self.tags[index])
                token = self._made[index] = _new_tuple(Token, fields)
            return token
        if isinstance(index, slice):
            parts = (self.words[index], self.starts[index], self.ends[index], self.tags[index])
            return list(map(_make_token, zip(*parts, strict=True)))
        return self[operator.index(index)]

    def __iter__(self) -> Iterator[Token]:
        return map(_make_token, zip(self.words, self.starts, self.ends, self.tags, strict=True))

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


_first, _second = operator.itemgetter(0), operator.itemgetter(1)


def segment(text: str) -> Tokens:
    """Words of `text` with offsets and part-of-speech tags (rjieba)."""
    pairs = rjieba.tag(text)
    words = list(map(_first, pairs))
    starts = list(accumulate(map(len, words), initial=0))
    if starts[-1] != len(text):  # jieba returns every character; guard the offsets anyway
        spans = rjieba.tokenize(text)
        return Tokens([w for w, _, _ in spans], [s for _, s, _ in spans],
                      [e for _, _, e in spans], ["x"] * len(spans))  # fmt: skip
    ends = starts[1:]
    del starts[-1]
    return Tokens(words, starts, ends, list(map(_second, pairs)))
