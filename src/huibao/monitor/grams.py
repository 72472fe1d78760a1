"""Tokens for the full-text index: every word and every two-character term is findable.

Chinese has no spaces, so a word index built by a segmenter (jieba) loses every term the
segmenter cut differently (柳南 inside 柳南区, 警情 inside 涉警情况 is not, but 警情通报
may be cut 警/情通/报). Instead each run of CJK characters is indexed as overlapping
bigrams (柳南区 -> 柳南 南区) in one column and as single characters in another; Latin
letters and digits are indexed as whole words. A query term becomes the phrase of its
bigrams ("柳南 南区"), which every occurrence of the term produces, so recall against a
substring scan is complete; the search then checks each candidate against the exact query
(phrases with punctuation, word boundaries, NOT), so precision is complete too.

Both sides are folded first (`huibao.monitor.text.Folder`), so 臺灣 finds 台湾.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from huibao.monitor.text import Folder

#: Token standing for a gap between runs: a private-use character, which text never yields
#: (`segments` treats private-use characters as separators) but FTS5 indexes as a token.
GAP = "\ue000"


@dataclass(frozen=True, slots=True)
class Segment:
    """A maximal run of CJK-like characters (`gram=True`) or of ASCII letters/digits."""

    text: str
    gram: bool
    gap: bool = False


def segments(folded: str) -> Iterator[Segment]:
    """The runs of `folded`; everything that is neither kind separates runs.

    A run that follows a gap (punctuation, space) rather than touching the previous run
    starts with `gap=True`.
    """
    start, kind, gap = 0, None, False
    for i, ch in enumerate(folded):
        now = None if not ch.isalnum() else (not ch.isascii())
        if now != kind:
            if kind is not None:
                yield Segment(folded[start:i], kind, gap)
            gap = kind is None and i > 0
            start, kind = i, now
    if kind is not None:
        yield Segment(folded[start:], kind, gap)


def bigram_tokens(folded: str) -> list[str]:
    """Index tokens of the bigram column: CJK bigrams (or a lone character) and words.

    A gap between two runs becomes the token `GAP`, so the phrase "柳南 南区" (from the
    query 柳南区) cannot match 柳南，南区: a phrase of a gap-free term is then exact.
    """
    return bigram_tokens_of(list(segments(folded)))


def unigram_tokens(folded: str) -> list[str]:
    """Index tokens of the character column: each CJK character."""
    return [ch for seg in segments(folded) if seg.gram for ch in seg.text]


@dataclass(frozen=True, slots=True)
class IndexText:
    """The four index columns of one article, as space-separated tokens."""

    title_bi: str
    body_bi: str
    title_uni: str
    body_uni: str


def index_text(title: str, body: str, folder: Folder) -> IndexText:
    """Index columns for an article's title and body."""
    t, b = folder.fold(title), folder.fold(body)
    return IndexText(
        " ".join(bigram_tokens(t)),
        " ".join(bigram_tokens(b)),
        " ".join(unigram_tokens(t)),
        " ".join(unigram_tokens(b)),
    )


def term_query(term: str, folder: Folder, title_only: bool = False) -> str | None:
    """An FTS5 expression every article containing `term` matches; None if none can be made.

    Each token is quoted, so no user text is ever read as FTS5 syntax.
    """
    segs = list(segments(folder.fold(term)))
    if title_only:
        bi, uni = "{title_bi}", "{title_uni}"
    else:
        bi, uni = "{title_bi body_bi}", "{title_uni body_uni}"
    # A one-character CJK run at either end of a longer term may be the tail or head of a
    # longer run in the text: it has no token of its own there, so leave it to the check.
    while len(segs) > 1 and segs[0].gram and len(segs[0].text) == 1:
        segs = segs[1:]
    while len(segs) > 1 and segs[-1].gram and len(segs[-1].text) == 1:
        segs = segs[:-1]
    if len(segs) == 1 and segs[0].gram and len(segs[0].text) == 1:
        return f'{uni} : "{segs[0].text}"'
    tokens = bigram_tokens_of(segs)
    if not tokens:
        return None
    return f'{bi} : "{" ".join(tokens)}"'


def bigram_tokens_of(segs: list[Segment]) -> list[str]:
    """`bigram_tokens` for runs already split."""
    tokens: list[str] = []
    for seg in segs:
        if seg.gap and tokens:
            tokens.append(GAP)
        if not seg.gram or len(seg.text) == 1:
            tokens.append(seg.text)
        else:
            tokens.extend(seg.text[i : i + 2] for i in range(len(seg.text) - 1))
    return tokens


def is_exact(term: str, folder: Folder) -> bool:
    """True when `term_query(term)` matches exactly the texts that contain `term`.

    That holds for a term that is all letters and digits with nothing stripped from its ends.
    """
    folded = folder.fold(term)
    if not folded or not all(ch.isalnum() for ch in folded):
        return False
    segs = list(segments(folded))
    if len(segs) == 1:
        return True
    return not any(s.gram and len(s.text) == 1 for s in (segs[0], segs[-1]))
