"""Precision and recall of `huibao.enrich` on the hand-labelled quality set (labels.json).

    .venv/bin/python benchmarks/enrich/score.py [--set all|tuning|heldout-7|...] [--verbose]
        [--json] [--segmenter rjieba|jieba]

Each labelled article names its split in "set": "tuning" (read while the rules were written,
earlier held-out batches included once they were used) or a held-out batch ("heldout-7":
labelled blind in session 5, scored once before and once after the rules of its round). Every
split present is reported, then all of them together; the held-out numbers are the honest
estimate for unseen text (docs/enrich.md, quality set). --verbose prints the errors of the
splits reported: keep it off for a held-out batch until its final score is taken.

Metrics (micro-averaged over all labelled articles):
- figures: a predicted figure matches a labelled one when value (relative 1e-6) and unit are
  equal and the subjects agree (compared on letters, digits and CJK characters only: equal,
  or one contains the other, the shorter being at least 2 characters, or their
  character-bigram Dice coefficient is at least 0.5). Also reported with value and unit alone.
- periods: a labelled period is found when its figure is matched and the predicted start and end
  are equal; precision counts every predicted figure that carries a period.
- changes: likewise for (kind, direction, signed percent, or signed amount and unit).
- places: the set of resolved division codes per article against the labelled set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from huibao.enrich import Enrichment, Figure, enrich
from huibao.model import Article

LABELS = Path(__file__).with_name("labels.json")
NOT_WORD = re.compile(r"[^\w]")


@dataclass
class Tally:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def row(self, name: str) -> dict[str, Any]:
        p = self.tp / self.predicted if self.predicted else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        return {
            "metric": name,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Scores:
    tallies: dict[str, Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


def subjects_agree(predicted: str, gold: str) -> bool:
    p, g = NOT_WORD.sub("", predicted), NOT_WORD.sub("", gold)
    if not g or p == g:  # a one-character subject (长330多米) can only agree by being equal
        return True
    if min(len(p), len(g)) >= 2 and (p in g or g in p):
        return True
    pb = {p[i : i + 2] for i in range(len(p) - 1)}
    gb = {g[i : i + 2] for i in range(len(g) - 1)}
    return bool(pb and gb) and 2 * len(pb & gb) / (len(pb) + len(gb)) >= 0.5


def same_value(figure: Figure, gold: dict[str, Any]) -> bool:
    value = float(gold["value"])
    close = abs(figure.value - value) <= 1e-6 * max(1.0, abs(value))
    return close and figure.unit == gold["unit"]


def period_of(figure: Figure) -> list[str | None] | None:
    if figure.period is None:
        return None
    p = figure.period
    return [p.start.isoformat() if p.start else None, p.end.isoformat() if p.end else None]


def change_of(figure: Figure) -> dict[str, Any] | None:
    c = figure.change
    if c is None:
        return None
    out: dict[str, Any] = {"kind": c.kind, "direction": c.direction}
    if c.percent is not None:
        out["percent"] = round(c.percent, 6)
    if c.amount is not None:
        out["amount"], out["unit"] = round(c.amount, 6), c.unit
    return out


def gold_change(gold: dict[str, Any]) -> dict[str, Any] | None:
    c = gold.get("change")
    if c is None:
        return None
    out = {"kind": c["kind"], "direction": c["direction"]}
    if "percent" in c:
        out["percent"] = round(
            float(c["percent"]) * (-1 if c["direction"] == "down" and c["percent"] > 0 else 1), 6
        )
    if "amount" in c:
        out["amount"], out["unit"] = round(float(c["amount"]), 6), c["unit"]
    return out


def match(figures: tuple[Figure, ...], golds: list[dict[str, Any]], strict: bool) -> dict[int, int]:
    """gold index -> predicted index, in reading order."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for gi, gold in enumerate(golds):
        for pi, figure in enumerate(figures):
            if pi in used or not same_value(figure, gold):
                continue
            if strict and not subjects_agree(figure.subject, gold["subject"]):
                continue
            pairs[gi] = pi
            used.add(pi)
            break
    return pairs


def score_article(item: dict[str, Any], e: Enrichment, s: Scores) -> None:
    golds, figures = item["figures"], e.figures
    for name, strict in (("figures (value+unit+subject)", True), ("figures (value+unit)", False)):
        pairs = match(figures, golds, strict)
        s[name].tp += len(pairs)
        s[name].predicted += len(figures)
        s[name].gold += len(golds)
    pairs = match(figures, golds, True)
    _score_attr(s["periods"], figures, golds, pairs, period_of, lambda g: g.get("period"))
    _score_attr(s["changes"], figures, golds, pairs, change_of, gold_change)
    for gi, pi in pairs.items():
        for what, got, want in (
            ("period", period_of(figures[pi]), golds[gi].get("period")),
            ("change", change_of(figures[pi]), gold_change(golds[gi])),
        ):
            if got != want:
                s.errors.append(f"{item['id']} {what} {figures[pi].text}: got {got} want {want}")
    matched = set(pairs.values())
    s.errors += [
        f"{item['id']} FP {f.text} {f.unit} [{f.subject}]"
        for i, f in enumerate(figures)
        if i not in matched
    ]
    s.errors += [
        f"{item['id']} FN {g['value']} {g['unit']} [{g['subject']}]"
        for i, g in enumerate(golds)
        if i not in pairs
    ]
    predicted = {p.code for p in e.places if p.code}
    gold = set(item["places"])
    s["places"].tp += len(predicted & gold)
    s["places"].predicted += len(predicted)
    s["places"].gold += len(gold)
    s.errors += [f"{item['id']} place FP {c}" for c in sorted(predicted - gold)]
    s.errors += [f"{item['id']} place FN {c}" for c in sorted(gold - predicted)]


def _score_attr(
    tally: Tally,
    figures: tuple[Figure, ...],
    golds: list[dict[str, Any]],
    pairs: dict[int, int],
    predicted_of: Any,
    gold_of: Any,
) -> None:
    tally.predicted += sum(1 for f in figures if predicted_of(f) is not None)
    tally.gold += sum(1 for g in golds if gold_of(g) is not None)
    tally.tp += sum(
        1
        for gi, pi in pairs.items()
        if gold_of(golds[gi]) is not None and predicted_of(figures[pi]) == gold_of(golds[gi])
    )


def article_of(item: dict[str, Any]) -> Article:
    published = datetime.fromisoformat(item["published"]).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return Article(title=item.get("title", ""), published=published, body=item["body"])


def score(items: list[dict[str, Any]]) -> Scores:
    scores = Scores()
    for item in items:
        score_article(item, enrich(article_of(item)), scores)
    return scores


def splits(
    items: list[dict[str, Any]], choice: str, parser: argparse.ArgumentParser
) -> dict[str, list[dict[str, Any]]]:
    """The articles of each split `--set choice` asks for: every split, then all of them
    together, or the one named (a usage error for a split the labels do not have)."""
    names = list(dict.fromkeys(i["set"] for i in items))
    parts = {"all": items, **{name: [i for i in items if i["set"] == name] for name in names}}
    if choice not in parts:
        parser.error(f"--set must be one of: all, {', '.join(names)}")
    return {n: parts[n] for n in ([*names, "all"] if choice == "all" else [choice])}


def _use_jieba() -> None:
    """Make the stage tag with jieba.posseg (pure Python jieba) instead of rjieba."""
    import jieba
    import jieba.posseg
    import rjieba

    jieba.setLogLevel(60)
    rjieba.tag = lambda text, hmm=True: [(p.word, p.flag) for p in jieba.posseg.lcut(text, HMM=hmm)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every error")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--set", default="all", help="score one split only: tuning, heldout-7, ...")
    parser.add_argument("--segmenter", choices=("rjieba", "jieba"), default="rjieba",
                        help="jieba: tag with jieba.posseg instead")  # fmt: skip
    args = parser.parse_args()
    if args.segmenter == "jieba":
        _use_jieba()
    items = json.loads(LABELS.read_text(encoding="utf-8"))["articles"]
    report = {}
    for name, part in splits(items, args.set, parser).items():
        scores = score(part)
        report[name] = {"articles": len(part),
                        "scores": [t.row(m) for m, t in scores.tallies.items()]}  # fmt: skip
        if args.verbose and name != "all":
            print("\n".join(scores.errors))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for name, part in report.items():
        print(f"{name}: {part['articles']} articles")
        for r in part["scores"]:
            print(f"  {r['metric']:<30} P={r['precision']:.3f} R={r['recall']:.3f} "
                  f"(tp {r['tp']}, predicted {r['predicted']}, gold {r['gold']})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
