"""Speed of `huibao.enrich` per average article, and of segmentation alone, on one core.

    .venv/bin/python benchmarks/enrich/speed.py [--truth PATH] [--rounds N] [--stages]

Bodies are the labelled bodies of the zh-extract-dev pages (../shared/benchmarks/zh-extract-dev
/truth.json by default). Also compares jieba and rjieba on the same bodies (time, and how often
their tokens agree) and times OpenCC's pure-Python t2s on them (which the stage no longer runs:
it folds Traditional characters with OpenCC's character table). `--stages` also times each
step of `enrich` in its place in the pipeline (each body's fastest run of each step).

Timings on a shared machine move by 10-30% from run to run; `--count STEPS` runs the named
steps for valgrind to count their instructions instead (load-independent), one dump per step:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \
        --toggle-collect=functools_reduce --dump-after=functools_reduce \
        --callgrind-out-file=/tmp/cg.out \
        .venv/bin/python benchmarks/enrich/speed.py --count enrich,segment,organisations --rounds 2
    .venv/bin/python benchmarks/enrich/speed.py --count enrich,segment,organisations --rounds 2 \
        --counted /tmp/cg.out.*

Steps: enrich, normalise, segment, sentences (with paragraphs), places, organisations,
outline (with initiatives), keywords, summary, figures.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jieba
import rjieba
from opencc import OpenCC

from huibao.enrich import EnrichSettings, enrich
from huibao.enrich.text import normalise, segment
from huibao.model import Article

DEFAULT_TRUTH = (
    Path(__file__).parents[3] / "shared" / "benchmarks" / "zh-extract-dev" / "truth.json"
)


def per_article_ms(
    bodies: list[str], work: Callable[[str], object], rounds: int
) -> tuple[float, float]:
    """Mean CPU milliseconds (process time, so waiting for a shared core is not counted) per
    body: in the fastest of `rounds` passes over all bodies, and with each body's own fastest
    of the `rounds` runs (steadier on a shared machine: a pass that another job's burst slowed
    no longer counts whole)."""
    for body in bodies:  # warm up (dictionaries, caches of the loaders)
        work(body)
    best_pass = float("inf")
    best_each = [float("inf")] * len(bodies)
    for _ in range(rounds):
        pass_start = time.process_time()
        for i, body in enumerate(bodies):
            start = time.process_time()
            work(body)
            best_each[i] = min(best_each[i], time.process_time() - start)
        best_pass = min(best_pass, time.process_time() - pass_start)
    return best_pass / len(bodies) * 1000, sum(best_each) / len(bodies) * 1000


def stage_ms(bodies: list[str], rounds: int, today: date) -> dict[str, float]:
    """Mean CPU milliseconds per body of each step of `enrich`, run in the order `enrich`
    runs them (so each meets the caches as it would there), each body's fastest of `rounds`.
    Mirrors huibao.enrich.api.enrich: keep the two in step. (Imported here, so that the rest
    of this script also times older code, run with PYTHONPATH pointing at an export of it.)"""
    from huibao.enrich.figures import find_figures
    from huibao.enrich.keywords import keyword_terms, summary, textrank
    from huibao.enrich.orgs import find_organisations
    from huibao.enrich.outline import find_initiatives, find_outline
    from huibao.enrich.places import find_places, main_place
    from huibao.enrich.text import paragraphs, sentences

    settings = EnrichSettings()
    best: dict[str, list[float]] = {}

    def timed(name: str, index: int, work: Callable[..., Any], *args: Any) -> Any:
        start = time.process_time()
        result = work(*args)
        spent = time.process_time() - start
        slot = best.setdefault(name, [float("inf")] * len(bodies))
        slot[index] = min(slot[index], spent)
        return result

    for _ in range(rounds + 1):  # the first round warms up
        for i, body in enumerate(bodies):
            text = timed("normalise", i, normalise, body)
            tokens = timed("segment (rjieba.tag and lists)", i, segment, text)
            spans = timed("sentences", i, sentences, text)
            blocks = timed("paragraphs", i, paragraphs, text)
            places = timed("places", i, find_places, text, body, tokens, settings.max_places)
            place = timed("main place", i, main_place, places)
            code = place.code if place else None
            timed("organisations", i, find_organisations, tokens, text, places, code)
            outline = timed("outline", i, find_outline, text, body, settings, blocks)
            lead = settings.textrank_max_terms
            terms = timed("keyword candidates", i, keyword_terms, tokens, lead)
            keywords = timed("textrank", i, textrank, terms, settings)
            args = (text, body, tokens, today, settings, spans, blocks)
            timed("figures", i, find_figures, *args)
            timed("initiatives", i, find_initiatives, text, outline, settings)
            timed("summary", i, summary, body, text, spans, tokens, keywords, settings)
    return {name: sum(times) / len(times) * 1000 for name, times in best.items()}


def count_steps(bodies: list[str], names: list[str], rounds: int, today: date) -> None:
    """Run each named step over every body `rounds` times inside one `functools.reduce` call
    (nothing else here calls it), after a warm-up, so that callgrind collecting only inside
    `functools_reduce` and dumping after it counts each step in a dump of its own. Each step
    reads the same inputs, made once per body by the steps before it in `enrich`."""
    from huibao.enrich.api import _keywords
    from huibao.enrich.figures import find_figures
    from huibao.enrich.keywords import summary
    from huibao.enrich.orgs import find_organisations
    from huibao.enrich.outline import find_initiatives, find_outline
    from huibao.enrich.places import find_places, main_place
    from huibao.enrich.text import paragraphs, sentences

    settings = EnrichSettings()
    steps: dict[str, Callable[[dict[str, Any]], object]] = {
        "enrich": lambda d: enrich(Article(body=d["body"]), today=today),
        "normalise": lambda d: normalise(d["body"]),
        "segment": lambda d: segment(d["text"]),
        "sentences": lambda d: (sentences(d["text"]), paragraphs(d["text"])),
        "places": lambda d: main_place(find_places(*d["places"])),
        "organisations": lambda d: find_organisations(*d["organisations"]),
        "outline": lambda d: find_initiatives(d["text"], find_outline(*d["outline"]), settings),
        "keywords": lambda d: _keywords(d["tokens"], settings, None),
        "summary": lambda d: summary(*d["summary"]),
        "figures": lambda d: find_figures(*d["figures"]),
    }
    inputs = []
    for body in bodies:
        text = normalise(body)
        tokens, spans, blocks = segment(text), sentences(text), paragraphs(text)
        places = find_places(text, body, tokens, settings.max_places)
        place = main_place(places)
        keywords = _keywords(tokens, settings, None)
        inputs.append({
            "body": body, "text": text, "tokens": tokens,
            "places": (text, body, tokens, settings.max_places),
            "organisations": (tokens, text, places, place.code if place else None),
            "outline": (text, body, settings, blocks),
            "summary": (body, text, spans, tokens, keywords, settings),
            "figures": (text, body, tokens, today, settings, spans, blocks),
        })  # fmt: skip
    for name in names:
        for item in inputs:  # warm-up
            steps[name](item)
    for name in names:
        work = steps[name]
        functools.reduce(lambda _, item: work(item), inputs * rounds, None)
    print(f"counted {', '.join(names)}: {rounds} x {len(bodies)} bodies each")


def read_counts(paths: list[Path], articles: int, names: list[str]) -> None:
    """Instructions per article of each step, from the callgrind dumps of `--count` (numbered
    in the order the steps ran; dumps that counted nothing, like the one at exit, are left out)."""
    totals = []
    for path in sorted(paths, key=lambda p: (len(p.name), p.name)):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        totals += [int(line.split()[1]) for line in lines if line.startswith("summary:")][:1]
    counted = [total for total in totals if total]
    for name, total in zip(names or [p.name for p in paths], counted, strict=False):
        print(f"{name:<24} {total / articles / 1e6:8.3f} million instructions per article")


def _spans(words: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for word in words:
        spans.add((pos, pos + len(word)))
        pos += len(word)
    return spans


def agreement(bodies: list[str]) -> float:
    """Share of jieba's tokens (by position) that rjieba also produces."""
    same = total = 0
    for body in bodies:
        ours, theirs = _spans(rjieba.cut(body)), _spans(jieba.lcut(body))
        same += len(ours & theirs)
        total += len(theirs)
    return same / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, default=DEFAULT_TRUTH)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stages", action="store_true", help="time each step of enrich too")
    parser.add_argument("--count", help="steps to run for callgrind (see above), comma-separated")
    parser.add_argument("--counted", type=Path, nargs="+", help="callgrind dumps of --count")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    bodies = [item["body"] for item in json.loads(args.truth.read_text(encoding="utf-8"))]
    jieba.setLogLevel(60)
    today = date(2024, 1, 1)
    names = args.count.split(",") if args.count else []
    if args.counted:  # with the --count and --rounds the dumps were made with
        read_counts(args.counted, args.rounds * len(bodies), names)
        return
    if names:
        count_steps(bodies, names, args.rounds, today)
        return
    cc = OpenCC("t2s")
    rows = {
        "enrich (all of it)": per_article_ms(
            bodies, lambda b: enrich(Article(body=b), today=today), args.rounds
        ),
        "normalise + segment (rjieba, with tags)": per_article_ms(
            bodies, lambda b: segment(normalise(b)), args.rounds
        ),
        "rjieba.tag": per_article_ms(bodies, rjieba.tag, args.rounds),
        "rjieba.cut": per_article_ms(bodies, rjieba.cut, args.rounds),
        "jieba.lcut": per_article_ms(bodies, jieba.lcut, 2),
        "opencc t2s (pure Python), every body": per_article_ms(bodies, cc.convert, 2),
    }
    chars = sum(map(len, bodies)) / len(bodies)
    print(f"{len(bodies)} bodies, {chars:.0f} characters on average, one core")
    print(f"{'ms per article':<42} {'fastest pass':>12} {'each fastest':>12}")
    for name, (whole, each) in rows.items():
        print(f"{name:<42} {whole:12.2f} {each:12.2f}")
    enrich_ms, segment_ms = (
        rows["enrich (all of it)"],
        rows["normalise + segment (rjieba, with tags)"],
    )
    print(f"enrich / segmentation alone: {enrich_ms[0] / segment_ms[0]:.1f}x (fastest pass), "
          f"{enrich_ms[1] / segment_ms[1]:.1f}x (each fastest)")  # fmt: skip
    print(f"jieba tokens that rjieba also gives: {agreement(bodies):.1%}")
    if args.stages:
        stages = stage_ms(bodies, args.rounds, today)
        print(f"{'steps of enrich, ms per article (each fastest)':<42} {'':>12} {'':>12}")
        for name, ms in stages.items():
            print(f"  {name:<40} {'':>12} {ms:12.3f}")
        print(f"  {'sum of the steps':<40} {'':>12} {sum(stages.values()):12.3f}")


if __name__ == "__main__":
    main()
