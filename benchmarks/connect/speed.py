"""Grouping speed and memory at scale: 100,000 articles placed one at a time.

    .venv/bin/python benchmarks/connect/speed.py [--articles 100000] [--block 10000] [--json]

The articles are every distinct story of the 新闻联播 corpus (about 19,000, real text) and
reprints of them with realistic edits (`corpus.py`) up to `--articles`, arriving in
published order. The grouping step is signing a body (shingles + MinHash) and placing it
(`ReprintIndex.add`: digest lookup, LSH query, checks, group and story bookkeeping). CPU
time is `time.process_time()` of this single-threaded process (the machine is shared, so
wall time is also shown); per-block times show whether placing gets slower as the index
grows (a full re-cluster per article would grow linearly). Memory is the process's peak RSS
before and after building the index (signatures of all articles are kept besides, to time
a restore: rebuilding the index from its stored entries, which `Connector` does on open).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import Text, build, stories

from huibao.config import from_env
from huibao.connect import ConnectSettings, Entry, Features, ReprintIndex, Signature


def articles(total: int, seed: int = 11) -> list[Text]:
    """`total` texts: corpus stories plus reprints, in published order."""
    originals = list(stories())
    if total * 2 < len(originals) * 5:  # 1-4 reprints each (2.5 on average) are enough
        originals, per = originals[: total * 2 // 7], 4
    else:
        per = max(1, round(2 * (total - len(originals)) / len(originals)))
    built = build(originals, per, seed)
    texts = (originals + built.reprints)[:total]
    return sorted(texts, key=lambda t: t.published)


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(texts: list[Text], block: int) -> dict[str, object]:
    index = ReprintIndex(from_env(ConnectSettings, "connect"))
    before = rss_mib()
    blocks = []
    keep: list[Signature] = []
    sign_cpu = add_cpu = 0.0
    wall = time.perf_counter()
    for start in range(0, len(texts), block):
        t0 = time.process_time()
        chunk = texts[start : start + block]
        signatures = [index.signer.sign(t.body) for t in chunk]
        keep.extend(signatures)
        t1 = time.process_time()
        for k, signature in enumerate(signatures):
            index.add(start + k, signature, Features())
        t2 = time.process_time()
        sign_cpu += t1 - t0
        add_cpu += t2 - t1
        blocks.append(round(len(chunk) / (t2 - t0)))
    wall = time.perf_counter() - wall
    cpu = sign_cpu + add_cpu
    after = rss_mib()
    restore_s = _restore(index, keep)
    groups = len({index.group_of(i) for i in range(len(texts))})
    return {
        "articles": len(texts),
        "groups": groups,
        "mean_body_chars": round(sum(len(t.body) for t in texts) / len(texts)),
        "cpu_s": round(cpu, 1),
        "wall_s": round(wall, 1),
        "articles_per_cpu_s": round(len(texts) / cpu),
        "sign_us_per_article": round(1e6 * sign_cpu / len(texts)),
        "place_us_per_article": round(1e6 * add_cpu / len(texts)),
        "articles_per_cpu_s_by_block": blocks,
        "peak_rss_mib_before": round(before),
        "peak_rss_mib_after": round(after),
        "restore_cpu_s": round(restore_s, 1),
    }


def _restore(index: ReprintIndex, signatures: list[Signature]) -> float:
    """CPU seconds to rebuild the index from its entries (what `Connector` does on open)."""
    entries = [
        Entry(i, s, Features(), index.group_of(i) or 0, index.story_of(i) or 0)
        for i, s in enumerate(signatures)
    ]
    start = time.process_time()
    ReprintIndex(index.settings).restore(entries, [])
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--block", type=int, default=10_000)
    args = parser.parse_args()
    texts = articles(args.articles)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores "
        f"(shared), python {platform.python_version()}",
        "load_average": os.getloadavg(),
        "command": "benchmarks/connect/speed.py " + " ".join(sys.argv[1:]),
        "settings": {k: v for k, v in os.environ.items() if k.startswith("HUIBAO_CONNECT_")},
        **run(texts, args.block),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
