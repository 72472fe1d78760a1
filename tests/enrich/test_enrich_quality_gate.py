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
# metric -> (precision floor, recall floor), over all 94 labelled articles (tuning and the
# heldout-4 batch together; 2026-11-29, session 4: 0.947/0.950, 0.981/0.984, 0.842/0.896,
# 0.948/0.943, 0.985/0.964)
FLOORS = {
    "figures (value+unit+subject)": (0.94, 0.94),
    "figures (value+unit)": (0.98, 0.98),
    "periods": (0.84, 0.89),
    "changes": (0.94, 0.94),
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
