"""Keywords (TF-IDF against corpus statistics, TextRank for a lone document) and a summary.

`CorpusStats` is plain data (document count and document frequencies) so the store can keep
it and pass it back in; nothing here reads or writes it. jieba.analyse ships its own IDF table
and a TextRank that needs jieba's slow tagger, so the few lines are written here over the
tokens we already have.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

import numpy as np
from numpy.typing import NDArray

from huibao.enrich.model import Keyword, Span
from huibao.enrich.settings import EnrichSettings
from huibao.enrich.text import Token, Tokens

# Content tags kept as keyword candidates (nouns, proper nouns, verbal nouns, idioms, English).
KEYWORD_TAGS = frozenset({"n", "ns", "nt", "nz", "nr", "nrt", "nrfg", "vn", "eng", "l", "j"})
# Words too common in official reporting to be keywords (counted on the seed page and
# 新闻联播 transcripts).
_STOPWORDS_TEXT = (
    "工作 问题 方面 情况 有关 时间 记者 今年 目前 我们 他们 人员 同时 进行 开展 全面 一步 群众"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
# Tokens read at a time for the first keyword candidates (TextRank's lead).
LEAD_TOKENS = 256
CJK_OR_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]{2,})$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """Document frequencies over a corpus, for TF-IDF keywords. Pure data: build it with
    `from_documents`, keep it with `to_dict`, read it back with `from_dict`."""

    documents: int = 0
    frequencies: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_documents(cls, documents: Iterable[Iterable[str]]) -> CorpusStats:
        """Statistics over documents given as word lists (e.g. from `keyword_terms`)."""
        counts: Counter[str] = Counter()
        total = 0
        for words in documents:
            counts.update(set(words))
            total += 1
        return cls(total, dict(counts))

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency."""
        return math.log((1 + self.documents) / (1 + self.frequencies.get(word, 0))) + 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "frequencies": dict(self.frequencies)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CorpusStats:
        return cls(int(data.get("documents", 0)), dict(data.get("frequencies", {})))


def keyword_terms(tokens: Sequence[Token], limit: int | None = None) -> list[str]:
    """Candidate keywords in order: content words of two or more characters (`tokens` from
    `segment`, or any sequence of `Token`); the first `limit` of them when given, reading only
    as many tokens as that takes (TextRank reads the lead of the text only)."""
    if isinstance(tokens, Tokens):
        words, tags = tokens.words, tokens.tags
    else:
        words, tags = [t.word for t in tokens], [t.tag for t in tokens]
    if limit is None:
        return _candidates(words, tags)
    terms: list[str] = []
    step, done = max(4 * limit, LEAD_TOKENS), 0  # ~2.5 tokens a term on the dev pages
    while len(terms) < limit and done < len(words):
        terms += _candidates(words[done : done + step], tags[done : done + step])
        done += step
    return terms[:limit]


def _candidates(words: list[str], tags: list[str]) -> list[str]:
    """Each word's own test (its tag, then its characters), in C loops over the words."""
    tagged = list(compress(words, map(KEYWORD_TAGS.__contains__, tags)))
    # one regex pass over the distinct candidates, one per line
    good = set(CJK_OR_WORD.findall("\n".join(set(tagged)))) - STOPWORDS
    return list(compress(tagged, map(good.__contains__, tagged)))


def tfidf(terms: Sequence[str], stats: CorpusStats, limit: int) -> list[Keyword]:
    counts = Counter(terms)
    total = sum(counts.values()) or 1
    scored = {w: c / total * stats.idf(w) for w, c in counts.items()}
    return _top(scored, limit)


def textrank(terms: Sequence[str], settings: EnrichSettings) -> list[Keyword]:
    """PageRank over co-occurrence of terms within a window (Mihalcea and Tarau, 2004).

    Reads the first `textrank_max_terms` terms (the lead of a news text carries its topic) and
    stops when no rank moves by more than 1e-3, to stay within the stage's time budget."""
    terms = terms[: settings.textrank_max_terms]
    index = dict.fromkeys(terms)
    size = len(index)
    index.update(zip(index, range(size), strict=True))
    ids = np.fromiter(map(index.__getitem__, terms), dtype=np.intp, count=len(terms))
    pairs = [(ids[:-k], ids[k:]) for k in range(1, min(settings.textrank_window, len(ids)))]
    left = np.concatenate([a for a, _ in pairs] + [b for _, b in pairs]) if pairs else ids[:0]
    right = np.concatenate([b for _, b in pairs] + [a for a, _ in pairs]) if pairs else ids[:0]
    other = left != right
    if not other.any():
        return []
    left, right = left[other], right[other]
    # co-occurrence counts as floats, and their row sums, counted directly (the same integers)
    cells = np.bincount(left * size + right, np.ones(len(left)), minlength=size * size)
    weights = cells.reshape(size, size)
    totals = np.bincount(left, minlength=size).astype(float)
    linked = totals > 0
    words = list(index)
    if not linked.all():  # a word seen only beside itself has no edge (copying costs 0.1 ms)
        weights, totals = weights[np.ix_(linked, linked)], totals[linked]
        words = list(compress(words, linked.tolist()))
    rank, new, step = np.ones(len(totals)), np.empty(len(totals)), np.empty(len(totals))
    for _ in range(settings.textrank_iterations):
        # new = 0.15 + 0.85 * (weights @ (rank / totals)), in place: the same numbers
        np.matmul(weights, np.divide(rank, totals, out=step), out=new)
        new *= 0.85
        new += 0.15
        moved = float(np.abs(np.subtract(new, rank, out=step), out=step).max())
        rank, new = new, rank
        if moved < 1e-3:
            break
    return _top_ranked(words, rank, settings.keywords)


def _top_ranked(words: list[str], rank: NDArray[np.float64], limit: int) -> list[Keyword]:
    """`_top` of the words with their ranks, sorting in Python only those ranked at least as
    high as the `limit`-th (the same keywords and order as sorting all of them)."""
    values = rank.tolist()
    if 0 < limit < len(values):
        floor = np.partition(rank, len(values) - limit)[len(values) - limit]
        kept = (rank >= floor).tolist()
        words, values = list(compress(words, kept)), list(compress(values, kept))
    return _top(dict(zip(words, values, strict=True)), limit)


def _top(scores: Mapping[str, float], limit: int) -> list[Keyword]:
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Keyword(word, round(score, 6)) for word, score in best]


def summary(
    text: str,
    normalised: str,
    sentences: Sequence[Span],
    tokens: Tokens,
    keywords: Sequence[Keyword],
    settings: EnrichSettings,
) -> str:
    """The sentences that carry most keyword weight, in reading order, within the cap.

    Keyword occurrences are the tokens that are a keyword, found by searching `normalised`
    (the text the tokens were cut from) for each keyword and keeping the places where a token
    starts and ends with it: a few searches in C rather than a look-up of every token. The
    weights add up in reading order, as they would token by token."""
    weights = {k.word: k.weight for k in keywords}
    starts, ends = tokens.starts, tokens.ends
    hits: dict[int, float] = {}  # position -> weight: a token is one keyword at most
    for word, weight in weights.items():
        position = normalised.find(word)
        while position != -1:
            index = bisect.bisect_left(starts, position)
            end = position + len(word)
            if index < len(starts) and starts[index] == position and ends[index] == end:
                hits[position] = weight
            position = normalised.find(word, position + 1)
    scores: dict[int, float] = defaultdict(float)
    firsts = [s for s, _ in sentences]
    for position in sorted(hits):  # sorting numbers, not pairs
        scores[bisect.bisect_right(firsts, position) - 1] += hits[position]
    ranked = sorted(scores, key=lambda i: -scores[i])[: settings.summary_sentences]
    chosen = sorted(i for i in ranked if i < len(sentences) and scores[i] > 0)
    if not chosen and sentences:
        chosen = [0]
    text_out = "".join(text[sentences[i][0] : sentences[i][1]] for i in chosen)
    return text_out[: settings.summary_max_chars]
