"""With the connect stage run, stories and alterations come from it and cite the reprint."""

from __future__ import annotations

import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from huibao.report import ReportRequest, check_citations, make_report, parse_period
from huibao.report.build import NOTE_GROUPED
from huibao.store import Store

from .conftest import NOW, SEED_WEEK

stories = pytest.importorskip("huibao.store.stories")


@pytest.mark.slow
def test_connect_stories_and_alterations(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "connected.db"
    shutil.copy(sample_db, db)
    with Store.open(db) as store:
        stories.Connector(store).ingest_pending()
        data = make_report(store, ReportRequest("weekly", parse_period(SEED_WEEK)), NOW)
        assert NOTE_GROUPED not in data.notes
        assert data.stories[0].id.startswith("s") and data.stories[0].articles >= 2
        assert data.alterations
        kinds = {a.kind for a in data.alterations}
        assert "标题改动" in kinds
        cited = [a for a in data.alterations if a.cite is not None]
        assert cited
        results = check_citations(store, [asdict(a.cite) for a in cited if a.cite])
        assert all(r.good for r in results), results
