"""The extraction metric of the shared benchmarks, so that numbers compare across tools.

Body: texts become tokens (each CJK character one token, each run of [A-Za-z0-9_] one token,
everything else dropped); the multisets of 4-token shingles are compared per page; TP, FP and
FN are normalised by their sum; precision and recall are averaged over pages (a page with
neither FP nor FN counts 1.0), and F1 is taken of the averages. Dates match on year-month-day;
authors match as sets of names, falling back to editors when no author was found.
Used by `benchmarks/extraction.py` and by the quality gate in the tests.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9_]+")
_TRUTH_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")
UNKNOWN = "UNKNOWN"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


def body_pr(predicted: str, truth: str) -> tuple[float, float]:
    """Per-page precision and recall of 4-token shingles (normalised counts)."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    total = tp + fp + fn
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    precision = tp_n / (tp_n + fp_n) if tp_n + fp_n else 0.0
    recall = tp_n / (tp_n + fn_n) if tp_n + fn_n else 0.0
    return precision, recall


def date_correct(predicted: datetime | None, truth: str) -> bool:
    """Same year-month-day; a truth with only year-month ("2003-5") is matched on those."""
    m = _TRUTH_DATE.search(truth)
    if predicted is None or m is None:
        return False
    year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    if (predicted.year, predicted.month) != (year, month):
        return False
    return day is None or predicted.day == int(day)


def authors_correct(authors: Sequence[str], editors: Sequence[str], truth: str) -> bool:
    predicted = set(authors) if authors else set(editors)
    return predicted == set(truth.split())


@dataclass(frozen=True, slots=True)
class Score:
    """Averaged body precision/recall/F1 and date/author counts over a set of pages."""

    precision: float
    recall: float
    dates_correct: int
    dates_total: int
    authors_correct: int
    authors_total: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class PagePrediction:
    body: str
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()


def score(pairs: Iterable[tuple[PagePrediction, dict[str, str]]]) -> Score:
    """Score predictions against truth records ({body, date, author})."""
    precisions: list[float] = []
    recalls: list[float] = []
    d_ok = d_total = a_ok = a_total = 0
    for pred, truth in pairs:
        p, r = body_pr(pred.body, truth.get("body", ""))
        precisions.append(p)
        recalls.append(r)
        if truth.get("date", UNKNOWN) != UNKNOWN:
            d_total += 1
            d_ok += date_correct(pred.published, truth["date"])
        if truth.get("author", UNKNOWN) != UNKNOWN:
            a_total += 1
            a_ok += authors_correct(pred.authors, pred.editors, truth["author"])
    n = len(precisions) or 1
    return Score(sum(precisions) / n, sum(recalls) / n, d_ok, d_total, a_ok, a_total)
