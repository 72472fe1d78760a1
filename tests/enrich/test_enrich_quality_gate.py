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
# metric -> (precision floor, recall floor), over all 122 labelled articles: the 107 tuning
# ones (heldout-5 included since session 5) and the blind batch heldout-6 (15). Session 5, H1's
# final rules, 2026-11-29 12:33 UTC: 0.918/0.928, 0.972/0.982, 0.851/0.909, 0.948/0.939,
# 0.980/0.983. Three floors were lowered then, and only because heldout-6 joined the set: it
# scores 0.723/0.736 (subjects), 0.904/0.920 (value + unit) and 0.765/0.684 (changes) blind,
# while the 107 older articles rose (subjects 0.923/0.936 -> 0.953/0.962, value + unit
# 0.980/0.993 -> 0.984/0.993, changes 0.957/0.939 -> 0.962/0.962).
FLOORS = {
    "figures (value+unit+subject)": (0.91, 0.92),
    "figures (value+unit)": (0.97, 0.98),
    "periods": (0.82, 0.83),
    "changes": (0.94, 0.93),
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
