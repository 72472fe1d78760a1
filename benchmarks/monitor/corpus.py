"""Real article text for monitor benchmarks: the 新闻联播 transcripts in /work/shared/corpora.

Each `### ` heading in a day's file starts one story; its paragraphs (HTML tags removed) are
the body. About 18,000-20,000 stories over 1,423 days.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from huibao.monitor.document import Document
from huibao.monitor.plan import Plan

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "xinwen-lianbo"
DIVISIONS = Path(__file__).resolve().parents[3] / "shared" / "data" / "admin-divisions"
TAG = re.compile(r"<[^>]+>")


def stories(limit: int | None = None) -> Iterator[Document]:
    """Stories as documents: title, body, source 央视网, published on the file's day."""
    count = 0
    for path in sorted(CORPUS.glob("*.md")):
        day = datetime.strptime(path.stem, "%Y%m%d").replace(hour=11, tzinfo=UTC)
        text = path.read_text(encoding="utf-8")
        _, _, details = text.partition("## 详细新闻")
        for chunk in details.split("\n### ")[1:]:
            title, _, rest = chunk.partition("\n")
            body = "\n".join(p.strip() for p in TAG.sub("", rest).splitlines() if p.strip())
            if body:
                yield Document(title=title.strip(), body=body, source="央视网", published=day)
                count += 1
                if limit is not None and count >= limit:
                    return


def place_names() -> list[str]:
    """City and county names from the admin-division tables (市辖区 left out)."""
    names = []
    for table in ("cities.csv", "areas.csv"):
        with open(DIVISIONS / table, encoding="utf-8") as handle:
            names.extend(row["name"] for row in csv.DictReader(handle))
    return [n for n in names if n != "市辖区"]


def vocabulary(docs: list[Document], size: int = 6_000) -> list[str]:
    """Frequent 2-4 character words of the corpus (jieba), skipping the 200 most common."""
    import jieba

    jieba.setLogLevel(60)
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(w for w in jieba.cut(doc.body) if 2 <= len(w) <= 4 and w.isalpha())
    return [w for w, _ in counts.most_common(size + 200)[200:]]


def plans(count: int, words: list[str], places: list[str], seed: int = 7) -> list[Plan]:
    """`count` plans: three in four use the four-list form, the rest the query language."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        if i % 4 == 3:
            a, b, c, d = rng.sample(words, 4)
            out.append(Plan(f"q{i}", query=f"({a} | {b}) {c} NEAR/20 {d} -{rng.choice(words)}"))
            continue
        out.append(
            Plan(
                f"p{i}",
                places=tuple(rng.sample(places, rng.randint(0, 3))),
                subjects=tuple(rng.sample(words, rng.randint(1, 4))),
                events=tuple(rng.sample(words, rng.randint(1, 5))),
                exclusions=tuple(rng.sample(words, rng.randint(0, 2))),
            )
        )
    return out
