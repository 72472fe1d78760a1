"""Story linking on real news: which different texts the index puts into one story.

    .venv/bin/python benchmarks/connect/linking.py [--days 14]

Not a scored benchmark (there are no story labels): the 新闻联播 stories of `--days`
consecutive days are enriched (keywords, places, organisations) and placed in published
order; every "related" link (a new text joining an existing story) is listed with the
story's first title, for a person to judge. Reprints are left out, so every multi-article
story here comes from story linking alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import stories

from huibao.config import from_env
from huibao.connect import ConnectSettings, ReprintIndex, features_of
from huibao.enrich import enrich
from huibao.model import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=14)
    args = parser.parse_args()
    texts = list(stories(args.days))
    index = ReprintIndex(from_env(ConnectSettings, "connect"))
    titles: dict[int, list[str]] = defaultdict(list)
    for n, t in enumerate(texts):
        article = Article(title=t.title, body=t.body, paragraphs=list(t.paragraphs))
        placement = index.add(
            n, index.signer.sign(t.body), features_of(enrich(article), t.published)
        )
        titles[placement.story_id].append(f"{t.key} {t.title}")
    linked = {k: v for k, v in titles.items() if len(v) > 1}
    print(
        json.dumps(
            {
                "command": "benchmarks/connect/linking.py " + " ".join(sys.argv[1:]),
                "texts": len(texts),
                "stories": len(titles),
                "stories_with_several_texts": len(linked),
                "linked": list(linked.values()),
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
