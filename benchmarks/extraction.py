"""Extraction benchmark: huibao vs trafilatura, readability-lxml and GNE on one labelled set.

Usage: python benchmarks/extraction.py DATASET_DIR [--only NAME]... [--show] [--repeat N]
       [--pages DIR] [--subset all|tune|heldout]

DATASET_DIR holds truth.json and pages/<id>.html (or the pages are in --pages DIR; the
zh-news-gne set keeps only its labels and reads the shared pages) and optionally
encodings.json and split.json ({"heldout": [ids]}, for --subset). Title accuracy is exact
match after stripping whitespace, over records that have a `title`. The metric is
exactly the one in the shared benchmarks README (see huibao.extract.evaluate). Peers are given
text already decoded with the true encoding (encodings.json, else UTF-8), which is more than
they do on their own; huibao gets the raw bytes. Times are the median CPU time (process time,
so other jobs on a shared machine disturb them less) per page in this process, one extractor
after the other; with --repeat N each page is run N times in a row and the fastest run kept.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from huibao import extract
from huibao.extract import dates
from huibao.extract.evaluate import PagePrediction, Score, body_pr, score

TZ = dates.zone("Asia/Shanghai")
Runner = Callable[[bytes, str, str], PagePrediction]


@dataclass(frozen=True, slots=True)
class Titled(PagePrediction):
    """A prediction with the title the extractor gave (None: it gives none)."""

    title: str | None = None


def run_huibao(raw: bytes, text: str, url: str) -> PagePrediction:
    a = extract(raw, url=url or None)
    return Titled(a.body, a.published, tuple(a.authors), tuple(a.editors), a.title)


def run_trafilatura(raw: bytes, text: str, url: str) -> PagePrediction:
    import trafilatura

    doc = trafilatura.bare_extraction(text, url=url or None, with_metadata=True)
    if doc is None:
        return PagePrediction("")
    body = doc.text or ""
    published = dates.parse_iso(doc.date, TZ) if doc.date else None
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Titled(body, published, authors, (), doc.title or "")


def run_readability(raw: bytes, text: str, url: str) -> PagePrediction:
    import lxml.html
    from readability import Document

    summary = Document(text).summary(html_partial=True)
    tree = lxml.html.fromstring(summary) if summary.strip() else None
    body = "\n".join(t.strip() for t in tree.itertext()) if tree is not None else ""
    return PagePrediction(body)


def run_gne(raw: bytes, text: str, url: str) -> PagePrediction:
    from gne import GeneralNewsExtractor

    try:
        result = GeneralNewsExtractor().extract(text)
    except Exception:
        return PagePrediction("")
    found = dates.find_dates(result.get("publish_time") or "", TZ)
    author = (result.get("author") or "").strip()
    return Titled(
        result.get("content", ""),
        found[0].value if found else None,
        tuple(author.split()) if author else (),
        (),
        result.get("title") or "",
    )


RUNNERS: dict[str, Runner] = {
    "huibao": run_huibao,
    "trafilatura": run_trafilatura,
    "readability-lxml": run_readability,
    "gne": run_gne,
}


def load(
    dataset: Path, pages: Path | None = None, subset: str = "all"
) -> list[tuple[dict[str, str], bytes, str]]:
    truth = json.loads((dataset / "truth.json").read_text("utf-8"))
    if subset != "all":
        heldout = set(json.loads((dataset / "split.json").read_text("utf-8"))["heldout"])
        truth = [r for r in truth if (r["id"] in heldout) == (subset == "heldout")]
    enc_path = dataset / "encodings.json"
    encodings = json.loads(enc_path.read_text("utf-8")) if enc_path.exists() else {}
    items = []
    for record in truth:
        raw = ((pages or dataset / "pages") / f"{record['id']}.html").read_bytes()
        text = raw.decode(encodings.get(record["id"], "utf-8"), errors="replace")
        items.append((record, raw, text))
    return items


def title_accuracy(
    preds: list[PagePrediction], items: list[tuple[dict[str, str], bytes, str]]
) -> str:
    """Exact title matches after stripping whitespace, or "-" where not scored."""
    pairs = [(p, r["title"]) for p, (r, _, _) in zip(preds, items, strict=True) if "title" in r]
    titled = [(p, t) for p, t in pairs if isinstance(p, Titled)]
    if not pairs or len(titled) < len(pairs):
        return "-"
    ok = sum("".join((p.title or "").split()) == "".join(t.split()) for p, t in titled)
    return f"{ok}/{len(pairs)}"


def measure(
    runner: Runner, items: list[tuple[dict[str, str], bytes, str]], repeat: int = 1
) -> tuple[Score, float, list[PagePrediction]]:
    """Score and median CPU ms per page; each page is run `repeat` times, the fastest counts."""
    times, preds = [], []
    for record, raw, text in items:
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pred = runner(raw, text, record.get("url", ""))
            best = min(best, (time.process_time() - start) * 1000)
        times.append(best)
        preds.append(pred)
    result = score(zip(preds, (r for r, _, _ in items), strict=True))
    return result, statistics.median(times), preds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--only", action="append", choices=sorted(RUNNERS))
    parser.add_argument("--show", action="store_true", help="per-page huibao scores")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per page and extractor; the fastest counts"
    )
    parser.add_argument("--pages", type=Path, help="folder of <id>.html (default DATASET/pages)")
    parser.add_argument(
        "--subset", choices=("all", "tune", "heldout"), default="all", help="pages of split.json"
    )
    args = parser.parse_args(argv)
    items = load(args.dataset, args.pages, args.subset)
    names = args.only or list(RUNNERS)
    print(f"{args.dataset.name}: {len(items)} pages ({args.subset})")
    print(
        f"{'extractor':<18} {'P':>6} {'R':>6} {'F1':>6} {'dates':>7} {'authors':>8} {'ms/page':>8}"
        f" {'titles':>7}"
    )
    measured = {}
    for name in names:
        result, ms, preds = measured[name] = measure(RUNNERS[name], items, max(1, args.repeat))
        print(
            f"{name:<18} {result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f} "
            f"{result.dates_correct:>3}/{result.dates_total:<3} "
            f"{result.authors_correct:>3}/{result.authors_total:<4} {ms:8.1f}"
            f" {title_accuracy(preds, items):>7}"
        )
        if args.show and name == "huibao":
            for (record, _, _), pred in zip(items, preds, strict=True):
                p, r = body_pr(pred.body, record["body"])
                print(
                    f"  {record['id'][:8]} P={p:.2f} R={r:.2f} date={pred.published} "
                    f"truth={record['date']!r} authors={list(pred.authors)}/{list(pred.editors)} "
                    f"truth={record['author']!r}"
                )
                if "title" in record and isinstance(pred, Titled):
                    print(f"           title={pred.title!r} truth={record['title']!r}")
    if "huibao" in measured and "readability-lxml" in measured:
        ratio = measured["huibao"][1] / measured["readability-lxml"][1]
        print(f"huibao / readability-lxml median time: {ratio:.2f} (target <= 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
