"""Quality floors on the hand-labelled set (benchmarks/enrich/labels.json), like extract's gate.

A change that loses quality fails here; raise a floor when quality rises for good.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCORE = Path(__file__).parents[2] / "benchmarks" / "enrich" / "score.py"
# metric -> (precision floor, recall floor), over all 107 labelled articles (the 94 tuning ones
# and the heldout-5 batch together; 2026-11-29, session 4, H4's final rules: 0.923/0.936,
# 0.980/0.993, 0.824/0.836, 0.957/0.939, 0.987/0.961)
FLOORS = {
    "figures (value+unit+subject)": (0.92, 0.93),
    "figures (value+unit)": (0.97, 0.99),
    "periods": (0.82, 0.83),
    "changes": (0.95, 0.93),
    "places": (0.98, 0.96),
}


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("enrich_score", SCORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, float]]:
    module = _score_module()
    items = json.loads(module.LABELS.read_text(encoding="utf-8"))["articles"]
    assert len(items) >= 40
    scores = module.score(items)
    return {name: tally.row(name) for name, tally in scores.tallies.items()}


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(rows: dict[str, dict[str, float]], metric: str) -> None:
    precision, recall = FLOORS[metric]
    assert rows[metric]["precision"] >= precision, rows[metric]
    assert rows[metric]["recall"] >= recall, rows[metric]
