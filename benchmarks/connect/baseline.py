"""LSH grouping against a brute-force pairwise baseline on a 5,000-article sample.

    .venv/bin/python benchmarks/connect/baseline.py [--articles 5000]

The sample is the first `--articles` texts of `speed.py`'s set (real stories and reprints
with realistic edits, in published order). The baseline compares every pair of signatures
with the same decision the index uses (`is_reprint`: digest, estimated Jaccard or
containment), so any pair it finds that the index does not is a pair the LSH candidate
step lost. Both are also scored against the labels.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from speed import articles

from huibao.config import from_env
from huibao.connect import ConnectSettings, Features, ReprintIndex
from huibao.connect.shingles import Signature


def _pairs(group_of: list[int]) -> set[tuple[int, int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(group_of):
        groups[g].append(i)
    return {p for members in groups.values() for p in combinations(members, 2)}


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def brute_force(signatures: list[Signature], settings: ConnectSettings) -> list[int]:
    """Groups from comparing every pair (vectorised per row), joined transitively."""
    values = np.stack([s.values for s in signatures])
    sizes = np.array([s.size for s in signatures])
    parent = list(range(len(signatures)))
    first = {signatures[0].digest: 0} if signatures and signatures[0].digest else {}
    for i in range(1, len(signatures)):
        similarity = (values[:i] == values[i]).mean(axis=1)
        small = np.minimum(sizes[:i], sizes[i])
        contained = similarity * (sizes[:i] + sizes[i]) / (1 + similarity) / np.maximum(small, 1)
        part = (similarity >= settings.containment_min_jaccard) & (
            contained >= settings.containment_threshold
        )
        near = (small >= settings.min_shingles) & (
            (similarity >= settings.jaccard_threshold) | part
        )
        same = [first[signatures[i].digest]] if signatures[i].digest in first else []
        first.setdefault(signatures[i].digest, i)
        for j in [*np.flatnonzero(near).tolist(), *same]:
            parent[_find(parent, j)] = _find(parent, i)
    return [_find(parent, i) for i in range(len(signatures))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    texts = articles(args.articles * 5)[: args.articles]
    index = ReprintIndex(from_env(ConnectSettings, "connect"))
    signatures = [index.signer.sign(t.body) for t in texts]
    start = time.process_time()
    for i, s in enumerate(signatures):
        index.add(i, s, Features())
    lsh_s = time.process_time() - start
    start = time.process_time()
    baseline = brute_force(signatures, index.settings)
    brute_s = time.process_time() - start
    lsh = _pairs([index.group_of(i) or 0 for i in range(len(texts))])
    brute = _pairs(baseline)
    label_ids = {label: n for n, label in enumerate(sorted({t.label for t in texts}))}
    truth = _pairs([label_ids[t.label] for t in texts])
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()} python {platform.python_version()}",
        "command": "benchmarks/connect/baseline.py " + " ".join(sys.argv[1:]),
        "settings": {k: v for k, v in os.environ.items() if k.startswith("HUIBAO_CONNECT_")},
        "articles": len(texts),
        "true_pairs": len(truth),
        "brute_force_pairs": len(brute),
        "lsh_pairs": len(lsh),
        "lsh_recall_of_brute_force_pairs": len(lsh & brute) / len(brute) if brute else 1.0,
        "lsh_pairs_not_in_brute_force": len(lsh - brute),
        "brute_force_precision": len(brute & truth) / len(brute) if brute else 1.0,
        "brute_force_recall": len(brute & truth) / len(truth) if truth else 1.0,
        "lsh_precision": len(lsh & truth) / len(lsh) if lsh else 1.0,
        "lsh_recall": len(lsh & truth) / len(truth) if truth else 1.0,
        "lsh_cpu_s": round(lsh_s, 2),
        "brute_force_cpu_s": round(brute_s, 2),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
