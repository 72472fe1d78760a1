"""`huibao report --check`: every cited span found again in the stored raw page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huibao.report import ReportError, check_citations, load_citations
from huibao.report.model import ReportData
from huibao.store import Store


def test_every_citation_of_the_seed_report_verifies(
    seed_report: ReportData, sample_store: Store
) -> None:
    cites = seed_report.to_dict()["citations"]
    assert cites
    results = check_citations(sample_store, cites)
    assert [r.status for r in results] == ["ok"] * len(cites)


def test_tampered_citations_are_caught(seed_report: ReportData, sample_store: Store) -> None:
    cite = seed_report.to_dict()["citations"][0]
    changed = {**cite, "text": cite["text"].replace("4321", "9999")}
    shifted = {**cite, "start": cite["start"] + 3, "end": cite["end"] + 3}
    missing = {**cite, "article_id": 999_999}
    broken = {"article_id": "x"}
    results = check_citations(sample_store, [changed, shifted, missing, broken])
    assert [r.status for r in results] == ["changed", "moved", "no-article", "changed"]
    assert not any(r.good for r in results[::2])


def test_load_citations_needs_a_report_json(tmp_path: Path) -> None:
    bad = tmp_path / "r.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(ReportError, match="not a readable"):
        load_citations(bad)
    bad.write_text(json.dumps({"title": "x"}), "utf-8")
    with pytest.raises(ReportError, match="no citations"):
        load_citations(bad)
