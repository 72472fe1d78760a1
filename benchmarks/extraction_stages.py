"""Where huibao's extraction time goes: median CPU ms per stage over one labelled set.

Usage: python benchmarks/extraction_stages.py DATASET_DIR [--repeat N] [--slowest K]

Wraps the stage functions that `huibao.extract.api` calls (decoding, parsing, cleaning,
scoring, body blocks, page lines, title, date, people, pagination) with CPU-time counters and
prints, per stage, the median and the mean over the pages, then the K slowest pages. Each page
is extracted `--repeat` times and its fastest run kept, which filters out the noise of a shared
machine. Not a test: a tool for finding what to make faster.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from huibao import extract
from huibao.extract import api

STAGES = (
    "_decode",
    "parse",
    "read_head",
    "clean",
    "Page",
    "choose_nodes",
    "page_text",
    "_body_blocks",
    "_images",
    "_title",
    "_published",
    "_people",
    "_channel",
    "next_pages",
    "_body_span",
    "_header_lines",
    "_after_title",
    "_language",
    "Article",
)


def instrument(counters: dict[str, float]) -> None:
    """Replace each stage in `huibao.extract.api` by a timed wrapper adding to `counters`."""
    for name in STAGES:
        original = getattr(api, name, None)
        if original is None:
            continue

        def timed(
            *args: Any, _f: Callable[..., Any] = original, _n: str = name, **kwargs: Any
        ) -> Any:
            start = time.process_time()
            try:
                return _f(*args, **kwargs)
            finally:
                counters[_n] += time.process_time() - start

        setattr(api, name, timed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slowest", type=int, default=8)
    args = parser.parse_args(argv)
    truth = json.loads((args.dataset / "truth.json").read_text("utf-8"))
    counters: dict[str, float] = defaultdict(float)
    instrument(counters)
    per_stage: dict[str, list[float]] = defaultdict(list)
    totals: list[tuple[float, str]] = []
    for record in truth:
        raw = (args.dataset / "pages" / f"{record['id']}.html").read_bytes()
        best: dict[str, float] | None = None
        best_total = float("inf")
        for _ in range(args.repeat):
            counters.clear()
            start = time.process_time()
            extract(raw, url=record.get("url") or None)
            total = time.process_time() - start
            if total < best_total:
                best_total, best = total, dict(counters)
        assert best is not None
        for name in (*STAGES, "total"):
            value = best_total if name == "total" else best.get(name, 0.0)
            per_stage[name].append(value * 1000)
        totals.append((best_total * 1000, record["id"]))
    print(f"{args.dataset.name}: {len(truth)} pages, fastest of {args.repeat} runs each")
    print(f"{'stage':<14} {'median ms':>10} {'mean ms':>9}")
    for name, values in per_stage.items():
        print(f"{name:<14} {statistics.median(values):10.2f} {statistics.mean(values):9.2f}")
    print(
        "slowest pages:", ", ".join(f"{i[:8]} {t:.1f}" for t, i in sorted(totals)[-args.slowest :])
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
