"""Plan matching throughput at ingest: N plans against real articles on one core.

    .venv/bin/python benchmarks/monitor/bench_match.py [--plans 1000] [--articles 5000]

Plans are generated from real words (jieba over the corpus, skipping the 200 most common)
and real place names (admin-division tables); see `corpus.plans`. Wall-clock and CPU-time
rates are both printed: on a shared machine the CPU time of this one process is the fairer
measure of the matcher's own cost.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import place_names, plans, stories, vocabulary

from huibao.monitor.match import Matcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--min-chars", type=int, default=0, help="skip shorter stories")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the articles")
    args = parser.parse_args()
    docs = [d for d in stories() if len(d.body) >= args.min_chars][: args.articles]
    words = vocabulary(docs[:2000])
    made = plans(args.plans, words, place_names())
    started = time.perf_counter()
    matcher = Matcher(made)
    build = time.perf_counter() - started
    matches = 0
    rounds, cpu = [], []
    for _ in range(args.rounds):
        started, cpu_started = time.perf_counter(), time.process_time()
        for doc in docs:
            matches += len(matcher.match(doc))
        rounds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    chars = sum(len(d.title) + len(d.body) for d in docs)
    best = min(rounds)
    print(
        f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}"
    )
    print(f"plans: {len(made)}, articles: {len(docs)}, mean chars/article: {chars / len(docs):.0f}")
    print(f"build: {build:.2f} s; matches per article: {matches / args.rounds / len(docs):.2f}")
    print(f"chars/s (median): {chars / statistics.median(rounds):,.0f}")
    median = len(docs) / statistics.median(rounds)
    print(f"articles/s: best {len(docs) / best:,.0f}, median {median:,.0f}")
    cpu_rate = len(docs) / statistics.median(cpu)
    print(f"articles per CPU-second: best {len(docs) / min(cpu):,.0f}, median {cpu_rate:,.0f}")


if __name__ == "__main__":
    main()
