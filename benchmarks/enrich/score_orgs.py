"""Precision and recall of `huibao.enrich`'s organisations on orgs_labels.json.

    .venv/bin/python benchmarks/enrich/score_orgs.py [--set all|tuning|heldout] [--verbose]
        [--json]

Each labelled article names its split in "set": "tuning" (read while the rules were written)
or "heldout" (12 of the 42 articles drawn at random before any rule was written, scored once
before and once after the rules; docs/enrich.md, organisations). Every split present is
reported, then all of them together. --verbose prints the errors of the splits reported: keep
it off for the held-out split until its final score is taken.

Metrics (micro-averaged over the articles of a split):
- names: a predicted organisation is right when its name, normalised (NFKC, then everything
  but letters, digits and CJK characters removed, so quotes and brackets do not count), equals
  the normalised name of a labelled body or one of the other forms the label accepts ("also":
  the same body written otherwise in the text). Precision: right predicted records over all
  predicted records; recall: labelled bodies matched by at least one predicted record.
- places: over labelled bodies matched by a prediction (the first such record in reading
  order): precision is the share of those records carrying a place code whose code equals the
  labelled one (a code given to a body labelled without one is wrong); recall is the number of
  equal codes over all labelled bodies with a code.
- main: the share of articles whose main organisation is right: the predicted main's name is
  one of the accepted names, or both are absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from huibao.enrich import Enrichment, enrich

sys.path.insert(0, str(Path(__file__).parent))
from score import article_of, splits

LABELS = Path(__file__).with_name("orgs_labels.json")
NOT_WORD = re.compile(r"[^\w]|_")


@dataclass
class Tally:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    tp_gold: int | None = None  # recall's numerator when it differs from precision's

    def row(self, name: str) -> dict[str, Any]:
        hits = self.tp if self.tp_gold is None else self.tp_gold
        p = self.tp / self.predicted if self.predicted else 1.0
        r = hits / self.gold if self.gold else 1.0
        return {"metric": name, "precision": round(p, 3), "recall": round(r, 3), "right": self.tp,
                "predicted": self.predicted, "found": hits, "gold": self.gold}  # fmt: skip


@dataclass
class Scores:
    tallies: dict[str, Tally] = field(default_factory=dict)
    main_right: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally(tp_gold=0 if name == "names" else None))


def norm(name: str) -> str:
    return NOT_WORD.sub("", unicodedata.normalize("NFKC", name))


def _forms(gold: dict[str, Any]) -> set[str]:
    return {norm(gold["name"]), *(norm(n) for n in gold.get("also", ()))}


def score_article(item: dict[str, Any], e: Enrichment, s: Scores) -> None:
    golds = item["organisations"]
    forms = [_forms(g) for g in golds]
    first: dict[int, int] = {}  # gold index -> first predicted record naming it
    names = s["names"]
    names.predicted += len(e.organisations)
    names.gold += len(golds)
    for pi, org in enumerate(e.organisations):
        hit = [gi for gi, f in enumerate(forms) if norm(org.name) in f]
        if hit:
            names.tp += 1
            for gi in hit:
                first.setdefault(gi, pi)
        else:
            s.errors.append(f"{item['id']} FP {org.name} ({org.kind})")
    assert names.tp_gold is not None
    names.tp_gold += len(first)
    s.errors += [f"{item['id']} FN {g['name']}" for gi, g in enumerate(golds) if gi not in first]
    places = s["places"]
    places.gold += sum(1 for g in golds if g.get("place"))
    for gi, pi in first.items():
        got, want = e.organisations[pi].place_code, golds[gi].get("place")
        places.predicted += got is not None
        places.tp += got is not None and got == want
        if got != want:
            s.errors.append(f"{item['id']} place {golds[gi]['name']}: got {got} want {want}")
    main = e.main_organisation
    accepted = {norm(n) for n in item["main"]}
    right = norm(main.name) in accepted if main else not accepted
    s.main_right += right
    s.articles += 1
    if not right:
        s.errors.append(f"{item['id']} main: got {main.name if main else None} want {item['main']}")


def score(items: list[dict[str, Any]]) -> Scores:
    scores = Scores()
    for item in items:
        score_article(item, enrich(article_of(item)), scores)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every error")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--set", default="all", help="score one split only: tuning, heldout")
    args = parser.parse_args()
    items = json.loads(LABELS.read_text(encoding="utf-8"))["articles"]
    report = {}
    for name, part in splits(items, args.set, parser).items():
        scores = score(part)
        rows = [t.row(m) for m, t in scores.tallies.items()]
        main_accuracy = round(scores.main_right / scores.articles, 3) if scores.articles else 1.0
        report[name] = {"articles": len(part), "scores": rows, "main": main_accuracy}
        if args.verbose and name != "all":
            print("\n".join(scores.errors))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for name, part in report.items():
        print(f"{name}: {part['articles']} articles")
        for r in part["scores"]:
            print(f"  {r['metric']:<8} P={r['precision']:.3f} R={r['recall']:.3f} (right "
                  f"{r['right']} of {r['predicted']} predicted, found {r['found']} of "
                  f"{r['gold']} labelled)")  # fmt: skip
        print(f"  main     accuracy={part['main']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
