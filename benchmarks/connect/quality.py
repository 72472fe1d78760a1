"""Reprint detection quality on a labelled set: pair precision/recall and altered figures.

    .venv/bin/python benchmarks/connect/quality.py [--days 120] [--figures 300] [--json]

The labelled set:
- the sample network's reachable articles, fetched from its servers on 127.0.0.1 and
  extracted (reprints share `ExpectedArticle.story`; the GNE pages gne-thepaper-2 and -4 are
  one real article, same title, date and text, and are labelled as one);
- the 新闻联播 stories of the first `--days` days of the corpus (distinct texts; daily
  formats such as 疫情通报 and 联播快讯 are the same-topic non-reprints), plus 1-3 reprints
  of every story of at least 100 characters, each with 1-3 random realistic edits
  (`corpus.py`).
Pairs: every two articles with one label are a true pair; a predicted pair is two articles in
one predicted reprint group. Altered figures: for reprints whose changed number survived the
other edits, the alterations (enrich on both texts) must name the old and the new number.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import unicodedata
import urllib.request
from collections import Counter, defaultdict
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np
from corpus import Text, build, stories

from huibao.config import from_env
from huibao.connect import ConnectSettings, Features, ReprintIndex, alterations
from huibao.connect.shingles import normalise
from huibao.enrich import enrich
from huibao.model import Article

SAME_ARTICLE = {"gne-thepaper-4.html": "gne-thepaper-2.html"}


def _read(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), dict(response.headers.items())


def sample_network() -> list[Text]:
    """The sample network's reachable articles as labelled texts."""
    from huibao.discover.steps import stitch
    from huibao.extract import extract
    from huibao.samplenet import serve

    texts = []
    with serve() as net:
        for name, outlet in net.outlets.items():
            for k, expected in enumerate(outlet.articles):
                if not expected.reachable:
                    continue
                pages = [extract(*_page(u)) for u in expected.pages or (expected.url,)]
                article = (
                    stitch(pages[0], pages[1:], expected.pages[1:]) if len(pages) > 1 else pages[0]
                )
                label = SAME_ARTICLE.get(expected.story, expected.story)
                texts.append(
                    Text(
                        f"net/{name}/{k}",
                        f"net/{label}",
                        article.title,
                        tuple(article.paragraphs),
                        expected.published,
                        outlet=name,
                    )
                )
    return texts


def _page(url: str) -> tuple[bytes, str, dict[str, str]]:
    data, headers = _read(url)
    return data, url, headers


def pairs(groups: dict[str, list[int]]) -> set[tuple[int, int]]:
    return {p for members in groups.values() for p in combinations(sorted(members), 2)}


def hard_negatives(texts: list[Text], floor: float = 0.3) -> int:
    """Pairs of different texts whose estimated Jaccard is at least `floor` (the LSH
    threshold): the same-topic non-reprints that reach the reprint test."""
    index = ReprintIndex()
    values = np.stack([index.signer.sign(t.body).values for t in texts])
    labels = np.array([t.label for t in texts])
    count = 0
    for i in range(1, len(texts)):
        close = (values[:i] == values[i]).mean(axis=1) >= floor
        count += int(np.count_nonzero(close & (labels[:i] != labels[i])))
    return count


def group(texts: list[Text]) -> tuple[dict[int, int], float]:
    """Predicted group of each text (arrival in published order); seconds spent."""
    index = ReprintIndex(from_env(ConnectSettings, "connect"))
    order = sorted(range(len(texts)), key=lambda i: texts[i].published)
    start = time.process_time()
    for i in order:
        index.add(i, index.signer.sign(texts[i].body), Features())
    spent = time.process_time() - start
    return {i: index.group_of(i) or 0 for i in range(len(texts))}, spent


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _survived(t: Text) -> bool:
    """Whether the changed number is still in the reprint (a trimmed ending may drop it)."""
    return bool(t.number_at) and normalise(t.number_at, 100) in normalise(t.body, 10**6)


def figures_found(texts: list[Text], by_key: dict[str, int], limit: int) -> dict[str, int]:
    """How many changed numbers the alterations name (and spurious number changes)."""
    found = checked = spurious = clean = 0
    misses: list[str] = []
    changed = [t for t in texts if t.number and _survived(t)][:limit]
    unchanged = [t for t in texts if "/r" in t.key and not t.number][: limit // 3]
    originals = {t.key: t for t in texts}
    cache: dict[str, object] = {}

    def facts(t: Text) -> tuple[int, Article, object]:
        article = Article(title=t.title, body=t.body, paragraphs=list(t.paragraphs))
        if t.key not in cache:
            cache[t.key] = enrich(article)
        return by_key[t.key], article, cache[t.key]

    for t in changed + unchanged:
        diff = alterations(facts(originals[t.label]), facts(t))  # type: ignore[arg-type]
        named = [
            (_nfkc(f.before + " " + f.subject), _nfkc(f.after + " " + f.subject_after))
            for f in diff.figures
            if f.kind in {"value", "unit", "subject", "number"}
        ]
        if t.number:
            checked += 1
            old, new = t.number
            hit = any(old in a and new in b for a, b in named)
            found += hit
            if not hit:
                misses.append(f"{t.key} {t.edits} {old}->{new}: {named[:4]}")
        else:
            clean += 1
            spurious += bool(named)
    return {
        "checked": checked,
        "found": found,
        "unchanged_checked": clean,
        "unchanged_with_figure_changes": spurious,
        "misses": misses[:10],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--figures", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    net = sample_network()
    originals = list(stories(args.days))
    long = [t for t in originals if len(t.body) >= 100]
    built = build(long, 3)
    texts = net + originals + built.reprints
    by_key = {t.key: i for i, t in enumerate(texts)}
    predicted, spent = group(texts)
    truth_groups: dict[str, list[int]] = defaultdict(list)
    pred_groups: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(texts):
        truth_groups[t.label].append(i)
        pred_groups[str(predicted[i])].append(i)
    truth, pred = pairs(truth_groups), pairs(pred_groups)
    hit = truth & pred
    by_edit: Counter[str] = Counter()
    missed_edit: Counter[str] = Counter()
    for t in built.reprints:
        for e in t.edits:
            by_edit[e] += 1
            missed_edit[e] += predicted[by_key[t.key]] != predicted[by_key[t.label]]
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()} python {platform.python_version()}",
        "command": "benchmarks/connect/quality.py " + " ".join(sys.argv[1:]),
        "settings": {k: v for k, v in os.environ.items() if k.startswith("HUIBAO_CONNECT_")},
        "texts": len(texts),
        "sample_network": len(net),
        "corpus_stories": len(originals),
        "built_reprints": len(built.reprints),
        "true_pairs": len(truth),
        "predicted_pairs": len(pred),
        "non_reprint_pairs_above_lsh_threshold": hard_negatives(texts),
        "precision": len(hit) / len(pred) if pred else 1.0,
        "recall": len(hit) / len(truth) if truth else 1.0,
        "net_recall": _recall(truth, pred, range(len(net))),
        "recall_by_edit": {e: 1 - missed_edit[e] / n for e, n in sorted(by_edit.items())},
        "grouping_cpu_s": round(spent, 2),
        "figures": figures_found(texts, by_key, args.figures),
        "false_pairs_sample": _examples(pred - truth, texts),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


def _recall(truth: set[tuple[int, int]], pred: set[tuple[int, int]], among: range) -> float:
    mine = {p for p in truth if p[0] in among and p[1] in among}
    return len(mine & pred) / len(mine) if mine else 1.0


def _examples(wrong: set[tuple[int, int]], texts: list[Text]) -> list[list[str]]:
    return [
        [texts[a].key + " " + texts[a].title, texts[b].key + " " + texts[b].title]
        for a, b in sorted(wrong)[:10]
    ]


if __name__ == "__main__":
    main()
