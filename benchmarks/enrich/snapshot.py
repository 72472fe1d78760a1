"""Snapshot of `huibao.enrich` output, to check that a speed change leaves results identical.

    .venv/bin/python benchmarks/enrich/snapshot.py dump OUT.json [--truth PATH] [--labels PATH]
        [--extra FILE ...]
    .venv/bin/python benchmarks/enrich/snapshot.py compare BEFORE.json AFTER.json [--ignore F ...]

`dump` enriches the bodies `speed.py` times (the zh-extract-dev label bodies, no date, today
2024-01-01), the hand-labelled articles of labels.json (with their dates; `--labels` reads a
pinned copy while others edit the file), the seed page,
and Traditional copies of a few labelled articles (so the Traditional folding is exercised),
and writes per text: the tokens (words, offsets, tags), the keyword candidates, the
enrichment (`Enrichment.to_dict()`) and the keywords and summary again with TF-IDF against
corpus statistics built from all the texts. `--extra` adds more texts: each line's "content" or
"body" of a .jsonl file, or a whole file otherwise (../shared/corpora: 新闻联播 transcripts, the
State Council work reports), undated. `compare` lists every text and field that differ
(`--ignore figures` leaves out fields another change is known to alter).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from opencc import OpenCC

from huibao.enrich import CorpusStats, EnrichSettings, enrich, keyword_terms
from huibao.enrich.text import normalise, segment
from huibao.model import Article

HERE = Path(__file__).parent
DEFAULT_TRUTH = HERE.parents[2] / "shared" / "benchmarks" / "zh-extract-dev" / "truth.json"
SEED = HERE.parents[1] / "tests" / "fixtures" / "enrich" / "seed-page.txt"
TODAY = date(2024, 1, 1)
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Labelled articles also enriched in a Traditional copy (every fifth one).
TRADITIONAL_EVERY = 5


def _extra(paths: list[Path]) -> list[tuple[str, Article]]:
    texts = []
    for path in paths:
        if path.suffix != ".jsonl":
            texts.append((f"extra:{path.name}", Article(body=path.read_text(encoding="utf-8"))))
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            item = json.loads(line)
            body = item.get("content") or item.get("body") or ""
            texts.append((f"extra:{path.name}:{number}", Article(body=body)))
    return texts


def _texts(truth: Path, labels_path: Path) -> list[tuple[str, Article]]:
    texts = [
        (f"dev:{item['id']}", Article(body=item["body"]))
        for item in json.loads(truth.read_text(encoding="utf-8"))
    ]
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["articles"]
    for number, item in enumerate(labels):
        published = datetime.fromisoformat(item["published"]).replace(tzinfo=SHANGHAI)
        article = Article(title=item.get("title", ""), published=published, body=item["body"])
        texts.append((f"label:{number}", article))
    texts.append(("seed", Article(body=SEED.read_text(encoding="utf-8"))))
    s2t = OpenCC("s2t")
    for name, article in texts[len(texts) - len(labels) - 1 : -1 : TRADITIONAL_EVERY]:
        copy = Article(body=s2t.convert(article.body), published=article.published)
        texts.append((f"traditional:{name}", copy))
    return texts


def dump(truth: Path, labels: Path, extra: list[Path]) -> dict[str, Any]:
    texts = _texts(truth, labels) + _extra(extra)
    stats = CorpusStats.from_documents(
        keyword_terms(segment(normalise(a.body[: EnrichSettings().max_chars]))) for _, a in texts
    )
    out: dict[str, Any] = {}
    for name, article in texts:
        tokens = segment(normalise(article.body[: EnrichSettings().max_chars]))
        with_stats = enrich(article, stats=stats, today=TODAY)
        out[name] = {
            "tokens": [tokens.words, tokens.starts, tokens.ends, tokens.tags],
            "keyword_terms": keyword_terms(tokens),
            **enrich(article, today=TODAY).to_dict(),
            "tfidf_keywords": [[k.word, k.weight] for k in with_stats.keywords],
            "tfidf_summary": with_stats.summary,
        }
    return out


def compare(before: dict[str, Any], after: dict[str, Any], ignore: set[str]) -> int:
    differences = 0
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None or new is None:
            print(f"{name}: only in {'after' if old is None else 'before'}")
            differences += 1
            continue
        for field in sorted((set(old) | set(new)) - ignore):
            if old.get(field) != new.get(field):
                print(f"{name}: {field} differs")
                differences += 1
    print(f"{len(before)} texts before, {len(after)} after, {differences} differences"
          + (f" (ignoring {', '.join(sorted(ignore))})" if ignore else ""))  # fmt: skip
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dumping = sub.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--truth", type=Path, default=DEFAULT_TRUTH)
    dumping.add_argument(
        "--labels",
        type=Path,
        default=HERE / "labels.json",
        help="labelled articles (pin a copy while others edit the file)",
    )
    dumping.add_argument(
        "--extra",
        type=Path,
        nargs="*",
        default=[],
        help="more texts: .jsonl (content or body per line), or whole files",
    )
    comparing = sub.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    comparing.add_argument("--ignore", nargs="*", default=[])
    args = parser.parse_args()
    if args.command == "dump":
        data = dump(args.truth, args.labels, args.extra)
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(data)} texts written to {args.out}")
        return 0
    read = [json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after)]
    return compare(read[0], read[1], set(args.ignore))


if __name__ == "__main__":
    sys.exit(main())
