"""Did a change to the extractor change any output? Dump, then compare two dumps.

Usage:
    python benchmarks/extract_compare.py dump OUT.json
    python benchmarks/extract_compare.py diff BEFORE.json AFTER.json

`dump` writes `Article.to_dict()` of every labelled page (zh-extract-dev, article-extraction-en,
the zh-news-gne labels' pages) and of every page under `../shared/pages/` and the extraction
test fixtures, keyed by set and file name. Run it once with `PYTHONPATH` pointing at an export
of the code before a change and once with the working tree, then `diff` prints every field that
differs and the count. Not a test: a tool for speed work, where output must not move.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from huibao import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LABELLED_SETS = ("zh-extract-dev", "article-extraction-en")
PAGE_DIRS = (SHARED / "pages", ROOT / "tests/fixtures/pages")


def dump() -> dict[str, Any]:
    """Every page's extraction, keyed by set/file."""
    out: dict[str, Any] = {}
    for name in LABELLED_SETS:
        dataset = SHARED / "benchmarks" / name
        pages = dataset / "pages"
        for record in json.loads((dataset / "truth.json").read_text("utf-8")):
            raw = (pages / f"{record['id']}.html").read_bytes()
            article = extract(raw, url=record.get("url") or None)
            out[f"{dataset.name}/{record['id']}"] = article.to_dict()
    for folder in PAGE_DIRS:
        for path in sorted(folder.rglob("*.html")):
            out[f"{folder.name}/{path.relative_to(folder)}"] = extract(path.read_bytes()).to_dict()
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> int:
    """Print each differing field; return the number of differences."""
    count = 0
    for key in sorted(set(before) | set(after)):
        if key not in before or key not in after:
            print("only in one:", key)
            count += 1
            continue
        for name in sorted(set(before[key]) | set(after[key])):
            old, new = before[key].get(name), after[key].get(name)
            if old != new:
                count += 1
                print(key, name, repr(old)[:300], "->", repr(new)[:300])
    print(f"differences: {count}, pages: {len(before)} before, {len(after)} after")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    compare = sub.add_parser("diff")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        data = dump()
        text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True, default=str)
        args.out.write_text(text, "utf-8")
        print(len(data), "pages")
        return 0
    before = json.loads(args.before.read_text("utf-8"))
    return 1 if diff(before, json.loads(args.after.read_text("utf-8"))) else 0


if __name__ == "__main__":
    sys.exit(main())
