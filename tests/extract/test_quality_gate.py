"""Quality floors on the labelled sets (like trafilatura's eval gate).

A change that loses extraction quality fails CI. Floors sit just under what the extractor
scores today (see docs/benchmarks.md); raise them when it improves.
"""

from __future__ import annotations

import json
from pathlib import Path

from huibao import extract
from huibao.extract.evaluate import PagePrediction, Score, score
from tests.conftest import shared_path

# authors 18 since the blog author links of session 6 (17 before)
ZH_FLOORS = {"f1": 0.95, "dates": 23, "authors": 18}
EN_FLOORS = {"f1": 0.95}


def _score(dataset: Path) -> Score:
    truth = json.loads((dataset / "truth.json").read_text("utf-8"))
    pairs = []
    for record in truth:
        raw = (dataset / "pages" / f"{record['id']}.html").read_bytes()
        a = extract(raw, url=record.get("url") or None)
        pairs.append(
            (PagePrediction(a.body, a.published, tuple(a.authors), tuple(a.editors)), record)
        )
    return score(pairs)


def test_zh_dev_floors() -> None:
    result = _score(shared_path("benchmarks", "zh-extract-dev"))
    assert result.dates_total == 26
    assert result.authors_total == 21
    assert result.f1 >= ZH_FLOORS["f1"], result
    assert result.dates_correct >= ZH_FLOORS["dates"], result
    assert result.authors_correct >= ZH_FLOORS["authors"], result


def test_en_floor() -> None:
    result = _score(shared_path("benchmarks", "article-extraction-en"))
    assert result.f1 >= EN_FLOORS["f1"], result
